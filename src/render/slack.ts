import type { Corpus, Entity, Level, SourceLink } from '../knowledge/types';
import type { Answer, Lookup, Review, Verdict } from '../engine/types';

/**
 * Renders answers, reviews and the matrix as Slack Block Kit messages with a plain-text fallback.
 * Pure: data in, JSON out. Every string that came from a user or the knowledge base is escaped (& < >), so nothing
 * the bot echoes can become a live `<!channel>`, `<@U…>` or `<!subteam^…>` mention, and every message is clipped
 * to Block Kit's limits by `fitMessage` before it leaves this module.
 */

/** Block Kit limits this module enforces (https://docs.slack.dev/reference/block-kit/blocks). */
export const limits = Object.freeze({
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  headerText: 150,
  contextElements: 10,
  contextText: 2000,
  buttonText: 75,
  buttonValue: 2000,
  elementsPerActions: 25,
  /** Slack truncates `text` beyond 40,000 characters; stay well under it. */
  fallbackText: 3000,
});

/** Action ids of the buttons the renderers add; the action listeners match on these. */
export const actionIds = Object.freeze({
  share: 'share_answer',
  matrix: 'show_matrix',
  why: 'why_answer',
  helpful: 'feedback_helpful',
  notHelpful: 'feedback_not_helpful',
});

export interface TextObject {
  type: 'mrkdwn' | 'plain_text';
  text: string;
  emoji?: boolean;
}

export interface ButtonElement {
  type: 'button';
  action_id: string;
  text: TextObject;
  value?: string;
  style?: 'primary' | 'danger';
}

export type Block =
  | { type: 'header'; text: TextObject }
  | { type: 'section'; text?: TextObject; fields?: TextObject[] }
  | { type: 'context'; elements: TextObject[] }
  | { type: 'divider' }
  | { type: 'actions'; block_id?: string; elements: ButtonElement[] };

/** A message ready for `chat.postMessage`, `respond()` or `chat.postEphemeral`. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** What a button carries so a click can be answered without server-side state. */
export interface ButtonPayload {
  /** The question, as asked. */
  q: string;
  /** The thread's earlier question, when the answer used it. */
  p?: string;
}

/** Where a message is shown: the buttons differ (only an ephemeral answer can be shared). */
export type Surface = 'ephemeral' | 'thread' | 'dm' | 'shared';

// ---------------------------------------------------------------------------------------------------------------
// Escaping and clipping

/**
 * Escapes the three characters Slack's mrkdwn treats as control characters.
 * @example escapeText('<!channel> & co') === '&lt;!channel&gt; &amp; co'
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A link in mrkdwn; the label is escaped and the URL cannot break out of the `<…|…>` form. */
export function link(url: string, label: string): string {
  const safeUrl = url.replace(/[<>|\s]/g, (c) => encodeURIComponent(c));
  if (!/^https?:\/\//i.test(safeUrl)) return escapeText(label);
  return `<${safeUrl}|${escapeText(label).replace(/\|/g, '¦')}>`;
}

const ellipsis = '…';

/** Cuts plain text to `max` characters (counting the ellipsis). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, Math.max(0, max - 1)) + ellipsis;
}

/**
 * Cuts mrkdwn to `max` characters without leaving half a link (`<https://…`) or half an entity (`&am`), which
 * Slack would render as garbage or reject.
 */
export function clipMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  return cut.trimEnd() + ellipsis;
}

const mrkdwn = (text: string): TextObject => ({ type: 'mrkdwn', text });
const plain = (text: string): TextObject => ({ type: 'plain_text', text, emoji: true });
const section = (text: string): Block => ({ type: 'section', text: mrkdwn(text) });
const context = (...texts: string[]): Block => ({ type: 'context', elements: texts.map(mrkdwn) });
const header = (text: string): Block => ({ type: 'header', text: plain(text) });

function fitText(object: TextObject, max: number): TextObject {
  const text = object.text.trim() === '' ? ' ' : object.text;
  return { ...object, text: object.type === 'mrkdwn' ? clipMrkdwn(text, max) : clip(text, max) };
}

