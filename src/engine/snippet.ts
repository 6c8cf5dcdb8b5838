/**
 * Reads a design snippet as people paste it into Slack or a terminal: markdown or tab-separated tables, marked
 * matrices (the bot's own included), and "use case -> method" lines in lists. Pure and resolver-free: it only
 * finds the two sides of each row; `review.ts` decides what they name. Every loop is bounded by `limits`, and
 * every regular expression has bounded repetition, so hostile input costs linear time.
 */
import type { Level } from '../knowledge/types';
import { readMark } from '../knowledge/marks';
import { decodeEntities, inlineToText } from '../knowledge/text';

/**
 * How a row was written; tables and arrows are clear intent, the rest may be ordinary prose. A `prose` row is a
 * list item with no separator at all ("- ops dashboards get fed by events"): both sides hold the whole line.
 */
export type RowForm = 'matrix' | 'table' | 'arrow' | 'colon' | 'dash' | 'words' | 'prose';

export interface SnippetRow {
  /** The row as written, markup removed and cut to `maxEchoChars`, for echoing back. */
  input: string;
  /** 1-based line in the pasted text. */
  line: number;
  form: RowForm;
  useCase: string;
  method: string;
  /** In a matrix: the level the author's mark says, when it says one (`✅ preferred`, `grey.png`). */
  marked?: Level;
  /** The line was a bullet or numbered list item. */
  listItem: boolean;
  /** The line ends with a question mark. */
  question: boolean;
}

export interface ParsedSnippet {
  /** Rows in reading order, at most `limits.maxRows`. */
  rows: SnippetRow[];
  /** Rows found in the text that was read, including those past the cap. */
  found: number;
  /** What was cut or skipped, in words a user understands. */
  notes: string[];
}

export interface SnippetLimits {
  /** Characters read; the rest is ignored (and a note says so). */
  maxChars: number;
  /** Longer lines are skipped: nobody writes a use case that long. */
  maxLineChars: number;
  /** Rows kept. */
  maxRows: number;
  /** Length of `input` echoed back. */
  maxEchoChars: number;
}

export const defaultSnippetLimits: Readonly<SnippetLimits> = Object.freeze({
  maxChars: 200_000,
  maxLineChars: 1_000,
  maxRows: 50,
  maxEchoChars: 160,
});

/** Arrows between a use case and a method, longest first so "-->" is not read as "-" and "->". */
const arrows = ['-->', '==>', '->', '=>', '→', '⇒', '⟶', '⟹', '➡', '➔', '➜', '▶', '⇨', '↦'];
/** Spaced dashes: "Update master data – UI integration", "BI reporting - batch". */
const dashes = [' -- ', ' – ', ' — ', ' - ', ' = '];
/** "Reference data via events": a use case, one of these words, a method. */
const joiningWords = [' via ', ' using ', ' through ', ' over ', ' by means of '];
/** "use events for reference data": one of these openings, a method, " for ", a use case. */
const useOpenings = ['use ', 'using ', 'we use ', 'we will use ', "we'll use ", 'go with ', 'choose ', 'pick '];
/** Slack emoji that mean an arrow. */
const arrowEmoji = new Set(['arrow_right', 'heavy_arrow_right', 'arrow_forward', 'point_right', 'right_arrow', 'fast_forward', 'arrow_heading_right']);
/** Code-fence language tags to drop ("```text"). */
const fenceTags = new Set(['text', 'txt', 'markdown', 'md', 'plain', 'plaintext', 'csv', 'tsv', 'yaml', 'json']);
/** Table headers of columns that hold remarks, not methods. */
const remarkHeader = /note|comment|remark|why|reason|rational|owner|status|descr|detail|question|risk|todo|who|when/i;
/** Table headers that name the method column of a two-column table. */
const methodHeader = /method|approach|pattern|style|mechanism|technolog|tech\b|how|solution|option|choice|chosen|proposed|plan|integration type|protocol|channel|transport/i;
/** Table headers that name the use-case column. */
const useCaseHeader = /use[ -]?case|scenario|requirement|need|flow|interface|what|capability|domain|data|process|feature|purpose/i;
/** Table headers in general: a first row made of these is a header even without a `---` line under it. */
const headerWord = new RegExp(`${methodHeader.source}|${useCaseHeader.source}|${remarkHeader.source}`, 'i');

/**
 * Slack sends emoji as `:name:` codes; the marks table knows the characters. Codes for marks become the
 * character before a cell is read (`:white_check_mark:` -> ✅).
 */
const emojiMarks: Record<string, string> = {
  white_check_mark: '✅', heavy_check_mark: '✔', ballot_box_with_check: '☑', large_green_circle: '🟢', green_circle: '🟢',
  white_circle: '⚪', radio_button: '🔘', x: '❌', heavy_multiplication_x: '✖', negative_squared_cross_mark: '❎',
  no_entry_sign: '❌', heavy_minus_sign: '-', white_large_square: '', black_circle: '●',
};

