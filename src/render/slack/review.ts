import type { Corpus } from '../../knowledge/types';
import type { Review, Verdict } from '../../engine/types';
import { reviewRowParts, verdictWords } from '../review-line';
import { clip, context, escapeText, fitMessage, header, link, section, type Block, type SlackMessage, type Surface } from './kit';

const verdictIcon: Record<Verdict, string> = { preferred: ':white_check_mark:', possible: ':large_yellow_circle:', 'not-recommended': ':x:', unknown: ':grey_question:' };
export const verdictWord = verdictWords;

/**
 * A design matrix review: the summary first (so it survives clipping), then one line per row: the verdict, the row
 * as written, the reason (a warning's title and first sentence for a warning row), what the matrix prefers when the
 * reason does not say it, and the source. `corpus` gives method names for the preferred methods.
 */
export function renderReviewMessage(review: Review, options: { surface?: Surface; corpus?: Corpus } = {}): SlackMessage {
  const blocks: Block[] = [header('Design review'), section(escapeText(review.summary))];
  const maxRows = 40;
  for (const row of review.rows.slice(0, maxRows)) {
    const p = reviewRowParts(row, options.corpus);
    const input = escapeText(clip(p.input, 160)).replace(/`/g, "'");
    const source = row.sources[0] ? ` ${link(row.sources[0].url, '(source)')}` : '';
    const preferred = p.preferred ? ` Preferred here: ${escapeText(p.preferred)}.` : '';
    blocks.push(section(`${verdictIcon[row.verdict]} *${p.verdict}* \`${input}\` — ${escapeText(clip(p.reason, 400))}${preferred}${source}`));
  }
  if (review.rows.length > maxRows) blocks.push(context(`_${review.rows.length - maxRows} more row(s) not shown._`));
  if (review.notes.length > 0) blocks.push(context(...review.notes.slice(0, 3).map((n) => `_${escapeText(clip(n, 600))}_`)));
  if (options.surface === 'ephemeral') blocks.unshift(context('Only you can see this review.'));
  const counts = review.rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.verdict]: (acc[r.verdict] ?? 0) + 1 }), {});
  const fallback = `Design review: ${Object.entries(counts).map(([v, n]) => `${n} ${verdictWords[v as Verdict]}`).join(', ') || 'nothing to review'}.`;
  return fitMessage({ text: fallback, blocks });
}
