import type { Level } from './types';
import { decodeEntities } from './text';

/**
 * What a matrix cell says, read from what authors put in it. Order matters: the first table that names the
 * text wins, so "not preferred" is checked before "preferred".
 */
const none = ['', '-', '–', '—', 'no', 'n', 'none', 'n/a', 'na', '❌', '✗', '✘', ':x:', 'not used', 'not preferred', 'never', '·', '.'];
const possible = [
  'possible', 'possibly', 'sometimes', 'optional', 'maybe', 'some cases', 'in some cases', 'grey', 'gray', '○', '◯', '⚪',
  '(✓)', '(x)', '~', '🔘', ':white_circle:', 'o', 'secondary', 'alternative',
];
const preferred = [
  'preferred', 'common', 'recommended', 'yes', 'y', 'x', '✓', '✔', '☑', ':heavy_check_mark:', ':ballot_box_with_check:', '✅', ':white_check_mark:', 'green', '●', '⬤', '🟢',
  ':large_green_circle:', 'primary', 'best', 'best fit', 'preferred use',
];

const table = new Map<string, Level | null>([
  ...none.map((k) => [k, null] as const),
  ...possible.map((k) => [k, 'possible'] as const),
  ...preferred.map((k) => [k, 'preferred'] as const),
]);

/** The result of reading a cell: a level, "empty", or not a mark at all. */
export type MarkReading = { kind: 'mark'; level: Level | null; plainCheck?: boolean } | { kind: 'unknown'; text: string };

/**
 * Plain check marks: on their own they mean "chosen" (preferred), but in a table that also uses ✅ or green
 * images for preferred, they are the weaker mark ("possible"), as in the Mendix matrix drafts.
 */
const plainChecks = new Set(['✓', '✔', '☑', ':heavy_check_mark:', ':ballot_box_with_check:']);

/**
 * Reads one table cell as a matrix mark. Image cells are read by file name (`green.png` preferred,
 * `grey.png` possible), HTML entities are decoded (`&#9989;` is ✅), and words are matched case-insensitively.
 * In the Mendix drafts a heavy check mark (&#10004;) means "possible" next to a ✅ for "preferred".
 * @example readMark('![](attachments/mendix-integration/green.png)') -> { kind: 'mark', level: 'preferred' }
 */
export function readMark(cell: string): MarkReading {
  const image = /!\[[^\]]{0,200}\]\(([^)\s]{0,400})/.exec(cell) ?? /<img[^>]{0,400}src=["']([^"']{0,400})["']/i.exec(cell);
  if (image) {
    const file = image[1].toLowerCase().split('/').pop() ?? '';
    if (/green|check|yes|preferred|full/.test(file)) return { kind: 'mark', level: 'preferred' };
    if (/gr[ae]y|partial|half|possible|maybe/.test(file)) return { kind: 'mark', level: 'possible' };
    if (/red|cross|none|empty|blank|white/.test(file)) return { kind: 'mark', level: null };
    return { kind: 'unknown', text: cell.trim() };
  }
  const lowered = decodeEntities(cell).replace(/\uFE0F/g, '').trim().toLowerCase();
  if (plainChecks.has(lowered)) return { kind: 'mark', level: 'preferred', plainCheck: true };
  if (table.has(lowered)) return { kind: 'mark', level: table.get(lowered) ?? null };
  const text = decodeEntities(cell)
    .replace(/<[^<>]{0,200}>/g, '')
    .replace(/[*`]|(^|\s)_|_(?=\s|$)/g, '$1')
    .replace(/\uFE0F/g, '')
    .trim()
    .toLowerCase();
  if (plainChecks.has(text)) return { kind: 'mark', level: 'preferred', plainCheck: true };
  if (table.has(text)) return { kind: 'mark', level: table.get(text) ?? null };
  // "✅ preferred", "possible (if small)": the first recognised word or symbol decides.
  const first = text.split(/[\s(]+/)[0];
  if (first && first !== text && table.has(first)) return { kind: 'mark', level: table.get(first) ?? null };
  for (const [word, level] of table) {
    if (word.length > 3 && text.includes(word)) return { kind: 'mark', level };
  }
  return { kind: 'unknown', text: cell.trim() };
}
