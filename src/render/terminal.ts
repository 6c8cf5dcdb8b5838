import type { Corpus, Level } from '../knowledge/types';
import type { Answer, Review } from '../engine/types';
import { reviewRowParts } from './review-line';
import { clipWords, emptyHint, linkLabel, maxTrim, outlineAnswer, type Outline } from './outline';

/** Renders answers, reviews and the matrix as plain text for a terminal (the CLI and the local console). */

const levelMark: Record<Level | 'mentioned', string> = { preferred: '●', possible: '○', mentioned: '·' };

function wrap(text: string, width = 96, indent = '    '): string {
  const out: string[] = [];
  const lead = /^\s*/.exec(text)![0];
  let line = lead;
  for (const word of text.trim().split(/\s+/)) {
    if (line.trim() && line.length + word.length + 1 > width) {
      out.push(line);
      line = indent + word;
    } else line = line.trim() ? `${line} ${word}` : line + word;
  }
  if (line) out.push(line);
  return out.join('\n');
}

/** The default answer's budget in a terminal. */
export const terminalBudget = Object.freeze({ lines: 12, width: 96 });

function outlineLines(outline: Outline, hint: string | null): string[] {
  const lines: string[] = [];
  const add = (text: string, indent = '  ') => lines.push(...wrap(text, terminalBudget.width, indent).split('\n'));
  if (outline.warning) add(`⚠ ${clipWords(outline.warning, 180)}`);
  add(clipWords(outline.headline, outline.empty ? 320 : 200), '');
  if (outline.unsure) lines.push(outline.unsure);
  if (outline.readWith) add(outline.readWith);
  outline.points.forEach((p, i) => add(`  ${p.kind === 'step' ? `${p.number ?? i + 1}.` : '•'} ${clipWords(p.text, 170)}`, '    '));
  if (outline.clarify) {
    if (outline.clarify.question !== outline.headline) add(clipWords(outline.clarify.question, 180));
    outline.clarify.options.slice(0, 5).forEach((o, i) => lines.push(`  ${i + 1}) ${clipWords(o.label, 80)}`));
  }
  if (outline.change) add(`${outline.change.warning ? '⚠ ' : outline.change.labelled ? 'Would change the answer: ' : ''}${clipWords(outline.change.text, 170)}`);
  if (outline.note) add(clipWords(outline.note, 160));
  if (outline.empty) lines.push(emptyHint);
  if (outline.matrixRow) add(`Matrix · ${clipWords(outline.matrixRow, 150)}`);
  const [first, second] = outline.links;
  if (first) lines.push(`${outline.empty ? 'May help' : 'Read'}: ${clipWords(linkLabel(first), 60)} ${first.url}`);
  if (second) lines.push(`      ${clipWords(linkLabel(second), 60)} ${second.url}`);
  if (hint) lines.push(hint);
  return lines;
}

/**
 * The default answer for a terminal (the console and `ask`), at most 12 lines: the warning the question walks into,
 * the headline, reasons (steps for how-to, numbered options for clarify), what would change it, the matrix row and
 * one or two links. `hint` is a last line on how to see more.
 */
export function renderAnswerText(answer: Answer, options: { corpus?: Corpus; hint?: string } = {}): string {
  let lines: string[] = [];
  for (let trim = 0; trim <= maxTrim; trim++) {
    lines = outlineLines(outlineAnswer(answer, options.corpus, trim), options.hint ?? null);
    if (lines.length <= terminalBudget.lines) break;
  }
  return lines.slice(0, terminalBudget.lines).join('\n') + '\n';
}

/**
 * Every part of an answer for a terminal (`ask --verbose`, `more` in the console): headline, reasons, steps, caveats,
 * use cases, methods with their matrix level, technologies, warnings, all links and the confidence.
 */
