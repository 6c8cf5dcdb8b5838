import fs from 'node:fs';
import path from 'node:path';
import { listKnowledgeFiles, readKnowledgeFile } from '../src/knowledge';
import { seeded } from './stats';

/**
 * Generated corpora for the bench: copies of real pages (the shipped knowledge and, when present, the Mendix
 * documentation in /work/shared/mendix-docs) with their words varied, written as markdown files so that the
 * cold start measures the real loader.
 *
 * Every copy differs from its original and from every other copy, so the index cannot profit from duplicates:
 * about a fifth of the words are replaced by synthetic words drawn from a Zipf-like distribution over a
 * 40,000-word invented vocabulary, some by other real words, adjacent words in prose lines are swapped, and
 * each copy gets its own title suffix and URL. Markdown syntax (headings, tables, links, shortcodes, anchors)
 * is left intact, so the sections are the original's sections.
 */

export interface BasePage {
  /** Label of the source folder, used in the copy's path (`knowledge`, `mendix-docs`). */
  source: string;
  relPath: string;
  title: string;
  description: string;
  body: string;
  sections: number;
}

export interface GeneratedCorpus {
  dir: string;
  files: number;
  copies: number;
  /** Sections the generated files hold (the shipped knowledge loaded beside them adds its own). */
  sections: number;
}

const baseUrl = 'https://docs.mendix.com';

/** Reads the pages a generated corpus is made from, with their section counts. */
export function readBasePages(sources: { label: string; dir: string }[]): BasePage[] {
  const pages: BasePage[] = [];
  for (const { label, dir } of sources) {
    if (!fs.existsSync(dir)) continue;
    for (const file of listKnowledgeFiles(dir)) {
      if (/\.ya?ml$/i.test(file)) continue;
      const { page } = readKnowledgeFile(dir, file, { baseUrl });
      if (!page || page.sections.length === 0) continue;
      const source = fs.readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
      const front = /^\uFEFF?---[ \t]*\n[\s\S]*?\n---[ \t]*(\n|$)/.exec(source);
      pages.push({
        source: label,
        relPath: path.relative(dir, file).split(path.sep).join('/'),
        title: page.title,
        description: page.description,
        body: front ? source.slice(front[0].length) : source,
        sections: page.sections.length,
      });
    }
  }
  return pages;
}

const consonants = 'bdfgklmnprstvz';
const vowels = 'aeiou';

/** An invented vocabulary: distinct pronounceable words of 4 to 12 letters. */
function syntheticVocabulary(size: number, random: () => number): string[] {
  const out = new Set<string>();
  const pick = (s: string) => s[Math.floor(random() * s.length)];
  while (out.size < size) {
    const syllables = 2 + Math.floor(random() * 3);
    let w = '';
    for (let i = 0; i < syllables; i++) w += pick(consonants) + pick(vowels);
    if (random() < 0.4) w += pick(consonants);
    out.add(w);
  }
  return [...out];
}

// Spans a copy must keep verbatim: shortcodes, link targets, anchors, HTML tags, inline code.
const protectedSpans = /(\{\{.*?\}\}|\]\([^)]*\)|\{#[^}]*\}|<[^>]*>|`[^`]*`)/;
const wordPattern = /[A-Za-z]{3,}/g;

interface Varier {
  line(text: string): string;
  text(text: string): string;
}

function createVarier(random: () => number, synthetic: string[], real: string[]): Varier {
  const logSize = Math.log(synthetic.length);
  // Rank ~ log-uniform: P(rank r) ~ 1/r, the Zipf shape of natural text, so some invented words are very common.
  const zipf = () => synthetic[Math.min(synthetic.length - 1, Math.floor(Math.exp(random() * logSize)) - 1)];
  const replaceWord = (word: string) => {
    const r = random();
    let next = word;
    if (r < 0.2) next = zipf();
    else if (r < 0.28) next = real[Math.floor(random() * real.length)];
    else return word;
    return word[0] === word[0].toUpperCase() ? next[0].toUpperCase() + next.slice(1) : next;
  };
  const text = (s: string) =>
    s
      .split(protectedSpans)
      .map((part, i) => (i % 2 === 1 ? part : part.replace(wordPattern, replaceWord)))
      .join('');
  const line = (s: string) => {
    const varied = text(s);
    // Plain prose lines also get a few adjacent words swapped.
    if (!/^[A-Za-z]/.test(varied) || /[[`{<|]/.test(varied)) return varied;
    const tokens = varied.split(' ');
    for (let n = Math.floor(tokens.length / 6); n > 0; n--) {
      const i = Math.floor(random() * (tokens.length - 1));
      [tokens[i], tokens[i + 1]] = [tokens[i + 1], tokens[i]];
    }
    return tokens.join(' ');
  };
  return { line, text };
}

/**
 * Writes a corpus of about `targetSections` sections (counting `alreadySections` that load beside it) into
 * `outDir`, replacing what was there. Deterministic for a given seed.
 */
export function generateCorpus(
  bases: BasePage[],
  options: { outDir: string; targetSections: number; alreadySections: number; seed: number },
): GeneratedCorpus {
  fs.rmSync(options.outDir, { recursive: true, force: true });
  fs.mkdirSync(options.outDir, { recursive: true });
  const random = seeded(options.seed);
  const synthetic = syntheticVocabulary(40_000, random);
  const realWords = new Set<string>();
  for (const base of bases) for (const w of base.body.match(wordPattern) ?? []) realWords.add(w.toLowerCase());
  const real = [...realWords];
  const vary = createVarier(random, synthetic, real);

  let total = options.alreadySections;
  let files = 0;
  let copies = 0;
  let generated = 0;
  while (total < options.targetSections && bases.length > 0) {
    copies++;
    const tag = synthetic[(copies * 7919) % synthetic.length];
    const order = [...bases];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const base of order) {
      if (total >= options.targetSections) break;
      const rel = base.relPath.replace(/\.(md|markdown|txt)$/i, '');
      const id = `c${copies}/${base.source}/${rel}`;
      let fence = false;
      const body = base.body
        .split('\n')
        .map((l) => {
          if (/^\s{0,3}(```|~~~)/.test(l)) {
            fence = !fence;
            return l;
          }
          return fence ? vary.text(l) : vary.line(l);
        })
        .join('\n');
      const front = [
        '---',
        `title: ${JSON.stringify(`${vary.text(base.title)} (${tag})`)}`,
        `description: ${JSON.stringify(vary.text(base.description))}`,
        `url: ${JSON.stringify(`/bench/${id}/`)}`,
        '---',
        '',
      ].join('\n');
      const file = path.join(options.outDir, `${id}.md`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, front + body);
      files++;
      total += base.sections;
      generated += base.sections;
    }
  }
  return { dir: options.outDir, files, copies, sections: generated };
}
