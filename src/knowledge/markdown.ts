import matter from 'gray-matter';
import yaml from 'js-yaml';
import { Lexer, type Token, type Tokens } from 'marked';
import type { EntityKind, LoadIssue, Page, RawMatrix, Section, SourceLink } from './types';
import { readGuide } from './data';
import { readMark } from './marks';
import { countLines, decodeEntities, inlineToText, slugify } from './text';

/** Front matter `kind` values and the entity kind each one defines. */
const kinds: Record<string, EntityKind> = {
  'use-case': 'useCase', usecase: 'useCase', method: 'method', technology: 'technology', warning: 'warning', topic: 'topic',
};

export interface ParseOptions {
  /** Absolute base URL, no trailing slash, e.g. `https://docs.mendix.com`. */
  baseUrl: string;
  /** Path of the file relative to its knowledge folder, `/`-separated. */
  relPath: string;
  /** Path shown in messages (usually the absolute path). */
  file: string;
}

export interface ParsedFile {
  page: Page | null;
  issues: LoadIssue[];
}

/** Markdown above this size is cut: a documentation page is rarely over 1 MB, and a runaway file must not stall loading. */
const maxBytes = 2_000_000;

/**
 * Parses one Hugo-style markdown file into a page: front matter, sections with anchors and links, matrix tables.
 * Never throws: problems come back as issues, with the file and line.
 */
export function parseMarkdownFile(source: string, options: ParseOptions): ParsedFile {
  const issues: LoadIssue[] = [];
  const issue = (severity: LoadIssue['severity'], message: string, line?: number) =>
    issues.push({ severity, file: options.file, line, message });

  if (source.includes('\u0000')) {
    issue('error', 'file is binary, not markdown; skipped', 1);
    return { page: null, issues };
  }
  if (source.length > maxBytes) {
    issue('warning', `file is ${source.length} characters; only the first ${maxBytes} are read`);
    source = source.slice(0, maxBytes);
  }
  source = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');

  const front = readFrontMatter(source, issue);
  if (!front) return { page: null, issues };
  const { data, body, bodyLine } = front;
  // Problems with a front-matter value are reported on the line of its key (or of the entry), not on line 1.
  const frontLines = source.split('\n', Math.max(1, bodyLine - 1));
  const keyLine = (key: string, entry?: string): number => {
    const at = frontLines.findIndex((line) => new RegExp(`^${key}\\s*:`).test(line));
    if (at < 0) return 1;
    const inner = entry === undefined ? -1 : frontLines.findIndex((line, i) => i >= at && line.includes(entry));
    return (inner >= 0 ? inner : at) + 1;
  };

  const str = (key: string): string => (typeof data[key] === 'string' ? (data[key] as string) : data[key] == null ? '' : String(data[key]));
  const list = (key: string): string[] => {
    const value = data[key];
    if (value == null) return [];
    if (Array.isArray(value)) return value.filter((v) => v != null && typeof v !== 'object').map(String);
    if (typeof value === 'string') return [value];
    issue('warning', `front matter "${key}" should be a list of strings`, keyLine(key));
    return [];
  };

  const id = options.relPath.replace(/\.(md|markdown|txt)$/i, '');
  const pageUrl = resolvePageUrl(str('url'), id, options.baseUrl);
  const cleaned = preprocess(body, (message, line) => issue('warning', message, line + bodyLine - 1));
  let title = str('title').trim() || str('linktitle').trim();

  let entity: Page['entity'];
  const kind = str('kind').trim();
  if (kind && kind !== 'overview') {
    const entityKind = kinds[kind];
    const entityId = str('id').trim();
    if (!entityKind) issue('error', `unknown kind "${kind}" (use one of ${Object.keys(kinds).join(', ')}, overview)`, keyLine('kind'));
    else if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(entityId)) issue('error', `kind "${kind}" needs an id in kebab-case (got "${entityId}")`, keyLine(entityId ? 'id' : 'kind'));
    else entity = { kind: entityKind, id: entityId };
  }

  const walked = walkTokens(cleaned.text, bodyLine, pageUrl, title, options.file, issue, cleaned.oldAnchors);
  if (!title) {
    title = walked.firstHeading ?? id.split('/').pop() ?? id;
    issue('warning', 'front matter has no title; using the first heading or the file name', 1);
  }
  walked.sections[0].title = title;
  walked.sections[0].trail = [title];
  for (const section of walked.sections) {
    section.pageId = id;
    section.key = `${id}#${section.anchor}`;
    if (section !== walked.sections[0]) section.trail = [title, ...section.trail.slice(1)];
  }

  const page: Page = {
    id,
    file: options.file,
    title,
    description: str('description').trim(),
    url: pageUrl,
    draft: data.draft === true || data.draft === 'true',
    weight: typeof data.weight === 'number' ? data.weight : typeof data.menu_order === 'number' ? data.menu_order : undefined,
    aliases: list('aliases'),
    tags: list('tags').filter((t) => t.trim() !== ''),
    entity,
    synonyms: list('synonyms').map((s) => s.trim()).filter(Boolean),
    sources: readSources(data.sources, issue, keyLine),
    related: list('related'),
    methods: list('methods'),
    unless: list('unless'),
    guide: readGuide(data, (message, key, entry) => issue('error', message, keyLine(key, entry))),
    sections: walked.sections,
    links: walked.links,
    matrices: walked.matrices,
  };
  return { page, issues };
}