function fitBlock(block: Block): Block {
  switch (block.type) {
    case 'header':
      return { ...block, text: fitText(block.text, limits.headerText) };
    case 'section':
      return {
        ...block,
        ...(block.text ? { text: fitText(block.text, limits.sectionText) } : {}),
        ...(block.fields ? { fields: block.fields.slice(0, limits.fieldsPerSection).map((f) => fitText(f, limits.fieldText)) } : {}),
      };
    case 'context':
      return { ...block, elements: block.elements.slice(0, limits.contextElements).map((e) => fitText(e, limits.contextText)) };
    case 'actions':
      return {
        ...block,
        elements: block.elements.slice(0, limits.elementsPerActions).map((b) => ({
          ...b,
          text: fitText(b.text, limits.buttonText),
          ...(b.value !== undefined ? { value: b.value.slice(0, limits.buttonValue) } : {}),
        })),
      };
    default:
      return block;
  }
}

/**
 * Clips every text to its Block Kit limit and the block list to `maxBlocks`; when blocks are dropped, the last
 * kept block says so. Trailing action buttons are kept, because they are how the user reaches the rest.
 */
export function fitMessage(message: SlackMessage, maxBlocks: number = limits.blocksPerMessage): SlackMessage {
  let blocks = message.blocks.map(fitBlock);
  if (blocks.length > maxBlocks) {
    const last = blocks[blocks.length - 1];
    const keepActions = last.type === 'actions';
    const room = maxBlocks - 1 - (keepActions ? 1 : 0);
    const dropped = blocks.length - room - (keepActions ? 1 : 0);
    blocks = [...blocks.slice(0, room), context(`_${dropped} more part(s) left out to fit one Slack message._`), ...(keepActions ? [last] : [])];
  }
  const text = clip(message.text.trim() === '' ? 'Integration advice' : message.text, limits.fallbackText);
  return { text, blocks };
}

// ---------------------------------------------------------------------------------------------------------------
// Buttons

/**
 * Serialises what a button needs to re-create its answer, within the 2,000-character value limit: the question is
 * cut first, then the earlier question.
 */
export function encodeButtonPayload(payload: ButtonPayload): string {
  let q = payload.q.slice(0, 1500);
  let p = payload.p?.slice(0, 400);
  for (;;) {
    const value = JSON.stringify(p ? { q, p } : { q });
    if (value.length <= limits.buttonValue) return value;
    if (p && p.length > 0) p = p.slice(0, Math.floor(p.length / 2));
    else q = q.slice(0, Math.floor(q.length * 0.8));
  }
}

/** Reads a button value back; anything malformed becomes `null` (the value comes from Slack, but trust nothing). */
export function decodeButtonPayload(value: string | undefined): ButtonPayload | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as unknown;
    if (!parsed || typeof parsed !== 'object') return null;
    const { q, p } = parsed as Record<string, unknown>;
    if (typeof q !== 'string' || q.trim() === '') return null;
    return typeof p === 'string' && p.trim() !== '' ? { q, p } : { q };
  } catch {
    return null;
  }
}

function answerButtons(payload: ButtonPayload, surface: Surface): Block {
  const value = encodeButtonPayload(payload);
  const button = (actionId: string, label: string, style?: 'primary'): ButtonElement => ({
    type: 'button',
    action_id: actionId,
    text: plain(label),
    value,
    ...(style ? { style } : {}),
  });
  const elements: ButtonElement[] = [];
  if (surface === 'ephemeral') elements.push(button(actionIds.share, 'Share in channel', 'primary'));
  elements.push(button(actionIds.matrix, 'Show matrix'), button(actionIds.why, 'Why this answer'));
  elements.push(button(actionIds.helpful, '👍 Helpful'), button(actionIds.notHelpful, '👎 Not helpful'));
  return { type: 'actions', block_id: 'answer_actions', elements };
}

// ---------------------------------------------------------------------------------------------------------------
// Shared pieces

const levelMark: Record<Level | 'mentioned', string> = { preferred: '●', possible: '○', mentioned: '·' };
const levelWord: Record<Level | 'mentioned', string> = { preferred: 'preferred', possible: 'possible', mentioned: 'mentioned' };

function titleOf(corpus: Corpus | undefined, kind: Entity['kind'], id: string): string {
  return corpus?.entities.find((e) => e.kind === kind && e.id === id)?.title ?? id;
}

