import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../../src/log';
import { createCacheStore } from '../../src/store/cache-store';

describe('A cache store', () => {
  let dir: string;
  const warnings: string[] = [];
  const log: Pick<Logger, 'warn'> = { warn: (message) => void warnings.push(message) };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-store-'));
    warnings.length = 0;
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives back what was written under the same key, Maps and typed arrays included', () => {
    const value = { pages: new Map([['a', { title: 'A', tags: ['x'] }]]), docs: Uint32Array.from([3, 1, 2]) };
    expect(createCacheStore(dir, log).write('entry', 'k1', value)).toBe(true);
    const back = createCacheStore(dir, log).read<typeof value>('entry', 'k1');
    expect(back?.pages.get('a')).toEqual({ title: 'A', tags: ['x'] });
    expect([...(back?.docs ?? [])]).toEqual([3, 1, 2]);
  });

  it('misses quietly under another key (an older version of the entry)', () => {
    createCacheStore(dir, log).write('entry', 'k1', { a: 1 });
    expect(createCacheStore(dir, log).read('entry', 'k2')).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('writes at the end of the turn when asked to defer, so the caller answers first', async () => {
    const store = createCacheStore(dir, log, { deferWrites: true });
    expect(store.write('entry', 'k1', { a: 1 })).toBe(true);
    expect(fs.existsSync(path.join(dir, 'entry.bin'))).toBe(false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(createCacheStore(dir, log).read('entry', 'k1')).toEqual({ a: 1 });
  });

  it('removes temporary files that a killed writer left behind long ago, and keeps recent ones', () => {
    const old = path.join(dir, 'entry.bin.123-abcd.tmp');
    const recent = path.join(dir, 'entry.bin.456-ef01.tmp');
    fs.writeFileSync(old, 'half');
    fs.writeFileSync(recent, 'half');
    const hourAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(old, hourAgo, hourAgo);
    createCacheStore(dir, log).write('entry', 'k1', { a: 1 });
    expect(fs.readdirSync(dir).sort()).toEqual(['entry.bin', 'entry.bin.456-ef01.tmp']);
  });

  it('leaves no temporary file behind and warns once when the folder cannot be written', () => {
    const blocked = path.join(dir, 'file');
    fs.writeFileSync(blocked, '');
    const store = createCacheStore(path.join(blocked, 'cache'), log);
    expect(store.write('a', 'k', 1)).toBe(false);
    expect(store.write('b', 'k', 2)).toBe(false);
    expect(store.dir).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(fs.readdirSync(dir)).toEqual(['file']);
  });
});
