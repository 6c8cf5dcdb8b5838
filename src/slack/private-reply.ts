import type { AllMiddlewareArgs, RespondFn } from '@slack/bolt';
import type { Bot } from './bot';

type Client = AllMiddlewareArgs['client'];

/** Where a private reply can go: the request's `response_url`, the channel it came from, the user. */
export interface PrivateTarget {
  respond?: RespondFn;
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
 * has somewhere to go. Throws the last error when every way failed.
 */
export async function replyPrivately(bot: Bot, target: PrivateTarget, message: PrivateMessage, extra: Record<string, unknown> = {}): Promise<void> {
  const blocks = message.blocks ? { blocks: message.blocks as never } : {};
  const ways: [string, () => Promise<unknown>][] = [];
  if (target.respond) {
    const respond = target.respond;
    ways.push(['respond', () => respond({ response_type: 'ephemeral', text: message.text, ...blocks, ...extra })]);
  }
  if (target.channel) {
    const channel = target.channel;
    ways.push(['chat.postEphemeral', () => target.client.chat.postEphemeral({ channel, user: target.user, text: message.text, ...blocks })]);
  }
  ways.push(['chat.postMessage', () => target.client.chat.postMessage({ channel: target.user, text: message.text, ...blocks })]);
  let lastError: unknown;
  for (const [label, way] of ways) {
    try {
      await bot.call(label, way);
      return;
    } catch (error) {
      lastError = error;
      bot.log.warn(`a private reply through ${label} failed`, { error });
    }
  }
  throw lastError;
}
