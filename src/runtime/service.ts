import type { Worker } from 'node:worker_threads';
import type { Config } from '../config';
import { createEngine, engineSnapshot, type EngineSnapshot } from '../engine';
import type { Engine } from '../engine/types';
import { corpusFromFiles, type FileResult } from '../knowledge';
import type { Logger } from '../log';
import { createCacheStore } from '../store/cache-store';
import { loadKnowledge, sourceFromSettings, type FileEntry, type FileTable, type KnowledgeSource } from './load';
import { programVersion } from './program';
import type { RebuildJob, RebuildSummary } from './rebuild';
import type { WorkerMessage } from './reload-worker';
import { watchKnowledge, type KnowledgeWatcher } from './watch';
import { startReloadWorker } from './worker';

/**
 * The live knowledge: load, build, watch, swap. The one module that knows both `knowledge/` (which reads) and
 * `engine/` (which answers). A reload reads, parses and indexes in a worker thread, so the event loop keeps
 * acknowledging Slack while it runs; the new engine is swapped in whole when it is ready, and until then every
 * question is answered by the previous one.
 */
export interface KnowledgeService {
  /** The engine of the last good load; read it at use time, never keep it. */
  readonly engine: Engine;
  /** How many times the knowledge was (re)built; 1 after start. */
  readonly version: number;
  /** Resolves when the watcher has scanned the folders (at once when not watching). */
  readonly watching: Promise<void>;
  /** Re-reads the given files (or looks at every file) now and swaps the engine; resolves when done. */
  reload(files?: string[]): Promise<void>;
  close(): Promise<void>;
}

export interface KnowledgeServiceOptions {
  /** Wait this long after the last change before reloading, so a burst of edits reloads once. */
  debounceMs?: number;
  /** Reload at the latest this long after the first change of a batch, even while changes keep coming. */
  maxWaitMs?: number;
  /**
   * The worker thread ends after this long without a reload (default 5 s): while it lives it holds a second copy
   * of the knowledge, which a burst of reloads reuses and the rest of the time is better given back.
   */
  workerIdleMs?: number;
  /**
   * Poll the folders instead of listening to file-system events (watching falls back to polling by itself when the
   * system runs out of file watches).
   */
  poll?: boolean;
  /** How often polling looks (default 1 s). */
  pollMs?: number;
}

/**
 * Loads the configured knowledge through the start-up cache, builds the engine and, when `config.watch`, keeps it
 * up to date: added, changed and removed files are picked up after a short quiet period; a file that breaks keeps
 * its last good version in service; each reload is logged once, with the files, the problems and the time taken.
 */
