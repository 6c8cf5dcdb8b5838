import path from 'node:path';
import type { Stats } from 'node:fs';
import { watch } from 'chokidar';
import { isKnowledgeFile, skipDirs } from '../knowledge';
import type { Logger } from '../log';

/**
 * Watches knowledge folders with chokidar, which follows a file through atomic saves (write a temporary file,
 * rename it over the page), unlink and create, renames and editors' swap-file dances, and into symlinked folders;
 * it watches folders, not every file, so a tree of thousands of pages costs little. Changes are collected until the
 * folders have been quiet for `debounceMs` (a `git pull` of a thousand files reloads once), and never held back
 * longer than `maxWaitMs` while changes keep coming.
 */
export interface KnowledgeWatcher {
  /** Resolves when the first scan is done: changes from then on are reported. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export interface WatchOptions {
  debounceMs: number;
  maxWaitMs?: number;
  /** Poll every this many milliseconds instead of listening to file-system events (also the fallback, see below). */
  pollMs?: number;
  /** Start polling at once (for folders whose events never arrive, such as some network mounts). */
  poll?: boolean;
  log: Pick<Logger, 'warn'>;
}

/** Errors that mean "no more file-system watches" (the inotify limit, open files): polling still works. */
const outOfWatches = new Set(['ENOSPC', 'EMFILE', 'ENFILE']);

/** Editor swap, backup and temporary files: `.page.md.swp`, `page.md~`, `#page.md#`, Vim's `4913`, `x.tmp`. */
const scratch = /(^\.|~$|^#.*#$|^\d+$|\.(swp|swx|swo|tmp|temp|bak|orig|part|crdownload)$)/i;

/** True for what the watcher should not even look at: hidden and skipped folders, scratch files, non-knowledge files. */
export function ignoredPath(dirs: readonly string[], file: string, stats?: Stats): boolean {
  if (dirs.includes(file)) return false;
  const name = path.basename(file);
  if (scratch.test(name) || skipDirs.has(name)) return true;
  return stats?.isFile() === true && !isKnowledgeFile(file);
}

/**
 * Calls `onChange` with the changed knowledge files of each batch, or with null when a folder appeared or went
 * (then every file is looked at).
 * @example watchKnowledge(['knowledge'], (files) => void reload(files), { debounceMs: 300, log })
 */
export function watchKnowledge(dirs: string[], onChange: (files: string[] | null) => void, options: WatchOptions): KnowledgeWatcher {
  const maxWaitMs = options.maxWaitMs ?? Math.max(2000, options.debounceMs * 4);
  let pending = new Set<string>();
  let rescan = false;
  let quiet: NodeJS.Timeout | undefined;
  let deadline: NodeJS.Timeout | undefined;
  let closed = false;

  const flush = () => {
    clearTimeout(quiet);
    clearTimeout(deadline);
    quiet = deadline = undefined;
    const files = rescan ? null : [...pending];
    pending = new Set();
    rescan = false;
    if (!closed && (files === null || files.length > 0)) onChange(files);
  };
  const note = (file: string | null) => {
    if (file === null) rescan = true;
    else pending.add(file);
    clearTimeout(quiet);
    quiet = setTimeout(flush, options.debounceMs);
    deadline ??= setTimeout(flush, maxWaitMs);
  };

  const open = (usePolling: boolean) => {
    const watcher = watch(dirs, {
      ignoreInitial: true,
      followSymlinks: true,
      depth: 20,
      // Atomic saves arrive as unlink + add within this window and are reported as one change.
      atomic: 100,
      usePolling,
      interval: options.pollMs ?? 1000,
      binaryInterval: options.pollMs ?? 1000,
      ignored: (file: string, stats?: Stats) => ignoredPath(dirs, file, stats),
    });
    watcher.on('all', (event, file) => {
      if (event === 'addDir' || event === 'unlinkDir') note(null);
      else if (isKnowledgeFile(file)) note(file);
    });
    watcher.on('error', (error) => {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (usePolling || closed || !outOfWatches.has(code) || current.watcher !== watcher) {
        options.log.warn('watching the knowledge folders failed', { dirs, error });
        return;
      }
      options.log.warn('the system allows no more file watches; polling the knowledge folders instead', { dirs, code, pollMs: options.pollMs ?? 1000 });
      current = open(true);
      void watcher.close();
      // Whatever changed while the watches ran out is found by looking at every file once.
      void current.ready.then(() => note(null));
    });
    return { watcher, ready: new Promise<void>((resolve) => watcher.once('ready', () => resolve())) };
  };
  let current = open(options.poll === true);

  return {
    ready: current.ready,
    async close() {
      closed = true;
      clearTimeout(quiet);
      clearTimeout(deadline);
      await current.watcher.close();
    },
  };
}
