import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { createEngine } from '../engine';
import type { Engine } from '../engine/types';
import { KnowledgeError } from '../errors';
import type { Logger } from '../log';
import { corpusFromFiles, isKnowledgeFile, listKnowledgeFiles, readKnowledgeFileAsync, type FileResult, type LoadOptions } from './index';

/** The live knowledge: the current engine, swapped whole when files change. */
export interface KnowledgeService {
  /** The engine of the last good load; read it at use time, never keep it. */
  readonly engine: Engine;
  /** How many times the knowledge was (re)built; 1 after start. */
  readonly version: number;
  /** Re-reads the given files (or all) now and swaps the engine; resolves when done. */
  reload(files?: string[]): Promise<void>;
  close(): Promise<void>;
}

export interface KnowledgeServiceOptions {
  /** Wait this long after the last change before reindexing, so a burst of edits reindexes once. */
  debounceMs?: number;
  /** Poll interval when the platform cannot watch folders. */
  pollMs?: number;
  /** Reads one file; injected by tests to simulate a slow or failing folder. */
  readFile?: (root: string, file: string, options: LoadOptions) => Promise<FileResult>;
}

/**
 * Loads the configured knowledge folders, builds the engine, and (when `config.watch`) keeps it up to date:
 * added, changed and removed files are picked up after a short quiet period; a file that breaks keeps its last
 * good version in service and the problem is logged with file and line.
 */
export async function startKnowledge(
  config: Pick<Config, 'knowledgeDirs' | 'baseUrl' | 'maxQuestionChars' | 'watch'>,
  log: Logger,
  options: KnowledgeServiceOptions = {},
): Promise<KnowledgeService> {
  const debounceMs = options.debounceMs ?? 300;
  // Reading asynchronously keeps the event loop free for Slack traffic while a slow folder is read.
  const read = options.readFile ?? readKnowledgeFileAsync;
  const loadOptions: LoadOptions = { baseUrl: config.baseUrl };
  /** Last good result per file, per folder, in folder order. */
  const results = new Map<string, Map<string, FileResult>>(config.knowledgeDirs.map((d) => [d, new Map()]));
  const rootOf = (file: string) => config.knowledgeDirs.find((d) => file === d || file.startsWith(d + path.sep));

  for (const dir of config.knowledgeDirs) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      throw new KnowledgeError(`knowledge folder ${dir} does not exist; set KNOWLEDGE_DIR to a folder of markdown pages`);
    }
  }

  let engine: Engine;
  let version = 0;

  const readInto = async (dir: string, file: string) => {
    const map = results.get(dir)!;
    if (!fs.existsSync(file)) {
      if (map.delete(file)) log.info('knowledge file removed', { file });
      return;
    }
    const result = await read(dir, file, loadOptions);
    const broken = result.issues.some((i) => i.severity === 'error') && !result.page && result.rules.length === 0;
    for (const issue of result.issues.filter((i) => i.severity === 'error')) {
      log.warn('knowledge file problem', { file: issue.file, line: issue.line, problem: issue.message });
    }
    if (broken && map.has(file)) {
      log.warn('keeping the last good version of the file', { file });
      return;
    }
    map.set(file, result);
  };

  const rebuild = () => {
    const ordered: FileResult[] = [];
    for (const dir of config.knowledgeDirs) {
      const map = results.get(dir)!;
      for (const file of [...map.keys()].sort()) ordered.push(map.get(file)!);
    }
    const corpus = corpusFromFiles(ordered);
    engine = createEngine(corpus, { maxQuestionChars: config.maxQuestionChars });
    version++;
    return corpus;
  };

  const started = Date.now();
  for (const dir of config.knowledgeDirs) {
    const files = listKnowledgeFiles(dir);
    if (!files.some((f) => !/\.ya?ml$/i.test(f))) throw new KnowledgeError(`knowledge folder ${dir} holds no markdown pages`);
    // Bounded parallelism: a slow network folder is read a few files at a time.
    for (let i = 0; i < files.length; i += 16) await Promise.all(files.slice(i, i + 16).map((f) => readInto(dir, f)));
  }
  const corpus = rebuild();
  log.info('knowledge loaded', {
    folders: config.knowledgeDirs, pages: corpus.pages.length, sections: corpus.sections.length, rules: corpus.rules.length, ms: Date.now() - started,
    problems: corpus.issues.filter((i) => i.severity === 'error').length,
  });

  let pending = new Set<string>();
  let fullRescan = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const watchers: fs.FSWatcher[] = [];
  let poller: NodeJS.Timeout | undefined;
  let closed = false;

  const reload = async (files?: string[]): Promise<void> => {
    const job = running.then(async () => {
      const t0 = Date.now();
      const targets = files ?? config.knowledgeDirs.flatMap((dir) => [...new Set([...listKnowledgeFiles(dir), ...results.get(dir)!.keys()])]);
      for (let i = 0; i < targets.length; i += 16) {
        await Promise.all(
          targets.slice(i, i + 16).map(async (file) => {
            const dir = rootOf(file);
            if (dir) await readInto(dir, file);
          }),
        );
      }
      const corpus = rebuild();
      log.info('knowledge reloaded', { files: targets.length, pages: corpus.pages.length, sections: corpus.sections.length, ms: Date.now() - t0, version });
    });
    running = job.catch((error) => log.error('knowledge reload failed; the previous version stays in service', { error }));
    return job;
  };

  const schedule = (file?: string) => {
    if (closed) return;
    if (file) pending.add(file);
    else fullRescan = true;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = fullRescan ? undefined : [...pending];
      pending = new Set();
      fullRescan = false;
      void reload(files).catch(() => undefined);
    }, debounceMs);
  };

  if (config.watch) {
    for (const dir of config.knowledgeDirs) {
      try {
        const watcher = fs.watch(dir, { recursive: true }, (_event, name) => {
          if (!name) return schedule();
          const file = path.join(dir, name.toString());
          if (isKnowledgeFile(file)) schedule(file);
          else if (!path.extname(file)) schedule(); // a folder moved or removed: rescan
        });
        watcher.on('error', (error) => log.warn('watching the knowledge folder failed', { dir, error }));
        watchers.push(watcher);
      } catch (error) {
        log.warn('cannot watch the knowledge folder; polling instead', { dir, error });
        const seen = new Map<string, number>();
        let primed = false;
        poller ??= setInterval(() => {
          const now = new Set<string>();
          for (const d of config.knowledgeDirs) {
            for (const file of listKnowledgeFiles(d)) {
              now.add(file);
              const mtime = fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
              if (seen.get(file) !== mtime) {
                if (primed) schedule(file);
                seen.set(file, mtime);
              }
            }
          }
          for (const file of [...seen.keys()]) {
            if (!now.has(file)) {
              seen.delete(file);
              schedule(file);
            }
          }
          primed = true;
        }, options.pollMs ?? 1000);
        poller.unref();
      }
    }
  }

  return {
    get engine() {
      return engine;
    },
    get version() {
      return version;
    },
    reload,
    async close() {
      closed = true;
      clearTimeout(timer);
      if (poller) clearInterval(poller);
      for (const w of watchers) w.close();
      await running;
    },
  };
}
