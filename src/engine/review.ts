/**
 * Design review: reads a pasted snippet of planned "use case -> method" choices and gives each row the verdict
 * of the knowledge base's use case x method matrix. Pure and synchronous.
 *
 * Decisions worth knowing:
 * - A row naming several methods ("REST + events", "events or REST") becomes one review row per method, so
 *   each choice gets its own verdict and the summary counts what was actually proposed.
 * - A marked matrix (the bot's own pasted back included) gives one row per marked cell; the author's level
 *   ("possible") is compared with the knowledge base's and a difference is mentioned, not judged.
 * - A method with no matrix column (integration layers & gateways) gets `unknown` with an explanation: a
 *   gateway sits in front of another method, and the matrix judges that method. Next to a matrix method in
 *   the same row ("REST via API gateway") it is dropped and mentioned instead.
 * - Rows written as plain lines with a colon, dash or "via" may be ordinary prose; they are only reviewed
 *   when they name something the knowledge base knows, and skipped (with a note) otherwise.
 * - The method column is read as the knowledge names things, in this order: a warning ("direct database",
 *   "shared database", "FTP") makes the row `not-recommended` with the warning's own words; a technology
 *   ("SAML", "OData", "Kafka", "SFTP") is judged as the method it belongs to, and named in the explanation; then
 *   method names. Names come from the corpus (titles and synonyms), so new pages are recognised without code.
 */
import type { Corpus, Entity, EntityKind, SourceLink } from '../knowledge/types';
import { normalizeName, type NameMatch, type NameResolver } from './names';
import { defaultSnippetLimits, parseSnippet, type SnippetLimits, type SnippetRow } from './snippet';
import type { Review, ReviewRow, Verdict } from './types';

/** Lowest resolver score a side needs to count as named; below it the row is `unknown` with guesses. */
const minScore = 0.5;
/** Lowest score for a technology or warning name in the method column: plain names and phrases, never guesses. */
const minNamedScore = 0.85;
/** How many rows of each form `looksLikeSnippet` reads names for. */
const maxProbeRows = 5;
/** Words in one side of a prose-like row beyond which it reads as a sentence, not a name. */
const maxSideWords = 6;
/** How many guesses an unknown side lists. */
const guessCount = 3;

/** Splits "REST + events", "events or REST", "files / SFTP" into their parts (the whole is tried first). */
function alternatives(text: string): string[] {
  return text
    .split(/\s*(?:\+|&|,|;|\/|\band\b|\bor\b|\bplus\b|\bthen\b)\s*/i)
    .map((part) => part.trim())
    .filter(Boolean)
    .slice(0, 8);
}

/** A piece of the user's text quoted in an explanation, cut so explanations stay readable. */
function quote(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return `"${t.length <= 60 ? t : `${t.slice(0, 59)}…`}"`;
}

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

interface Reading {
  useCase: NameMatch | null;
  methods: NameMatch[];
  /** A warning the method column names ("direct database"): the row is judged by it. */
  warning: Entity | null;
  /** Method id -> the technology the method column named for it ("OData" for RPC / services). */
  via: Map<string, string>;
  useCaseText: string;
  methodText: string;
  swapped: boolean;
}

/** What the knowledge calls one method-column name: a warning, a technology (as its method), or a method. */
function readMethodName(corpus: Pick<Corpus, 'entities'>, resolver: NameResolver, text: string, fuzzy: boolean, via: Map<string, string>): NameMatch | null {
  const tech = resolver.resolve('technology', text, { fuzzy: false });
  const entity = tech && tech.score >= minNamedScore ? entityOf(corpus, 'technology', tech.id) : undefined;
  const method = entity?.methods?.find((m) => entityOf(corpus, 'method', m));
  if (entity && method) {
    via.set(method, entity.title);
    return { id: method, score: tech!.score, how: tech!.how };
  }
  return resolver.resolve('method', text, { fuzzy });
}

/** The warning a method-column text names outright ("Direct database", "FTP"), if any. */
function readWarning(corpus: Pick<Corpus, 'entities'>, resolver: NameResolver, text: string): Entity | null {
  for (const part of [text, ...alternatives(text)]) {
    const match = resolver.resolve('warning', part, { fuzzy: false });
    if (match && match.score >= minNamedScore) return entityOf(corpus, 'warning', match.id) ?? null;
  }
  return null;
}

