import type { Corpus } from '../../knowledge/types';
import type { Answer } from '../../engine/types';
import { clipWords, emptyHint, linkLabel, matrixCells, maxTrim, outlineAnswer, type Outline } from '../outline';
import { answerButtons, clarifyButtons, type ButtonPayload } from './buttons';
import { clip, context, escapeText, fitMessage, link, measureMessage, section, type Block, type SlackMessage, type Surface } from './kit';

/** The default answer's budget in Slack: what fits on a phone screen without "see more". */
export const answerBudget = Object.freeze({ blocks: 6, chars: 1000, lines: 8 });

export interface AnswerRenderOptions {
  surface: Surface;
  /** Method and use case titles for the matrix row; without it ids may show. */
  corpus?: Corpus;
  /** The earlier question of the thread when it was used, so the buttons can re-create the same answer. */
  previous?: string;
  /** Who shared an ephemeral answer into the channel (a Slack user id). */
  sharedBy?: string;
}

/** The plain-text fallback of an answer (notifications, screen readers): the headline. */
export function answerFallback(answer: Answer, outline: Outline = outlineAnswer(answer)): string {
  return escapeText(clip(outline.warning && !outline.empty ? `⚠ ${outline.headline}` : outline.headline, 300));
}

function contentBlocks(outline: Outline, answer: Answer, options: AnswerRenderOptions): Block[] {
  const blocks: Block[] = [];
  if (options.surface === 'ephemeral') blocks.push(context(`*You asked:* ${escapeText(clip(answer.query, 200))}`));
  if (options.surface === 'shared') {
    const who = options.sharedBy && /^[UW][A-Z0-9]{2,}$/.test(options.sharedBy) ? `<@${options.sharedBy}>` : 'someone';
    blocks.push(context(`Shared by ${who}. *Question:* ${escapeText(clip(answer.query, 200))}`));
  }
  if (outline.warning) blocks.push(section(`:warning: ${escapeText(clipWords(outline.warning, 260))}`));

  const main = [`*${escapeText(clipWords(outline.headline, outline.empty ? 320 : 280))}*`];
  if (outline.unsure) main.push(`_${escapeText(outline.unsure)}_`);
  if (outline.readWith) main.push(`_${escapeText(outline.readWith)}_`);
  outline.points.forEach((p, i) => main.push(`${p.kind === 'step' ? `${p.number ?? i + 1}.` : '•'} ${escapeText(clipWords(p.text, 170))}`));
  if (outline.clarify && outline.clarify.question !== outline.headline) main.push(escapeText(clipWords(outline.clarify.question, 200)));
  blocks.push(section(main.join('\n')));

  const small: string[] = [];
  if (outline.change) small.push(`${outline.change.warning ? ':warning: ' : outline.change.labelled ? '*Would change the answer:* ' : ''}${escapeText(clipWords(outline.change.text, 170))}`);
  if (outline.note) small.push(`_${escapeText(clipWords(outline.note, 160))}_`);
  if (outline.empty) small.push(escapeText(emptyHint));
  if (small.length > 0) blocks.push(context(small.join('\n')));

  const refs: string[] = [];
  if (outline.matrixRow) refs.push(`:bar_chart: ${escapeText(clipWords(outline.matrixRow, 160))}`);
  if (outline.links.length > 0) {
    const label = outline.empty ? 'Pages that may help:' : ':books:';
    refs.push(`${label} ${outline.links.map((s) => link(s.url, clipWords(linkLabel(s), 90))).join('  ·  ')}`);
  }
  if (refs.length > 0) blocks.push(context(refs.join('\n')));
  return blocks;
}

/**
 * The default answer as a Slack message: the warning the question walks into, the headline, a few reasons (steps
 * for how-to, a question with option buttons for clarify), what would change it, the matrix row, one or two links;
 * then Details, Show matrix and feedback buttons. At most `answerBudget.blocks` blocks besides the buttons and
 * `answerBudget.chars` visible characters: parts are dropped from the least needed up until it fits.
 */