/** Reads a table cell as a mark, after turning Slack emoji codes into their characters. */
function cellMark(cell: string): ReturnType<typeof readMark> {
  const text = cell.replace(/:([a-z0-9_+-]{1,40}):/g, (whole, name: string) => emojiMarks[name] ?? whole);
  return readMark(text);
}

/** One line after fences are split off, with its line number in the original text. */
interface RawLine {
  text: string;
  line: number;
}

/** Removes invisible and control characters; they never carry meaning in a snippet. */
function stripInvisible(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here.
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff\ufe0f]/g, '');
}

/** True when the text is mostly not text (a pasted binary file). */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 10_000);
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || (c >= 0x7f && c <= 0x9f) || c === 0xfffd) bad++;
  }
  return bad > 8 && bad > sample.length * 0.1;
}

/**
 * Slack's own markup to plain text: `<url|label>` to label, `<url>` to the url, mentions and `<!here>` dropped.
 * Only Slack writes raw `<`: what users type arrives as `&lt;`, so this runs before entities are decoded.
 */
function slackMarkup(text: string): string {
  if (!text.includes('<')) return text;
  return text.replace(/<([^<>\n]{1,500})>/g, (_whole, body: string) => {
    const bar = body.indexOf('|');
    const target = bar >= 0 ? body.slice(0, bar) : body;
    const label = bar >= 0 ? body.slice(bar + 1) : '';
    if (target.startsWith('@') || target.startsWith('!')) return label ? label : '';
    if (target.startsWith('#')) return label ? `#${label}` : '';
    return label || target.replace(/^mailto:/, '');
  });
}

