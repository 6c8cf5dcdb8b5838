import fs from 'node:fs';
import path from 'node:path';
import { KnowledgeError } from '../errors';
import { assembleCorpus, type CorpusData } from './corpus';
import { dataFiles, parseComparisonsFile, parseIntentsFile, parseNamesFile, parseVocabularyFile } from './data';
import type * as Markdown from './markdown';
import { parseExamplesFile, parseRulesFile } from './rules';
import type { Corpus, EntityKind, Example, LoadIssue, Page, Rule } from './types';

export type { Corpus } from './types';

export interface LoadOptions {
  /** Absolute base URL for page links, without trailing slash. */
  baseUrl: string;
  /** Include pages marked `draft: true` (default true: the reference best practices are drafts). */
  includeDrafts?: boolean;
}

/** One file's contribution, kept so a reload can re-read only what changed. */
export interface FileResult {
  page: Page | null;
  rules: Rule[];
  examples?: Example[];
  /** Set by the top-level data files (`comparisons.yml`, `intents.yml`, `vocabulary.yml`). */
  data?: CorpusData;
  issues: LoadIssue[];
}

/** Folders the loader never reads (the watcher ignores them too). */
export const skipDirs: ReadonlySet<string> = new Set(['node_modules', '.git', 'dist', 'attachments', 'static', 'public', 'resources']);

/**
 * Lists the knowledge files under a folder: markdown pages, rule files (`rules/*.yml`) and examples (`examples/*.yml`).
 * Symbolic links to folders and files are followed (a folder reached twice is read once).
 */
export function listKnowledgeFiles(dir: string): string[] {
  const out: string[] = [];
  const linked = new Set<string>();
  const walk = (current: string, depth: number) => {
    if (depth > 20) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!skipDirs.has(entry.name)) walk(full, depth + 1);
      } else if (entry.isFile() && isKnowledgeFile(full)) {
        out.push(full);
      } else if (entry.isSymbolicLink()) {
        let target: fs.Stats;
        let real: string;
        try {
          target = fs.statSync(full);
          real = fs.realpathSync(full);
        } catch {
          continue; // a dangling or looping link is not knowledge
        }
        if (target.isFile() && isKnowledgeFile(full)) out.push(full);
        if (target.isDirectory() && !skipDirs.has(entry.name) && !linked.has(real)) {
          linked.add(real);
          walk(full, depth + 1);
        }
      }
    }
  };
  walk(dir, 0);
  return out;
}

/**
 * True for the files the loader reads: markdown pages (`.md`, `.markdown`, and `.txt` exports of them) and
 * YAML files inside a `rules` or `examples` folder. READMEs describe the folder and are not pages.
 */
export function isKnowledgeFile(file: string): boolean {
  if (/\.(md|markdown|txt)$/i.test(file)) return !/(^|[\\/])README\.(md|txt)$/i.test(file);
  if (dataFiles.has(path.basename(file))) return true;
  return /\.ya?ml$/i.test(file) && ['rules', 'examples'].includes(path.basename(path.dirname(file)));
}

/** Reads and parses one knowledge file; never throws (unreadable files come back as an error issue). */
export function readKnowledgeFile(root: string, file: string, options: LoadOptions): FileResult {
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return unreadable(file, error);
  }
  return parseKnowledgeSource(root, file, source, options);
}

/** The same as `readKnowledgeFile`, reading without blocking the event loop (for the running bot). */
export async function readKnowledgeFileAsync(root: string, file: string, options: LoadOptions): Promise<FileResult> {
  let source: string;
  try {
    source = await fs.promises.readFile(file, 'utf8');
  } catch (error) {
    return unreadable(file, error);
  }
  return parseKnowledgeSource(root, file, source, options);
}

function unreadable(file: string, error: unknown): FileResult {
  const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
  return { page: null, rules: [], issues: [{ severity: 'error', file, message: `cannot read the file (${code})` }] };
}

