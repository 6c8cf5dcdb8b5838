import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { Logger } from '../log';

/**
 * A folder of cache files, each holding one value under one key. A value is written with `v8.serialize` (the
 * structured-clone format: plain objects, arrays, Maps, Sets and typed arrays, whatever their fields), so the
 * store knows nothing about what it keeps. A cache is never needed for a right answer: a file that is missing,
 * stale, truncated, corrupt or from another program is a miss (the last three with one warning), and a folder
 * that cannot be written (read-only, full disk) turns the cache off with one warning instead of failing.
 */
export interface CacheStore {
  /** The value stored under `name` when it was written with the same `key`; undefined otherwise. */
  read<T>(name: string, key: string): T | undefined;
  /**
   * Stores the value (atomically: a reader sees the old file or the new one); false when the cache is off. A
   * function is called for the value when it is written, so that a deferred write also defers making the value.
   */
  write(name: string, key: string, value: unknown): boolean;
  /** The folder, or null when the cache is off. */
  readonly dir: string | null;
}

/** First bytes of every cache file: a file without them is not ours. */
const magic = Buffer.from('IBCACHE\u0001', 'latin1');

interface Header {
  key: string;
  /** sha256 of the payload, so a flipped byte is a miss and never a wrong answer. */
  sha256: string;
  bytes: number;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** A store that keeps nothing: for `--no-cache`, tests, and when no folder is configured. */
export const noCache: CacheStore = { dir: null, read: () => undefined, write: () => false };

export interface CacheStoreOptions {
  /**
   * Write after the current turn of the event loop instead of at once (a later read in the same turn misses): a
   * command answers first and fills the cache while it finishes, so a cold start is no slower than no cache.
   */
  deferWrites?: boolean;
}

/**
 * Opens the cache folder `dir` (created on first write). Warnings go to `log`, at most one for unreadable files
 * and one when the folder cannot be written.
 * @example createCacheStore('data/cache', log).read('engine', key)
 */
export function createCacheStore(dir: string | null, log: Pick<Logger, 'warn'>, options: CacheStoreOptions = {}): CacheStore {
  if (!dir) return noCache;
  const folder = dir;
  let off = false;
  let warnedUnreadable = false;
  const pending = new Map<string, { key: string; value: unknown }>();
  const fileOf = (name: string) => path.join(dir, `${name}.bin`);

  const unreadable = (file: string, reason: string) => {
    if (!warnedUnreadable) log.warn('knowledge cache file is unreadable; ignoring it and rebuilding', { file, reason });
    warnedUnreadable = true;
    return undefined;
  };

  const store: CacheStore = {
    get dir() {
      return off ? null : dir;
    },
    read<T>(name: string, key: string): T | undefined {
      if (off) return undefined;
      const file = fileOf(name);
      let data: Buffer;
      try {
        data = fs.readFileSync(file);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return code === 'ENOENT' || code === 'ENOTDIR' ? undefined : unreadable(file, code ?? String(error));
      }
      if (data.length < magic.length + 4 || !data.subarray(0, magic.length).equals(magic)) return unreadable(file, 'not a cache file');
      const headerBytes = data.readUInt32LE(magic.length);
      const payloadAt = magic.length + 4 + headerBytes;
      let header: Header;
      try {
        header = JSON.parse(data.subarray(magic.length + 4, payloadAt).toString('utf8')) as Header;
      } catch {
        return unreadable(file, 'damaged header');
      }
      // A different key is an older version of this entry: a plain miss, not a problem.
      if (header.key !== key) return undefined;
      const payload = data.subarray(payloadAt);
      if (payload.length !== header.bytes) return unreadable(file, `truncated (${payload.length} of ${header.bytes} bytes)`);
      if (sha256(payload) !== header.sha256) return unreadable(file, 'checksum mismatch');
      try {
        return v8.deserialize(payload) as T;
      } catch (error) {
        return unreadable(file, error instanceof Error ? error.message : String(error));
      }
    },
    write(name, key, value) {
      if (off) return false;
      if (options.deferWrites) {
        if (pending.size === 0) setImmediate(flush);
        pending.set(name, { key, value });
        return true;
      }
      return writeNow(name, key, value);
    },
  };

  return store;

  function flush(): void {
    const writes = [...pending];
    pending.clear();
    for (const [name, { key, value }] of writes) writeNow(name, key, value);
  }

  /** Removes temporary files that a process killed while writing left behind (older than ten minutes). */
  function sweep(): void {
    try {
      for (const entry of fs.readdirSync(folder)) {
        const file = path.join(folder, entry);
        if (entry.endsWith('.tmp') && Date.now() - (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 600_000) fs.rmSync(file, { force: true });
      }
    } catch {
      // Another process sweeping at the same time; what is left is swept by the next write.
    }
  }

  function writeNow(name: string, key: string, value: unknown): boolean {
    if (off) return false;
    const file = fileOf(name);
    const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    try {
      const payload = v8.serialize(typeof value === 'function' ? (value as () => unknown)() : value);
      const header = Buffer.from(JSON.stringify({ key, sha256: sha256(payload), bytes: payload.length } satisfies Header), 'utf8');
      const size = Buffer.alloc(4);
      size.writeUInt32LE(header.length);
      fs.mkdirSync(folder, { recursive: true });
      // Written piece by piece: joining them would copy a payload of tens of megabytes once more.
      const fd = fs.openSync(temp, 'w', 0o600);
      try {
        for (const part of [magic, size, header, payload]) for (let at = 0; at < part.length; ) at += fs.writeSync(fd, part, at);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(temp, file);
      sweep();
      return true;
    } catch (error) {
      try {
        fs.rmSync(temp, { force: true });
      } catch {
        // the folder refuses even that; nothing was left behind worth more than this warning
      }
      off = true;
      log.warn('knowledge cache turned off: its folder cannot be written; start-up will rebuild every time', { dir: folder, error });
      return false;
    }
  }
}
