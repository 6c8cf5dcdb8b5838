import { actionIds, decodeButtonPayload, renderNotice } from '../../../render/slack';
import type { Bot } from '../../bot';
import { replyPrivately, type ButtonArgs } from './answer-from-button';

/**
 * "Helpful" / "Not helpful": appends the verdict with the question and the top use case to the feedback log
 * (`integration-bot gaps` lists the answers marked not helpful) and thanks the user privately.
 */
export function feedback(bot: Bot) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const payload = decodeButtonPayload(args.action.value);
    if (!payload) return;
    const rating = args.action.action_id === actionIds.helpful ? 'helpful' : 'not-helpful';
    let topUseCase: string | undefined;
    let confidence: number | undefined;
    try {
      const answer = bot.engine().answer(payload.q, payload.p ? { previous: payload.p } : {});
      topUseCase = answer.useCases[0]?.id;
      confidence = answer.confidence;
    } catch (error) {
      bot.log.warn('could not re-create the answer for feedback', { error });
    }
    await bot.store.append({ kind: 'feedback', rating, question: payload.q, ...(topUseCase ? { topUseCase } : {}), ...(confidence !== undefined ? { confidence } : {}) });
    const text = rating === 'helpful' ? 'Thanks! Glad it helped.' : 'Thanks for telling me. The question goes on the list for the knowledge base authors.';
    await replyPrivately(bot, args, renderNotice(text, rating === 'helpful' ? ':raised_hands:' : ':memo:')).catch((error: unknown) =>
      bot.log.warn('could not thank the user for feedback', { error }),
    );
  };
}
