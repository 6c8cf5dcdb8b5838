import { editDistance } from '../text/distance';

/**
 * Typo correction against a known vocabulary (symmetric-delete lookup: precomputed deletions, so a lookup
 * costs a handful of map probes however large the vocabulary is).
 */

/** Re-exported: the text pipeline's edit distance is what typo correction measures with. */
export { editDistance };

export interface Speller {
  /** The closest known word within the allowed distance, or the word itself when it is known or too short. */
  correct(word: string): string;
  has(word: string): boolean;
}

function deletes(word: string, depth: number, out: Set<string>): void {
  if (depth === 0 || word.length <= 2) return;
  for (let i = 0; i < word.length; i++) {
    const shorter = word.slice(0, i) + word.slice(i + 1);
    if (!out.has(shorter)) {
      out.add(shorter);
      deletes(shorter, depth - 1, out);
    }
  }
}

/** Words up to this length allow one typo; longer words two. Words of three letters or less are never corrected. */
const maxDistance = (word: string) => (word.length < 4 ? 0 : word.length < 8 ? 1 : 2);

/**
 * Builds a speller. `targets` are the words a typo may be corrected to (the words of rules, names and
 * headings), with weights that rank candidates at equal distance; `known` are words that are never corrected
 * (every word of the corpus), so "plant" stays "plant" even though "plan" is one letter away.
 */
export function createSpeller(targets: Map<string, number>, known: Pick<ReadonlySet<string>, 'has'> = new Set()): Speller {
  const weights = targets;
  // The deletions are computed on the first word that needs them: most questions hold no unknown word, and
  // start-up should not pay for a table that may never be read.
  let index: Map<string, string[]> | undefined;
  const buildIndex = () => {
    const built = new Map<string, string[]>();
    const add = (key: string, word: string) => {
      const list = built.get(key);
      if (list) {
        if (list.length < 32) list.push(word);
      } else built.set(key, [word]);
    };
    for (const word of weights.keys()) {
      if (word.length < 4 || /\d/.test(word)) continue;
      add(word, word);
      const ds = new Set<string>();
      deletes(word, maxDistance(word), ds);
      for (const d of ds) add(d, word);
    }
    return built;
  };
  const cache = new Map<string, string>();
  return {
    has: (word) => weights.has(word) || known.has(word),
    correct(word) {
      if (word.length < 4 || weights.has(word) || known.has(word) || /\d/.test(word) || word.length > 30) return word;
      const cached = cache.get(word);
      if (cached !== undefined) return cached;
      index ??= buildIndex();
      const max = maxDistance(word);
      const probes = new Set<string>([word]);
      deletes(word, max, probes);
      let best = word;
      let bestDistance = max + 1;
      let bestWeight = -1;
      for (const probe of probes) {
        for (const candidate of index.get(probe) ?? []) {
          const distance = editDistance(word, candidate, max);
          if (distance > max) continue;
          const weight = weights.get(candidate) ?? 0;
          if (distance < bestDistance || (distance === bestDistance && weight > bestWeight)) {
            best = candidate;
            bestDistance = distance;
            bestWeight = weight;
          }
        }
      }
      if (cache.size > 10_000) cache.clear();
      cache.set(word, best);
      return best;
    },
  };
}
