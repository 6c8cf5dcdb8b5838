import type { Section } from '../knowledge/types';
import { stem, stopwords, terms, words } from '../text/tokens';

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
  const building = new Map<string, { docs: number[]; tfs: number[] }>();
  const titled = new Map<string, number[]>();
  const vocabulary = new Set<string>();
  let total = 0;
  sections.forEach((section, doc) => {
    const inTitle = new Set<string>();
    for (const t of terms(section.trail.join(' '))) if (!stopwords.has(t) && t.length <= 40) inTitle.add(t);
    for (const t of inTitle) {
      const list = titled.get(t);
      if (list) list.push(doc);
      else titled.set(t, [doc]);
    }
    const counts = new Map<string, number>();
    const add = (text: string, weight: number) => {
      for (const word of words(text)) {
        vocabulary.add(word);
        const t = stem(word);
        if (stopwords.has(t) || t.length > 40) continue;
        counts.set(t, (counts.get(t) ?? 0) + weight);
      }
    };
    add(section.title, titleBoost);
    if (section.trail.length > 1) add(section.trail.slice(0, -1).join(' '), pageTitleBoost);
    add(section.text, 1);
    let length = 0;
    for (const [term, tf] of counts) {
      length += tf;
      let p = building.get(term);
      if (!p) building.set(term, (p = { docs: [], tfs: [] }));
      p.docs.push(doc);
      p.tfs.push(tf);
    }
    lengths[doc] = length;
    total += length;
  });
  const avg = n > 0 ? total / n : 1;
  const postings = new Map<string, Postings>();
  for (const [term, p] of building) postings.set(term, { docs: Uint32Array.from(p.docs), tfs: Float32Array.from(p.tfs) });
  building.clear();
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
