import { decodeButtonPayload, renderNotice } from '../../../render/slack';
import type { Bot } from '../../bot';
import { answerIncoming } from '../../incoming';
import { answerEphemeral, replyPrivately, type ButtonArgs } from './answer-from-button';

/**
 * A clarify option: answers that option's full question where the clarify question was asked. In a thread or a
 * DM the answer is posted there like any answer (so follow-ups keep working); under an ephemeral answer (the slash
 * command) it is an ephemeral answer again.
 */
export function clarifyOption(bot: Bot) {
  return async (args: ButtonArgs): Promise<void> => {
    const { ack, action, body, client } = args;
    await ack();
    const payload = decodeButtonPayload(action.value);
    if (!payload) {
      await replyPrivately(bot, args, renderNotice('That button is out of date; ask the question again.')).catch(() => undefined);
      return;
    }
    const container = body.container as { is_ephemeral?: boolean; thread_ts?: string; message_ts?: string; channel_id?: string } | undefined;
    const channel = body.channel?.id ?? container?.channel_id;
    try {
      if (container?.is_ephemeral || !channel) {
        await answerEphemeral(bot, args, payload.q);
        return;
      }
      const message = body.message as { ts?: string; thread_ts?: string } | undefined;
      const threadTs = message?.thread_ts ?? container?.thread_ts ?? message?.ts ?? container?.message_ts;
      const surface = channel.startsWith('D') ? 'dm' : 'mention';
      await answerIncoming(bot, client, { channel, ...(threadTs ? { threadTs } : {}), user: body.user.id, text: payload.q, surface });
    } catch (error) {
      bot.log.error('answering a clarify option failed', { error });
      await replyPrivately(bot, args, renderNotice('Sorry, I could not answer that just now; try asking it as a question.', ':warning:')).catch(() => undefined);
    }
  };
}
