import fs from 'node:fs';
import path from 'node:path';
import { createEngine, engineSnapshot, type EngineSnapshot } from '../engine';
import { corpusFromFiles, isKnowledgeFile, type FileResult } from '../knowledge';
import { createCacheStore } from '../store/cache-store';
import {
  cacheNames,
  compareKnowledgePaths,
  engineKey,
  listSourceFiles,
  readEntry,
  readFileCache,
  saveFileCache,
  type FileEntry,
  type FileTable,
  type KnowledgeSource,
} from './load';

/**
 * One reload, as the reload worker runs it: re-read the changed files (a file whose content the cache knows is not
 * parsed again), keep the last good version of a file that broke, build the engine's indexes, and say what changed.
 * It holds no state between reloads: the caller sends the keys of the files it has, and gets back the entries
 * that differ and the indexes to restore its new engine from.
 */

export interface RebuildJob {
  source: KnowledgeSource;
  cacheDir: string | null;
  version: string;
  /** The caller's files in order: path, folder, key. */
  current: [file: string, root: string, key: string][];
  /** Paths reported added, changed or removed; null to look at every file. */
  changed: string[] | null;
  /** The caller's parse of changed files, for when the cache cannot give back the last good version. */
  lastGood: [file: string, result: FileResult][];
}

export interface Problem {
  file: string;
  line?: number;
  problem: string;
}

export interface RebuildSummary {
  added: string[];
  changed: string[];
  removed: string[];
  /** Files that broke and stay in service in their last good version. */
  kept: string[];
  problems: Problem[];
  /** Cache warnings of the worker, for the caller's log. */
  warnings: { message: string; fields?: Record<string, unknown> }[];
  pages: number;
  sections: number;
  /** Files read from disk in this reload. */
  read: number;
  /** Of those, files parsed (the rest came from the cache by their content). */
  parsed: number;
}

export interface RebuildResult {
  /** Entries the caller does not have (new files and new versions), in order. */
  entries: [file: string, entry: FileEntry][];
  /** Every file of the new version, in load order. */
  order: string[];
  snapshot: EngineSnapshot;
  summary: RebuildSummary;
}

/** True when a file yields nothing but errors: then its last good version is worth more than nothing. */
export function isBroken(result: FileResult): boolean {
  return result.issues.some((i) => i.severity === 'error') && !result.page && result.rules.length === 0 && (result.examples ?? []).length === 0;
}

/** Runs one reload (see above). Throws only when a knowledge folder is gone or empty. */
export function rebuild(job: RebuildJob): RebuildResult {
  const { source, version } = job;
  const warnings: RebuildSummary['warnings'] = [];
  const cache = createCacheStore(job.cacheDir, { warn: (message, fields) => void warnings.push({ message, fields }) });
  const pack = readFileCache(source, cache, version);
  const current = new Map(job.current.map(([file, root, key]) => [file, { root, key }]));
  const lastGood = new Map(job.lastGood);
  const changed = job.changed === null ? null : new Set(job.changed);
  const rootOf = (file: string) => source.dirs.find((d) => file.startsWith(d + path.sep));

  // Which files make up the new version.
  const paths = new Map<string, string>();
  if (changed === null) {
    for (const { root, files } of listSourceFiles(source.dirs)) for (const file of files) paths.set(file, root);
  } else {
    for (const [file, { root }] of current) if (!changed.has(file)) paths.set(file, root);
    for (const file of changed) {
      const root = rootOf(file);
      if (root && isKnowledgeFile(file) && fs.statSync(file, { throwIfNoEntry: false })?.isFile()) paths.set(file, root);
    }
  }
  const dirIndex = new Map(source.dirs.map((d, i) => [d, i]));
  const ordered = [...paths].sort(([a, ra], [b, rb]) => dirIndex.get(ra)! - dirIndex.get(rb)! || compareKnowledgePaths(a, b));

  const summary: RebuildSummary = { added: [], changed: [], removed: [], kept: [], problems: [], warnings, pages: 0, sections: 0, read: 0, parsed: 0 };
  const table: FileTable = new Map();
  const entries: RebuildResult['entries'] = [];
  for (const [file, root] of ordered) {
    const before = current.get(file);
    const cached = before ? pack.get(before.key) : undefined;
    if (before && cached && changed !== null && !changed.has(file)) {
      table.set(file, { root, key: before.key, result: cached });
      continue;
    }
    const { entry, hit } = readEntry(source, root, file, pack);
    summary.read++;
    if (!hit) summary.parsed++;
    if (before?.key === entry.key) {
      table.set(file, entry);
      continue;
    }
    for (const issue of entry.result.issues) {
      if (issue.severity === 'error') summary.problems.push({ file: issue.file, line: issue.line, problem: issue.message });
    }
    const good = before && isBroken(entry.result) ? (cached ?? lastGood.get(file)) : undefined;
    if (before && good) {
      summary.kept.push(file);
      table.set(file, { root, key: before.key, result: good });
      continue;
    }
    (before ? summary.changed : summary.added).push(file);
    table.set(file, entry);
    entries.push([file, entry]);
  }
  for (const file of current.keys()) if (!table.has(file)) summary.removed.push(file);

  const corpus = corpusFromFiles([...table.values()].map((e) => e.result));
  const key = engineKey(source, table, version);
  const names = cacheNames(source);
  const restored = cache.read<EngineSnapshot>(names.engine, key);
  const engine = createEngine(corpus, { ...source.engine, snapshot: restored });
  const snapshot = engineSnapshot(engine)!;
  if (snapshot.sections !== restored?.sections) cache.write(names.engine, key, snapshot);
  if (summary.parsed > 0 || [...table.values()].some((e) => !pack.has(e.key))) saveFileCache(source, table, cache, version, pack);
  summary.pages = corpus.pages.length;
  summary.sections = corpus.sections.length;
  return { entries, order: [...table.keys()], snapshot, summary };
}
