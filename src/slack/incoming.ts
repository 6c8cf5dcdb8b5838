import type { AllMiddlewareArgs } from '@slack/bolt';
import { converse, type Place } from '../conversation';
import { HandedOverError } from '../errors';
import { lowConfidence } from '../conversation/requests';
import { renderAnswerMessage, renderChitchatMessage, renderHelpMessage, renderNotice, renderReviewMessage, type SlackMessage } from '../render/slack';
import type { Surface as StoreSurface } from '../store/feedback-log';
import type { Bot } from './bot';
import { rateLimitText } from './rate-limiter';

type Client = AllMiddlewareArgs['client'];

/** A message the bot may answer in a conversation (a mention, a thread message, a DM, a channel message). */
export interface Incoming {
  channel: string;
  /** The thread to answer in; `undefined` answers top-level (DMs outside a thread). */
  threadTs?: string;
  user?: string;
  /** The text with the bot's own mention removed. */
  text: string;
  surface: Extract<StoreSurface, 'mention' | 'follow-up' | 'dm' | 'channel'>;
  /** The message mentions another person (thread messages addressed to people are left to them). */
  mentionsOthers?: boolean;
  /** Shows a status while answering (the assistant panel's "is thinking…"); failures are ignored. */
  setStatus?: (status: string) => Promise<unknown>;
}

const places: Record<Incoming['surface'], Place> = { mention: 'thread', 'follow-up': 'thread', dm: 'dm', channel: 'channel' };

/**
 * Removes mentions of the bot (`<@U123>` or `<@U123|name>`) so they do not count as words of the question.
 * Line breaks are kept: a pasted snippet is line-oriented.
 */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  const pattern = botUserId ? new RegExp(`[ \\t]*<@${botUserId}(\\|[^>]*)?>[ \\t]*`, 'g') : /^\s*<@[UW][A-Z0-9]+(\|[^>]*)?>[ \t]*/;
  return text.replace(pattern, ' ').trim();
}

/** True when the text @-mentions a person (the bot's own mention already removed). */
export const mentionsSomeone = (text: string): boolean => /<@[UW][A-Z0-9]+/.test(text);

/** The thread memory key: the thread, or the whole DM for top-level DM messages. */
const memoryKey = (incoming: Incoming) => incoming.threadTs ?? 'top';

/**
 * Answers one message in its conversation: the conversation rules (`converse`) decide what it gets, with the
 * thread's earlier question; this posts it in the thread, remembers the thread's question, and logs a
 * low-confidence answer. Nothing is posted for small talk in channels, for messages addressed to other people, or
 * for unasked channel messages that are not questions. The rate limit counts only messages that get a reply.
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

  const anchor = await bot.threads.question(incoming.channel, memoryKey(incoming));
  const addressed = incoming.surface === 'mention' || incoming.surface === 'dm';
  if (incoming.setStatus) await incoming.setStatus('is looking this up…').catch((error: unknown) => bot.log.debug('could not set the status', { error }));
  const engine = bot.engine();
  const reply = converse(engine, {
    text: incoming.text,
    place: places[incoming.surface],
    addressed,
    ...(anchor ? { previous: anchor } : {}),
    ...(incoming.mentionsOthers ? { mentionsOthers: true } : {}),
  });
  if (reply.kind === 'nothing' || (reply.kind === 'chitchat' && reply.text === null)) {
    bot.log.debug('no reply', { surface: incoming.surface, kind: reply.kind, ...(reply.kind === 'nothing' ? { reason: reply.reason } : {}) });
    if (incoming.setStatus) await incoming.setStatus('').catch(() => undefined);
    return;
  }

  const decision = await bot.limiter.take(incoming.user ?? 'unknown', incoming.channel);
  if (!decision.ok) {
    bot.log.info('rate limited', { scope: decision.scope, surface: incoming.surface });
    if (decision.notify) await post(renderNotice(rateLimitText(decision), ':hourglass_flowing_sand:'));
    return;
  }

  // The thread is remembered before the reply is posted: a person may answer the reply before the post returns.
  switch (reply.kind) {
    case 'help':
      await bot.threads.remember(incoming.channel, memoryKey(incoming), anchor ?? '');
      await post(renderHelpMessage(bot.command));
      return;
    case 'snippet':
      await bot.threads.remember(incoming.channel, memoryKey(incoming), anchor ?? '');
      await post(renderReviewMessage(reply.review, { corpus: engine.corpus }));
      return;
    case 'chitchat':
      await post(renderChitchatMessage(reply.text ?? ''));
      return;
    case 'question':
    case 'follow-up': {
      const previous = reply.kind === 'follow-up' ? reply.previous : undefined;
      await bot.threads.remember(incoming.channel, memoryKey(incoming), reply.anchor, reply.answer.useCases.map((uc) => uc.id));
      await post(
        renderAnswerMessage(reply.answer, {
          surface: incoming.threadTs || incoming.surface !== 'dm' ? 'thread' : 'dm',
          corpus: engine.corpus,
          ...(previous ? { previous } : {}),
        }),
      );
      if (reply.answer.confidence < lowConfidence && reply.answer.intent !== 'chitchat') {
        await bot.store.append({ kind: 'low-confidence', question: incoming.text, confidence: reply.answer.confidence, surface: incoming.surface });
      }
    }
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