/** The methods one side names: the whole text when it is a clear name, else each alternative that resolves. */
function readMethods(corpus: Pick<Corpus, 'entities'>, resolver: NameResolver, text: string, via: Map<string, string>, fuzzy = true): NameMatch[] {
  const whole = readMethodName(corpus, resolver, text, fuzzy, via);
  if (whole && whole.score >= 0.95) return [whole];
  const parts = alternatives(text);
  if (parts.length >= 2) {
    const found: NameMatch[] = [];
    for (const part of parts) {
      const match = readMethodName(corpus, resolver, part, fuzzy, via);
      if (match && match.score >= minScore && !found.some((f) => f.id === match.id)) found.push(match);
    }
    if (found.length > 0) return found;
  }
  return whole && whole.score >= minScore ? [whole] : [];
}

function readUseCase(resolver: NameResolver, text: string, fuzzy = true): NameMatch | null {
  const match = resolver.resolve('useCase', text, { fuzzy });
  return match && match.score >= minScore ? match : null;
}

/**
 * Reads both sides, and the other way round when that names more ("Kafka -> IoT"). The reversed reading takes
 * plain names only: a typo on the wrong side is more likely a typo than a reversal, and it keeps the cost down.
 */
function readRow(corpus: Pick<Corpus, 'entities'>, resolver: NameResolver, row: SnippetRow): Reading {
  const warning = readWarning(corpus, resolver, row.method);
  const via = new Map<string, string>();
  const straight: Reading = {
    useCase: readUseCase(resolver, row.useCase),
    methods: warning ? [] : readMethods(corpus, resolver, row.method, via),
    warning,
    via,
    useCaseText: row.useCase,
    methodText: row.method,
    swapped: false,
  };
  const named = (r: Reading) => (r.useCase ? 1 : 0) + (r.methods.length > 0 || r.warning ? 1 : 0);
  if (named(straight) === 2 || row.form === 'prose') return straight;
  const swappedVia = new Map<string, string>();
  const swappedWarning = readWarning(corpus, resolver, row.useCase);
  const swapped: Reading = {
    useCase: readUseCase(resolver, row.method, false),
    methods: swappedWarning ? [] : readMethods(corpus, resolver, row.useCase, swappedVia, false),
    warning: swappedWarning,
    via: swappedVia,
    useCaseText: row.method,
    methodText: row.useCase,
    swapped: true,
  };
  return named(swapped) > named(straight) ? swapped : straight;
}

/** Whether a row is worth reviewing, or is prose that happens to contain a colon or "via". */
function worthReviewing(row: SnippetRow, reading: Reading): boolean {
  if (reading.warning && (reading.useCase || row.form === 'table' || row.form === 'arrow' || row.form === 'matrix')) return true;
  const named = (reading.useCase ? 1 : 0) + (reading.methods.length > 0 ? 1 : 0);
  if (row.form === 'matrix' || row.form === 'table' || row.form === 'arrow') return true;
  if (row.form === 'prose' || row.form === 'words') return named === 2;
  if (named === 2) return true;
  if (named === 0 || words(row.useCase) > maxSideWords || words(row.method) > maxSideWords) return false;
  // One side unknown: keep it only when the other is named outright ("Lunch menu: Central data"), not when
  // a word inside a heading happens to be a name ("Design review – field service app").
  const known = reading.useCase ?? reading.methods[0];
  return known.score >= 0.95;
}

function entityOf(corpus: Pick<Corpus, 'entities'>, kind: EntityKind, id: string): Entity | undefined {
  return corpus.entities.find((e) => e.kind === kind && e.id === id);
}

function titleOf(corpus: Corpus, kind: EntityKind, id: string): string {
  return entityOf(corpus, kind, id)?.title ?? id;
}

function list(titles: string[]): string {
  if (titles.length <= 1) return titles.join('');
  return `${titles.slice(0, -1).join(', ')} and ${titles[titles.length - 1]}`;
}

