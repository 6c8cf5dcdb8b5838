import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { types } from 'node:util';
import type { KnowledgeSettings } from '../config';
import { createEngine, engineSnapshot, type EngineOptions, type EngineSnapshot } from '../engine';
import type { Engine } from '../engine/types';
import { KnowledgeError } from '../errors';
import { corpusFromFiles, listKnowledgeFiles, parseKnowledgeSource, type FileResult, type LoadOptions } from '../knowledge';
import type { Corpus } from '../knowledge/types';
import type { CacheStore } from '../store/cache-store';
import { programVersion } from './program';

/**
 * Start-up: knowledge folders -> parsed files -> corpus -> engine, reusing what a cache kept from an earlier run.
 * Parsed files are kept by the hash of their content (and of what their parse depends on), the engine's indexes by
 * the hash of every file key, the engine options and the program version: a change of any of them is a miss.
 */

/** Everything that decides what the knowledge loads to. */
export interface KnowledgeSource {
  dirs: string[];
  load: LoadOptions;
  engine: Omit<EngineOptions, 'snapshot'>;
}

/** One knowledge file as loaded: its folder, its key (content hash) and its parse. */
export interface FileEntry {
  root: string;
  key: string;
  result: FileResult;
}

/** The loaded files, file path -> entry, in load order (folder order, then the order of `listKnowledgeFiles`). */
export type FileTable = Map<string, FileEntry>;

/** Where start-up time went, in milliseconds, and how much the cache saved. */
export interface LoadTimings {
  listMs: number;
  readMs: number;
  parseMs: number;
  files: number;
  /** Files parsed now (cache misses). */
  parsed: number;
  assembleMs: number;
  engineMs: number;
  /** True when the engine's indexes came from the cache. */
  restored: boolean;
}

export interface LoadedKnowledge {
  corpus: Corpus;
  engine: Engine;
  files: FileTable;
  timings: LoadTimings;
}

/** The knowledge source of a configuration. */
export function sourceFromSettings(settings: Pick<KnowledgeSettings, 'knowledgeDirs' | 'baseUrl' | 'maxQuestionChars'>): KnowledgeSource {
  return { dirs: settings.knowledgeDirs, load: { baseUrl: settings.baseUrl }, engine: { maxQuestionChars: settings.maxQuestionChars } };
}

/** Fails with advice when a folder is missing or holds no markdown page; returns each folder's files. */
export function listSourceFiles(dirs: string[]): { root: string; files: string[] }[] {
  return dirs.map((dir) => {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      throw new KnowledgeError(`knowledge folder ${dir} does not exist; set KNOWLEDGE_DIR to a folder of markdown pages`);
    }
    const files = listKnowledgeFiles(dir);
    if (!files.some((f) => !/\.ya?ml$/i.test(f))) throw new KnowledgeError(`knowledge folder ${dir} holds no markdown pages`);
    return { root: dir, files };
  });
}

