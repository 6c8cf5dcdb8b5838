import { renderMatrixMessage, renderNotice } from '../../../render/slack';
import type { Bot } from '../../bot';
import { answerFromButton, replyPrivately, type ButtonArgs } from './answer-from-button';

/** Slack's error codes for blocks it does not accept: a workspace or client without the `table` block. */
const rejectedBlocks = /invalid_blocks|invalid_arguments|unknown_block_type/;

/**
 * "Show matrix": the matrix rows of the answer's use cases (the whole matrix when it named none) as a `table`
 * block, privately; when Slack rejects the table, the same rows as text.
 */
export function showMatrix(bot: Bot) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    try {
      const found = answerFromButton(bot, args.action.value);
      const ids = found?.answer.useCases.slice(0, 5).map((uc) => uc.id);
      const corpus = bot.engine().corpus;
      const rows = ids && ids.length > 0 ? ids : undefined;
      try {
        await replyPrivately(bot, args, renderMatrixMessage(corpus, rows));
      } catch (error) {
        if (!rejectedBlocks.test(String((error as { data?: { error?: string } }).data?.error ?? (error as Error).message))) throw error;
        bot.log.info('Slack rejected the table block; showing the matrix as text', { error });
        await replyPrivately(bot, args, renderMatrixMessage(corpus, rows, { layout: 'text' }));
      }
    } catch (error) {
      bot.log.error('showing the matrix failed', { error });
      await replyPrivately(bot, args, renderNotice('Sorry, I could not show the matrix just now.', ':warning:')).catch(() => undefined);
    }
  };
}
