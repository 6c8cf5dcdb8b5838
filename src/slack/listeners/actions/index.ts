import type { App, BlockButtonAction } from '@slack/bolt';
import { actionIds, clarifyActionPattern } from '../../../render/slack';
import type { Bot } from '../../bot';
import { answerDetails } from './answer-details';
import { clarifyOption } from './clarify-option';
import { feedback } from './feedback';
import { shareAnswer } from './share-answer';
import { showMatrix } from './show-matrix';

/** Registers the button listeners (the action ids come from the renderer that adds the buttons). */
export function register(app: App, bot: Bot): void {
  app.action<BlockButtonAction>(actionIds.share, shareAnswer(bot));
  app.action<BlockButtonAction>(actionIds.matrix, showMatrix(bot));
  app.action<BlockButtonAction>(actionIds.details, answerDetails(bot));
  app.action<BlockButtonAction>(clarifyActionPattern, clarifyOption(bot));
  app.action<BlockButtonAction>(actionIds.helpful, feedback(bot));
  app.action<BlockButtonAction>(actionIds.notHelpful, feedback(bot));
}
