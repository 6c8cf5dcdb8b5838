import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { renderNotice } from '../../../render/slack';
import type { Bot } from '../../bot';
import { answerIncoming, stripBotMention, withApology } from '../../incoming';

/**
 * `app_mention`: answers in the thread of the mentioning message (`thread_ts ?? ts`), never top-level, so the
 * channel stays readable and follow-ups have a home.
 */
export function appMention(bot: Bot) {
  return async ({ event, context, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_mention'>): Promise<void> => {
    // Other bots (and this one) may mention the bot; edits and other subtypes are not new questions.
    if (event.bot_id || event.subtype) return;
    const threadTs = event.thread_ts ?? event.ts;
    await withApology(
      bot,
      'answering a mention',
      () => answerIncoming(bot, client, { channel: event.channel, threadTs, user: event.user, text: stripBotMention(event.text, context.botUserId), surface: 'mention' }),
      (text) => {
        const notice = renderNotice(text, ':warning:');
        return client.chat.postMessage({ channel: event.channel, thread_ts: threadTs, text: notice.text, blocks: notice.blocks });
      },
    );
  };
}
