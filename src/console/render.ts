import type { Answer } from '../engine/types';
import type { Corpus, Entity } from '../knowledge/types';
import { chitchatReply } from '../conversation';
import type { Outcome } from '../conversation/requests';
import { outlineAnswer } from '../render/outline';
import { renderAnswerText, renderMatrixText, renderReviewText } from '../render/terminal';

/** The console's help: the same requests as the slash command, typed in. */
export function consoleHelp(): string {
  return [
    'Type a question and press Enter, as you would mention the bot in Slack:',
    '  How should our Mendix app show customer data that lives in SAP?',
    '  and for mobile?            (a follow-up is read with the previous question)',
    '  more                       (the details of the last answer)',
    '  2                          (after a question back to you: pick option 2)',
    'Or use the slash command as in Slack:',
    '  /integration help | matrix [use case] | usecase <name> | tech <name> | review <snippet>',
    'Paste a design matrix snippet (| use case | method | rows, or "use case -> method" lines) and end it with an',
    'empty line to get a review. Type exit (or press Ctrl+D) to leave.',
    '',
  ].join('\n');
}

function entityText(corpus: Corpus, entity: Entity): string {
  const lines = [`${entity.title} [${entity.id}]`, '', entity.summary || '(no summary)', ''];
  if (entity.kind === 'useCase' && corpus.matrix?.cells[entity.id]) lines.push(renderMatrixText(corpus, [entity.id]).trimEnd(), '');
  const methods = (entity.methods ?? []).map((id) => corpus.entities.find((e) => e.kind === 'method' && e.id === id)?.title ?? id);
  if (methods.length > 0) lines.push(`Integration methods: ${methods.join(', ')}`, '');
  const related = entity.related.map((id) => corpus.entities.find((e) => e.id === id)?.title).filter(Boolean);
  if (related.length > 0) lines.push(`Related: ${related.join(', ')}`, '');
  if (entity.sources.length > 0) {
    lines.push('Sources:');
    for (const s of entity.sources.slice(0, 5)) lines.push(`  ${s.title}\n    ${s.url}`);
  }
  return lines.join('\n').trimEnd() + '\n';
}

/** The console's last line under an answer: how to see the rest, or how to pick an option. */
function answerHint(answer: Answer, where: 'console' | 'cli'): string {
  if (where === 'cli') return '(ask --verbose for the details)';
  return outlineAnswer(answer).clarify ? '(type a number to pick, or more for details)' : '(more: the details)';
}

/** An outcome as terminal text, using the terminal renderers the CLI uses. */
export function outcomeText(outcome: Outcome, corpus: Corpus, where: 'console' | 'cli' = 'console'): string {
  switch (outcome.kind) {
    case 'help':
      return consoleHelp();
    case 'matrix':
      return renderMatrixText(corpus, outcome.useCaseIds);
    case 'entity':
      return entityText(corpus, outcome.entity);
    case 'unknown-name': {
      const names = outcome.lookup.suggestions.map((s) => s.title);
      const lines = [`I don't know the ${outcome.label} "${outcome.name}".${names.length > 0 ? ` Did you mean ${names.join(', ')}?` : ''}`];
      if (outcome.known.length > 0) lines.push(`Known ${outcome.label === 'technology' ? 'technologies' : `${outcome.label}s`}: ${outcome.known.join(', ')}`);
      else if (names.length === 0) lines.push('Try /integration matrix for the list.');
      return lines.join('\n') + '\n';
    }
    case 'review':
      return renderReviewText(outcome.review, { corpus });
    case 'chitchat':
      return (outcome.text ?? chitchatReply) + '\n';
    case 'channel':
      return 'Channel modes (/integration channel mentions|all) apply to Slack channels; here every line is answered.\n';
    case 'answer':
      return renderAnswerText(outcome.answer, { corpus, hint: answerHint(outcome.answer, where) });
  }
}
