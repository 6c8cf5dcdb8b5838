import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runChild } from './child';
import { readBasePages, generateCorpus } from './corpus-gen';
import { adversarialFns, type AdversarialFn, type AdversarialItem, type AdversarialMessage } from './measure-adversarial';
import { adversarialInputs, capChars } from './adversarial';
import type { CorpusResult, CorpusTask } from './measure-corpus';
import { loadQuestions } from './questions';
import { clusterTable, runClusterBench, type ClusterBenchResult } from './cluster';
import { measureWallTimes, type StartupBreakdown, type StartupTask, type WallTimes, type WarmStart } from './measure-startup';
import { runReloadBench, type ReloadBenchResult } from './reload';
import { runSlackBench, type SlackBenchResult } from './slack-path';
import { runSoak, type SoakResult } from './soak';
import { round } from './stats';

/**
 * `npm run bench`: cold start, memory and answer latency on the shipped knowledge and on generated corpora of
 * about 1,000, 5,000, 12,000 and 30,000 sections, against a naive Fuse.js baseline; adversarial inputs; the
 * Slack slash-command path. Prints a table and writes bench/results.json.
 *
 * Start-up: a breakdown of a cold start and the wall time of `ask` with no cache, an empty cache and a warm cache.
 * Reload: slash commands while 3,000 pages are added to the watched knowledge, then 1,000 of them edited.
 *
 * Cluster: two instances of the bot sharing state (in process, and on Redis), see `cluster.ts`, runnable alone.
 * Soak: 12,000 mentions of 39,000 characters in separate threads, see `soak.ts`, runnable alone.
 *
 * Flags: --only=shipped,5k (corpora) and/or --only=corpus,startup,adversarial,slack,reload,cluster,soak (parts); a partial run
 *        writes bench/results.local.json instead of bench/results.json
 *        --quick (fewer repetitions)  --no-naive  --no-slack  --no-adversarial
 *        --profile (writes a .cpuprofile per child process to $TMPDIR/integration-bot-bench-profiles/)  --keep (keep generated corpora)
 */

const root = path.resolve(__dirname, '../..');
const args = new Set(process.argv.slice(2));
const flag = (name: string) => args.has(`--${name}`);
const only = [...args].find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const quick = flag('quick');
const partNames = ['corpus', 'startup', 'adversarial', 'slack', 'reload', 'cluster', 'soak'];
const onlyParts = only?.filter((o) => partNames.includes(o)) ?? [];
const onlyLabels = only?.filter((o) => !partNames.includes(o)) ?? [];
/** Corpora named alone (`--only=shipped`) mean their corpus measurements, as before parts could be named. */
const wantPart = (part: string) => !only || onlyParts.includes(part) || (part === 'corpus' && onlyParts.length === 0 && onlyLabels.length > 0);
const startupQuestion = "can power bi read our app's database?";
const profileDir = path.join(os.tmpdir(), 'integration-bot-bench-profiles');
const execArgv = flag('profile') ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];

interface CorpusSpec {
  label: string;
  /** Sections in all, shipped knowledge included; 0 = the shipped knowledge alone. */
  target: number;
  engineReps: number;
  naive: CorpusTask['naive'];
  lengthScan?: boolean;
}

const specs: CorpusSpec[] = [
  { label: 'shipped', target: 0, engineReps: quick ? 5 : 40, naive: { count: Infinity, reps: 1 }, lengthScan: true },
  { label: '1k', target: 1_000, engineReps: quick ? 5 : 20, naive: { count: quick ? 10 : 40, reps: 1 } },
  { label: '5k', target: 5_000, engineReps: quick ? 3 : 10, naive: null },
  { label: '12k', target: 12_000, engineReps: quick ? 3 : 8, naive: { count: quick ? 5 : 20, reps: 1 } },
  { label: '30k', target: 30_000, engineReps: quick ? 2 : 5, naive: null, lengthScan: true },
];

