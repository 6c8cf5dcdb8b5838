import { renderAnswerMessage, renderNotice } from '../../../render/slack';
import type { Bot } from '../../bot';
import { answerFromButton, replyPrivately, type ButtonArgs } from './answer-from-button';

/**
 * "Share in channel" on an ephemeral answer: posts the answer for everyone (through `response_url` with
 * `response_type: in_channel`, which works even where the bot is not a member) and removes the ephemeral copy.
 */
export function shareAnswer(bot: Bot) {
  return async (args: ButtonArgs): Promise<void> => {
    const { ack, action, body, respond } = args;
    await ack();
    try {
      const found = answerFromButton(bot, action.value);
      if (!found) {
        await replyPrivately(bot, args, renderNotice('That button is out of date; ask the question again.'));
        return;
      }
      const engine = bot.engine();
      const message = renderAnswerMessage(found.answer, { surface: 'shared', corpus: engine.corpus, sharedBy: body.user.id });
      await bot.call('respond', () =>
        respond({ response_type: 'in_channel', replace_original: false, delete_original: false, text: message.text, blocks: message.blocks }),
      );
      // Best effort: the shared copy is what matters.
      await respond({ delete_original: true }).catch((error: unknown) => bot.log.info('could not remove the ephemeral answer', { error }));
    } catch (error) {
      bot.log.error('sharing an answer failed', { error });
      await replyPrivately(bot, args, renderNotice('Sorry, I could not share that answer here. Try mentioning me in the channel instead.', ':warning:')).catch(() => undefined);
    }
  };
}
