import type { AllMiddlewareArgs, RespondFn } from '@slack/bolt';
import { HandedOverError } from '../errors';
import type { OwedReply } from '../state';
import type { Bot } from './bot';

type Client = AllMiddlewareArgs['client'];

/** Where a private reply can go: the request's `response_url`, the channel it came from, the user. */
export interface PrivateTarget {
  respond?: RespondFn;
  /** The `response_url` `respond` posts to, so a reply owed at shutdown can be handed to another instance. */
  responseUrl?: string;
  client: Client;
  /** The channel of the command or click, for `chat.postEphemeral`. */
  channel?: string;
  user: string;
}

export interface PrivateMessage {
  text: string;
  blocks?: unknown[];
}

/**
 * Replies to one user, trying each way in turn, each with `bot.call`'s retries: the `response_url` (expires after
 * 30 minutes or five uses), `chat.postEphemeral` in the channel (only where the bot is a member), then a direct
 * message from the bot (`chat.postMessage` to the user id), so an answer or an apology owed to someone always
 * has somewhere to go. Throws the last error when every way failed, and at once when Slack refused the message
 * itself (its blocks), which no other way would accept either.
 */
export async function replyPrivately(bot: Bot, target: PrivateTarget, message: PrivateMessage, extra: Record<string, unknown> = {}): Promise<void> {
  const blocks = message.blocks ? { blocks: message.blocks as never } : {};
  const ways: [string, () => Promise<unknown>, OwedReply | undefined][] = [];
  if (target.respond) {
    const respond = target.respond;
    const body = { response_type: 'ephemeral' as const, text: message.text, ...blocks, ...extra };
    ways.push(['respond', () => respond(body), target.responseUrl ? { kind: 'respond', url: target.responseUrl, body } : undefined]);
  }
  if (target.channel) {
    const channel = target.channel;
    const args = { channel, user: target.user, text: message.text, ...blocks };
    ways.push(['chat.postEphemeral', () => target.client.chat.postEphemeral(args), { kind: 'api', method: 'chat.postEphemeral', args }]);
  }
  const dm = { channel: target.user, text: message.text, ...blocks };
  ways.push(['chat.postMessage', () => target.client.chat.postMessage(dm), { kind: 'api', method: 'chat.postMessage', args: dm }]);
  let lastError: unknown;
  for (const [label, way, owed] of ways) {
    try {
      await bot.call(label, way, owed ? { owed } : {});
      return;
    } catch (error) {
      // Handed over, or the message itself refused (bad blocks): another way would not help; the caller decides.
      if (error instanceof HandedOverError || contentRefused(error)) throw error;
      lastError = error;
      bot.log.warn(`a private reply through ${label} failed`, { error });
    }
  }
  throw lastError;
}

/** Slack's errors for a message it will not show, wherever it is sent. */
const refusedContent = /invalid_blocks|invalid_arguments|unknown_block_type|msg_too_long|no_text/;

function contentRefused(error: unknown): boolean {
  const e = error as { data?: { error?: unknown } } | undefined;
  return refusedContent.test(String(e?.data?.error ?? ''));
}