interface Target {
  name: string;
  limit: string;
  value: string;
  pass: boolean | null;
}

async function main(): Promise<void> {
  const started = Date.now();
  const knowledgeDir = path.join(root, 'knowledge');
  // The shared reference documents sit beside the project (../shared), wherever it is checked out.
  const docsDir = path.resolve(root, '../shared/mendix-docs/content');
  const { source: questionSource, cases } = loadQuestions(root);
  const bases = readBasePages([
    { label: 'knowledge', dir: knowledgeDir },
    { label: 'mendix-docs', dir: docsDir },
  ]);
  const shippedSections = bases.filter((b) => b.source === 'knowledge').reduce((n, b) => n + b.sections, 0);
  // A folder of this run's own: two benches on one machine (other checkouts) must not delete each other's corpora.
  const genRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'integration-bot-bench-'));
  console.log(`integration-bot bench: ${cases.length} questions from ${questionSource}; ${bases.length} base pages (${shippedSections} shipped sections)${fs.existsSync(docsDir) ? ' incl. mendix-docs' : ''}`);

  const corpora: (CorpusResult & { target: number; generated?: { files: number; copies: number; dir: string } })[] = [];
  const startups: StartupResult[] = [];
  for (const spec of specs) {
    if (onlyLabels.length > 0 && !onlyLabels.includes(spec.label)) continue;
    if (!wantPart('corpus') && !wantPart('startup')) continue;
    const dirs = [knowledgeDir];
    let generated: { files: number; copies: number; dir: string } | undefined;
    if (spec.target > 0) {
      const g = generateCorpus(bases, { outDir: path.join(genRoot, spec.label), targetSections: spec.target, alreadySections: shippedSections, seed: spec.target });
      generated = { files: g.files, copies: g.copies, dir: g.dir };
      dirs.push(g.dir);
    }
    if (wantPart('startup')) {
      process.stdout.write(`  ${spec.label.padEnd(8)} start-up…`);
      const startup = await measureStartupOf(spec.label, dirs);
      if (startup) startups.push(startup);
      console.log(startup ? ` first answer: warm ${startup.wall.warm.median} ms, cold ${startup.wall.cold.median} ms, no cache ${startup.wall.noCache.median} ms` : ' failed');
    }
    if (!wantPart('corpus')) continue;
    process.stdout.write(`  ${spec.label.padEnd(8)} measuring…`);
    const t0 = Date.now();
    const outcome = await runChild(
      { kind: 'corpus', label: spec.label, dirs, questions: cases, engineReps: spec.engineReps, naive: flag('no-naive') ? null : spec.naive, lengthScan: spec.lengthScan } satisfies CorpusTask,
      { timeoutMs: 8 * 60_000, execArgv },
    );
    const message = outcome.messages.find((m) => (m as { type?: string }).type === 'result') as { result: CorpusResult } | undefined;
    if (!message) {
      const error = outcome.messages.find((m) => (m as { type?: string }).type === 'error') as { message: string } | undefined;
      console.log(` failed (${outcome.timedOut ? 'timed out' : `exit ${outcome.exitCode}`}) ${error?.message ?? ''}`);
      continue;
    }
    corpora.push({ ...message.result, target: spec.target, generated });
    console.log(` ${message.result.sections} sections, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  if (!flag('keep')) fs.rmSync(genRoot, { recursive: true, force: true });
  else console.log(`  generated corpora kept in ${genRoot}`);

  const adversarial = flag('no-adversarial') || !wantPart('adversarial') ? null : await runAdversarial(knowledgeDir);
  let slack: SlackBenchResult | { skipped: string } | null = null;
  if (!flag('no-slack') && wantPart('slack')) {
    process.stdout.write('  slack    measuring…');
    slack = await runSlackBench(root, knowledgeDir, { execArgv, burst: 200 });
    console.log('skipped' in slack ? ` skipped: ${slack.skipped}` : ' done');
  }
  let reload: ReloadBenchResult | { skipped: string } | null = null;
  if (wantPart('reload')) {
    process.stdout.write('  reload   measuring…');
    reload = await runReloadBench(root, knowledgeDir, bases, { execArgv, pages: 3000, edits: 1000 });
    console.log('skipped' in reload ? ` skipped: ${reload.skipped}` : ' done');
  }

  let cluster: ClusterBenchResult | null = null;
  if (!flag('no-cluster') && wantPart('cluster')) {
    process.stdout.write('  cluster  measuring…');
    cluster = await runClusterBench({ burst: quick ? 100 : 500 });
    console.log('skipped' in cluster ? ` skipped: ${cluster.skipped}` : ' done');
  }

  const soak: SoakResult[] = [];
  if (!flag('no-soak') && wantPart('soak')) {
    process.stdout.write('  soak     measuring…');
    // Node's default heap sizing, and the bounded heap `npm start` runs with.
    for (const nodeOptions of ['', '--max-old-space-size=1024']) soak.push(await runSoak(quick ? 2_000 : 12_000, { nodeOptions }));
    console.log(' done');
  }

  const targets = evaluateTargets(corpora, adversarial, slack, startups, reload);
  for (const run of soak) {
    targets.push({
      name: `Soak: ${run.mentions} mentions of ${run.chars} chars, peak RSS (${run.nodeOptions || 'Node defaults'})`,
      limit: run.nodeOptions ? '< 400 MB, all answered' : 'reported',
      value: `${run.peakRssMb} MB, ${run.answered} answered`,
      pass: run.nodeOptions ? run.peakRssMb < 400 && run.answered === run.mentions : null,
    });
  }
  if (cluster && !('skipped' in cluster)) {
    const shared = cluster.runs.find((r) => r.mode === 'redis');
    if (shared) {
      targets.push({
        name: `Two instances on Redis, burst of ${shared.questions}: answered twice / dropped`,
        limit: '0, 0',
        value: `${shared.answeredTwice}, ${shared.dropped}`,
        pass: shared.answeredTwice === 0 && shared.dropped === 0,
      });
    }
  }
  const results = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: round(os.totalmem() / 1024 ** 3, 1),
      node: process.version,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    },
    questions: { source: questionSource, count: cases.length },
    naiveBaseline: 'fuse.js 7, one index over sections, keys title + text, ignoreLocation: true, threshold: 0.4; query = cleaned question, limit 24',
    corpora,
    startup: startups,
    adversarial,
    slack,
    reload,
    cluster,
    soak,
    targets,
    durationSeconds: Math.round((Date.now() - started) / 1000),
  };
  const resultsFile = only ? 'results.local.json' : 'results.json';
  fs.writeFileSync(path.join(root, 'bench', resultsFile), JSON.stringify(results, null, 2) + '\n');
  printTables(corpora, adversarial, slack, targets, startups, reload);
  if (cluster) console.log('\n' + clusterTable(cluster));
  console.log(`\nwrote bench/${resultsFile} (${results.durationSeconds} s; ${results.machine.cpus}× ${results.machine.model}, node ${process.version})`);
  process.exitCode = targets.some((t) => t.pass === false) ? 1 : 0;
}

export interface AdversarialSummary {
  available: AdversarialFn[];
  capChars: number;
  rows: { fn: AdversarialFn; variant: 'raw' | 'capped'; input: string; chars: number; medianMs: number; maxMs: number; error?: string; timedOut?: boolean }[];
  worst: { fn: AdversarialFn; variant: 'raw' | 'capped'; input: string; maxMs: number; timedOut?: boolean }[];
}

/** Runs every (function, input, raw/capped) triple in a child; a call that hangs is killed and counted as the timeout. */
async function runAdversarial(knowledgeDir: string): Promise<AdversarialSummary> {
  process.stdout.write('  adversarial measuring…');
  const perCallTimeoutMs = 20_000;
  let pending: AdversarialItem[] = [];
  for (const fn of adversarialFns) for (const input of Object.keys(adversarialInputs)) for (const variant of ['raw', 'capped'] as const) pending.push({ fn, input, variant });
  const rows: AdversarialSummary['rows'] = [];
  let available: AdversarialFn[] = [];
  while (pending.length > 0) {
    let current: AdversarialItem | null = null;
    let watchdog: NodeJS.Timeout | undefined;
    const done = new Set<AdversarialItem>();
    const keyOf = (item: AdversarialItem) => `${item.fn}|${item.input}|${item.variant}`;
    const byKey = new Map(pending.map((item) => [keyOf(item), item]));
    await runChild(
      { kind: 'adversarial', root, knowledgeDir, items: pending, runs: 3 },
      {
        timeoutMs: 60_000 + pending.length * 3 * 1_000,
        execArgv,
        onMessage: (m, kill) => {
          const message = m as AdversarialMessage;
          if (message.type === 'ready') available = message.available;
          if (message.type === 'start') {
            current = byKey.get(keyOf(message.item)) ?? null;
            // A call still running after the bound is a hang: end the child and go on without it.
            clearTimeout(watchdog);
            watchdog = setTimeout(kill, perCallTimeoutMs);
          }
          if (message.type === 'result') {
            clearTimeout(watchdog);
            const item = byKey.get(keyOf(message.item))!;
            done.add(item);
            current = null;
            rows.push({ ...message.item, chars: message.chars, medianMs: message.medianMs, maxMs: message.maxMs, error: message.error });
          }
        },
      },
    );
    clearTimeout(watchdog);
    const hung = current as AdversarialItem | null;
    if (hung) {
      rows.push({ ...hung, chars: -1, medianMs: perCallTimeoutMs, maxMs: perCallTimeoutMs, timedOut: true });
      done.add(hung);
    }
    const skippedFns = new Set(adversarialFns.filter((f) => !available.includes(f)));
    const remaining = pending.filter((item) => !done.has(item) && !skippedFns.has(item.fn));
    if (!hung || remaining.length === pending.length) break;
    pending = remaining;
  }
  const worst: AdversarialSummary['worst'] = [];
  for (const fn of available) {
    for (const variant of ['raw', 'capped'] as const) {
      const mine = rows.filter((r) => r.fn === fn && r.variant === variant);
      if (mine.length === 0) continue;
      const top = mine.reduce((a, b) => (b.maxMs > a.maxMs ? b : a));
      worst.push({ fn, variant, input: top.input, maxMs: top.maxMs, timedOut: top.timedOut });
    }
  }
  console.log(` ${rows.length} timings`);
  return { available, capChars, rows, worst };
}

interface StartupResult {
  label: string;
  breakdown: StartupBreakdown;
  wall: WallTimes;
}

/** The start-up breakdown (in a fresh child) and the CLI's wall times (fresh processes) for one corpus. */
async function measureStartupOf(label: string, dirs: string[]): Promise<StartupResult | null> {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'integration-bot-startup-child-'));
  try {
    const result = async <T>(mode: StartupTask['mode']) => {
      const outcome = await runChild({ kind: 'startup', mode, dirs, question: startupQuestion, cacheDir } satisfies StartupTask, { timeoutMs: 5 * 60_000, execArgv });
      return (outcome.messages.find((m) => (m as { type?: string }).type === 'result') as { result: T } | undefined)?.result;
    };
    const breakdown = await result<StartupBreakdown>('breakdown');
    if (!breakdown) return null;
    breakdown.warm = await result<WarmStart>('warm');
    return { label, breakdown, wall: await measureWallTimes(root, dirs, startupQuestion, quick ? 3 : 5) };
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}

function evaluateTargets(
  corpora: (CorpusResult & { target: number })[],
  adversarial: AdversarialSummary | null,
  slack: SlackBenchResult | { skipped: string } | null,
  startups: StartupResult[],
  reload: ReloadBenchResult | { skipped: string } | null,
): Target[] {
  const out: Target[] = [];
  const get = (label: string) => corpora.find((c) => c.label === label);
  const check = (name: string, limit: string, value: number | undefined, ok: (v: number) => boolean, unit: string) =>
    out.push({ name, limit, value: value === undefined ? 'not measured' : `${fmt(value)}${unit}`, pass: value === undefined ? null : ok(value) });
  check('answer p99, shipped', '≤ 5 ms', get('shipped')?.answer.p99, (v) => v <= 5, ' ms');
  check('answer p99, ~5,000 sections', '≤ 10 ms', get('5k')?.answer.p99, (v) => v <= 10, ' ms');
  check('answer p99, ~30,000 sections', '≤ 25 ms', get('30k')?.answer.p99, (v) => v <= 25, ' ms');
  check('faster than naive, ~12,000 sections', '≥ 500×', get('12k')?.naive?.speedupMedian, (v) => v >= 500, '×');
  const q = get('shipped')?.naive?.quality;
  out.push({
    name: 'answers at least as good as naive (shipped)',
    limit: 'engine use case@1 ≥ naive top page@1',
    value: q ? `${fmt(q.engineUseCaseAt1)} vs ${fmt(q.naiveTopPageAt1)}` : 'not measured',
    pass: q ? q.engineUseCaseAt1 >= q.naiveTopPageAt1 : null,
  });
  check('cold start, shipped', '≤ 0.5 s', ms2s(get('shipped')?.coldStartMs), (v) => v <= 0.5, ' s');
  check('cold start, ~30,000 sections', '≤ 5 s', ms2s(get('30k')?.coldStartMs), (v) => v <= 5, ' s');
  check('RSS after indexing, ~30,000 sections', '≤ 300 MB', get('30k')?.rssMb, (v) => v <= 300, ' MB');
  if (slack && !('skipped' in slack)) {
    check('Slack ack p99, burst of 200', '≤ 50 ms', slack.burst.ack.p99, (v) => v <= 50, ' ms');
    check('Slack requests dropped, burst of 200', '0', slack.burst.dropped, (v) => v === 0, '');
  } else {
    out.push({ name: 'Slack ack p99 / dropped, burst of 200', limit: '≤ 50 ms, 0', value: slack ? `skipped: ${slack.skipped}` : 'not run', pass: null });
  }
  const startup = (label: string) => startups.find((st) => st.label === label);
  check('start to first answer, warm cache, shipped', '≤ 0.35 s', ms2s(startup('shipped')?.wall.warm.median), (v) => v <= 0.35, ' s');
  check('start to first answer, warm cache, ~12,000 sections', '≤ 1 s', ms2s(startup('12k')?.wall.warm.median), (v) => v <= 1, ' s');
  check('start to first answer, warm cache, ~30,000 sections', '≤ 2 s', ms2s(startup('30k')?.wall.warm.median), (v) => v <= 2, ' s');
  for (const st of startups) {
    // Cold fills the cache as well; "no slower" allows the noise of a shared machine (10 %).
    check(`cold start no slower than without a cache, ${st.label}`, '≤ 1.1× no cache', st.wall.cold.median / st.wall.noCache.median, (v) => v <= 1.1, '×');
  }
  check('RSS after a warm start, ~30,000 sections', '≤ 300 MB', startup('30k')?.breakdown.warm?.rssMb, (v) => v <= 300, ' MB');
  if (reload && !('skipped' in reload)) {
    for (const run of reload.runs) check(`Slack ack max while reloading (${run.change})`, '< 1 s', run.ack.max, (v) => v < 1000, ' ms');
  }
  if (adversarial) {
    for (const w of adversarial.worst) {
      const limit = w.variant === 'raw' ? 50 : 5;
      out.push({ name: `adversarial ${w.fn} (${w.variant === 'raw' ? '~100k chars' : `${capChars} chars`})`, limit: `≤ ${limit} ms`, value: `${advMs(w)} (${w.input})`, pass: !w.timedOut && w.maxMs <= limit });
    }
  }
  return out;
}

/** A worst-case time; a call the watchdog killed shows as more than the bound. */
const advMs = (w: { maxMs: number; timedOut?: boolean }) => (w.timedOut ? `> ${fmt(w.maxMs)} ms (killed)` : `${fmt(w.maxMs)} ms`);

const ms2s = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n >= 100) return Math.round(n).toLocaleString('en-US');
  if (n >= 10) return n.toFixed(1);
  if (n >= 1) return n.toFixed(2);
  return n.toFixed(3);
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r, i) => {
    const line = '| ' + r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ') + ' |';
    return i === 0 ? `${line}\n|${widths.map((w, c) => (c === 0 ? ':' + '-'.repeat(w + 1) : '-'.repeat(w + 1) + ':')).join('|')}|` : line;
  }).join('\n');
}

function printTables(
  corpora: (CorpusResult & { target: number })[],
  adversarial: AdversarialSummary | null,
  slack: SlackBenchResult | { skipped: string } | null,
  targets: Target[],
  startups: StartupResult[],
  reload: ReloadBenchResult | { skipped: string } | null,
): void {
  if (startups.length > 0) {
    const ms = (n: number) => `${fmt(n)} ms`;
    console.log('');
    console.log(
      table([
        ['cold start, step by step', 'sections', 'modules', 'word lists', 'list', 'read', 'parse', 'assemble', 'matcher', 'index', 'typo', 'names', '1st answer'],
        ...startups.map(({ label, breakdown: b }) => [
          label, b.sections.toLocaleString('en-US'), ms(b.modulesMs), ms(b.wordListsMs), ms(b.listMs), ms(b.readMs), ms(b.parseMs), ms(b.assembleMs),
          ms(b.matcherMs), ms(b.indexMs), ms(b.typoMs), ms(b.namesMs), ms(b.firstAnswerMs),
        ]),
      ]),
    );
    console.log('');
    console.log(
      table([
        ['`ask`: process start to first answer (median)', 'node alone', 'no cache', 'cold (fills cache)', 'warm', 'npx, warm', 'warm: read files', 'warm: engine', 'RSS warm', 'cache size'],
        ...startups.map(({ label, breakdown: b, wall: w }) => [
          label, ms(w.nodeStartMs), ms(w.noCache.median), ms(w.cold.median), ms(w.warm.median), w.npxWarm ? ms(w.npxWarm.median) : '–',
          b.warm ? ms(b.warm.readFilesMs) : '–', b.warm ? ms(b.warm.engineMs) : '–', b.warm ? `${fmt(b.warm.rssMb)} MB` : '–', `${fmt(w.cacheBytes / 1024 / 1024)} MB`,
        ]),
      ]),
    );
  }
  if (reload && !('skipped' in reload)) {
    console.log('');
    console.log(
      table([
        [`reload under ${reload.ratePerSecond} slash commands/s`, 'commands', 'ack p50', 'ack p99', 'ack max', 'over 1 s', 'answered', 'in service', 'new text answers', 'app loop stall'],
        ...reload.runs.map((r) => [
          r.change, String(r.commands), `${fmt(r.ack.p50)} ms`, `${fmt(r.ack.p99)} ms`, `${fmt(r.ack.max)} ms`, String(r.acksOver1s), `${r.answered}/${r.commands}`,
          r.reloadedMs === null ? '–' : `${fmt(r.reloadedMs / 1000)} s`, r.newTextAnswersMs === null ? 'never' : `${fmt(r.newTextAnswersMs / 1000)} s`,
          r.loopDelayMaxMs === undefined ? '–' : `${fmt(r.loopDelayMaxMs)} ms`,
        ]),
      ]),
    );
  }
  if (corpora.length > 0) console.log('');
  if (corpora.length > 0) console.log(
    table([
      ['corpus', 'sections', 'cold start', 'RSS', 'answer p50', 'answer p99', 'naive p50', 'speed-up', 'use case@1'],
      ...corpora.map((c) => [
        c.label,
        c.sections.toLocaleString('en-US'),
        `${fmt(c.coldStartMs)} ms`,
        `${fmt(c.rssMb)} MB`,
        `${fmt(c.answer.p50)} ms`,
        `${fmt(c.answer.p99)} ms`,
        c.naive ? `${fmt(c.naive.latency.p50)} ms` : '–',
        c.naive ? `${fmt(c.naive.speedupMedian)}×` : '–',
        fmt(c.quality.useCaseAt1),
      ]),
    ]),
  );
  const q = corpora.find((c) => c.label === 'shipped')?.naive?.quality;
  if (q) {
    console.log(
      `\nquality on the shipped corpus (${q.questions} questions with an expected use case): engine use case@1 ${fmt(q.engineUseCaseAt1)}, @3 ${fmt(q.engineUseCaseAt3)}; ` +
        `naive top page@1 ${fmt(q.naiveTopPageAt1)}, top-3 pages ${fmt(q.naiveTopPagesAt3)}; out of scope (${q.outOfScopeQuestions}): engine right ${fmt(q.engineOutOfScopeRight)}, naive abstains ${fmt(q.naiveAbstains)}`,
    );
  }
  const scans = corpora.filter((c) => c.lengthScan);
  if (scans.length > 0) {
    console.log(`\nanswer time by question length (median ms): ${scans.map((c) => `${c.label} ${c.lengthScan!.map((l) => `${l.chars}: ${fmt(l.medianMs)}`).join(', ')}`).join('; ')}`);
  }
  if (slack && !('skipped' in slack)) {
    console.log('');
    console.log(
      table([
        ['Slack slash command', 'ack p50', 'ack p99', 'answer p50', 'answer p99', 'dropped'],
        ['one request', `${fmt(slack.single.ack.p50)} ms`, `${fmt(slack.single.ack.p99)} ms`, `${fmt(slack.single.answer.p50)} ms`, `${fmt(slack.single.answer.p99)} ms`, String(slack.single.dropped)],
        [`burst of ${slack.burst.requests}`, `${fmt(slack.burst.ack.p50)} ms`, `${fmt(slack.burst.ack.p99)} ms`, `${fmt(slack.burst.answer.p50)} ms`, `${fmt(slack.burst.answer.p99)} ms`, String(slack.burst.dropped)],
        [`same burst, bare HTTP server (harness floor)`, `${fmt(slack.harnessFloorAck.p50)} ms`, `${fmt(slack.harnessFloorAck.p99)} ms`, '–', '–', '–'],
      ]),
    );
    console.log(`burst runs (ack p99): ${slack.burstRuns.map((r) => `${fmt(r.ackP99)} ms`).join(', ')}; app CPU ${slack.burst.appCpuMs ?? '?'} ms for ${slack.burst.requests} commands; longest event-loop stall ${slack.burst.loopDelayMaxMs ?? '?'} ms`);
  }
  if (adversarial) {
    console.log('');
    const fns = adversarial.available;
    const worstOf = (fn: AdversarialFn, variant: 'raw' | 'capped') => adversarial.worst.find((w) => w.fn === fn && w.variant === variant);
    console.log(
      table([
        ['adversarial input: worst case', 'raw ~100k chars', `capped ${capChars} chars`],
        ...fns.map((fn) => {
          const raw = worstOf(fn, 'raw');
          const capped = worstOf(fn, 'capped');
          return [fn, raw ? `${advMs(raw)} (${raw.input})` : '–', capped ? `${advMs(capped)} (${capped.input})` : '–'];
        }),
      ]),
    );
  }
  console.log('');
  console.log(table([['target', 'limit', 'measured', 'result'], ...targets.map((t) => [t.name, t.limit, t.value, t.pass === null ? 'n/a' : t.pass ? 'PASS' : 'FAIL'])]));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 2;
});
