import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { renderNotice } from '../../../render/slack';
import type { Bot } from '../../bot';
import { answerIncoming, mentionsSomeone, stripBotMention, withApology, type Incoming } from '../../incoming';

/**
 * The message channel types this listener acts on, and so the `message.*` events the manifest subscribes to:
 * public and private channels (thread follow-ups, and every question where the channel is set to `all`) and
 * direct messages.
 */
export const handledChannelTypes = Object.freeze(['channel', 'group', 'im'] as const);

/**
 * `message`: direct messages are answered; in channels, a message in a thread the bot answered in is a follow-up
 * (when FOLLOW_UPS is on), and a top-level message is considered only where `/integration channel all` was set.
 * What each gets (an answer, nothing for small talk or for people talking to each other) is the conversation
 * rules' decision. Messages with a subtype (edits, deletions, joins, bot messages) and messages from bots are
 * ignored; a message that mentions the bot is left to the `app_mention` listener so it is answered once.
 */
export function message(bot: Bot) {
  return async ({ message: msg, context, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>): Promise<void> => {
    if (msg.subtype !== undefined || msg.bot_id) return;
    const channelType = msg.channel_type as string;
    if (!(handledChannelTypes as readonly string[]).includes(channelType)) return;
    const raw = msg.text ?? '';
    const text = stripBotMention(raw, context.botUserId);
    let incoming: Incoming;
    if (channelType === 'im') {
      incoming = { channel: msg.channel, ...(msg.thread_ts ? { threadTs: msg.thread_ts } : {}), user: msg.user, text, surface: 'dm' };
    } else {
      if (context.botUserId && raw.includes(`<@${context.botUserId}`)) return;
      if (msg.thread_ts) {
        if (!bot.followUps || (await bot.threads.question(msg.channel, msg.thread_ts)) === undefined) return;
        incoming = { channel: msg.channel, threadTs: msg.thread_ts, user: msg.user, text, surface: 'follow-up', mentionsOthers: mentionsSomeone(text) };
      } else {
        if ((await bot.channels.get(msg.channel)) !== 'all') return;
        incoming = { channel: msg.channel, threadTs: msg.ts, user: msg.user, text, surface: 'channel', mentionsOthers: mentionsSomeone(text) };
      }
    }
    await withApology(
      bot,
      `answering a ${incoming.surface === 'dm' ? 'direct message' : incoming.surface === 'channel' ? 'channel message' : 'follow-up'}`,
      () => answerIncoming(bot, client, incoming),
      (apology) => {
        const notice = renderNotice(apology, ':warning:');
        return client.chat.postMessage({ channel: msg.channel, ...(incoming.threadTs ? { thread_ts: incoming.threadTs } : {}), text: notice.text, blocks: notice.blocks });
      },
    );
  };
}
