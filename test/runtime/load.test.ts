import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { shippedKnowledgeDir } from '../../src/config';
import { createEngine } from '../../src/engine';
import { parseEvalSet } from '../../src/eval/score';
import { loadCorpus } from '../../src/knowledge';
import type { Logger } from '../../src/log';
import { cacheNames, loadKnowledge, type KnowledgeSource } from '../../src/runtime/load';
import { createCacheStore } from '../../src/store/cache-store';

const page = (id: string, title: string, synonyms: string[]) =>
  `---\ntitle: "${title}"\nkind: technology\nid: ${id}\nsynonyms: ${JSON.stringify(synonyms)}\n---\n\n## What it is {#what}\n\n${title} moves data between apps.\n`;
const useCase = `---\ntitle: "Reporting"\nkind: use-case\nid: reporting\n---\n\nDashboards and reports read data from apps.\n`;
const rules = (phrase: string) => `rules:\n  - id: dashboards\n    phrases: ["${phrase}"]\n    points: [use-case:reporting]\n    why: dashboards are reporting\n`;

function recordingLogger() {
  const warnings: { message: string; fields?: Record<string, unknown> }[] = [];
  const log: Logger = { debug() {}, info() {}, warn: (message, fields) => void warnings.push({ message, fields }), error() {} };
  return { log, warnings };
}

