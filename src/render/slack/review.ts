import type { Review, Verdict } from '../../engine/types';
import { clip, context, escapeText, fitMessage, header, link, section, type Block, type SlackMessage, type Surface } from './kit';

const verdictIcon: Record<Verdict, string> = { preferred: ':white_check_mark:', possible: ':large_yellow_circle:', 'not-recommended': ':x:', unknown: ':grey_question:' };
export const verdictWord: Record<Verdict, string> = { preferred: 'preferred', possible: 'possible', 'not-recommended': 'not recommended', unknown: 'not recognised' };

/**
 * A design matrix review: the summary first (so it survives clipping), then one line per row: the verdict, the row
 * as written, what the matrix prefers there, and the warning or explanation, with its source.
 */
export function renderReviewMessage(review: Review, options: { surface?: Surface } = {}): SlackMessage {
  const blocks: Block[] = [header('Design review'), section(escapeText(review.summary))];
  const maxRows = 40;
  for (const row of review.rows.slice(0, maxRows)) {
    const input = escapeText(clip(row.input, 160)).replace(/`/g, "'");
    const parts = [`${verdictIcon[row.verdict]} *${verdictWord[row.verdict]}* \`${input}\``];
    if (row.preferred.length > 0 && row.verdict !== 'preferred') parts.push(`Preferred here: ${row.preferred.map(escapeText).join(', ')}`);
    const why = escapeText(clip(row.explanation, 400));
    parts.push(row.sources[0] ? `${why} ${link(row.sources[0].url, '(source)')}` : why);
    blocks.push(section(parts.join(' — ')));
  }
  if (review.rows.length > maxRows) blocks.push(context(`_${review.rows.length - maxRows} more row(s) not shown._`));
  if (review.notes.length > 0) blocks.push(context(...review.notes.slice(0, 3).map((n) => `_${escapeText(clip(n, 600))}_`)));
  if (options.surface === 'ephemeral') blocks.unshift(context('Only you can see this review.'));
  const counts = review.rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.verdict]: (acc[r.verdict] ?? 0) + 1 }), {});
  const fallback = `Design review: ${Object.entries(counts).map(([v, n]) => `${n} ${verdictWord[v as Verdict]}`).join(', ') || 'nothing to review'}.`;
  return fitMessage({ text: fallback, blocks });
}
