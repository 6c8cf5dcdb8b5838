import type { Corpus, Entity } from '../knowledge/types';
import { renderAnswerText, renderMatrixText, renderReviewText } from '../render/terminal';
import type { Outcome } from '../slack/requests';

/** The console's help: the same requests as the slash command, typed in. */
export function consoleHelp(): string {
  return [
    'Type a question and press Enter, as you would mention the bot in Slack:',
    '  How should our Mendix app show customer data that lives in SAP?',
    '  and for mobile?            (a short follow-up reuses the previous question)',
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

/** An outcome as terminal text, using the terminal renderers the CLI uses. */
export function outcomeText(outcome: Outcome, corpus: Corpus): string {
  switch (outcome.kind) {
    case 'help':
      return consoleHelp();
    case 'matrix':
      return renderMatrixText(corpus, outcome.useCaseIds);
    case 'entity':
      return entityText(corpus, outcome.entity);
    case 'unknown-name': {
      const names = outcome.lookup.suggestions.map((s) => s.title);
      return names.length > 0
        ? `I don't know the ${outcome.label} "${outcome.name}". Did you mean ${names.join(', ')}?\n`
        : `I don't know the ${outcome.label} "${outcome.name}". Try /integration matrix for the list.\n`;
    }
    case 'review':
      return renderReviewText(outcome.review);
    case 'answer':
      return renderAnswerText(outcome.answer);
  }
}