describe('When the knowledge starts through the cache', () => {
  let root: string;
  let dir: string;
  let cacheDir: string;
  let source: KnowledgeSource;
  const start = (log: Logger = recordingLogger().log, version = 'test-1', from = source) => loadKnowledge(from, createCacheStore(cacheDir, log), version);
  const topUseCase = (loaded: ReturnType<typeof start>, q: string) => loaded.engine.answer(q).useCases[0]?.id;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-cache-'));
    dir = path.join(root, 'knowledge');
    cacheDir = path.join(root, 'cache');
    fs.mkdirSync(path.join(dir, 'rules'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'rest.md'), page('rest', 'REST', ['rest api']));
    fs.writeFileSync(path.join(dir, 'odata.md'), page('odata', 'OData', ['odata feed']));
    fs.writeFileSync(path.join(dir, 'reporting.md'), useCase);
    fs.writeFileSync(path.join(dir, 'rules', 'rules.yml'), rules('dashboards'));
    source = { dirs: [dir], load: { baseUrl: 'https://docs.example.com' }, engine: { maxQuestionChars: 4000 } };
  });
  afterEach(() => {
    fs.chmodSync(root, 0o755);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('parses every file and builds the index on the first start, and reuses both on the next', () => {
    const cold = start();
    expect(cold.timings).toEqual(expect.objectContaining({ files: 4, parsed: 4, restored: false }));
    const warm = start();
    expect(warm.timings).toEqual(expect.objectContaining({ files: 4, parsed: 0, restored: true }));
    expect(warm.engine.answer('should we use odata or a rest api?')).toEqual(cold.engine.answer('should we use odata or a rest api?'));
  });

  it('re-parses only a file that changed, and serves its new content', () => {
    start();
    fs.writeFileSync(path.join(dir, 'odata.md'), page('odata', 'OData v4', ['odata feed']));
    const next = start();
    expect(next.timings).toEqual(expect.objectContaining({ parsed: 1, restored: false }));
    expect(next.corpus.entities.map((e) => e.title)).toContain('OData v4');
  });

  it('rebuilds the index when a rule changes, and the new rule decides the answer', () => {
    expect(topUseCase(start(), 'we need dashboards')).toBe('reporting');
    fs.writeFileSync(path.join(dir, 'rules', 'rules.yml'), rules('kpi screens'));
    const next = start();
    expect(next.timings).toEqual(expect.objectContaining({ parsed: 1, restored: false }));
    expect(topUseCase(next, 'we need kpi screens')).toBe('reporting');
    expect(next.corpus.rules[0].phrases).toEqual(['kpi screens']);
  });

  it('misses when the configuration changes: links under another base URL, another question limit', () => {
    start();
    const moved = start(undefined, 'test-1', { ...source, load: { baseUrl: 'https://kb.example.org' } });
    expect(moved.timings).toEqual(expect.objectContaining({ parsed: 4, restored: false }));
    expect(moved.corpus.pages.every((p) => p.url.startsWith('https://kb.example.org/'))).toBe(true);

    const shorter = start(undefined, 'test-1', { ...source, engine: { maxQuestionChars: 200 } });
    expect(shorter.timings).toEqual(expect.objectContaining({ restored: false }));
    expect(shorter.engine.answer('odata '.repeat(100)).notes.join(' ')).toMatch(/200/);
  });

  it('misses everything under a new program version', () => {
    start(undefined, 'test-1');
    expect(start(undefined, 'test-2').timings).toEqual(expect.objectContaining({ parsed: 4, restored: false }));
    expect(start(undefined, 'test-2').timings).toEqual(expect.objectContaining({ parsed: 0, restored: true }));
  });

  it.each([
    ['a corrupt', (bytes: Buffer) => Buffer.concat([bytes.subarray(0, bytes.length - 10), Buffer.from('XXXXXXXXXX')])],
    ['a truncated', (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2))],
    ['a foreign', () => Buffer.from('{"this": "is not a cache file"}')],
    ['an empty', () => Buffer.alloc(0)],
  ])('ignores %s cache file with one warning, rebuilds it, and starts warm after that', (_, damage) => {
    const fresh = start();
    const names = cacheNames(source);
    for (const name of [names.files, names.engine]) {
      const file = path.join(cacheDir, `${name}.bin`);
      fs.writeFileSync(file, damage(fs.readFileSync(file)));
    }
    const { log, warnings } = recordingLogger();
    const rebuilt = start(log);
    expect(warnings).toEqual([expect.objectContaining({ message: expect.stringMatching(/cache file is unreadable/) })]);
    expect(rebuilt.timings).toEqual(expect.objectContaining({ parsed: 4, restored: false }));
    expect(rebuilt.engine.answer('we need dashboards')).toEqual(fresh.engine.answer('we need dashboards'));
    expect(start().timings).toEqual(expect.objectContaining({ parsed: 0, restored: true }));
  });

  it('starts without a cache, with one warning, when the cache folder cannot be written', () => {
    // A regular file where the folder should be: no user, root included, can create the cache there.
    fs.writeFileSync(path.join(root, 'blocked'), '');
    cacheDir = path.join(root, 'blocked', 'cache');
    const { log, warnings } = recordingLogger();
    const loaded = start(log);
    expect(loaded.timings).toEqual(expect.objectContaining({ parsed: 4 }));
    expect(topUseCase(loaded, 'we need dashboards')).toBe('reporting');
    expect(warnings).toEqual([expect.objectContaining({ message: expect.stringMatching(/cache turned off/) })]);
  });

  it('starts without failing from a read-only cache folder, reading what is there and serving the changed file', () => {
    start();
    fs.chmodSync(cacheDir, 0o555);
    fs.writeFileSync(path.join(dir, 'odata.md'), page('odata', 'OData v4', ['odata feed']));
    const loaded = start();
    expect(loaded.corpus.entities.map((e) => e.title)).toContain('OData v4');
    fs.chmodSync(cacheDir, 0o755);
  });
});

describe('When the shipped knowledge starts from the cache', () => {
  it('answers every development question exactly as a fresh build does', () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-cache-dev-'));
    try {
      const knowledge = shippedKnowledgeDir();
      const source: KnowledgeSource = { dirs: [knowledge], load: { baseUrl: 'https://docs.mendix.com' }, engine: { maxQuestionChars: 4000 } };
      const fresh = createEngine(loadCorpus([knowledge], source.load), source.engine);
      loadKnowledge(source, createCacheStore(cacheDir, recordingLogger().log), 'dev-check');
      const cached = loadKnowledge(source, createCacheStore(cacheDir, recordingLogger().log), 'dev-check');
      expect(cached.timings).toEqual(expect.objectContaining({ parsed: 0, restored: true }));
      const questions = parseEvalSet(fs.readFileSync(path.join(__dirname, '../eval/dev-questions.jsonl'), 'utf8'));
      expect(questions.length).toBeGreaterThan(100);
      for (const { q } of questions) expect(cached.engine.answer(q)).toEqual(fresh.answer(q));
    } finally {
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
