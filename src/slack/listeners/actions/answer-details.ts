import { renderDetailsMessage, renderNotice } from '../../../render/slack';
import type { Bot } from '../../bot';
import { answerFromButton, replyPrivately, type ButtonArgs } from './answer-from-button';

/** "Details": everything the short answer leaves out (use cases, methods with their cells, technologies, sources), privately. */
export function answerDetails(bot: Bot) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    try {
      const found = answerFromButton(bot, args.action.value);
      await replyPrivately(bot, args, found ? renderDetailsMessage(found.answer, bot.engine().corpus) : renderNotice('That button is out of date; ask the question again.'));
    } catch (error) {
      bot.log.error('showing the details of an answer failed', { error });
      await replyPrivately(bot, args, renderNotice('Sorry, I could not show the details just now.', ':warning:')).catch(() => undefined);
    }
  };
}
