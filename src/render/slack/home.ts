import type { TableBlock } from '@slack/types';
import type { Corpus, Entity, Level } from '../../knowledge/types';
import type { Lookup } from '../../engine/types';
import { titleOf } from '../outline';
import { clip, context, divider, escapeText, fitMessage, header, limits, link, mrkdwn, section, type Block, type SlackMessage } from './kit';

/** Examples shown by `/integration help`, the App Home and the console. */
export const examples: readonly string[] = Object.freeze([
  'How should our Mendix app show customer data that lives in SAP?',
  'We need nightly exports of orders to the data warehouse',
  'and for mobile?',
]);

const cellMark = (level: Level | undefined) => (level === 'preferred' ? '●' : level === 'possible' ? '○' : '–');

function matrixRowIds(corpus: Corpus, useCaseIds?: readonly string[]): string[] {
  const matrix = corpus.matrix;
  if (!matrix) return [];
  return useCaseIds && useCaseIds.length > 0 ? matrix.useCases.filter((id) => useCaseIds.includes(id)) : matrix.useCases;
}

/** One use case's matrix row as mrkdwn lines: preferred methods, then possible ones (the layout App Home supports). */
function matrixRowText(corpus: Corpus, methods: Record<string, Level>): string {
  const order = corpus.matrix?.methods ?? Object.keys(methods);
  const of = (level: Level) => order.filter((m) => methods[m] === level).map((m) => escapeText(titleOf(corpus, 'method', m)));
  const parts: string[] = [];
  if (of('preferred').length > 0) parts.push(`● preferred: ${of('preferred').join(', ')}`);
  if (of('possible').length > 0) parts.push(`○ possible: ${of('possible').join(', ')}`);
  return parts.length > 0 ? parts.join('\n') : '_no method marked in the matrix_';
}

/** The use case × method matrix as a Block Kit `table`: a header row of methods, one row per use case. */
export function matrixTable(corpus: Corpus, useCaseIds?: readonly string[]): TableBlock | null {
  const matrix = corpus.matrix;
  if (!matrix) return null;
  const methods = matrix.methods.slice(0, limits.tableCells - 1);
  const cell = (text: string) => ({ type: 'raw_text' as const, text: clip(text.trim() === '' ? '–' : text, 200) });
  const rows = [
    [cell('Use case'), ...methods.map((m) => cell(titleOf(corpus, 'method', m)))],
    ...matrixRowIds(corpus, useCaseIds).map((id) => [cell(titleOf(corpus, 'useCase', id)), ...methods.map((m) => cell(cellMark(matrix.cells[id]?.[m])))]),
  ];
  return { type: 'table', rows: rows.slice(0, limits.tableRows), column_settings: [{ is_wrapped: true }, ...methods.map(() => ({ align: 'center' as const }))] };
}

/** The matrix as section fields, two use cases per section: the layout the App Home and the fallback use. */
export function renderMatrixBlocks(corpus: Corpus, useCaseIds?: readonly string[]): Block[] {
  const matrix = corpus.matrix;
  if (!matrix) return [section('This knowledge base has no use case × method matrix.')];
  const rows = matrixRowIds(corpus, useCaseIds).map((id) => `*${escapeText(titleOf(corpus, 'useCase', id))}*\n${matrixRowText(corpus, matrix.cells[id] ?? {})}`);
  const blocks: Block[] = [];
  // Two use cases per section in fields: compact, and 15 rows still fit in 8 blocks.
  for (let i = 0; i < rows.length; i += 2) blocks.push({ type: 'section', fields: rows.slice(i, i + 2).map(mrkdwn) });
  blocks.push(context(`● preferred  ○ possible  ·  ${link(matrix.source.url, matrix.source.title)}`));
  return blocks;
}

/**
 * `/integration matrix [use case]` and "Show matrix": the matrix as a `table` block, or (`layout: 'text'`) as text
 * fields, the fallback for a workspace whose Slack rejects the table block.
 */
export function renderMatrixMessage(corpus: Corpus, useCaseIds?: readonly string[], options: { layout?: 'table' | 'text' } = {}): SlackMessage {
  const one = useCaseIds && useCaseIds.length === 1 ? titleOf(corpus, 'useCase', useCaseIds[0]) : undefined;
  const title = one ? `Matrix: ${one}` : useCaseIds && useCaseIds.length > 1 ? 'Matrix for these use cases' : 'Use case × method matrix';
  const table = options.layout === 'text' ? null : matrixTable(corpus, useCaseIds);
  const source = corpus.matrix?.source;
  const blocks: Block[] = table
    ? [header(title), table, context(`● preferred  ○ possible  – not marked${source ? `  ·  ${link(source.url, source.title)}` : ''}`)]
    : [header(title), ...renderMatrixBlocks(corpus, useCaseIds)];
  return fitMessage({ text: one ? `Matrix row: ${escapeText(one)}` : escapeText(title), blocks });
}