function readFrontMatter(
  source: string,
  issue: (severity: LoadIssue['severity'], message: string, line?: number) => void,
): { data: Record<string, unknown>; body: string; bodyLine: number } | null {
  if (!/^---[ \t]*\n/.test(source)) {
    return { data: {}, body: source, bodyLine: 1 };
  }
  const end = source.indexOf('\n---', 3);
  if (end < 0) {
    issue('error', 'front matter starts with --- but never ends (add a closing --- line)', 1);
    return null;
  }
  let strictError: unknown;
  let yamlText = '';
  const engine = (text: string): object => {
    yamlText = text;
    try {
      return (yaml.load(text) as object) ?? {};
    } catch (error) {
      strictError = error;
      // Hugo keeps the last value of a duplicated key; js-yaml's json mode does the same.
      return (yaml.load(text, { json: true }) as object) ?? {};
    }
  };
  try {
    const parsed = matter(source, { engines: { yaml: engine } } as never);
    if (strictError) {
      const mark = (strictError as { mark?: { line?: number } }).mark;
      issue('warning', `front matter: ${firstLine(strictError)} (the last value is used)`, (mark?.line ?? 0) + 1);
    }
    const data = parsed.data && typeof parsed.data === 'object' && !Array.isArray(parsed.data) ? (parsed.data as Record<string, unknown>) : {};
    const bodyLine = countLines(source.slice(0, source.length - parsed.content.length)) + 1;
    return { data, body: parsed.content, bodyLine };
  } catch (error) {
    issue('error', `front matter is not valid YAML: ${firstLine(error)}`, yamlErrorLine(error, yamlText));
    return null;
  }
}

/**
 * The file line of a YAML error in the front matter (whose text starts on the line of the opening `---`). js-yaml
 * notices a quote or bracket that never closes only at the end of the text; the defect is where it opened.
 */
function yamlErrorLine(error: unknown, text: string): number {
  const mark = (error as { mark?: { line?: number } }).mark;
  const opened = firstLine(error).includes('end of the stream') ? unclosedAt(text) : undefined;
  return (opened ?? mark?.line ?? 0) + 1;
}