/** Sources for a row: the matrix, then the use case's first two, then the method's first, without repeats. */
function sourcesFor(corpus: Corpus, useCase: string | null, method: string | null): SourceLink[] {
  const all: SourceLink[] = [];
  if (corpus.matrix) all.push(corpus.matrix.source);
  if (useCase) all.push(...(entityOf(corpus, 'useCase', useCase)?.sources.slice(0, 2) ?? []));
  if (method) all.push(...(entityOf(corpus, 'method', method)?.sources.slice(0, 1) ?? []));
  const seen = new Set<string>();
  return all.filter((s) => s && s.url && !seen.has(s.url) && seen.add(s.url));
}

/** The methods the matrix marks `level` for a use case, in column order. */
function methodsAt(corpus: Corpus, useCase: string, level: 'preferred' | 'possible'): string[] {
  const matrix = corpus.matrix;
  if (!matrix) return [];
  return matrix.methods.filter((m) => matrix.cells[useCase]?.[m] === level);
}

/** "Read "refrnce data" as Import & Distribute Reference Data." when the reading was not a plain name. */
function readingNote(corpus: Corpus, kind: EntityKind, text: string, match: NameMatch): string {
  if (match.score >= 0.95) return '';
  return ` (Read ${quote(text)} as ${titleOf(corpus, kind, match.id)}.)`;
}

function unknownSide(resolver: NameResolver, kind: EntityKind, text: string): { sentence: string; guesses: string[] } {
  const guesses = resolver.suggest(kind, text, guessCount);
  const what = kind === 'useCase' ? 'use case' : 'method';
  const closest = guesses.length > 0 ? ` Closest: ${list(guesses.map((g) => g.title))}.` : '';
  const sentence = text ? `${quote(text)} is not a ${what} the knowledge base knows.${closest}` : `No ${what} given.${closest}`;
  return { sentence, guesses: guesses.map((g) => g.id) };
}

/** The verdict of one use case and method pair. */
function judge(
  corpus: Corpus,
  resolver: NameResolver,
  input: string,
  reading: Reading,
  method: NameMatch | null,
  extra: string,
  marked: SnippetRow['marked'],
): ReviewRow {
  const useCase = reading.useCase;
  const preferred = useCase ? methodsAt(corpus, useCase.id, 'preferred') : [];
  const base = {
    input,
    useCase: useCase?.id ?? null,
    method: method?.id ?? null,
    preferred,
    sources: sourcesFor(corpus, useCase?.id ?? null, method?.id ?? null),
  };
  const swapNote = reading.swapped ? ' (Read the two sides the other way round.)' : '';

  if (reading.warning) {
    const w = reading.warning;
    const prefers = useCase ? list(preferred.map((m) => titleOf(corpus, 'method', m))) : '';
    const where = useCase && prefers ? ` For ${titleOf(corpus, 'useCase', useCase.id)} the matrix prefers ${prefers}.` : '';
    const seen = new Set<string>();
    const sources = [...w.sources.slice(0, 2), ...base.sources].filter((s) => s.url && !seen.has(s.url) && seen.add(s.url));
    return { ...base, method: null, sources, verdict: 'not-recommended', explanation: `${w.title}: ${w.summary}${where}${swapNote}` };
  }

  if (!useCase || !method) {
    const parts: string[] = [];
    const guesses = { useCases: [] as string[], methods: [] as string[] };
    if (!useCase) {
      const u = unknownSide(resolver, 'useCase', reading.useCaseText);
      parts.push(u.sentence);
      guesses.useCases = u.guesses;
    }
    if (!method) {
      const m = unknownSide(resolver, 'method', reading.methodText);
      parts.push(m.sentence);
      guesses.methods = m.guesses;
    }
    if (useCase && preferred.length > 0) {
      parts.push(`For ${titleOf(corpus, 'useCase', useCase.id)} the matrix prefers ${list(preferred.map((m) => titleOf(corpus, 'method', m)))}.`);
    }
    return { ...base, verdict: 'unknown', explanation: parts.join(' ') + swapNote, guesses };
  }

  const ucTitle = titleOf(corpus, 'useCase', useCase.id);
  const technology = reading.via.get(method.id);
  const mTitle = technology && normalizeName(technology) !== normalizeName(titleOf(corpus, 'method', method.id)) ? `${technology} (${titleOf(corpus, 'method', method.id)})` : titleOf(corpus, 'method', method.id);
  const readNotes =
    readingNote(corpus, 'useCase', reading.useCaseText, useCase) + (reading.methods.length === 1 ? readingNote(corpus, 'method', reading.methodText, method) : '');
  const prefers = list(preferred.map((m) => titleOf(corpus, 'method', m)));
  const matrix = corpus.matrix;
  if (!matrix) {
    return { ...base, verdict: 'unknown', explanation: `The knowledge base has no use case × method matrix, so there is no verdict for ${mTitle} with ${ucTitle}.` };
  }
  if (!matrix.useCases.includes(useCase.id)) {
    return { ...base, verdict: 'unknown', explanation: `${ucTitle} has no row in the use case × method matrix, so there is no verdict.${readNotes}` };
  }
  if (!matrix.methods.includes(method.id)) {
    const explanation =
      `${mTitle} is not a column of the use case × method matrix: it sits in front of another method, and the matrix judges that one. ` +
      `Name the method behind it for a verdict${prefers ? `; for ${ucTitle} the matrix prefers ${prefers}` : ''}.${readNotes}`;
    return { ...base, verdict: 'unknown', explanation };
  }

  const level = matrix.cells[useCase.id]?.[method.id];
  const verdict: Verdict = level ?? 'not-recommended';
  const possible = methodsAt(corpus, useCase.id, 'possible').filter((m) => m !== method.id);
  const others = preferred.filter((m) => m !== method.id);
  let explanation: string;
  if (verdict === 'preferred') {
    explanation = `${mTitle} is a preferred method for ${ucTitle}.` + (others.length > 0 ? ` Also preferred: ${list(others.map((m) => titleOf(corpus, 'method', m)))}.` : '');
  } else if (verdict === 'possible') {
    explanation = `${mTitle} is possible for ${ucTitle} in some cases; the matrix prefers ${prefers || 'no single method'}.`;
  } else {
    const alsoPossible = possible.length > 0 ? ` (possible: ${list(possible.map((m) => titleOf(corpus, 'method', m)))})` : '';
    explanation = `The matrix does not use ${mTitle} for ${ucTitle}; it prefers ${prefers || 'no single method'}${alsoPossible}.`;
  }
  if (marked && marked !== level) explanation += ` Your table marks it ${marked}.`;
  return { ...base, verdict, explanation: explanation + extra + readNotes + swapNote };
}

