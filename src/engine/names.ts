import Fuse from 'fuse.js';
import type { Corpus, Entity, EntityKind, NameTable } from '../knowledge/types';
import { editDistance } from '../text/distance';

/** A name read as an entity id; `score` is 0..1, where 1 is an exact name and lower is a looser reading. */
export interface NameMatch {
  id: string;
  score: number;
  /** Which step of the resolver matched, for explanations and debugging. */
  how: 'exact' | 'key' | 'phrase' | 'fuzzy';
}

/** Fuzzy name -> id lookups over one corpus, built once; pure and synchronous. */
export interface NameResolver {
  /**
   * The entity of `kind` that `text` names, or null when nothing is close enough. `fuzzy: false` skips the
   * typo step (Fuse costs a few milliseconds a query), for cheap "is this a name at all" checks.
   */
  resolve(kind: EntityKind, text: string, options?: { fuzzy?: boolean }): NameMatch | null;
  /** The `n` closest entities of `kind`, best first, for "did you mean" answers; may be empty. */
  suggest(kind: EntityKind, text: string, n?: number): { id: string; title: string }[];
}

/** Words that carry no meaning in a name ("Int. with BI & Reporting" and "BI reporting" share the key "bi reporting"). */
const fillerWords = new Set([
  'a', 'an', 'the', 'and', 'of', 'to', 'in', 'on', 'for', 'with', 'our', 'we', 'use', 'using', 'via', 'int', 'integration',
  'integrations', 'integrate', 'based', 'approach', 'method', 'pattern', 'style', 'solution', 'solutions', 'system', 'systems',
]);

/** Longest input (characters) and phrase (words) the resolver looks at: names are short. */
const maxNameChars = 200;
const maxPhraseWords = 6;
/** Fuse scores at or below this count as a match (0 is perfect); `suggest` is looser. */
const fuzzyThreshold = 0.34;
const suggestThreshold = 0.6;

/**
 * Lowercase words separated by single spaces: accents, punctuation and `&` go.
 * @example normalizeName('Int. with BI & Reporting') === 'int with bi and reporting'
 */