/** Splits the text into lines, opening code fences (including Slack's inline "```a -> b```"). */
function splitLines(text: string): RawLine[] {
  const out: RawLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.includes('```') && !line.trimStart().startsWith('~~~')) {
      out.push({ text: line, line: i + 1 });
      continue;
    }
    const parts = line.split(/```|^\s*~~~/);
    parts.forEach((part, j) => {
      // The word right after an opening fence is a language tag, not content.
      const trimmed = part.trim();
      if (j > 0 && fenceTags.has(trimmed.toLowerCase())) return;
      if (trimmed) out.push({ text: part, line: i + 1 });
    });
  }
  return out;
}

/** A table line: cells separated by pipes or tabs. */
function tableCells(text: string): string[] | null {
  const sep = text.includes('|') ? '|' : text.includes('\t') ? '\t' : null;
  if (!sep) return null;
  const trimmed = text.trim();
  let cells = trimmed.replace(/\\\|/g, '\u0000').split(sep).map((c) => c.replace(/\u0000/g, '|').trim());
  if (sep === '|') {
    if (trimmed.startsWith('|')) cells = cells.slice(1);
    if (trimmed.endsWith('|') && cells.length > 0) cells = cells.slice(0, -1);
  }
  return cells.length >= 2 ? cells : null;
}

/** A markdown or ASCII-art table rule: `|---|:--:|`, `+----+----+`. */
function isRule(text: string): boolean {
  const t = text.trim();
  return /^[-+=|:\s]{1,2000}$/.test(t) && (t.includes('-') || t.includes('='));
}

/** Inline markdown and Slack emphasis to plain text: `*bold*`, `_it_`, `~x~`, `:emoji:`, links, images. */
function plain(text: string): string {
  return inlineToText(text.replace(/:([a-z0-9_+'-]{1,40}):/g, (_w, name: string) => (arrowEmoji.has(name) ? ' -> ' : ' ')))
    .replace(/(^|[\s(])[_~]{1,3}(?=\S)/g, '$1')
    .replace(/(\S)[_~]{1,3}(?=$|[\s).,;:!?])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Cuts text for echoing back. */
function echo(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/** Drops a closing full stop or comma from a side of a row ("Events."). */
function side(text: string): string {
  const loose = ' \t,;:.!';
  let start = 0;
  let end = text.length;
  while (start < end && loose.includes(text[start])) start++;
  while (end > start && loose.includes(text[end - 1])) end--;
  return text.slice(start, end);
}

/** The first place one of `tokens` occurs, longest token on a tie. */
function firstOf(text: string, tokens: readonly string[]): { at: number; token: string } | null {
  let best: { at: number; token: string } | null = null;
  for (const token of tokens) {
    const at = text.indexOf(token);
    if (at < 0) continue;
    if (!best || at < best.at || (at === best.at && token.length > best.token.length)) best = { at, token };
  }
  return best;
}

/** The first colon that separates two sides: not in a URL ("https://"), a time ("10:30") or at the start. */
function separatingColon(text: string): number {
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
    if (i === 0) continue;
    if (text.startsWith('//', i + 1)) continue;
    if (/\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '')) continue;
    return i;
  }
  return -1;
}

/** Splits one cleaned line into a use case and a method, trying the separators in order of how clear they are. */
function splitLine(text: string): { form: RowForm; useCase: string; method: string } | null {
  const arrow = firstOf(text, arrows);
  if (arrow) return { form: 'arrow', useCase: side(text.slice(0, arrow.at)), method: side(text.slice(arrow.at + arrow.token.length)) };
  const colon = separatingColon(text);
  if (colon > 0) return { form: 'colon', useCase: side(text.slice(0, colon)), method: side(text.slice(colon + 1)) };
  const dash = firstOf(text, dashes);
  if (dash) return { form: 'dash', useCase: side(text.slice(0, dash.at)), method: side(text.slice(dash.at + dash.token.length)) };
  const lower = text.toLowerCase();
  const opening = useOpenings.find((o) => lower.startsWith(o));
  const forAt = lower.indexOf(' for ');
  if (opening && forAt > opening.length) {
    return { form: 'words', method: side(text.slice(opening.length, forAt)), useCase: side(text.slice(forAt + 5)) };
  }
  const word = firstOf(lower, joiningWords);
  if (word) return { form: 'words', useCase: side(text.slice(0, word.at)), method: side(text.slice(word.at + word.token.length)) };
  return null;
}

/** Strips quote marks, headings, bullets and numbering from a line; says whether it was a list item. */
function stripLead(text: string): { text: string; listItem: boolean } {
  let t = text.replace(/^\s*(?:>\s?){1,10}/, '').replace(/^\s*#{1,6}\s+/, '');
  let listItem = false;
  for (let i = 0; i < 2; i++) {
    const next = t.replace(/^\s*(?:[-*•◦▪▫‣⁃∙·+–—]|\d{1,3}[.)]|[a-zA-Z][.)]|\(\d{1,3}\)|\[[ xX]?\])\s+/, '');
    if (next === t) break;
    listItem = true;
    t = next;
  }
  // A leading emoji works as a bullet (":small_blue_diamond: SSO -> RPC").
  const emoji = t.replace(/^\s*(?::[a-z0-9_+'-]{1,40}:\s*){1,3}/, '');
  if (emoji !== t) {
    listItem = true;
    t = emoji;
  }
  return { text: t, listItem };
}

interface Collector {
  rows: SnippetRow[];
  found: number;
  limits: SnippetLimits;
}

function collect(c: Collector, row: Omit<SnippetRow, 'input'> & { input: string }): void {
  c.found++;
  if (c.rows.length < c.limits.maxRows) c.rows.push({ ...row, input: echo(row.input, c.limits.maxEchoChars) });
}

/** Reads a block of table lines: a marked matrix (one row per marked cell) or a use case | method table. */
function readTable(c: Collector, block: { cells: string[]; line: number }[], notes: string[]): void {
  const ruleAt = block.findIndex((r) => r.cells.every((cell) => cell === '' || isRule(cell)));
  const rows = block.filter((r) => !r.cells.every((cell) => cell === '' || isRule(cell)));
  if (rows.length === 0) return;
  const first = rows[0];
  const body0 = rows.slice(1);
  const remarks = new Set(first.cells.map((cell, i) => (remarkHeader.test(plain(cell)) ? i : -1)));
  let marks = 0;
  let words = 0;
  for (const r of body0) {
    for (const [i, cell] of r.cells.entries()) {
      if (i === 0 || !cell || remarks.has(i)) continue;
      const reading = cellMark(cell);
      if (reading.kind === 'mark' && reading.level) marks++;
      else if (reading.kind === 'unknown') words++;
    }
  }
  const firstHasMarks = first.cells.slice(1).some((cell) => {
    const reading = cellMark(cell);
    return cell !== '' && reading.kind === 'mark' && reading.level !== null;
  });
  const matrix = marks > 0 && marks >= words && !firstHasMarks;
  const hasHeader = ruleAt === 1 || matrix || first.cells.every((cell) => cell === '' || headerWord.test(plain(cell)));
  const header = hasHeader ? first.cells.map(plain) : [];
  const body = hasHeader ? body0 : rows;

  if (matrix) {
    for (const r of body) {
      const label = plain(r.cells[0] ?? '');
      if (!label) continue;
      r.cells.slice(1).forEach((cell, k) => {
        const method = header[k + 1] ?? '';
        if (!cell || !method || remarkHeader.test(method)) return;
        const reading = cellMark(cell);
        if (reading.kind === 'mark' && !reading.level) return;
        // A word in a marked matrix ("Kafka" under Events) still marks the cell as chosen.
        const marked = reading.kind === 'mark' ? reading.level ?? undefined : undefined;
        collect(c, { input: `${label} | ${method}`, line: r.line, form: 'matrix', useCase: label, method, marked, listItem: false, question: false });
      });
    }
    return;
  }

  let method = header.findIndex((h) => methodHeader.test(h) && !remarkHeader.test(h));
  let useCase = header.findIndex((h, i) => i !== method && useCaseHeader.test(h));
  if (useCase < 0) useCase = method === 0 ? 1 : 0;
  if (method < 0 || method === useCase) method = header.findIndex((h, i) => i !== useCase && !remarkHeader.test(h));
  if (method < 0) method = useCase === 0 ? 1 : 0;
  let empty = 0;
  for (const r of body) {
    const u = plain(r.cells[useCase] ?? '');
    const m = plain(r.cells[method] ?? '');
    if (!u || !m) {
      if (u || m) empty++;
      continue;
    }
    collect(c, { input: `${u} | ${m}`, line: r.line, form: 'table', useCase: u, method: m, listItem: false, question: m.endsWith('?') });
  }
  if (empty > 0) notes.push(`Skipped ${empty} table ${empty === 1 ? 'row' : 'rows'} with an empty use case or method cell.`);
}

/**
 * Finds the use case -> method rows in pasted text.
 * @example parseSnippet('- Reference data -&gt; Events').rows[0] -> { useCase: 'Reference data', method: 'Events', form: 'arrow', ... }
 */
export function parseSnippet(text: string, limits: Partial<SnippetLimits> = {}): ParsedSnippet {
  const lim: SnippetLimits = { ...defaultSnippetLimits, ...limits };
  const notes: string[] = [];
  const c: Collector = { rows: [], found: 0, limits: lim };
  const source = typeof text === 'string' ? text : '';
  if (source.length > lim.maxChars) {
    notes.push(`Read only the first ${lim.maxChars.toLocaleString('en-US')} characters of ${source.length.toLocaleString('en-US')}.`);
  }
  const cut = source.slice(0, lim.maxChars);
  if (looksBinary(cut)) {
    notes.push('This looks like binary data, not text: paste a table or lines such as "Reference data -> Events".');
    return { rows: [], found: 0, notes };
  }

  const lines = splitLines(stripInvisible(cut.replace(/\r\n?/g, '\n')));
  const long: number[] = [];
  let block: { cells: string[]; line: number }[] = [];
  const flush = () => {
    if (block.length >= 2) readTable(c, block, notes);
    else if (block.length === 1) lineRow(block[0].cells.join(' | '), block[0].line, block[0].cells);
    block = [];
  };
  // A lone "Reference data | Events" line is a row like "Reference data: Events".
  const lineRow = (raw: string, line: number, cells?: string[]) => {
    const lead = stripLead(raw);
    const cleaned = plain(lead.text);
    if (!cleaned) return;
    const filled = cells?.filter(Boolean) ?? [];
    const split =
      filled.length === 2 && !firstOf(cleaned, arrows)
        ? { form: 'colon' as const, useCase: side(plain(filled[0])), method: side(plain(filled[1])) }
        : splitLine(cells ? cleaned.replace(/\|/g, ' ') : cleaned);
    const question = cleaned.endsWith('?');
    if (split && split.useCase && split.method) {
      collect(c, { input: cleaned, line, ...split, listItem: lead.listItem, question });
    } else if (!split && lead.listItem && cleaned.split(' ').length >= 3) {
      collect(c, { input: cleaned, line, form: 'prose', useCase: cleaned, method: cleaned, listItem: true, question });
    }
  };

  for (const { text: rawLine, line } of lines) {
    if (rawLine.length > lim.maxLineChars) {
      flush();
      long.push(line);
      continue;
    }
    const decoded = decodeEntities(slackMarkup(rawLine));
    const quoted = decoded.replace(/^\s*(?:>\s?){1,10}/, '');
    const cells = tableCells(quoted);
    if (cells || (block.length > 0 && isRule(quoted))) {
      block.push({ cells: cells ?? [quoted.trim()], line });
      continue;
    }
    flush();
    if (decoded.trim()) lineRow(decoded, line);
  }
  flush();

  if (long.length > 0) {
    const shown = long.slice(0, 3).join(', ') + (long.length > 3 ? ', …' : '');
    notes.push(`Skipped ${long.length} ${long.length === 1 ? 'line' : 'lines'} longer than ${lim.maxLineChars.toLocaleString('en-US')} characters (line ${shown}).`);
  }
  if (c.found > c.rows.length) {
    notes.push(`Found ${c.found.toLocaleString('en-US')} rows; only the first ${c.rows.length} were read.`);
  }
  return { rows: c.rows, found: c.found, notes };
}
