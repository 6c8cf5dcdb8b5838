import type { Corpus, Level } from '../knowledge/types';
import type { Answer, Review } from '../engine/types';

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

/**
 * An answer for a terminal: use cases, methods with their matrix level, technologies, warnings, reasons
 * and links.
 */
export function renderAnswerText(answer: Answer): string {
  const lines: string[] = [];
  if (answer.useCases.length === 0 && answer.technologies.length === 0 && answer.topics.length === 0 && answer.warnings.length === 0) {
    lines.push(...answer.notes.map((n) => wrap(n, 96, '')));
    if (answer.sources.length > 0) {
      lines.push('', 'Pages that match:');
      for (const s of answer.sources) lines.push(`  ${s.title}\n    ${s.url}`);
    }
    return lines.join('\n') + '\n';
  }
  lines.push(`Confidence ${Math.round(answer.confidence * 100)}%`);
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
  return lines.join('\n') + '\n';
}

const verdictMark: Record<string, string> = { preferred: '✔', possible: '~', 'not-recommended': '✘', unknown: '?' };

/** A design review for a terminal: one block per row, then the summary. */
export function renderReviewText(review: Review): string {
  const lines: string[] = [];
  for (const row of review.rows) {
    lines.push(`${verdictMark[row.verdict] ?? '?'} ${row.input}`);
    lines.push(wrap(`    ${row.verdict}: ${row.explanation}`, 96, '    '));
    if (row.preferred.length > 0) lines.push(`    preferred for this use case: ${row.preferred.join(', ')}`);
    if (row.sources[0]) lines.push(`    ${row.sources[0].url}`);
  }
  if (lines.length > 0) lines.push('');
  lines.push(review.summary);
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
