import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

/**
 * The program version that cache entries are keyed on: the package version, a hash of the program's own code
 * (every module under `src/`, or `dist/src/` when built) and the V8 version (the cache's serialisation format).
 * Any change of the loader, the engine or Node is a cache miss, so a cached start never serves what an older
 * program built, even when the package version was not bumped.
 */
export function programVersion(): string {
  if (cached) return cached;
  const srcRoot = path.resolve(__dirname, '..');
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(js|ts|json)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) hash.update(entry.name).update(fs.readFileSync(full));
    }
  };
  walk(srcRoot);
  cached = `${packageVersion(srcRoot)}+${hash.digest('hex').slice(0, 16)} node-${process.versions.v8}`;
  return cached;
}

function packageVersion(srcRoot: string): string {
  for (const candidate of [path.resolve(srcRoot, '../package.json'), path.resolve(srcRoot, '../../package.json')]) {
    try {
      const { name, version } = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (name === 'integration-bot' && version) return version;
    } catch {
      // not this candidate
    }
  }
  return '0.0.0';
}
