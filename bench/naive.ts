import Fuse from 'fuse.js';
import type { Section } from '../src/knowledge/types';

/**
 * The naive baseline the issue compares against: one Fuse.js index over whole section texts (title + text),
 * near-default options, answering with its best hits. No rules, no inverted index, no typo dictionary.
 */
export interface NaiveHit {
  section: number;
  pageId: string;
  score: number;
}

export interface NaiveIndex {
  search(question: string, limit: number): NaiveHit[];
}

export const naiveOptions = Object.freeze({ keys: ['title', 'text'], ignoreLocation: true, threshold: 0.4, includeScore: true });

export function createNaiveIndex(sections: readonly Section[]): NaiveIndex {
  const docs = sections.map((s, i) => ({ i, pageId: s.pageId, title: s.title, text: s.text }));
  const fuse = new Fuse(docs, { ...naiveOptions, keys: [...naiveOptions.keys] });
  return {
    search(question, limit) {
      return fuse.search(question, { limit }).map((r) => ({ section: r.item.i, pageId: r.item.pageId, score: r.score ?? 1 }));
    },
  };
}

/** Distinct pages of a hit list, best first. */
export function topPages(hits: readonly NaiveHit[], count: number): string[] {
  const out: string[] = [];
  for (const hit of hits) {
    if (!out.includes(hit.pageId)) out.push(hit.pageId);
    if (out.length >= count) break;
  }
  return out;
}
