import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { renderNotice } from '../../../render/slack';
import type { Bot } from '../../bot';
import { answerIncoming, stripBotMention, withApology } from '../../conversation';

/**
 * The message channel types this listener acts on, and so the `message.*` events the manifest subscribes to:
 * threads in public and private channels (follow-ups) and direct messages.
 */
export const handledChannelTypes = Object.freeze(['channel', 'group', 'im'] as const);

/**
 * `message`: direct messages are answered; in channels, a message in a thread the bot answered in is a follow-up
 * and is answered without a new mention (when FOLLOW_UPS is on). Messages with a subtype (edits, deletions,
 * joins, bot messages) and messages from bots are ignored; a message that mentions the bot is left to the
 * `app_mention` listener so it is answered once, and a thread message that mentions another person is left to
 * the people.
 */
export function message(bot: Bot) {
  return async ({ message: msg, context, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>): Promise<void> => {
    if (msg.subtype !== undefined || msg.bot_id) return;
    const channelType = msg.channel_type as string;
    if (!(handledChannelTypes as readonly string[]).includes(channelType)) return;
    const raw = msg.text ?? '';
    const threadTs = msg.thread_ts;

    if (channelType !== 'im') {
      if (!bot.followUps || !threadTs) return;
      if (context.botUserId && raw.includes(`<@${context.botUserId}`)) return;
      // A message addressed to someone else in the thread is a conversation between people, not a question.
      if (/<@[UW][A-Z0-9]+/.test(raw)) return;
      if ((await bot.threads.question(msg.channel, threadTs)) === undefined) return;
    }

    const surface = channelType === 'im' ? 'dm' : 'follow-up';
    await withApology(
      bot,
      surface === 'dm' ? 'answering a direct message' : 'answering a follow-up',
      () => answerIncoming(bot, client, { channel: msg.channel, threadTs, user: msg.user, text: stripBotMention(raw, context.botUserId), surface }),
      (text) => {
        const notice = renderNotice(text, ':warning:');
        return client.chat.postMessage({ channel: msg.channel, ...(threadTs ? { thread_ts: threadTs } : {}), text: notice.text, blocks: notice.blocks });
      },
    );
  };
}