// The markdown parser (gray-matter and marked: about a tenth of a second to load) is loaded on first use, so a
// start whose pages all come from the cache never loads it.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy loading, see above
const markdownParser = () => require('./markdown') as typeof Markdown;

/** Parses the text of one knowledge file: a rules file or a markdown page. */
export function parseKnowledgeSource(root: string, file: string, source: string, options: LoadOptions): FileResult {
  if (/\.ya?ml$/i.test(file) && path.basename(path.dirname(file)) === 'examples') {
    const { examples, issues } = parseExamplesFile(source, file);
    return { page: null, rules: [], examples, issues };
  }
  switch (path.basename(file)) {
    case 'comparisons.yml': {
      const { comparisons, issues } = parseComparisonsFile(source, file);
      return { page: null, rules: [], data: { comparisons }, issues };
    }
    case 'intents.yml': {
      const { intents, issues } = parseIntentsFile(source, file);
      return { page: null, rules: [], data: { intents }, issues };
    }
    case 'vocabulary.yml': {
      const { vocabulary, issues } = parseVocabularyFile(source, file);
      return { page: null, rules: [], data: { vocabulary }, issues };
    }
    case 'names.yml': {
      const { names, issues } = parseNamesFile(source, file);
      return { page: null, rules: [], data: { names }, issues };
    }
  }
  if (/\.ya?ml$/i.test(file)) {
    const { rules, issues } = parseRulesFile(source, file);
    return { page: null, rules, issues };
  }
  if (/\.txt$/i.test(file) && !/^\uFEFF?---[ \t]*\r?\n/.test(source)) {
    // A text file without front matter is not a page (notes, licences); leave it out quietly.
    return { page: null, rules: [], issues: [] };
  }
  const relPath = path.relative(root, file).split(path.sep).join('/');
  const { page, issues } = markdownParser().parseMarkdownFile(source, { baseUrl: options.baseUrl, relPath, file });
  if (page?.draft && options.includeDrafts === false) return { page: null, rules: [], issues };
  return { page, rules: [], issues };
}

/** Builds the corpus from already-read files, in folder order (earlier folders win for the matrix). */
export function corpusFromFiles(results: Iterable<FileResult>): Corpus {
  const pages: Page[] = [];
  const rules: Rule[] = [];
  const examples: Example[] = [];
  const issues: LoadIssue[] = [];
  const data: Required<CorpusData> = { comparisons: [], intents: null, vocabulary: [], names: {} };
  for (const result of results) {
    if (result.page) pages.push(result.page);
    rules.push(...result.rules);
    examples.push(...(result.examples ?? []));
    issues.push(...result.issues);
    data.comparisons.push(...(result.data?.comparisons ?? []));
    data.vocabulary.push(...(result.data?.vocabulary ?? []));
    for (const [kind, table] of Object.entries(result.data?.names ?? {}) as [EntityKind, Record<string, string[]>][]) {
      data.names[kind] = { ...(data.names[kind] ?? {}), ...table };
    }
    // The first folder's intents win, like its matrix.
    if (!data.intents && result.data?.intents) data.intents = result.data.intents;
  }
  return assembleCorpus(pages, rules, issues, examples, data);
}

/**
 * Loads one or more knowledge folders into a corpus. A broken file is reported in `corpus.issues` and the
 * rest still load; a folder that does not exist or holds no markdown is an error.
 * @example loadCorpus(['knowledge'], { baseUrl: 'https://docs.mendix.com' }).entities.length
 */
export function loadCorpus(dirs: string[], options: LoadOptions): Corpus {
  const results: FileResult[] = [];
  for (const dir of dirs) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      throw new KnowledgeError(`knowledge folder ${dir} does not exist; set KNOWLEDGE_DIR to a folder of markdown pages`);
    }
    const files = listKnowledgeFiles(dir);
    if (!files.some((f) => !/\.ya?ml$/i.test(f))) {
      throw new KnowledgeError(`knowledge folder ${dir} holds no markdown pages`);
    }
    for (const file of files) results.push(readKnowledgeFile(dir, file, options));
  }
  return corpusFromFiles(results);
}