/** The line (0-based) where a quoted scalar or a flow collection opens and never closes, if one does. */
function unclosedAt(text: string): number | undefined {
  let quote: string | null = null;
  let quoteLine = 0;
  const brackets: number[] = [];
  text.split('\n').forEach((line, i) => {
    for (let c = 0; c < line.length; c++) {
      const ch = line[c];
      if (quote) {
        if (quote === '"' && ch === '\\') c++;
        else if (ch === quote && quote === "'" && line[c + 1] === "'") c++;
        else if (ch === quote) quote = null;
        continue;
      }
      const atValueStart = c === 0 || /[\s[{,:-]/.test(line[c - 1]);
      if (ch === '#' && (c === 0 || /\s/.test(line[c - 1]))) break;
      if ((ch === '"' || ch === "'") && atValueStart) {
        quote = ch;
        quoteLine = i;
      } else if (ch === '[' || ch === '{') brackets.push(i);
      else if ((ch === ']' || ch === '}') && brackets.length > 0) brackets.pop();
    }
  });
  return quote ? quoteLine : brackets[0];
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0].replace(/\s*\(\d+:\d+\)$/, '');
}

function readSources(
  value: unknown,
  issue: (s: LoadIssue['severity'], m: string, l?: number) => void,
  keyLine: (key: string, entry?: string) => number,
): SourceLink[] {
  if (value == null) return [];
  if (!Array.isArray(value)) {
    issue('error', 'front matter "sources" must be a list of { title, url }', keyLine('sources'));
    return [];
  }
  const out: SourceLink[] = [];
  for (const item of value) {
    const url = typeof item === 'string' ? item : item && typeof item === 'object' ? (item as { url?: unknown }).url : undefined;
    const title = item && typeof item === 'object' ? (item as { title?: unknown }).title : undefined;
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) {
      issue('error', `a source needs an absolute http(s) url (got ${JSON.stringify(url ?? item)})`, keyLine('sources', typeof url === 'string' ? url : undefined));
      continue;
    }
    out.push({ title: typeof title === 'string' && title.trim() ? title.trim() : url, url });
  }
  return out;
}

/**
 * The page's absolute URL: front matter `url` under the base URL, else its path (Hugo's `content/<lang>/docs/`
 * prefix and `_index` dropped).
 */