/** A use case or technology looked up by name (`usecase <name>`, `tech <name>`). */
export function renderEntityMessage(corpus: Corpus, entity: Entity): SlackMessage {
  const blocks: Block[] = [header(entity.title), section(escapeText(entity.summary || 'No summary in the knowledge base.'))];
  if (entity.kind === 'useCase' && corpus.matrix?.cells[entity.id]) {
    blocks.push(section(`*Methods for this use case*\n${matrixRowText(corpus, corpus.matrix.cells[entity.id])}`));
  }
  if (entity.kind === 'technology' && (entity.methods ?? []).length > 0) {
    blocks.push(section(`*Integration methods*\n${entity.methods.map((m) => escapeText(titleOf(corpus, 'method', m))).join(', ')}`));
  }
  if (entity.kind === 'technology' && corpus.matrix) {
    const usedBy = corpus.entities.filter((e) => e.kind === 'useCase' && e.related.includes(entity.id)).map((e) => escapeText(e.title));
    if (usedBy.length > 0) blocks.push(section(`*Typical use cases*\n${usedBy.join(', ')}`));
  }
  const related = entity.related.map((id) => corpus.entities.find((e) => e.id === id)).filter((e): e is Entity => !!e);
  if (related.length > 0) blocks.push(context(`Related: ${related.slice(0, 8).map((e) => escapeText(e.title)).join(', ')}`));
  if (entity.sources.length > 0) blocks.push(section(`:books: *Sources*\n${entity.sources.slice(0, 5).map((s) => `• ${link(s.url, s.title)}`).join('\n')}`));
  return fitMessage({ text: escapeText(`${entity.title}: ${clip(entity.summary, 300)}`), blocks });
}

/**
 * A name the knowledge base does not know: "did you mean" with the close matches only, and the list of every known
 * name of that kind, so the user can pick one.
 */
export function renderSuggestionsMessage(kindLabel: string, name: string, lookup: Lookup, known: readonly string[] = []): SlackMessage {
  const close = lookup.suggestions.map((s) => `*${escapeText(s.title)}*`);
  const lines = [`I don't know the ${kindLabel} "${escapeText(clip(name, 100))}".${close.length > 0 ? ` Did you mean ${close.join(', ')}?` : ''}`];
  if (known.length > 0) lines.push(`Known ${kindLabel === 'technology' ? 'technologies' : `${kindLabel}s`}: ${known.map(escapeText).join(', ')}`);
  else if (close.length === 0) lines.push('Try `/integration matrix` for the list.');
  const text = lines.join('\n');
  return fitMessage({ text: text.replace(/\*/g, ''), blocks: [section(text)] });
}

/** `/integration help` and the reply to an empty mention. */
export function renderHelpMessage(command = '/integration'): SlackMessage {
  const lines = [
    `*Ask a question:* \`${command} ${examples[0]}\``,
    `*Subcommands*`,
    `• \`${command} matrix [use case]\` — the use case × method matrix, or one row of it`,
    `• \`${command} usecase <name>\` — what a use case is and which methods fit`,
    `• \`${command} tech <name>\` — a technology (REST, OData, Kafka, …)`,
    `• \`${command} review <snippet>\` — check a design matrix snippet (\`| use case | method |\` rows or \`use case -> method\` lines)`,
    `• \`${command} channel mentions|all\` — in a channel: answer only mentions (the default), or every question`,
    `• \`${command} help\` — this message`,
    '*In channels* mention me with a question or paste a snippet; I answer in the thread and follow up there without a new mention.',
    '*In a DM* just ask.',
  ];
  return fitMessage({ text: 'How to ask the integration bot', blocks: [header('Integration advice for Mendix'), section(lines.join('\n'))] });
}

/** The App Home: what the bot does, how to ask, and the full matrix as fields (a Home tab allows 100 blocks). */
export function renderHomeView(corpus: Corpus, command = '/integration'): { type: 'home'; blocks: Block[] } {
  const useCases = corpus.entities.filter((e) => e.kind === 'useCase').length;
  const technologies = corpus.entities.filter((e) => e.kind === 'technology').length;
  const blocks: Block[] = [
    header('Integration advice for Mendix'),
    section(
      'Ask how a Mendix app should integrate with other systems: I answer with the verdict first, the reasons and the one link to read, ' +
        `and the rest (use cases, methods, technologies, the matrix) one click away. I know ${useCases} use cases and ${technologies} technologies.`,
    ),
    section(
      [
        '*How to ask*',
        `• \`${command} <question>\` anywhere — only you see the answer, and you can share it`,
        '• Mention me in a channel — I answer in the thread and answer follow-ups there without a new mention',
        `• \`${command} channel all\` in a channel — I answer every question there, not only mentions`,
        '• Send me a direct message, or open my Messages tab',
        `• Paste a design matrix snippet (\`| use case | method |\` rows, or \`use case -> method\` lines) or use \`${command} review\``,
        `• \`${command} help\` for all subcommands`,
      ].join('\n'),
    ),
    context(`Example: _${escapeText(examples[0])}_`),
    divider(),
    header('Use case × method matrix'),
    ...renderMatrixBlocks(corpus),
  ];
  return { type: 'home', blocks: fitMessage({ text: 'home', blocks }, limits.blocksPerView).blocks };
}

/**
 * Suggested prompts for the assistant panel, built from the knowledge: for the first use cases of the matrix, the
 * shortest clean example question (no Slack markup), titled by the use case.
 */
export function suggestedPrompts(corpus: Corpus, max = 4): { title: string; message: string }[] {
  const order = corpus.matrix?.useCases ?? [...new Set(corpus.examples.map((e) => e.useCase))];
  const prompts: { title: string; message: string }[] = [];
  for (const id of order) {
    const candidates = corpus.examples
      .filter((e) => e.useCase === id && e.text.length >= 30 && e.text.length <= 100 && !/[<>:*_`]/.test(e.text))
      .sort((a, b) => a.text.length - b.text.length || a.text.localeCompare(b.text));
    if (candidates[0]) prompts.push({ title: clip(titleOf(corpus, 'useCase', id), 40), message: candidates[0].text });
    if (prompts.length >= max) break;
  }
  return prompts;
}