/** One line: "4 rows: 2 preferred, 1 possible, 1 not recommended". */
function summarise(rows: ReviewRow[]): string {
  if (rows.length === 0) return 'Nothing to review: no use case -> method rows found.';
  const order: [Verdict, string][] = [
    ['preferred', 'preferred'],
    ['possible', 'possible'],
    ['not-recommended', 'not recommended'],
    ['unknown', 'unknown'],
  ];
  const counts = order
    .map(([verdict, label]) => [rows.filter((r) => r.verdict === verdict).length, label] as const)
    .filter(([n]) => n > 0)
    .map(([n, label]) => `${n} ${label}`);
  return `${rows.length} ${rows.length === 1 ? 'row' : 'rows'}: ${counts.join(', ')}`;
}

/**
 * Reviews a design snippet against the matrix: one row per use case and method named, with a verdict, the
 * use case's preferred methods and sources. Never throws; at most `limits.maxRows` rows, and notes say what
 * was cut or could not be read.
 * @example reviewSnippet(corpus, createNameResolver(corpus), 'Reference data -> Events').summary === '1 row: 1 possible'
 */
export function reviewSnippet(corpus: Corpus, resolver: NameResolver, snippet: string, limits: Partial<SnippetLimits> = {}): Review {
  const lim = { ...defaultSnippetLimits, ...limits };
  // Read more rows than are shown: some turn out to be prose and are skipped.
  const parsed = parseSnippet(snippet, { ...lim, maxRows: lim.maxRows * 2 });
  const notes = [...parsed.notes.filter((n) => !n.startsWith('Found '))];
  const rows: ReviewRow[] = [];
  const skipped: number[] = [];
  let proposed = 0;

  for (const row of parsed.rows) {
    if (rows.length >= lim.maxRows) {
      // Past the cap: note that something is left, without reading names.
      proposed++;
      continue;
    }
    const reading = readRow(corpus, resolver, row);
    if (!worthReviewing(row, reading)) {
      skipped.push(row.line);
      continue;
    }
    const inMatrix = reading.methods.filter((m) => corpus.matrix?.methods.includes(m.id));
    // A gateway next to a matrix method does not change that method's verdict; say so instead of judging it.
    const aside = reading.methods.filter((m) => !inMatrix.includes(m));
    const methods = inMatrix.length > 0 && aside.length > 0 ? inMatrix : reading.methods;
    const extra =
      methods === inMatrix && aside.length > 0
        ? ` ${list(aside.map((m) => titleOf(corpus, 'method', m.id)))} in front of it does not change this verdict.`
        : '';
    for (const method of methods.length > 0 && !reading.warning ? methods : [null]) {
      proposed++;
      if (rows.length < lim.maxRows) rows.push(judge(corpus, resolver, row.input, reading, method, extra, row.marked));
    }
  }

  // Rows here are lines of the snippet; one line naming two methods gives two review rows.
  const found = parsed.found - skipped.length;
  if (proposed > rows.length || parsed.found > parsed.rows.length) {
    notes.push(`Found ${found.toLocaleString('en-US')} rows; reviewed only the first ${rows.length}.`);
  }
  if (skipped.length > 0) {
    const shown = skipped.slice(0, 5).join(', ') + (skipped.length > 5 ? ', …' : '');
    const lines = skipped.length === 1 ? 'line that names' : 'lines that name';
    notes.push(`Skipped ${skipped.length} ${lines} no known use case and method (line ${shown}).`);
  }
  if (!corpus.matrix) notes.push('The knowledge base has no use case × method matrix, so no row can get a verdict.');
  if (rows.length === 0 && !notes.some((n) => n.startsWith('This looks like binary'))) {
    notes.push('Paste a table with a use case column and a method column, a matrix with marks in the method columns, or lines such as "Reference data -> Events".');
  }
  return { rows, summary: summarise(rows), notes };
}

