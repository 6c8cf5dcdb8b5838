import { renderNotice, renderWhyMessage } from '../../../render/slack';
import type { Bot } from '../../bot';
import { answerFromButton, replyPrivately, type ButtonArgs } from './answer-from-button';

/** "Why this answer": the rules, matrix cells and words behind the answer, privately. */
export function whyAnswer(bot: Bot) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    try {
      const found = answerFromButton(bot, args.action.value);
      await replyPrivately(bot, args, found ? renderWhyMessage(found.answer) : renderNotice('That button is out of date; ask the question again.'));
    } catch (error) {
      bot.log.error('explaining an answer failed', { error });
      await replyPrivately(bot, args, renderNotice('Sorry, I could not explain that answer just now.', ':warning:')).catch(() => undefined);
    }
  };
}
