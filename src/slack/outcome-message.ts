import type { Outcome } from '../conversation/requests';
import type { Corpus } from '../knowledge/types';
import {
  renderAnswerMessage,
  renderChitchatMessage,
  renderEntityMessage,
  renderHelpMessage,
  renderMatrixMessage,
  renderNotice,
  renderReviewMessage,
  renderSuggestionsMessage,
  type SlackMessage,
  type Surface,
} from '../render/slack';
import { chitchatReply } from '../conversation';

/** Picks the renderer for an outcome; `surface` decides the buttons. */
export function outcomeMessage(outcome: Outcome, corpus: Corpus, surface: Surface, command: string): SlackMessage {
  switch (outcome.kind) {
    case 'help':
      return renderHelpMessage(command);
    case 'matrix':
      return renderMatrixMessage(corpus, outcome.useCaseIds);
    case 'entity':
      return renderEntityMessage(corpus, outcome.entity);
    case 'unknown-name':
      return renderSuggestionsMessage(outcome.label, outcome.name, outcome.lookup, outcome.known);
    case 'review':
      return renderReviewMessage(outcome.review, { surface, corpus });
    case 'chitchat':
      return renderChitchatMessage(outcome.text ?? chitchatReply);
    case 'channel':
      return renderNotice(
        outcome.asked !== undefined
          ? `"${outcome.asked}" is not a channel mode. Use ${command} channel mentions (answer only mentions) or ${command} channel all (answer every question here).`
          : outcome.mode === 'all'
            ? 'I now answer every question in this channel, in its thread. Small talk and messages to other people get no answer.'
            : outcome.mode === 'mentions'
              ? 'I now answer only messages that mention me in this channel (and follow-ups in my threads).'
              : `Channel modes: ${command} channel mentions (the default: answer only mentions) or ${command} channel all (answer every question here).`,
      );
    case 'answer':
      return renderAnswerMessage(outcome.answer, { surface, corpus, ...(outcome.previous ? { previous: outcome.previous } : {}) });
  }
}
