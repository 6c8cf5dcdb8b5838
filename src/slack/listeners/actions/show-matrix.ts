import { renderMatrixMessage, renderNotice } from '../../../render/slack';
import type { Bot } from '../../bot';
import { answerFromButton, replyPrivately, type ButtonArgs } from './answer-from-button';

/** "Show matrix": the matrix rows of the answer's use cases (the whole matrix when it named none), privately. */
export function showMatrix(bot: Bot) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    try {
      const found = answerFromButton(bot, args.action.value);
      const ids = found?.answer.useCases.slice(0, 5).map((uc) => uc.id);
      await replyPrivately(bot, args, renderMatrixMessage(bot.engine().corpus, ids && ids.length > 0 ? ids : undefined));
    } catch (error) {
      bot.log.error('showing the matrix failed', { error });
      await replyPrivately(bot, args, renderNotice('Sorry, I could not show the matrix just now.', ':warning:')).catch(() => undefined);
    }
  };
}
