import type { Section } from '../knowledge/types';
import { stem, stopwords, words } from '../text/tokens';

/**
 * A BM25 inverted index over sections, with the heading trail weighted above the body.
 * Cost of a query: proportional to the postings of its (few) terms, not to the number of sections; very
 * common terms are capped (see `maxPostings`) so the tail stays flat as the corpus grows.
 */
export interface SearchHit {
  section: number;
  score: number;
}

export interface SearchIndex {
  search(queryTerms: string[], limit: number): SearchHit[];
  /** Document frequency of a term (0 when unknown). */
  df(term: string): number;
  /** Every word (lowercase, unstemmed) the indexed texts use: what the typo corrector treats as known. */
  readonly vocabulary: ReadonlySet<string>;
  readonly size: number;
  /** What the index is made of, for a start-up cache (`searchIndexFromData` turns it back into an index). */
  readonly data: SearchIndexData;
}

const k1 = 1.2;
const b = 0.75;
const titleBoost = 3;
const pageTitleBoost = 1.5;
const titleBonus = 0.5;
/** Postings of a term beyond this many are not scored: such terms are near-stopwords in that corpus. */
const maxPostings = 6000;

/**
 * The built index as plain data: a few typed arrays and two newline-joined word lists. It is what `buildSearchIndex`
 * computes and all that `searchIndexFromData` needs, so a start-up cache can store it and skip the build.
 */
export interface SearchIndexData {
  /** Number of indexed sections. */
  size: number;
  /** Average weighted section length (BM25's avgdl). */
  avg: number;
  lengths: Float32Array;
  /** Stemmed terms in id order, joined by newlines (words never contain one). */
  terms: string;
  /** Postings of term id `t` are `docs`/`tfs` from `offsets[t]` to `offsets[t + 1]`. */
  offsets: Uint32Array;
  docs: Uint32Array;
  tfs: Float32Array;
  /** Sections whose heading trail holds term id `t`: `titleDocs` from `titleOffsets[t]` to `titleOffsets[t + 1]`. */
  titleOffsets: Uint32Array;
  titleDocs: Uint32Array;
  /** Every word the texts use (lowercase, unstemmed), joined by newlines. */
  vocabulary: string;
}

/** Builds the index from sections (or anything with a title, a heading trail and text); pure and synchronous. */
export function buildSearchIndex(sections: readonly Pick<Section, 'title' | 'trail' | 'text'>[]): SearchIndex {
  return searchIndexFromData(indexSections(sections));
}

/** Computes the index data of sections: one pass over their words. */
export function indexSections(sections: readonly Pick<Section, 'title' | 'trail' | 'text'>[]): SearchIndexData {
  const n = sections.length;
  const lengths = new Float32Array(n);
  // Every distinct word is stemmed and looked up once: `termOf` maps it to its term id, or -1 for stopwords.
  // Per occurrence that leaves one map lookup and one count, which is what keeps 30k sections under seconds.
  const vocabulary: string[] = [];
  const termOf = new Map<string, number>();
  const termIds = new Map<string, number>();
  const termNames: string[] = [];
  const docsByTerm: number[][] = [];
  const tfsByTerm: number[][] = [];
  const titledByTerm: number[][] = [];
  const idOfTerm = (t: string): number => {
    let id = termIds.get(t);
    if (id === undefined) {
      id = termNames.length;
      termIds.set(t, id);
      termNames.push(t);
      docsByTerm.push([]);
      tfsByTerm.push([]);
      titledByTerm.push([]);
    }
    return id;
  };
  const idOfWord = (word: string): number => {
    let id = termOf.get(word);
    if (id === undefined) {
      vocabulary.push(word);
      const t = stem(word);
      id = stopwords.has(t) || t.length > 40 ? -1 : idOfTerm(t);
      termOf.set(word, id);
    }
    return id;
  };
  const idsOf = (text: string) => [...new Set(words(text).map(idOfWord).filter((id) => id >= 0))];
  // The parent trail repeats (every section of a page shares the page title): read each distinct one once.
  const parentIds = new Map<string, number[]>();
  const idsOfParent = (trail: string) => {
    let cached = parentIds.get(trail);
    if (!cached) parentIds.set(trail, (cached = idsOf(trail)));
    return cached;
  };
  let total = 0;
  const counts = new Map<number, number>();
  sections.forEach((section, doc) => {
    for (const id of idsOf(section.trail.join(' '))) titledByTerm[id].push(doc);
    counts.clear();
    const add = (text: string, weight: number) => {
      for (const word of words(text)) {
        const id = idOfWord(word);
        if (id >= 0) counts.set(id, (counts.get(id) ?? 0) + weight);
      }
    };
    add(section.title, titleBoost);
    if (section.trail.length > 1) {
      for (const id of idsOfParent(section.trail.slice(0, -1).join(' '))) counts.set(id, (counts.get(id) ?? 0) + pageTitleBoost);
    }
    add(section.text, 1);
    let length = 0;
    for (const [id, tf] of counts) {
      length += tf;
      docsByTerm[id].push(doc);
      tfsByTerm[id].push(tf);
    }
    lengths[doc] = length;
    total += length;
  });
  const flatten = (lists: number[][], offsets: Uint32Array, out: Uint32Array | Float32Array) => {
    let at = 0;
    lists.forEach((list, id) => {
      offsets[id] = at;
      out.set(list, at);
      at += list.length;
    });
    offsets[lists.length] = at;
  };
  const count = (lists: number[][]) => lists.reduce((sum, list) => sum + list.length, 0);
  const offsets = new Uint32Array(termNames.length + 1);
  const docs = new Uint32Array(count(docsByTerm));
  const tfs = new Float32Array(docs.length);
  flatten(docsByTerm, offsets, docs);
  flatten(tfsByTerm, new Uint32Array(termNames.length + 1), tfs);
  const titleOffsets = new Uint32Array(termNames.length + 1);
  const titleDocs = new Uint32Array(count(titledByTerm));
  flatten(titledByTerm, titleOffsets, titleDocs);
  return { size: n, avg: n > 0 ? total / n : 1, lengths, terms: termNames.join('\n'), offsets, docs, tfs, titleOffsets, titleDocs, vocabulary: vocabulary.join('\n') };
}

