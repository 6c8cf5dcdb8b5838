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
}

const k1 = 1.2;
const b = 0.75;
const titleBoost = 3;
const pageTitleBoost = 1.5;
const titleBonus = 0.5;
/** Postings of a term beyond this many are not scored: such terms are near-stopwords in that corpus. */
const maxPostings = 6000;

interface Postings {
  docs: Uint32Array;
  tfs: Float32Array;
}

/** Builds the index from sections (or anything with a title, a heading trail and text); pure and synchronous. */
export function buildSearchIndex(sections: readonly Pick<Section, 'title' | 'trail' | 'text'>[]): SearchIndex {
  const n = sections.length;
  const lengths = new Float32Array(n);
  // Every distinct word is stemmed and looked up once: `termOf` maps it to its term id, or -1 for stopwords.
  // Per occurrence that leaves one map lookup and one count, which is what keeps 30k sections under seconds.
  const vocabulary = new Set<string>();
  const termOf = new Map<string, number>();
  const termIds = new Map<string, number>();
  const termNames: string[] = [];
  const docsByTerm: number[][] = [];
  const tfsByTerm: number[][] = [];
  const idOfTerm = (t: string): number => {
    let id = termIds.get(t);
    if (id === undefined) {
      id = termNames.length;
      termIds.set(t, id);
      termNames.push(t);
      docsByTerm.push([]);
      tfsByTerm.push([]);
    }
    return id;
  };
  const idOfWord = (word: string): number => {
    let id = termOf.get(word);
    if (id === undefined) {
      vocabulary.add(word);
      const t = stem(word);
      id = stopwords.has(t) || t.length > 40 ? -1 : idOfTerm(t);
      termOf.set(word, id);
    }
    return id;
  };
  const titled = new Map<string, number[]>();
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
    for (const id of idsOf(section.trail.join(' '))) {
      const term = termNames[id];
      const list = titled.get(term);
      if (list) list.push(doc);
      else titled.set(term, [doc]);
    }
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
  const avg = n > 0 ? total / n : 1;
  const postings = new Map<string, Postings>();
  termNames.forEach((term, id) => postings.set(term, { docs: Uint32Array.from(docsByTerm[id]), tfs: Float32Array.from(tfsByTerm[id]) }));
  docsByTerm.length = 0;
  tfsByTerm.length = 0;
  const titles = new Map<string, Uint32Array>();
  for (const [term, docs] of titled) titles.set(term, Uint32Array.from(docs));
  titled.clear();

  const scores = new Float64Array(n);
  const touched: number[] = [];

  return {
    size: n,
    vocabulary,
    df: (term) => postings.get(term)?.docs.length ?? 0,
    search(queryTerms, limit) {
      const unique = [...new Set(queryTerms)].filter((t) => !stopwords.has(t));
      for (const term of unique) {
        const p = postings.get(term);
        if (!p || p.docs.length > maxPostings) continue;
        const idf = Math.log(1 + (n - p.docs.length + 0.5) / (p.docs.length + 0.5));
        for (let i = 0; i < p.docs.length; i++) {
          const doc = p.docs[i];
          const tf = p.tfs[i];
          if (scores[doc] === 0) touched.push(doc);
          scores[doc] += (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * lengths[doc]) / avg));
        }
        // A query word in the section's heading trail (page title included) is worth a fixed bonus on top:
        // headings name what a section is about, which body frequency alone under-rates.
        const heading = titles.get(term);
        if (heading) for (const doc of heading) scores[doc] += titleBonus * idf;
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