export function resolvePageUrl(url: string, id: string, baseUrl: string): string {
  if (/^https?:\/\//.test(url)) return url;
  let path = url.trim();
  if (!path) {
    path = id.replace(/^(content\/)?(en\/)?(docs\/)?/, '').replace(/(^|\/)_?index$/, '');
    path = `/${path}/`.replace(/\/+/g, '/');
  }
  if (!path.startsWith('/')) path = '/' + path;
  return baseUrl + path;
}

interface Preprocessed {
  text: string;
  /** `<a name="x">` anchors by the (0-based) line they sit on. */
  oldAnchors: Map<number, string>;
}

/**
 * Removes what Hugo renders away, keeping every line so line numbers stay right: `{{% todo %}}` blocks (never
 * shown in answers), shortcode tags (their inner text is kept), and indentation that would turn a
 * tab-indented shortcode body into a code block.
 */
function preprocess(body: string, warn: (message: string, line: number) => void): Preprocessed {
  const lines = body.split('\n');
  const oldAnchors = new Map<number, string>();
  let inTodo = false;
  let indentedShortcode = false;
  let fence: string | null = null;
  let warnedTab = false;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    const fenceMatch = /^\s{0,3}(```|~~~)/.exec(line);
    if (fenceMatch && !inTodo) {
      fence = fence === null ? fenceMatch[1] : fence === fenceMatch[1] ? null : fence;
      continue;
    }
    if (fence) continue;
    if (inTodo) {
      const close = line.indexOf('{{% /todo %}}');
      if (close >= 0) {
        inTodo = false;
        line = ' '.repeat(close) + line.slice(close + '{{% /todo %}}'.length);
      } else {
        lines[i] = '';
        continue;
      }
    }
    // Most lines are plain prose: nothing below applies to a line without braces, tags, quotes or indentation.
    if (!indentedShortcode && !/[{<>]|^[\t ]/.test(line)) {
      lines[i] = line;
      continue;
    }
    // Todo blocks, possibly several on one line.
    line = line.replace(/\{\{%\s*todo\s*%\}\}[\s\S]*?\{\{%\s*\/todo\s*%\}\}/g, '');
    const open = /\{\{%\s*todo\s*%\}\}/.exec(line);
    if (open) {
      inTodo = true;
      line = line.slice(0, open.index);
    }
    if (/^[\t ]+\{\{[%<]/.test(line)) {
      if (!warnedTab && /^\t/.test(line)) {
        warn('indented shortcode; read as if it started at the margin', i + 1);
        warnedTab = true;
      }
      indentedShortcode = !/\{\{[%<]\s*\//.test(line);
      line = line.trimStart();
    } else if (indentedShortcode && /^\t/.test(line)) {
      line = line.replace(/^\t+/, '');
    } else if (line.trim() === '') {
      // blank lines keep the state
    } else {
      indentedShortcode = false;
    }
    // Figures keep their alt/caption text; other shortcode tags vanish but their content stays.
    line = line.replace(/\{\{<\s*figure\b([^>]*)>\}\}/g, (_, attrs: string) => {
      const alt = /(?:alt|caption)="([^"]*)"/.exec(attrs);
      return alt ? ` ${alt[1]} ` : ' ';
    });
    line = line.replace(/\{\{[%<][^{}]{0,400}[%>]\}\}/g, ' ');
    // Nesting no reader needs: quotes deeper than 10 and indentation beyond 40 columns are flattened, which
    // keeps the block lexer linear on pathological input.
    line = line.replace(/^((?:[ \t]*>){10})(?:[ \t]*>)+/, '$1').replace(/^[ \t]{41,}/, ' '.repeat(40));
    const anchor = /<a\s+(?:name|id)=["']([^"']{1,200})["']\s*>\s*<\/a>/i.exec(line);
    if (anchor) {
      oldAnchors.set(i, anchor[1]);
      line = line.replace(anchor[0], '');
    }
    lines[i] = line;
  }
  if (inTodo) warn('{{% todo %}} is never closed; the rest of the page is left out', lines.length);
  return { text: lines.join('\n'), oldAnchors };
}

interface Walked {
  sections: Section[];
  links: Page['links'];
  matrices: RawMatrix[];
  firstHeading?: string;
}

function walkTokens(
  text: string,
  bodyLine: number,
  pageUrl: string,
  title: string,
  file: string,
  issue: (s: LoadIssue['severity'], m: string, l?: number) => void,
  oldAnchors: Map<number, string>,
): Walked {
  let tokens: Token[];
  try {
    // Block structure only: the walker reads block tokens and their raw text, and marked's inline pass (link
    // and emphasis parsing) can take seconds on hostile input such as thousands of "[](".
    tokens = new Lexer({ gfm: true }).blockTokens(text, []);
  } catch (error) {
    issue('error', `markdown could not be read: ${firstLine(error)}`, bodyLine);
    tokens = [{ type: 'paragraph', raw: text, text } as Tokens.Paragraph];
  }
  const lead: Section = { key: '', pageId: '', title, trail: [title], anchor: '', depth: 1, url: pageUrl, text: '', line: bodyLine };
  const sections: Section[] = [lead];
  const links: Page['links'] = [];
  const matrices: RawMatrix[] = [];
  const seenAnchors = new Map<string, number>();
  const trail: string[] = [title];
  const parts: string[] = [];
  let current = lead;
  let line = bodyLine;
  let pendingOldAnchor: string | undefined;
  let firstHeading: string | undefined;

  const flush = () => {
    // Parts are already single-spaced by inlineToText; code blocks keep their layout.
    current.text = parts.join('\n').trim();
    parts.length = 0;
  };

  for (const token of tokens) {
    const tokenLine = line;
    line += countLines(token.raw);
    for (let l = tokenLine - bodyLine; l < line - bodyLine; l++) {
      const a = oldAnchors.get(l);
      if (a) pendingOldAnchor = a;
    }
    collectLinks(token.raw, tokenLine, links);
    if (token.type === 'heading') {
      flush();
      const heading = token as Tokens.Heading;
      const raw = decodeEntities(heading.text);
      const explicit = /\{#([^}\s]{1,200})\}\s*$/.exec(raw);
      const withoutAnchor = raw.replace(/\s*\{#[^}]*\}\s*$/, '');
      const clean = inlineToText(withoutAnchor).replace(/^\d+(?:\.\d+)*\.?\s+(?=\S)/, '');
      let anchor = explicit?.[1] ?? pendingOldAnchor ?? slugify(inlineToText(withoutAnchor));
      if (!anchor) anchor = 'section';
      pendingOldAnchor = undefined;
      const seen = seenAnchors.get(anchor) ?? 0;
      seenAnchors.set(anchor, seen + 1);
      if (seen > 0) {
        if (explicit) issue('warning', `duplicate anchor {#${anchor}}`, tokenLine);
        anchor = `${anchor}-${seen}`;
      }
      firstHeading ??= clean;
      trail.length = Math.max(1, Math.min(trail.length, heading.depth - 1));
      trail.push(clean);
      current = { key: '', pageId: '', title: clean, trail: [...trail], anchor, depth: heading.depth, url: `${pageUrl}#${anchor}`, text: '', line: tokenLine };
      sections.push(current);
      continue;
    }
    if (token.type === 'table') {
      const tableToken = token as Tokens.Table;
      const matrix = readMatrix(tableToken, file, tokenLine);
      if (matrix) matrices.push(matrix);
      parts.push(tableToken.header.map((h) => inlineToText(h.text)).join(' | '));
      for (const row of tableToken.rows) parts.push(row.map((c) => inlineToText(c.text)).join(' | '));
      continue;
    }
    const plain = tokenText(token);
    if (plain) parts.push(plain);
  }
  flush();
  return { sections, links, matrices, firstHeading };
}