export function renderAnswerMessage(answer: Answer, options: AnswerRenderOptions): SlackMessage {
  let outline = outlineAnswer(answer, options.corpus, 0);
  let blocks = contentBlocks(outline, answer, options);
  for (let trim = 1; trim <= maxTrim; trim++) {
    const shown = measureMessage({ blocks });
    if (shown.chars <= answerBudget.chars && shown.lines <= answerBudget.lines + (outline.warning ? 1 : 0)) break;
    outline = outlineAnswer(answer, options.corpus, trim);
    blocks = contentBlocks(outline, answer, options);
  }
  const payload: ButtonPayload = { q: answer.query, ...(options.previous ? { p: options.previous } : {}) };
  const actions: Block[] = [];
  if (outline.clarify) actions.push(clarifyButtons(outline.clarify));
  if (!outline.empty || outline.clarify) {
    actions.push(answerButtons(payload, { share: options.surface === 'ephemeral', matrix: answer.useCases.length > 0 }));
  }
  return fitMessage({ text: answerFallback(answer, outline), blocks: [...blocks.slice(0, answerBudget.blocks), ...actions] });
}

const confidenceWord = (c: number) => (c >= 0.8 ? 'high' : c >= 0.6 ? 'medium' : 'low');

/**
 * The "Details" reply (ephemeral): everything the default answer leaves out: all reasons and caveats with their
 * sources, the steps, every use case with its matrix row, the methods with their matrix cells, the technologies,
 * the warnings, all sources, and how sure the knowledge is.
 */
export function renderDetailsMessage(answer: Answer, corpus?: Corpus): SlackMessage {
  const blocks: Block[] = [context(`*Question:* ${escapeText(clip(answer.query, 500))}`), section(`*${escapeText(clip(answer.headline || answer.notes[0] || 'No confident answer', 500))}*`)];
  const cite = (source?: { url: string; title: string }) => (source ? ` (${link(source.url, clipWords(linkLabel(source), 60))})` : '');
  const list = (title: string, lines: string[]) => {
    if (lines.length > 0) blocks.push(section(`*${title}*\n${lines.join('\n')}`));
  };
  list('Why', answer.reasons.map((r) => `• ${escapeText(clip(r.text, 300))}${cite(r.source)}`));
  list('Steps', answer.steps.map((s, i) => `${i + 1}. ${escapeText(clip(s, 300))}`));
  list('What would change it', answer.caveats.map((c) => `• ${escapeText(clip(c.text, 400))}${cite(c.source)}`));
  list(
    'Use cases',
    answer.useCases.map((uc) => `• *${escapeText(uc.title)}*: ${escapeText(matrixCells(corpus, uc.methods))}`),
  );
  const top = answer.useCases[0];
  list(
    'Methods',
    answer.methods.map((m) => {
      const cell = top?.methods[m.id];
      const where = cell ? `${cell} for ${escapeText(top.title)}` : m.level === 'mentioned' ? 'named in the question' : m.level;
      return `• *${escapeText(m.title)}*: ${where}`;
    }),
  );
  list('Technologies', answer.technologies.map((t) => `• *${escapeText(t.title)}*${t.reasons[0] ? `: ${escapeText(clip(t.reasons[0].text.replace(/^"[^"]*":\s*/, ''), 200))}` : ''}`));
  list('Warnings', answer.warnings.map((w) => `:warning: *${escapeText(w.title)}*: ${escapeText(clip(w.text, 600))}`));
  if (answer.topics.length > 0) blocks.push(context(`See also: ${answer.topics.map((t) => escapeText(t.title)).join(', ')}`));
  list('Sources', answer.sources.map((s) => `• ${link(s.url, linkLabel(s))}`));
  const notes = answer.notes.map((n) => `_${escapeText(clip(n, 300))}_`);
  blocks.push(context([`How sure: ${confidenceWord(answer.confidence)} (confidence ${answer.confidence.toFixed(2)})`, ...notes].join('\n')));
  return fitMessage({ text: `Details: ${escapeText(clip(answer.headline || answer.query, 200))}`, blocks });
}

/** The one-line reply to small talk where a reply is due (a DM, the console); never a repeat of an earlier answer. */
export function renderChitchatMessage(text: string): SlackMessage {
  return fitMessage({ text: escapeText(text), blocks: [section(escapeText(text))] });
}