function sourceLines(sources: readonly SourceLink[], max = 5): string {
  return sources
    .slice(0, max)
    .map((s) => `• ${link(s.url, s.title)}`)
    .join('\n');
}

/** One use case's matrix row as mrkdwn: preferred methods, then possible ones. */
function matrixRowText(corpus: Corpus | undefined, methods: Record<string, Level>, order?: readonly string[]): string {
  const ids = order ? order.filter((m) => methods[m]) : Object.keys(methods);
  const of = (level: Level) => ids.filter((m) => methods[m] === level).map((m) => escapeText(titleOf(corpus, 'method', m)));
  const preferred = of('preferred');
  const possible = of('possible');
  const parts: string[] = [];
  if (preferred.length > 0) parts.push(`● preferred: ${preferred.join(', ')}`);
  if (possible.length > 0) parts.push(`○ possible: ${possible.join(', ')}`);
  return parts.length > 0 ? parts.join('\n') : '_no method marked in the matrix_';
}

const isEmptyAnswer = (a: Answer) => a.useCases.length === 0 && a.technologies.length === 0 && a.topics.length === 0 && a.warnings.length === 0;

/** The plain-text fallback of an answer: what a notification or a screen reader gets. */
export function answerFallback(answer: Answer): string {
  if (isEmptyAnswer(answer)) return escapeText(answer.notes[0] ?? 'No confident answer from the knowledge base.');
  const parts: string[] = [];
  const top = answer.useCases[0];
  if (top) parts.push(`Use case: ${top.title}.`);
  const preferred = answer.methods.filter((m) => m.level === 'preferred').map((m) => m.title);
  if (preferred.length > 0) parts.push(`Preferred: ${preferred.join(', ')}.`);
  const tech = answer.technologies.slice(0, 3).map((t) => t.title);
  if (tech.length > 0) parts.push(`Technologies: ${tech.join(', ')}.`);
  if (answer.warnings.length > 0) parts.push(`Watch out: ${answer.warnings.map((w) => w.title).join(', ')}.`);
  return escapeText(parts.join(' '));
}

// ---------------------------------------------------------------------------------------------------------------
// Answers

export interface AnswerRenderOptions {
  surface: Surface;
  /** Needed for method titles in the matrix snippet; without it ids are shown. */
  corpus?: Corpus;
  /** The earlier question of the thread when it was used, so the buttons can re-create the same answer. */
  previous?: string;
  /** Show the matrix rows of the top use cases (thread answers do; ephemeral ones have a button instead). */
  withMatrix?: boolean;
  /** Show why (thread answers do; ephemeral ones have a button instead). */
  withReasons?: boolean;
  /** Who shared an ephemeral answer into the channel (a Slack user id). */
  sharedBy?: string;
}

/**
 * An answer as a Slack message: use cases, methods with their matrix level, technologies, warnings, optionally
 * the matrix rows of the top use cases and the reasons, source links, notes and the action buttons.
 */
