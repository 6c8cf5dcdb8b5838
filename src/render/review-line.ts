import type { Corpus } from '../knowledge/types';
import type { ReviewRow, Verdict } from '../engine/types';
import { titleOf } from './outline';

/** How each surface words a verdict. */
export const verdictWords: Record<Verdict, string> = { preferred: 'preferred', possible: 'possible', 'not-recommended': 'not recommended', unknown: 'not recognised' };

/** The first `n` sentences of an explanation (sentences end in ". " before a capital or a quote). */
function sentences(text: string, n: number): string {
  const parts = text.split(/(?<=[.!?])\s+(?=[A-Z"“(])/);
  return parts
    .filter((p) => !/^\(Read /.test(p))
    .slice(0, n)
    .join(' ');
}

/**
 * One review row as one line, the same on every surface: the verdict, the row as written, the reason (for a warning
 * row, the warning's title and first sentence), and what the matrix prefers when the reason does not say it.
 * Names, never ids: "Preferred here: RPC / services".
 * @example reviewRowParts(row, corpus) // { verdict: 'not recommended', input: '| Field app offline | Direct database |', reason: 'Direct database access to a Mendix app: …', preferred: 'RPC / services' }
 */
export function reviewRowParts(row: ReviewRow, corpus?: Corpus): { verdict: string; input: string; reason: string; preferred: string | null } {
  const preferredTitles = row.preferred.map((id) => titleOf(corpus, 'method', id));
  const reason = sentences(row.explanation, row.verdict === 'unknown' ? 2 : 1);
  const said = preferredTitles.length > 0 && preferredTitles.every((t) => reason.includes(t));
  return {
    verdict: verdictWords[row.verdict],
    input: row.input.replace(/\s+/g, ' ').trim(),
    reason,
    preferred: row.verdict !== 'preferred' && preferredTitles.length > 0 && !said ? preferredTitles.join(', ') : null,
  };
}