/**
 * True when the text is a design snippet worth reviewing rather than a question that mentions a use case and
 * a method. Structure decides: a table, an arrow row, or two or more "use case: method" list rows; a row that
 * ends in "?" never counts. With a resolver, rows must also name known things (both sides, at least once),
 * which lets a single "SSO: RPC" count and keeps "Agenda:\n- Intro: Bob\n- Demo: Alice" out.
 * @example looksLikeSnippet('should we use events or REST for reference data?') === false
 */
export function looksLikeSnippet(text: string, resolver?: NameResolver, corpus: Pick<Corpus, 'entities'> = { entities: [] }): boolean {
  if (typeof text !== 'string' || !text.trim()) return false;
  const parsed = parseSnippet(text.slice(0, 20_000), { maxRows: 20 });
  const rows = parsed.rows.filter(
    (r) => !r.question && r.form !== 'prose' && (r.form === 'matrix' || r.form === 'table' || (words(r.useCase) <= 8 && words(r.method) <= 8)),
  );
  const both = (r: SnippetRow) => {
    if (!resolver) return true;
    const reading = readRow(corpus, resolver, r);
    return reading.useCase !== null && (reading.methods.length > 0 || reading.warning !== null);
  };
  // A few rows decide: a snippet names known things early, and every message passes through here.
  const tables = rows.filter((r) => r.form === 'matrix' || r.form === 'table');
  if (tables.length > 0) return !resolver || tables.slice(0, maxProbeRows).some(both);
  const arrowRows = rows.filter((r) => r.form === 'arrow');
  if (arrowRows.slice(0, maxProbeRows).some(both)) return true;
  const listed = rows.filter((r) => (r.form === 'colon' || r.form === 'dash') && words(r.method) <= 5);
  const wordy = rows.filter((r) => r.form === 'words' && r.listItem);
  if (!resolver) return listed.length >= 2 || wordy.length >= 2;
  const named = [...listed, ...wordy].slice(0, maxProbeRows * 2).filter(both);
  if (named.length >= 2) return true;
  // One short line such as "SSO: RPC" on its own is a snippet when both sides are plain names.
  const lines = text.trim().split('\n', 3).filter((l) => l.trim()).length;
  if (named.length !== 1 || listed.length !== 1 || lines > 2) return false;
  const reading = readRow(corpus, resolver, listed[0]);
  return (reading.useCase?.score ?? 0) >= 0.85 && (reading.methods[0]?.score ?? 0) >= 0.85;
}