export function normalizeName(text: string): string {
  return text
    .slice(0, maxNameChars)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The name without filler words, for comparing "BI reporting" with "Int. with BI & Reporting". */
function nameKey(normalized: string): string {
  return normalized
    .split(' ')
    .filter((w) => w && !fillerWords.has(w))
    .join(' ');
}

interface KindIndex {
  /** Normalized name or key -> id; `null` when two entities claim the same name at the same priority. */
  names: Map<string, string | null>;
  fuse: Fuse<{ id: string; name: string }>;
  titles: Map<string, string>;
  /** Fuse answers by query: a snippet repeats its names, and Fuse costs milliseconds per search. */
  searches: Map<string, { id: string; name: string; score: number }[]>;
}

/** Queries remembered per kind before the memory starts over. */
const maxRememberedSearches = 2_000;

/** Fuse's candidates for a query, remembered. */
function search(index: KindIndex, query: string): { id: string; name: string; score: number }[] {
  const q = query.slice(0, 64);
  let hits = index.searches.get(q);
  if (!hits) {
    hits = index.fuse.search(q, { limit: 32 }).map((h) => ({ id: h.item.id, name: h.item.name, score: h.score ?? 1 }));
    if (index.searches.size >= maxRememberedSearches) index.searches.clear();
    index.searches.set(q, hits);
  }
  return hits;
}

/** Name sources in priority order: the first to claim a name keeps it. */
function namesOf(kind: EntityKind, entities: readonly Entity[], extra: NameTable): { id: string; names: string[] }[][] {
  const own = entities.filter((e) => e.kind === kind);
  const ids = new Set(own.map((e) => e.id));
  const first = own.map((e) => ({ id: e.id, names: [e.id.replace(/-/g, ' '), e.title, ...e.synonyms] }));
  // Technologies implement methods: a technology page that relates to exactly one method lends it its names
  // ("MQTT" -> events). Other kinds borrow nothing; a technology is not a use case.
  const lent = entities
    .filter((e) => kind === 'method' && e.kind === 'technology')
    .map((e) => ({ e, targets: e.related.filter((id) => ids.has(id)) }))
    .filter(({ targets }) => targets.length === 1)
    .map(({ e, targets }) => ({ id: targets[0], names: [e.title, ...e.synonyms] }));
  // The extra names of knowledge/names.yml come last: a page's own names always win.
  const builtIn = Object.entries(extra[kind] ?? {})
    .filter(([id]) => ids.has(id))
    .map(([id, names]) => ({ id, names: [...names] }));
  return [first, lent, builtIn];
}

function buildIndex(kind: EntityKind, entities: readonly Entity[], extra: NameTable): KindIndex {
  const names = new Map<string, string | null>();
  const records: { id: string; name: string }[] = [];
  for (const tier of namesOf(kind, entities, extra)) {
    // Names as written claim first, their filler-free keys after: a synonym "reporting" outranks the key
    // "reporting" of a title "Int. with Reporting".
    for (const keys of [false, true]) {
      const claimed = new Map<string, string | null>();
      for (const { id, names: list } of tier) {
        for (const raw of list) {
          const normalized = normalizeName(raw);
          const name = keys ? nameKey(normalized) : normalized;
          if (!keys && normalized && !records.some((r) => r.id === id && r.name === normalized)) records.push({ id, name: normalized });
          if (!name || names.has(name)) continue;
          const previous = claimed.get(name);
          claimed.set(name, previous === undefined || previous === id ? id : null);
        }
      }
      for (const [name, id] of claimed) names.set(name, id);
    }
  }
  const fuse = new Fuse(records, {
    keys: ['name'],
    includeScore: true,
    ignoreLocation: true,
    ignoreFieldNorm: true,
    threshold: suggestThreshold,
    minMatchCharLength: 2,
  });
  const titles = new Map(entities.filter((e) => e.kind === kind).map((e) => [e.id, e.title]));
  return { names, fuse, titles, searches: new Map() };
}

/**
 * The longest known phrase inside the text (whole words); `contested` when another entity's phrase occurs too,
 * `covers` when the phrase leaves no meaningful word of the text over.
 */
function findPhrase(words: string[], names: Map<string, string | null>): { id: string; contested: boolean; covers: boolean } | null {
  let best: { id: string; size: number } | null = null;
  const found = new Set<string>();
  for (let start = 0; start < words.length; start++) {
    for (let size = 1; size <= maxPhraseWords && start + size <= words.length; size++) {
      const phrase = words.slice(start, start + size).join(' ');
      const id = names.get(phrase);
      if (!id) continue;
      found.add(id);
      // Longest phrase wins; on a tie the first, which in "ops dashboards" is the one that qualifies the other.
      if (!best || size > best.size) best = { id, size };
    }
  }
  if (!best) return null;
  const meaningful = words.filter((w) => !fillerWords.has(w)).length;
  return { id: best.id, contested: found.size > 1, covers: best.size >= meaningful };
}

/** True when a typed word is a name word with a typo, a shortening or other ending of one, or two of them run together. */
function wordFits(word: string, nameWords: readonly string[]): boolean {
  const allowed = word.length <= 4 ? 0 : word.length <= 6 ? 1 : 2;
  const near = (w: string) => editDistance(word.slice(0, 40), w, 2) <= allowed;
  const stem = (w: string) => {
    // "distribution" and "distribute", "orch" and "orchestration": a long shared start is the same word.
    let k = 0;
    while (k < w.length && k < word.length && w[k] === word[k]) k++;
    return k >= 4 && (k === w.length || k === word.length || k >= Math.min(w.length, word.length) - 3);
  };
  return nameWords.some((w, i) => near(w) || stem(w) || (i + 1 < nameWords.length && near(w + nameWords[i + 1])));
}

/** The words of a name that carry meaning. */
function meaningful(normalized: string): string[] {
  return normalized.split(' ').filter((w) => w && !fillerWords.has(w)).slice(0, 12);
}

interface FuzzyHit {
  id: string;
  score: number;
  /** Share of typed and name words that fit each other, 0..2. */
  fit: number;
}

/**
 * Fuzzy candidates from Fuse, best first, one per id. Fuse finds the query anywhere inside a name, so "hr data"
 * sits well inside "searc(h data)"; when `strict`, the words must fit too: every typed word fits a word of the
 * name (typos allowed), or at least two do and together they cover two thirds of both.
 */
function fuzzy(index: KindIndex, query: string, strict: boolean): FuzzyHit[] {
  const typed = meaningful(query);
  // A sentence is not a misspelt name; only the phrase step reads it.
  if (query.length < 2 || typed.length > maxPhraseWords) return [];
  const out: FuzzyHit[] = [];
  for (const hit of search(index, query)) {
    const score = hit.score;
    if (score > suggestThreshold || out.some((o) => o.id === hit.id)) continue;
    const nameWords = meaningful(hit.name);
    const typedFit = typed.filter((w) => wordFits(w, nameWords)).length;
    const nameFit = nameWords.filter((n) => typed.some((w) => wordFits(w, [n]))).length;
    const fit = typed.length && nameWords.length ? typedFit / typed.length + nameFit / nameWords.length : 0;
    if (strict) {
      // "data" sits inside "central data" perfectly, but names too little of it to mean it.
      const close = score <= fuzzyThreshold && typedFit === typed.length && query.length >= hit.name.length * 0.4;
      const most = typedFit >= 2 && typedFit * 3 >= typed.length * 2 && nameFit * 3 >= nameWords.length * 2;
      if (!close && !most) continue;
    }
    out.push({ id: hit.id, score, fit });
  }
  return out.sort((a, b) => b.fit - a.fit || a.score - b.score);
}

/**
 * Builds a resolver from the corpus's entity ids, titles and synonyms, technology pages that point at one
 * entity, and the extra names of `knowledge/names.yml`. Steps, first hit wins: exact name (score 1), name without filler words
 * (0.95), a known phrase inside the text (0.85, or 0.6 when phrases of several entities occur), Fuse (at most
 * 0.8, every typed word must fit a word of the name, and a tie between two entities is no match).
 * @example createNameResolver(corpus).resolve('method', 'Kafka') -> { id: 'events', score: 0.95, how: 'key' }
 */
export function createNameResolver(corpus: Pick<Corpus, 'entities'> & Partial<Pick<Corpus, 'names'>>): NameResolver {
  const indexes = new Map<EntityKind, KindIndex>();
  const indexFor = (kind: EntityKind): KindIndex => {
    let index = indexes.get(kind);
    if (!index) {
      index = buildIndex(kind, corpus.entities, corpus.names ?? {});
      indexes.set(kind, index);
    }
    return index;
  };

  const resolve = (kind: EntityKind, text: string, options: { fuzzy?: boolean } = {}): NameMatch | null => {
    const index = indexFor(kind);
    const normalized = normalizeName(text);
    if (!normalized) return null;
    const exact = index.names.get(normalized);
    if (exact) return { id: exact, score: 1, how: 'exact' };
    const key = nameKey(normalized);
    const byKey = key ? index.names.get(key) : undefined;
    if (byKey) return { id: byKey, score: 0.95, how: 'key' };
    const phrase = findPhrase(normalized.split(' ').slice(0, 40), index.names);
    if (phrase?.covers || options.fuzzy === false) return phrase && { id: phrase.id, score: phrase.contested ? 0.6 : 0.85, how: 'phrase' };
    const [best, second] = fuzzy(index, key || normalized, true);
    // A close typo of a whole name beats a short phrase inside it: "process orchestation" is not "process" integration.
    const typoWins = best && best.score <= 0.2 && (!phrase || phrase.id !== best.id);
    if (phrase && !typoWins) return { id: phrase.id, score: phrase.contested ? 0.6 : 0.85, how: 'phrase' };
    // Two entities equally close ("master data": update or distribute?) is no answer; `suggest` lists both.
    if (!best || (second && second.fit === best.fit && second.score - best.score < 0.02)) return null;
    return { id: best.id, score: Math.round(Math.min(0.8, 1 - best.score) * 100) / 100, how: 'fuzzy' };
  };

  const suggest = (kind: EntityKind, text: string, n = 3): { id: string; title: string }[] => {
    const index = indexFor(kind);
    const normalized = normalizeName(text);
    const ids: string[] = [];
    const add = (id: string) => {
      if (!ids.includes(id)) ids.push(id);
    };
    const match = resolve(kind, text);
    if (match) add(match.id);
    for (const word of normalized.split(' ')) {
      const id = index.names.get(word);
      if (id) add(id);
    }
    for (const hit of fuzzy(index, nameKey(normalized) || normalized, false)) add(hit.id);
    return ids.slice(0, Math.max(0, n)).map((id) => ({ id, title: index.titles.get(id) ?? id }));
  };

  return { resolve, suggest };
}
