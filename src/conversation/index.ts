import type { Answer, Engine, Intent, Review } from '../engine/types';

/**
 * The conversation rules, one decision for every surface (Slack, the console, the CLI): is a message a question, a
 * follow-up, a snippet to review, small talk, or nothing to answer? Surfaces only say where the message was and what
 * the thread remembers; they render the reply this returns. Pure apart from calling the engine.
 */

/** Where a message was written. */
export type Place =
  /** A top-level channel message (answered without a mention only where the channel is set to `all`). */
  | 'channel'
  /** A message in a channel thread. */
  | 'thread'
  /** A direct message, or the app's Messages tab / assistant panel. */
  | 'dm'
  /** The local console. */
  | 'console'
  /** `/integration …` or `integration-bot ask`: asked on purpose, answered privately. */
  | 'command';

export interface Turn {
  /** The message text, the bot's own mention removed. */
  text: string;
  place: Place;
  /** The bot was addressed: a mention, a DM, the command, the console. */
  addressed: boolean;
  /** The thread's earlier question, when the bot answered in this thread (or the console's previous question). */
  previous?: string;
  /** The message @-mentions another person: a conversation between people. */
  mentionsOthers?: boolean;
}

/** What to do with a turn; `anchor` is what the thread should remember as its question afterwards. */
export type Reply =
  | { kind: 'nothing'; reason: string }
  | { kind: 'help' }
  | { kind: 'snippet'; review: Review }
  | { kind: 'chitchat'; text: string | null }
  | { kind: 'question'; answer: Answer; anchor: string }
  | { kind: 'follow-up'; answer: Answer; previous: string; anchor: string };

/** The one line small talk gets where a reply is due (a DM, the console): friendly, and never an earlier answer. */
export const chitchatReply = 'Happy to help. Ask me how your Mendix app should integrate with another system, or type help for examples.';
/** Thanks after an answer needs no pitch of what the bot can do: the person just saw it. */
export const chitchatAfterAnswer = 'Happy to help.';

/** Intents worth answering unasked, in a channel set to answer every question. */
const answerUnasked: ReadonlySet<Intent> = new Set(['recommend', 'compare', 'how-to', 'check']);

/** Places where small talk gets a one-line reply; in channels and threads it gets none. */
const repliesToChitchat: ReadonlySet<Place> = new Set(['dm', 'console', 'command']);

/**
 * Decides what a message gets. The rules, in order (first match wins):
 * 1. a message that mentions another person and not the bot is left to the people;
 * 2. an empty message gets the help where the bot was addressed, else nothing;
 * 3. a design matrix snippet is reviewed (unless it is an unaddressed top-level channel message);
 * 4. the engine answers, with the thread's earlier question as context: it reads the two together when the new
 *    message only makes sense with it (a follow-up, whatever typos the earlier one had), and says so in `readWith`;
 * 5. small talk (`intent: 'chitchat'`) gets one friendly line in a DM, the console or the command, nothing in a channel;
 * 6. an unaddressed top-level channel message is answered only when it is a real question (not out of scope, not
 *    vague);
 * 7. anything else is answered: a follow-up when the engine read it with the earlier question, else a question.
 * @example converse(engine, { text: 'thanks!', place: 'thread', addressed: false, previous: 'kafka or rest?' }) // { kind: 'chitchat', text: null }
 */
export function converse(engine: Engine, turn: Turn): Reply {
  const text = turn.text.trim();
  if (turn.mentionsOthers && !turn.addressed) return { kind: 'nothing', reason: 'addressed to someone else' };
  if (text === '') return turn.addressed ? { kind: 'help' } : { kind: 'nothing', reason: 'empty' };
  const unasked = turn.place === 'channel' && !turn.addressed;
  if (engine.looksLikeSnippet(text)) return unasked ? { kind: 'nothing', reason: 'snippet nobody asked to review' } : { kind: 'snippet', review: engine.review(text) };

  const previous = turn.previous?.trim() ? turn.previous : undefined;
  const answer = engine.answer(text, previous ? { previous } : {});
  if (answer.intent === 'chitchat') return { kind: 'chitchat', text: repliesToChitchat.has(turn.place) ? (previous ? chitchatAfterAnswer : chitchatReply) : null };
  if (unasked && !answerUnasked.has(answer.intent)) return { kind: 'nothing', reason: `${answer.intent} message nobody addressed to the bot` };
  if (previous && answer.readWith) return { kind: 'follow-up', answer, previous, anchor: previous };
  // An out-of-scope message does not replace the thread's question: the next follow-up still refers to it.
  const anchor = answer.intent === 'out-of-scope' && previous ? previous : text;
  return { kind: 'question', answer, anchor };
}