export function renderAnswerMessage(answer: Answer, options: AnswerRenderOptions): SlackMessage {
  const blocks: Block[] = [];
  const { surface, corpus } = options;
  if (surface === 'ephemeral') blocks.push(context(`*You asked:* ${escapeText(clip(answer.query, 500))}`));
  if (surface === 'shared') {
    const who = options.sharedBy && /^[UW][A-Z0-9]{2,}$/.test(options.sharedBy) ? `<@${options.sharedBy}>` : 'someone';
    blocks.push(context(`Shared by ${who}. *Question:* ${escapeText(clip(answer.query, 500))}`));
  }

  if (isEmptyAnswer(answer)) {
    blocks.push(section(escapeText(answer.notes.join('\n\n') || 'I could not find a confident answer in the knowledge base.')));
    if (answer.sources.length > 0) blocks.push(section(`*Pages that may help*\n${sourceLines(answer.sources)}`));
    blocks.push(context('Try naming the systems and the data involved, or `/integration help` for examples.'));
  } else {
    const topUseCases = answer.useCases.slice(0, 3);
    if (topUseCases.length > 0) {
      const lines = topUseCases.map((uc, i) => {
        const reason = uc.reasons[0] ? ` — ${escapeText(clip(uc.reasons[0].text, 200))}` : '';
        return `${i === 0 ? '*' : ''}${escapeText(uc.title)}${i === 0 ? '*' : ''}${reason}`;
      });
      blocks.push(section(`:dart: *Use case*\n${lines.map((l) => `• ${l}`).join('\n')}`));
    }
    if (answer.methods.length > 0) {
      const lines = answer.methods.slice(0, 6).map((m) => `${levelMark[m.level]} *${escapeText(m.title)}* (${levelWord[m.level]})`);
      blocks.push(section(`:hammer_and_wrench: *Methods*\n${lines.join('\n')}`));
    }
    if (answer.technologies.length > 0) {
      const lines = answer.technologies.slice(0, 5).map((t) => {
        const reason = t.reasons[0] ? ` — ${escapeText(clip(t.reasons[0].text, 200))}` : '';
        return `• *${escapeText(t.title)}*${reason}`;
      });
      blocks.push(section(`:electric_plug: *Technologies*\n${lines.join('\n')}`));
    }
    for (const w of answer.warnings.slice(0, 3)) {
      blocks.push(section(`:warning: *${escapeText(w.title)}*\n${escapeText(clip(w.text, 1200))}`));
    }
    if (options.withMatrix && topUseCases.length > 0) {
      blocks.push({ type: 'divider' }, ...matrixSnippetBlocks(corpus, topUseCases.map((uc) => ({ id: uc.id, title: uc.title, methods: uc.methods }))));
    }
    if (options.withReasons) blocks.push(...reasonBlocks(answer));
    if (answer.topics.length > 0) blocks.push(context(`See also: ${answer.topics.map((t) => escapeText(t.title)).join(', ')}`));
    if (answer.sources.length > 0) blocks.push(section(`:books: *Sources*\n${sourceLines(answer.sources)}`));
    if (answer.notes.length > 0) blocks.push(context(...answer.notes.slice(0, 3).map((n) => `_${escapeText(clip(n, 600))}_`)));
  }

  if (surface !== 'shared') blocks.push(answerButtons({ q: answer.query, ...(options.previous ? { p: options.previous } : {}) }, surface));
  else blocks.push(answerButtons({ q: answer.query }, 'thread'));
  return fitMessage({ text: answerFallback(answer), blocks });
}

function matrixSnippetBlocks(corpus: Corpus | undefined, rows: { id: string; title: string; methods: Record<string, Level> }[]): Block[] {
  const order = corpus?.matrix?.methods;
  const fields = rows.map((row) => mrkdwn(`*${escapeText(row.title)}*\n${matrixRowText(corpus, row.methods, order)}`));
  const blocks: Block[] = [section('*Matrix for these use cases*')];
  for (let i = 0; i < fields.length; i += 2) blocks.push({ type: 'section', fields: fields.slice(i, i + 2) });
  const source = corpus?.matrix?.source;
  blocks.push(context(`● preferred  ○ possible${source ? `  ·  ${link(source.url, source.title)}` : ''}`));
  return blocks;
}

function reasonBlocks(answer: Answer): Block[] {
  const lines: string[] = [];
  for (const uc of answer.useCases.slice(0, 3)) {
    for (const r of uc.reasons.slice(0, 2)) lines.push(`• *${escapeText(uc.title)}*: ${escapeText(clip(r.text, 300))}`);
  }
  for (const m of answer.methods.slice(0, 3)) {
    const r = m.reasons[0];
    if (r) lines.push(`• *${escapeText(m.title)}*: ${escapeText(clip(r.text, 300))}`);
  }
  for (const t of answer.technologies.slice(0, 3)) {
    const r = t.reasons[0];
    if (r) lines.push(`• *${escapeText(t.title)}*: ${escapeText(clip(r.text, 300))}`);
  }
  if (lines.length === 0) return [];
  return [section(`:mag: *Why*\n${lines.join('\n')}`), context(`Confidence ${Math.round(answer.confidence * 100)}%`)];
}

/** The "Why this answer" reply: the rules, matrix cells and words that made the engine pick what it picked. */
export function renderWhyMessage(answer: Answer): SlackMessage {
  const blocks = reasonBlocks(answer);
  if (blocks.length === 0) {
    return fitMessage({ text: 'No reasons to show', blocks: [section('This answer was not backed by a rule or the matrix; it is a plain text search.')] });
  }
  return fitMessage({ text: `Why: ${escapeText(clip(answer.query, 200))}`, blocks: [context(`*Question:* ${escapeText(clip(answer.query, 500))}`), ...blocks] });
}

