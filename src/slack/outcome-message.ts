import type { Corpus } from '../knowledge/types';
import {
  renderAnswerMessage,
  renderEntityMessage,
  renderHelpMessage,
  renderMatrixMessage,
  renderReviewMessage,
  renderSuggestionsMessage,
  type SlackMessage,
  type Surface,
} from '../render/slack';
import type { Outcome } from './requests';

/** Picks the renderer for an outcome; `surface` decides the buttons and what is inlined. */
export function outcomeMessage(outcome: Outcome, corpus: Corpus, surface: Surface, command: string): SlackMessage {
  switch (outcome.kind) {
    case 'help':
      return renderHelpMessage(command);
    case 'matrix':
      return renderMatrixMessage(corpus, outcome.useCaseIds);
    case 'entity':
      return renderEntityMessage(corpus, outcome.entity);
    case 'unknown-name':
      return renderSuggestionsMessage(outcome.label, outcome.name, outcome.lookup);
    case 'review':
      return renderReviewMessage(outcome.review, { surface });
    case 'answer':
      return renderAnswerMessage(outcome.answer, { surface, corpus, withMatrix: surface !== 'ephemeral', withReasons: surface !== 'ephemeral' });
  }
}
