import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectGarbage, msSince, percentile, round, rssMb } from './stats';

/**
 * Start-up: where the time from process start to the first answer goes (measured step by step in a fresh child
 * process, cold), and the wall time of the real `integration-bot ask` with no cache, with an empty cache (which it
 * fills) and with a warm cache, side by side.
 */

export interface StartupTask {
  kind: 'startup';
  /** `breakdown`: time each step of a cold start, then fill the cache; `warm`: only a warm start, for its memory. */
  mode: 'breakdown' | 'warm';
  dirs: string[];
  question: string;
  cacheDir: string;
}

/** What a fresh process holds after a warm start and an answer. */
export interface WarmStart {
  rssMb: number;
  heapUsedMb: number;
  readFilesMs: number;
  assembleMs: number;
  engineMs: number;
  restored: boolean;
}

/** Child side of `mode: 'warm'`: the real loader through the cache, one answer, a full GC, resident memory. */
export async function measureWarmStart(task: StartupTask): Promise<WarmStart> {
  const { loadKnowledge, sourceFromSettings } = await import('../src/runtime/load');
  const { createCacheStore } = await import('../src/store/cache-store');
  const source = sourceFromSettings({ knowledgeDirs: task.dirs, baseUrl: 'https://docs.mendix.com', maxQuestionChars: 4000 });
  const warm = loadKnowledge(source, createCacheStore(task.cacheDir, { warn() {} }));
  warm.engine.answer(task.question);
  collectGarbage();
  return {
    rssMb: rssMb(),
    heapUsedMb: round(process.memoryUsage().heapUsed / 1024 / 1024, 1),
    readFilesMs: round(warm.timings.listMs + warm.timings.readMs + warm.timings.parseMs, 1),
    assembleMs: round(warm.timings.assembleMs, 1),
    engineMs: round(warm.timings.engineMs, 1),
    restored: warm.timings.restored,
  };
}

/** Milliseconds per step of a cold start, plus the warm path's own steps and memory. */
export interface StartupBreakdown {
  files: number;
  sections: number;
  modulesMs: number;
  wordListsMs: number;
  listMs: number;
  readMs: number;
  parseMs: number;
  assembleMs: number;
  matcherMs: number;
  indexMs: number;
  typoMs: number;
  namesMs: number;
  firstAnswerMs: number;
  /** A warm start in a fresh process, after this one filled the cache (filled in by the parent). */
  warm?: WarmStart;
  cacheBytes: number;
}

/** Child side: each step of a cold start timed on its own, then a warm start through the real loader. */
export async function measureStartup(task: StartupTask): Promise<StartupBreakdown> {
  let t = process.hrtime.bigint();
  const lap = () => {
    const ms = msSince(t);
    t = process.hrtime.bigint();
    return round(ms, 1);
  };
  const knowledge = await import('../src/knowledge');
  await import('../src/knowledge/markdown');
  await import('../src/knowledge/rules');
  const { createMatcher, nameRules } = await import('../src/engine/matcher');
  const { buildSearchIndex } = await import('../src/engine/search');
  const { cleanQuestion } = await import('../src/engine/clean');
  const { createSpeller } = await import('../src/engine/spell');
  const { createNameResolver } = await import('../src/engine/names');
  const { createEngine, engineSnapshot } = await import('../src/engine');
  const { englishWords } = await import('../src/text/english');
  const { renderAnswerText } = await import('../src/render/terminal');
  const modulesMs = lap();
  const english = englishWords();
  const wordListsMs = lap();
  const options = { baseUrl: 'https://docs.mendix.com' };
  const listed = task.dirs.flatMap((dir) => knowledge.listKnowledgeFiles(dir).map((file) => ({ dir, file })));
  const listMs = lap();
  const sources = listed.map(({ file }) => fs.readFileSync(file, 'utf8'));
  const readMs = lap();
  const results = listed.map(({ dir, file }, i) => knowledge.parseKnowledgeSource(dir, file, sources[i], options));
  const parseMs = lap();
  const corpus = knowledge.corpusFromFiles(results);
  const assembleMs = lap();
  const matcher = createMatcher([...corpus.rules, ...nameRules(corpus.entities)]);
  const matcherMs = lap();
  const index = buildSearchIndex(corpus.sections);
  buildSearchIndex(corpus.examples.map((e) => ({ title: '', trail: [], text: cleanQuestion(e.text, 4000).text })));
  const indexMs = lap();
  // The typo corrector as createEngine makes it, with its deletion table built (it is built on first need).
  const targets = new Map<string, number>();
  for (const section of corpus.sections) for (const w of section.title.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w.length >= 4) targets.set(w, 1);
  for (const w of matcher.vocabulary) targets.set(w, 1);
  const speller = createSpeller(targets, { has: (w) => english.has(w) || index.vocabulary.has(w) });
  speller.correct('qzxwvkjt');
  const typoMs = lap();
  createNameResolver(corpus);
  const namesMs = lap();
  const engine = createEngine(corpus, { maxQuestionChars: 4000 });
  // The engine indexes at its first question; that was timed above (index), so build it here untimed.
  engineSnapshot(engine);
  lap();
  renderAnswerText(engine.answer(task.question));
  const firstAnswerMs = lap();

  const { loadKnowledge, sourceFromSettings } = await import('../src/runtime/load');
  const { createCacheStore } = await import('../src/store/cache-store');
  loadKnowledge(sourceFromSettings({ knowledgeDirs: task.dirs, baseUrl: options.baseUrl, maxQuestionChars: 4000 }), createCacheStore(task.cacheDir, { warn() {} }));
  const cacheBytes = fs.readdirSync(task.cacheDir).reduce((n, f) => n + fs.statSync(path.join(task.cacheDir, f)).size, 0);
  return {
    files: listed.length,
    sections: corpus.sections.length,
    modulesMs,
    wordListsMs,
    listMs,
    readMs,
    parseMs,
    assembleMs,
    matcherMs,
    indexMs,
    typoMs,
    namesMs,
    firstAnswerMs,
    cacheBytes,
  };
}

