import type { AllMiddlewareArgs } from '@slack/bolt';
import { HandedOverError } from '../errors';
import { renderAnswerMessage, renderHelpMessage, renderNotice, renderReviewMessage, type SlackMessage } from '../render/slack';
import type { Surface as StoreSurface } from '../store/feedback-log';
import type { Bot } from './bot';
import { rateLimitText } from './rate-limiter';
import { isShortFollowUp, lowConfidence } from './requests';

type Client = AllMiddlewareArgs['client'];

/** A message the bot should answer in a conversation (a mention, a thread follow-up, a DM). */
export interface Incoming {
  channel: string;
  /** The thread to answer in; `undefined` answers top-level (DMs outside a thread). */
  threadTs?: string;
  user?: string;
  /** The text with the bot's own mention removed. */
  text: string;
  surface: Extract<StoreSurface, 'mention' | 'follow-up' | 'dm'>;
}

/**
 * Removes mentions of the bot (`<@U123>` or `<@U123|name>`) so they do not count as words of the question.
 * Line breaks are kept: a pasted snippet is line-oriented.
 */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  const pattern = botUserId ? new RegExp(`[ \\t]*<@${botUserId}(\\|[^>]*)?>[ \\t]*`, 'g') : /^\s*<@[UW][A-Z0-9]+(\|[^>]*)?>[ \t]*/;
  return text.replace(pattern, ' ').trim();
}

/** The thread memory key: the thread, or the whole DM for top-level DM messages. */
const memoryKey = (incoming: Incoming) => incoming.threadTs ?? 'top';

/**
 * Answers one message in its conversation: rate limit, review or answer (with the thread's earlier question
 * for short follow-ups), post in the thread, remember the thread, log a low-confidence answer. Failures of the
 * post are retried by `bot.call`; what still fails is logged and, where possible, the user is told.
 */
export async function answerIncoming(bot: Bot, client: Client, incoming: Incoming): Promise<void> {
  const post = (message: SlackMessage) => {
    const args = {
      channel: incoming.channel,
      ...(incoming.threadTs ? { thread_ts: incoming.threadTs } : {}),
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    };
    return bot.call('chat.postMessage', () => client.chat.postMessage(args), { owed: { kind: 'api', method: 'chat.postMessage', args } });
  };

  const decision = await bot.limiter.take(incoming.user ?? 'unknown', incoming.channel);
  if (!decision.ok) {
    bot.log.info('rate limited', { scope: decision.scope, surface: incoming.surface });
    if (decision.notify) await post(renderNotice(rateLimitText(decision), ':hourglass_flowing_sand:'));
    return;
  }

  const anchor = await bot.threads.question(incoming.channel, memoryKey(incoming));
  if (incoming.text === '') {
    await post(renderHelpMessage(bot.command));
    await bot.threads.remember(incoming.channel, memoryKey(incoming), anchor ?? '');
    return;
  }

  const engine = bot.engine();
  if (engine.looksLikeSnippet(incoming.text)) {
    await post(renderReviewMessage(engine.review(incoming.text)));
    await bot.threads.remember(incoming.channel, memoryKey(incoming), anchor ?? '');
    return;
  }

  const previous = anchor && isShortFollowUp(incoming.text) ? anchor : undefined;
  const answer = engine.answer(incoming.text, previous ? { previous } : {});
  await post(
    renderAnswerMessage(answer, {
      surface: incoming.threadTs || incoming.surface !== 'dm' ? 'thread' : 'dm',
      corpus: engine.corpus,
      withMatrix: true,
      withReasons: true,
      ...(previous ? { previous } : {}),
    }),
  );
  // A short follow-up keeps the thread's anchor; a full question becomes the new anchor.
  await bot.threads.remember(incoming.channel, memoryKey(incoming), previous ?? incoming.text, answer.useCases.map((uc) => uc.id));
  if (answer.confidence < lowConfidence) {
    await bot.store.append({ kind: 'low-confidence', question: incoming.text, confidence: answer.confidence, surface: incoming.surface });
  }
}

/**
 * Runs a listener's work; an error is logged and the user gets a short apology in the same place, never a stack
 * trace. The apology itself is best effort.
 */
export async function withApology(bot: Bot, label: string, work: () => Promise<void>, apologize: (text: string) => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    // Handed to another instance, which sends it: nothing failed, nothing to apologise for.
    if (error instanceof HandedOverError) return;
    bot.log.error(`${label} failed`, { error });
    try {
      // The apology gets the same retries as the answer: it is the one thing the user will see.
      await bot.call('apology', () => apologize('Sorry, something went wrong while answering. It has been logged; please try again in a moment.'));
    } catch (second) {
      bot.log.warn('could not tell the user about the failure', { where: label, error: second });
    }
  }
}