/** A list item that is a link with at most a short phrase around it: "[Publish a REST Service](/howto/…) for steps". */
const navigational = /^(?:\*\*)?\[[^\]\n]{1,200}\]\([^)\s]{1,500}\)(?:\*\*)?(?:[^\n[]{0,80})$/;

function tokenText(token: Token): string {
  switch (token.type) {
    case 'space':
    case 'hr':
    case 'def':
      return '';
    case 'code':
      return (token as Tokens.Code).text;
    case 'html':
      return inlineToText((token as Tokens.HTML).text);
    case 'list':
      // Items that are only a link ("Read more" lists, tables of contents) are navigation: their words belong
      // to the page they point at, and indexing them here would rank this page for that page's subject.
      return (token as Tokens.List).items
        .filter((item) => !navigational.test(item.text.trim()))
        .map((item) => '• ' + inlineToText(item.text))
        .join('\n');
    case 'blockquote':
      return inlineToText((token as Tokens.Blockquote).text);
    default:
      return 'text' in token && typeof token.text === 'string' ? inlineToText(token.text) : '';
  }
}

function collectLinks(raw: string, startLine: number, links: Page['links']): void {
  if (!raw.includes('](')) return;
  const pattern = /(!?)\[[^\]\n]{0,300}\]\(([^)\s]{1,500})(?:\s+"[^"]*")?\)/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(raw))) {
    if (match[1] === '!') continue;
    const target = match[2];
    if (/^(https?:|mailto:|ftp:)/i.test(target)) continue;
    links.push({ target, line: startLine + countLines(raw.slice(0, match.index)) });
  }
}

/**
 * Recognises a table of marks (a matrix): a label column and columns whose cells are marks such as
 * `green.png`, ✅, `&#9989;` or words. Tables of prose are not matrices.
 */
function readMatrix(table: Tokens.Table, file: string, line: number): RawMatrix | null {
  const width = table.header.length;
  if (width < 3 || table.rows.length < 2) return null;
  let marks = 0;
  let filled = 0;
  const rows: RawMatrix['rows'] = [];
  const unknownMarks: RawMatrix['unknownMarks'] = [];
  const columns = table.header.slice(1).map((h) => inlineToText(h.text));
  const readings = table.rows.map((row) => row.slice(1, width).map((cell) => readMark(cell?.text ?? '')));
  const strong = readings.some((row) => row.some((m) => m.kind === 'mark' && m.level === 'preferred' && !m.plainCheck));
  table.rows.forEach((row, r) => {
    const label = inlineToText(row[0]?.text ?? '');
    const cells: (('preferred' | 'possible') | null)[] = [];
    for (let c = 1; c < width; c++) {
      const cellText = row[c]?.text ?? '';
      const reading = readings[r][c - 1] ?? readMark('');
      if (cellText.trim() !== '') filled++;
      if (reading.kind === 'mark') {
        if (reading.level) marks++;
        cells.push(reading.plainCheck && strong ? 'possible' : reading.level);
      } else {
        cells.push(null);
        unknownMarks.push({ row: label, column: columns[c - 1] ?? String(c), text: decodeEntities(cellText).trim(), line: line + 2 + r });
      }
    }
    rows.push({ label, line: line + 2 + r, cells });
  });
  // Mostly marks: at least three, and no more than a fifth of the filled cells unrecognised.
  if (marks < 3 || unknownMarks.length > filled / 5) return null;
  return { file, line, columns, rows, unknownMarks };
}