export interface WallTimes {
  runs: number;
  /** Median wall time of `node -e 0`: what Node costs before any of the program runs. */
  nodeStartMs: number;
  /**
   * Wall time of `node dist/src/cli/main.js ask` from spawning the process to the first byte of its answer, per
   * cache state (the process goes on to fill the cache after that), and to its exit.
   */
  noCache: Times;
  cold: Times;
  warm: Times;
  /** The same through `npx integration-bot ask`, warm. */
  npxWarm?: Times;
  cacheBytes: number;
}

interface Times {
  median: number;
  min: number;
  exitMedian: number;
}

/** Runs a command; resolves with the time to its first byte on stdout and to its exit, in milliseconds. */
function timeRun(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ firstMs: number; exitMs: number }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    let firstMs = Number.NaN;
    let stderr = '';
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', () => {
      if (Number.isNaN(firstMs)) firstMs = msSince(start);
    });
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve({ firstMs, exitMs: msSince(start) }) : reject(new Error(`ask failed: ${stderr.slice(0, 300)}`))));
  });
}

/** Parent side: wall times of the real CLI, each run a fresh process. */
export async function measureWallTimes(root: string, dirs: string[], question: string, runs: number): Promise<WallTimes> {
  const cli = path.join(root, 'dist', 'src', 'cli', 'main.js');
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'integration-bot-startup-'));
  const env = (cache: string) => ({ ...process.env, KNOWLEDGE_DIR: dirs.join(','), KNOWLEDGE_CACHE_DIR: cache, LOG_LEVEL: 'error' });
  const ask = (cache: string) => timeRun(process.execPath, [cli, 'ask', question], env(cache), root);
  const stats = (samples: { firstMs: number; exitMs: number }[]): Times => ({
    median: round(percentile(samples.map((s) => s.firstMs), 50), 1),
    min: round(Math.min(...samples.map((s) => s.firstMs)), 1),
    exitMedian: round(percentile(samples.map((s) => s.exitMs), 50), 1),
  });
  const noCache: { firstMs: number; exitMs: number }[] = [];
  const cold: { firstMs: number; exitMs: number }[] = [];
  const warm: { firstMs: number; exitMs: number }[] = [];
  // One unmeasured run of each first, so that every measured run finds the program's files in the page cache.
  await ask('off');
  await ask(cacheDir);
  // Interleaved, so that a burst of load from other processes on a shared machine hits all three alike.
  for (let i = 0; i < runs; i++) {
    noCache.push(await ask('off'));
    fs.rmSync(cacheDir, { recursive: true, force: true });
    cold.push(await ask(cacheDir));
    warm.push(await ask(cacheDir));
  }
  const nodeStart: number[] = [];
  for (let i = 0; i < runs; i++) nodeStart.push((await timeRun(process.execPath, ['-e', 'process.stdout.write(".")'], env('off'), root)).firstMs);
  let npxWarm: WallTimes['npxWarm'];
  if (spawnSync('npx', ['--version'], { stdio: 'ignore' }).status === 0) {
    const samples: { firstMs: number; exitMs: number }[] = [];
    for (let i = 0; i < Math.min(runs, 3); i++) samples.push(await timeRun('npx', ['integration-bot', 'ask', question], env(cacheDir), root));
    npxWarm = stats(samples);
  }
  const cacheBytes = fs.readdirSync(cacheDir).reduce((n, f) => n + fs.statSync(path.join(cacheDir, f)).size, 0);
  fs.rmSync(cacheDir, { recursive: true, force: true });
  return { runs, nodeStartMs: round(percentile(nodeStart, 50), 1), noCache: stats(noCache), cold: stats(cold), warm: stats(warm), npxWarm, cacheBytes };
}