export async function startKnowledge(
  config: Pick<Config, 'knowledgeDirs' | 'baseUrl' | 'maxQuestionChars' | 'watch' | 'cacheDir'>,
  log: Logger,
  options: KnowledgeServiceOptions = {},
): Promise<KnowledgeService> {
  const source: KnowledgeSource = sourceFromSettings(config);
  const cache = createCacheStore(config.cacheDir, log);
  const program = programVersion();
  const started = performance.now();
  const loaded = loadKnowledge(source, cache, program);
  let files: FileTable = loaded.files;
  let engine = loaded.engine;
  let version = 1;
  log.info('knowledge loaded', {
    folders: config.knowledgeDirs, pages: loaded.corpus.pages.length, sections: loaded.corpus.sections.length, rules: loaded.corpus.rules.length,
    problems: loaded.corpus.issues.filter((i) => i.severity === 'error').length, ms: Math.round(performance.now() - started),
    parsed: loaded.timings.parsed, cachedIndex: loaded.timings.restored,
  });

  let running: Promise<void> = Promise.resolve();
  let worker: Worker | undefined;
  let idle: NodeJS.Timeout | undefined;
  let closed = false;

  /**
   * One reload in the worker thread (started on the first reload and kept while reloads keep coming, so a reload
   * does not pay for loading the program again): resolves with the new entries and the indexes, or rejects.
   */
  const runWorker = (job: RebuildJob) =>
    new Promise<{ entries: Map<string, FileEntry>; order: string[]; snapshot: EngineSnapshot; summary: RebuildSummary }>((resolve, reject) => {
      const entries = new Map<string, FileEntry>();
      clearTimeout(idle);
      if (!worker) {
        worker = startReloadWorker();
        worker.unref();
        const started = worker;
        started.once('exit', () => {
          if (worker === started) worker = undefined;
        });
      }
      const thread = worker;
      const onMessage = (message: WorkerMessage) => {
        if (message.type === 'entries') for (const [file, entry] of message.entries) entries.set(file, entry);
        else if (message.type === 'done') settle(() => resolve({ entries, order: message.order, snapshot: message.snapshot, summary: message.summary }));
        else settle(() => reject(new Error(message.message)));
      };
      const onError = (error: Error) => settle(() => reject(error));
      const onExit = (code: number) => settle(() => reject(new Error(closed ? 'closed' : `the reload worker stopped (exit code ${code})`)));
      const settle = (fn: () => void) => {
        thread.off('message', onMessage).off('error', onError).off('exit', onExit);
        idle = setTimeout(() => {
          // Forget it first: a reload that starts while it winds down gets a new worker.
          if (worker === thread) worker = undefined;
          void thread.terminate();
        }, options.workerIdleMs ?? 5_000).unref();
        fn();
      };
      thread.on('message', onMessage).on('error', onError).on('exit', onExit);
      thread.postMessage(job);
    });

  const reloadNow = async (changed: string[] | null) => {
    const t0 = performance.now();
    const lastGood: [string, FileResult][] = cache.dir || !changed ? [] : changed.flatMap((f) => (files.has(f) ? [[f, files.get(f)!.result] as [string, FileResult]] : []));
    const job: RebuildJob = {
      source,
      cacheDir: cache.dir,
      version: program,
      current: [...files].map(([file, e]) => [file, e.root, e.key]),
      changed,
      lastGood,
    };
    const result = await runWorker(job);
    if (closed) return;
    const next: FileTable = new Map();
    for (const file of result.order) {
      const entry = result.entries.get(file) ?? files.get(file);
      if (!entry) throw new Error(`the reload lost track of ${file}`);
      next.set(file, entry);
    }
    // The steps left on this thread each take a while on a large corpus: Slack requests get a turn between them.
    const corpus = corpusFromFiles([...next.values()].map((e) => e.result));
    await new Promise((resolve) => setImmediate(resolve));
    if (closed) return;
    const built = createEngine(corpus, { ...source.engine, snapshot: result.snapshot });
    // The engine restores its indexes and builds its word lookups on first use; they are made here, each in a turn
    // of its own (indexes, the corpus's word list, the typo table for an unknown word), not in a Slack request.
    const warmUps = [() => engineSnapshot(built), () => built.answer('how do I configure it'), () => built.answer('how do I configure qxzvwkjt')];
    for (const warmUp of warmUps) {
      await new Promise((resolve) => setImmediate(resolve));
      if (closed) return;
      warmUp();
    }
    files = next;
    engine = built;
    version++;
    const { summary } = result;
    for (const w of summary.warnings) log.warn(w.message, w.fields);
    const fields = {
      added: summary.added.length, changed: summary.changed.length, removed: summary.removed.length, read: summary.read, parsed: summary.parsed,
      ...(summary.kept.length > 0 ? { keptLastGood: summary.kept } : {}),
      ...(summary.problems.length > 0 ? { problems: summary.problems } : {}),
      pages: summary.pages, sections: summary.sections, ms: Math.round(performance.now() - t0), version,
    };
    if (summary.problems.length > 0) log.warn('knowledge reloaded with problems', fields);
    else log.info('knowledge reloaded', fields);
  };

  const reload = (changed: string[] | null): Promise<void> => {
    const job = running.then(() => (closed ? undefined : reloadNow(changed)));
    running = job.catch((error) => {
      if (!closed) log.error('knowledge reload failed; the previous version stays in service', { error });
    });
    return job;
  };

  let watcher: KnowledgeWatcher | undefined;
  if (config.watch) {
    watcher = watchKnowledge(config.knowledgeDirs, (changed) => void reload(changed).catch(() => undefined), { debounceMs: options.debounceMs ?? 300, maxWaitMs: options.maxWaitMs, poll: options.poll, pollMs: options.pollMs, log });
  }

  return {
    get engine() {
      return engine;
    },
    get version() {
      return version;
    },
    watching: watcher?.ready ?? Promise.resolve(),
    reload: (changed) => reload(changed ?? null),
    async close() {
      closed = true;
      await watcher?.close();
      clearTimeout(idle);
      await worker?.terminate();
      await running;
    },
  };
}