/** The index over data from `indexSections` (freshly built, or read back from a cache). */
export function searchIndexFromData(data: SearchIndexData): SearchIndex {
  const { size: n, avg, lengths, offsets, docs, tfs, titleOffsets, titleDocs } = data;
  const termIds = new Map<string, number>();
  if (data.terms) data.terms.split('\n').forEach((term, id) => termIds.set(term, id));
  let vocabulary: Set<string> | undefined;
  const scores = new Float64Array(n);
  const touched: number[] = [];

  const df = (id: number | undefined) => (id === undefined ? 0 : offsets[id + 1] - offsets[id]);

  return {
    size: n,
    data,
    get vocabulary() {
      vocabulary ??= new Set(data.vocabulary ? data.vocabulary.split('\n') : []);
      return vocabulary;
    },
    df: (term) => df(termIds.get(term)),
    search(queryTerms, limit) {
      const unique = [...new Set(queryTerms)].filter((t) => !stopwords.has(t));
      for (const term of unique) {
        const id = termIds.get(term);
        const count = df(id);
        if (id === undefined || count === 0 || count > maxPostings) continue;
        const idf = Math.log(1 + (n - count + 0.5) / (count + 0.5));
        for (let i = offsets[id], end = offsets[id + 1]; i < end; i++) {
          const doc = docs[i];
          const tf = tfs[i];
          if (scores[doc] === 0) touched.push(doc);
          scores[doc] += (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * lengths[doc]) / avg));
        }
        // A query word in the section's heading trail (page title included) is worth a fixed bonus on top:
        // headings name what a section is about, which body frequency alone under-rates.
        for (let i = titleOffsets[id], end = titleOffsets[id + 1]; i < end; i++) scores[titleDocs[i]] += titleBonus * idf;
      }
      // Partial selection of the best `limit` hits; the touched list is small next to the corpus.
      const hits: SearchHit[] = [];
      for (const doc of touched) {
        const score = scores[doc];
        scores[doc] = 0;
        if (hits.length < limit) {
          hits.push({ section: doc, score });
          if (hits.length === limit) hits.sort((x, y) => y.score - x.score);
        } else if (score > hits[limit - 1].score) {
          hits[limit - 1] = { section: doc, score };
          for (let i = limit - 1; i > 0 && hits[i].score > hits[i - 1].score; i--) [hits[i], hits[i - 1]] = [hits[i - 1], hits[i]];
        }
      }
      touched.length = 0;
      return hits.sort((x, y) => y.score - x.score || x.section - y.section);
    },
  };
}