// ---------------------------------------------------------------------------------------------------------------
// Matrix, lookups, reviews, help, notices

/** The use case × method matrix, one line per use case; `useCaseIds` limits it to some rows. */
export function renderMatrixBlocks(corpus: Corpus, useCaseIds?: readonly string[]): Block[] {
  const matrix = corpus.matrix;
  if (!matrix) return [section('This knowledge base has no use case × method matrix.')];
  const ids = useCaseIds && useCaseIds.length > 0 ? matrix.useCases.filter((id) => useCaseIds.includes(id)) : matrix.useCases;
  const rows = ids.map((id) => `*${escapeText(titleOf(corpus, 'useCase', id))}*\n${matrixRowText(corpus, matrix.cells[id] ?? {}, matrix.methods)}`);
  const blocks: Block[] = [];
  // Two use cases per section in fields: compact, and 15 rows still fit in 8 blocks.
  for (let i = 0; i < rows.length; i += 2) blocks.push({ type: 'section', fields: rows.slice(i, i + 2).map(mrkdwn) });
  blocks.push(context(`● preferred  ○ possible  ·  ${link(matrix.source.url, matrix.source.title)}`));
  return blocks;
}

/** `/integration matrix [use case]` as a message. */
export function renderMatrixMessage(corpus: Corpus, useCaseIds?: readonly string[]): SlackMessage {
  const one = useCaseIds && useCaseIds.length === 1 ? titleOf(corpus, 'useCase', useCaseIds[0]) : undefined;
  return fitMessage({
    text: one ? `Matrix row: ${escapeText(one)}` : 'Use case × method matrix',
    blocks: [header(one ? `Matrix: ${one}` : 'Use case × method matrix'), ...renderMatrixBlocks(corpus, useCaseIds)],
  });
}

/** A use case or technology looked up by name (`usecase <name>`, `tech <name>`). */
export function renderEntityMessage(corpus: Corpus, entity: Entity): SlackMessage {
  const blocks: Block[] = [header(entity.title), section(escapeText(entity.summary || 'No summary in the knowledge base.'))];
  if (entity.kind === 'useCase' && corpus.matrix?.cells[entity.id]) {
    blocks.push(section(`*Methods for this use case*\n${matrixRowText(corpus, corpus.matrix.cells[entity.id], corpus.matrix.methods)}`));
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
  if (entity.sources.length > 0) blocks.push(section(`:books: *Sources*\n${sourceLines(entity.sources)}`));
  return fitMessage({ text: escapeText(`${entity.title}: ${clip(entity.summary, 300)}`), blocks });
}

/** "Did you mean …" for a name the knowledge base does not know. */
export function renderSuggestionsMessage(kindLabel: string, name: string, lookup: Lookup): SlackMessage {
  const names = lookup.suggestions.map((s) => `*${escapeText(s.title)}*`);
  const text = names.length > 0
    ? `I don't know the ${kindLabel} "${escapeText(clip(name, 100))}". Did you mean ${names.join(', ')}?`
    : `I don't know the ${kindLabel} "${escapeText(clip(name, 100))}". Try \`/integration matrix\` for the list.`;
  return fitMessage({ text: text.replace(/\*/g, ''), blocks: [section(text)] });
}

const verdictIcon: Record<Verdict, string> = { preferred: ':white_check_mark:', possible: ':large_yellow_circle:', 'not-recommended': ':x:', unknown: ':grey_question:' };
const verdictWord: Record<Verdict, string> = { preferred: 'preferred', possible: 'possible', 'not-recommended': 'not recommended', unknown: 'not recognised' };

/** A design matrix review: one section per row, the summary first so it survives clipping. */
export function renderReviewMessage(review: Review, options: { surface?: Surface } = {}): SlackMessage {
  const blocks: Block[] = [header('Design review'), section(escapeText(review.summary))];
  const maxRows = 40;
  for (const row of review.rows.slice(0, maxRows)) {
    const lines = [`${verdictIcon[row.verdict]} \`${escapeText(clip(row.input, 200)).replace(/`/g, "'")}\` — *${verdictWord[row.verdict]}*`, escapeText(clip(row.explanation, 800))];
    if (row.preferred.length > 0 && row.verdict !== 'preferred') lines.push(`Preferred here: ${row.preferred.map(escapeText).join(', ')}`);
    if (row.sources[0]) lines.push(link(row.sources[0].url, row.sources[0].title));
    blocks.push(section(lines.join('\n')));
  }
  if (review.rows.length > maxRows) blocks.push(context(`_${review.rows.length - maxRows} more row(s) not shown._`));
  if (review.notes.length > 0) blocks.push(context(...review.notes.slice(0, 3).map((n) => `_${escapeText(clip(n, 600))}_`)));
  if (options.surface === 'ephemeral') blocks.unshift(context('Only you can see this review.'));
  const counts = review.rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.verdict]: (acc[r.verdict] ?? 0) + 1 }), {});
  const fallback = `Design review: ${Object.entries(counts).map(([v, n]) => `${n} ${verdictWord[v as Verdict]}`).join(', ') || 'nothing to review'}.`;
  return fitMessage({ text: fallback, blocks });
}