export function renderAnswerDetailsText(answer: Answer): string {
  const lines: string[] = [wrap(answer.headline || answer.notes[0] || 'No confident answer.', 96, '')];
  const cite = (source?: { title: string }) => (source ? ` (${linkLabel(source as { title: string; url: string })})` : '');
  if (answer.reasons.length > 0) lines.push('', 'Why:', ...answer.reasons.map((r) => wrap(`  • ${r.text}${cite(r.source)}`, 96, '    ')));
  if (answer.steps.length > 0) lines.push('', 'Steps:', ...answer.steps.map((s, i) => wrap(`  ${i + 1}. ${s}`, 96, '     ')));
  if (answer.caveats.length > 0) lines.push('', 'What would change it:', ...answer.caveats.map((c) => wrap(`  • ${c.text}${cite(c.source)}`, 96, '    ')));
  if (answer.clarify) lines.push('', wrap(answer.clarify.question, 96, ''), ...answer.clarify.options.map((o, i) => `  ${i + 1}) ${o.label}: ${o.query}`));
  if (answer.useCases.length > 0) {
    lines.push('', 'Use cases:');
    for (const uc of answer.useCases) {
      lines.push(`  ${uc.title} [${uc.id}]`);
      for (const r of uc.reasons.slice(0, 2)) lines.push(wrap(`    why: ${r.text}`, 96, '         '));
    }
  }
  if (answer.methods.length > 0) {
    lines.push('', 'Methods (● preferred, ○ possible, · mentioned):');
    for (const m of answer.methods) {
      lines.push(`  ${levelMark[m.level]} ${m.title} [${m.id}]`);
      const reason = m.reasons[0];
      if (reason) lines.push(wrap(`      ${reason.text}`, 96, '      '));
    }
  }
  if (answer.technologies.length > 0) {
    lines.push('', 'Technologies:');
    for (const t of answer.technologies) lines.push(wrap(`  ${t.title} [${t.id}]: ${t.reasons[0]?.text ?? ''}`, 96, '      '));
  }
  for (const w of answer.warnings) lines.push('', wrap(`⚠ ${w.title}: ${w.text}`, 96, '  '));
  if (answer.topics.length > 0) lines.push('', `See also: ${answer.topics.map((t) => t.title).join(', ')}`);
  if (answer.sources.length > 0) {
    lines.push('', 'Sources:');
    for (const s of answer.sources) lines.push(`  ${s.title}\n    ${s.url}`);
  }
  if (answer.notes.length > 0) lines.push('', ...answer.notes.map((n) => wrap(n, 96, '')));
  lines.push('', `Confidence ${Math.round(answer.confidence * 100)}% (${answer.intent})`);
  return lines.join('\n') + '\n';
}

const verdictMark: Record<string, string> = { preferred: '✔', possible: '~', 'not-recommended': '✘', unknown: '?' };

/** A design review for a terminal: the summary, then one line per row (verdict, row, reason, what the matrix prefers). */
export function renderReviewText(review: Review, options: { corpus?: Corpus } = {}): string {
  const lines: string[] = [review.summary];
  for (const row of review.rows) {
    const p = reviewRowParts(row, options.corpus);
    lines.push(`${verdictMark[row.verdict] ?? '?'} ${p.verdict}: ${p.input} — ${p.reason}${p.preferred ? ` Preferred here: ${p.preferred}.` : ''}`);
  }
  for (const note of review.notes) lines.push(wrap(note, 96, ''));
  return lines.join('\n') + '\n';
}

/** The use case × method matrix as an aligned text table; `useCaseIds` limits it to some rows. */
export function renderMatrixText(corpus: Corpus, useCaseIds?: string[]): string {
  const matrix = corpus.matrix;
  if (!matrix) return 'This knowledge base has no use case × method matrix.\n';
  const title = (kind: string, id: string) => corpus.entities.find((e) => e.kind === kind && e.id === id)?.title ?? id;
  const rows = (useCaseIds && useCaseIds.length > 0 ? matrix.useCases.filter((id) => useCaseIds.includes(id)) : matrix.useCases).map((id) => [
    title('useCase', id),
    ...matrix.methods.map((m) => (matrix.cells[id]?.[m] === 'preferred' ? '●' : matrix.cells[id]?.[m] === 'possible' ? '○' : '')),
  ]);
  const header = ['Use case', ...matrix.methods.map((m) => title('method', m))];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(Math.ceil((widths[i] + c.length) / 2)).padEnd(widths[i]))).join(' │ ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...rows.map(line), '', `● preferred  ○ possible   Source: ${matrix.source.url}`].join('\n') + '\n';
}