const sha256 = (...parts: (string | Buffer)[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
};

/** The cache key of one file: its content and everything its parse depends on (folder, path, load options). */
export function fileKey(source: KnowledgeSource, root: string, file: string, content: Buffer): string {
  return sha256(JSON.stringify([root, file, source.load]), content);
}

/** The cache key of the engine's indexes: every file key in order, the engine options and the program version. */
export function engineKey(source: KnowledgeSource, files: FileTable, version: string): string {
  const hash = createHash('sha256').update(version).update('\0').update(JSON.stringify(source.engine));
  for (const entry of files.values()) hash.update('\0').update(entry.key);
  return hash.digest('hex');
}

/** Cache entry names for one list of folders, so that two configurations sharing a cache folder do not evict each other. */
export function cacheNames(source: KnowledgeSource): { files: string; engine: string } {
  const id = sha256(JSON.stringify(source.dirs)).slice(0, 16);
  return { files: `files-${id}`, engine: `engine-${id}` };
}

/** Reads one file for a key and a parse; an unreadable file becomes an error issue, never an exception. */
export function readEntry(source: KnowledgeSource, root: string, file: string, parsed: Map<string, FileResult>): { entry: FileEntry; hit: boolean } {
  let content: Buffer;
  try {
    content = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    const result: FileResult = { page: null, rules: [], issues: [{ severity: 'error', file, message: `cannot read the file (${code})` }] };
    return { entry: { root, key: `unreadable:${file}`, result }, hit: false };
  }
  const key = fileKey(source, root, file, content);
  const cached = parsed.get(key);
  if (cached) return { entry: { root, key, result: cached }, hit: true };
  return { entry: { root, key, result: parseKnowledgeSource(root, file, content.toString('utf8'), source.load) }, hit: false };
}

/**
 * Writes the parsed files of the table as the file cache, and keeps some versions that the table no longer holds
 * (the most recently replaced first, up to a quarter of the table or 100 files), so that a file edited back, or a
 * branch switched back, is not parsed again.
 */
export function saveFileCache(source: KnowledgeSource, files: FileTable, cache: CacheStore, version: string, previous = new Map<string, FileResult>()): void {
  const pack = new Map<string, FileResult>();
  for (const entry of files.values()) if (!entry.key.startsWith('unreadable:')) pack.set(entry.key, entry.result);
  let spare = Math.max(100, Math.floor(files.size / 4));
  for (const [key, result] of previous) {
    if (spare === 0) break;
    if (pack.has(key)) continue;
    pack.set(key, result);
    spare--;
  }
  cache.write(cacheNames(source).files, version, pack);
}

/** Reads the file cache of a source: content key -> parsed file. */
export function readFileCache(source: KnowledgeSource, cache: CacheStore, version: string): Map<string, FileResult> {
  const pack = cache.read<unknown>(cacheNames(source).files, version);
  // `types.isMap`, not `instanceof`: the value is built in Node's own realm, which a test sandbox does not share.
  return types.isMap(pack) ? (pack as Map<string, FileResult>) : new Map();
}

/**
 * Reads every knowledge file, parsing only those whose key the cache does not hold, and updates the cache.
 * @example readFileTable(source, createCacheStore('data/cache', log)).files.size
 */
export function readFileTable(
  source: KnowledgeSource,
  cache: CacheStore,
  version = programVersion(),
): { files: FileTable; timings: Pick<LoadTimings, 'listMs' | 'readMs' | 'parseMs' | 'files' | 'parsed'> } {
  let t0 = performance.now();
  const listed = listSourceFiles(source.dirs);
  const listMs = performance.now() - t0;
  t0 = performance.now();
  const parsedBefore = readFileCache(source, cache, version);
  const files: FileTable = new Map();
  let parsed = 0;
  let parseMs = 0;
  for (const { root, files: paths } of listed) {
    for (const file of paths) {
      const p0 = performance.now();
      const { entry, hit } = readEntry(source, root, file, parsedBefore);
      if (!hit) {
        parsed++;
        parseMs += performance.now() - p0;
      }
      files.set(file, entry);
    }
  }
  const readMs = performance.now() - t0 - parseMs;
  if (parsed > 0 || [...files.values()].some((e) => !parsedBefore.has(e.key))) saveFileCache(source, files, cache, version, parsedBefore);
  return { files, timings: { listMs, readMs, parseMs, files: files.size, parsed } };
}

/** Assembles the corpus of a file table and builds its engine, restoring the indexes from the cache when it has them. */
export function buildEngine(
  source: KnowledgeSource,
  files: FileTable,
  cache: CacheStore,
  version = programVersion(),
): { corpus: Corpus; engine: Engine; timings: Pick<LoadTimings, 'assembleMs' | 'engineMs' | 'restored'> } {
  let t0 = performance.now();
  const corpus = corpusFromFiles([...files.values()].map((e) => e.result));
  const assembleMs = performance.now() - t0;
  t0 = performance.now();
  const names = cacheNames(source);
  const key = engineKey(source, files, version);
  const snapshot = cache.read<EngineSnapshot>(names.engine, key);
  const engine = createEngine(corpus, { ...source.engine, snapshot });
  const restored = snapshot !== undefined && engineSnapshot(engine)?.sections === snapshot.sections;
  // The engine builds its indexes at the first question; a command that asks none builds them only for the cache,
  // after it is done (when the cache defers its writes).
  if (!restored) cache.write(names.engine, key, () => engineSnapshot(engine));
  return { corpus, engine, timings: { assembleMs, engineMs: performance.now() - t0, restored } };
}

/**
 * Loads knowledge folders into an engine through the cache: what `ask`, `eval`, the console and the bot start with.
 * @example loadKnowledge(sourceFromSettings(readKnowledgeSettings()), noCache).engine.answer('can power bi read our app?')
 */
export function loadKnowledge(source: KnowledgeSource, cache: CacheStore, version = programVersion()): LoadedKnowledge {
  const read = readFileTable(source, cache, version);
  const built = buildEngine(source, read.files, cache, version);
  return { corpus: built.corpus, engine: built.engine, files: read.files, timings: { ...read.timings, ...built.timings } };
}

/** Sorts file paths of one folder in the order `listKnowledgeFiles` gives (name order, folder by folder). */
export function compareKnowledgePaths(a: string, b: string): number {
  const x = a.split(path.sep);
  const y = b.split(path.sep);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i].localeCompare(y[i]);
  }
  return x.length - y.length;
}