/** Examples shown by `/integration help`, the App Home and the console. */
export const examples: readonly string[] = Object.freeze([
  'How should our Mendix app show customer data that lives in SAP?',
  'We need nightly exports of orders to the data warehouse',
  'and for mobile?',
]);

/** `/integration help` and the reply to an empty mention. */
export function renderHelpMessage(command = '/integration'): SlackMessage {
  const lines = [
    `*Ask a question:* \`${command} ${examples[0]}\``,
    `*Subcommands*`,
    `• \`${command} matrix [use case]\` — the use case × method matrix, or one row of it`,
    `• \`${command} usecase <name>\` — what a use case is and which methods fit`,
    `• \`${command} tech <name>\` — a technology (REST, OData, Kafka, …)`,
    `• \`${command} review <snippet>\` — check a design matrix snippet (\`| use case | method |\` rows or \`use case -> method\` lines)`,
    `• \`${command} help\` — this message`,
    '*In channels* mention me with a question or paste a snippet; I answer in the thread and follow up there without a new mention.',
    '*In a DM* just ask.',
  ];
  return fitMessage({ text: 'How to ask the integration bot', blocks: [header('Integration advice for Mendix'), section(lines.join('\n'))] });
}

/** A short notice (rate limit, error, thanks), escaped. */
export function renderNotice(text: string, icon = ':information_source:'): SlackMessage {
  return fitMessage({ text: escapeText(text), blocks: [section(`${icon} ${escapeText(text)}`)] });
}

/** The App Home: what the bot does, how to ask, and the full matrix (a Home tab allows 100 blocks). */
export function renderHomeView(corpus: Corpus, command = '/integration'): { type: 'home'; blocks: Block[] } {
  const useCases = corpus.entities.filter((e) => e.kind === 'useCase').length;
  const technologies = corpus.entities.filter((e) => e.kind === 'technology').length;
  const blocks: Block[] = [
    header('Integration advice for Mendix'),
    section(
      'I recommend how a Mendix app should integrate with other systems: the *use case*, the *method* (UI, RPC, events, batch, central), ' +
        `the *technologies*, the *warnings*, and links to the documentation behind each answer. I know ${useCases} use cases and ${technologies} technologies.`,
    ),
    section(
      [
        '*How to ask*',
        `• \`${command} <question>\` anywhere — only you see the answer, and you can share it`,
        '• Mention me in a channel — I answer in the thread and answer follow-ups there without a new mention',
        '• Send me a direct message',
        `• Paste a design matrix snippet (\`| use case | method |\` rows, or \`use case -> method\` lines) or use \`${command} review\``,
        `• \`${command} help\` for all subcommands`,
      ].join('\n'),
    ),
    context(`Example: _${escapeText(examples[0])}_`),
    { type: 'divider' },
    header('Use case × method matrix'),
    ...renderMatrixBlocks(corpus),
  ];
  return { type: 'home', blocks: fitMessage({ text: 'home', blocks }, limits.blocksPerView).blocks };
}
