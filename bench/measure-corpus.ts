import type { EvalCase } from '../src/eval/score';
import { createNaiveIndex, topPages } from './naive';
import { spread } from './questions';
import { collectGarbage, msSince, percentile, round, rssMb, summarize, timeMs, type Summary } from './stats';

/** What the parent asks a fresh worker process to measure for one corpus. */
export interface CorpusTask {
  kind: 'corpus';
  label: string;
  dirs: string[];
  questions: EvalCase[];
  /** Timed passes over the whole question set (after two warm-up passes). */
  engineReps: number;
  /** Also time questions of growing length (made of dev questions run together): is the cost linear in length? */
  lengthScan?: boolean;
  /** Naive baseline: how many questions (spread over the set) and how many timed runs each; null to skip. */
  naive: { count: number; reps: number } | null;
}

export interface CorpusResult {
  label: string;
  pages: number;
  sections: number;
  distinctTerms: number;
  loadIssues: number;
  requireMs: number;
  loadMs: number;
  indexMs: number;
  coldStartMs: number;
  rssBaseMb: number;
  rssMb: number;
  heapUsedMb: number;
  /** Each question once, straight after indexing (JIT and typo cache cold). */
  answerFirstPass: Summary;
  answer: Summary;
  quality: { useCaseAt1: number; useCaseAt3: number; fullyRight: number; outOfScope: number };
  naive?: NaiveResult;
  /** Median ms of a warm answer by question length in characters. */
  lengthScan?: { chars: number; medianMs: number }[];
}

export interface NaiveResult {
  buildMs: number;
  questions: number;
  reps: number;
  latency: Summary;
  /** The engine's latency over the same questions, for the ratio. */
  engineSameQuestions: Summary;
  /** Median over questions of (naive ms / engine ms) for that question. */
  speedupMedian: number;
  speedupP50: number;
  /** Answer quality on questions with an expected use case: is that use case's page the naive top hit? */
  quality?: {
    questions: number;
    naiveTopPageAt1: number;
    naiveTopPagesAt3: number;
    engineUseCaseAt1: number;
    engineUseCaseAt3: number;
    outOfScopeQuestions: number;
    naiveAbstains: number;
    engineOutOfScopeRight: number;
  };
}

const baseUrl = 'https://docs.mendix.com';

/** Cold start, memory, answer latency and (optionally) the naive baseline for one corpus, in this process. */
export async function measureCorpus(task: CorpusTask): Promise<CorpusResult> {
  const rssBaseMb = rssMb();
  let start = process.hrtime.bigint();
  const { loadCorpus } = await import('../src/knowledge');
  const { createEngine } = await import('../src/engine');
  const { cleanQuestion } = await import('../src/engine/clean');
  const { scoreAll, scoreCase, isOutOfScope } = await import('../src/eval/score');
  const { terms } = await import('../src/text/tokens');
  const requireMs = msSince(start);

  start = process.hrtime.bigint();
  const corpus = loadCorpus(task.dirs, { baseUrl });
  const loadMs = msSince(start);
  start = process.hrtime.bigint();
  const engine = createEngine(corpus, { maxQuestionChars: 4000 });
  const indexMs = msSince(start);
  const coldStartMs = loadMs + indexMs;
  collectGarbage();
  const rss = rssMb();
  const heapUsedMb = round(process.memoryUsage().heapUsed / 1024 / 1024, 1);

  const questions = task.questions;
  const firstPass = questions.map((c) => timeMs(() => engine.answer(c.q)));
  for (let pass = 0; pass < 2; pass++) for (const c of questions) engine.answer(c.q);
  const perQuestion: number[][] = questions.map(() => []);
  for (let rep = 0; rep < task.engineReps; rep++) {
    questions.forEach((c, i) => perQuestion[i].push(timeMs(() => engine.answer(c.q))));
  }
  const answers = questions.map((c) => engine.answer(c.q));
  const report = scoreAll(questions, answers);

  let naive: NaiveResult | undefined;
  if (task.naive) {
    start = process.hrtime.bigint();
    const index = createNaiveIndex(corpus.sections);
    const buildMs = msSince(start);
    const chosen = spread(
      questions.map((c, i) => ({ c, i })),
      task.naive.count,
    );
    index.search(cleanQuestion(chosen[0].c.q).text, 24); // warm-up
    const samples: number[] = [];
    const ratios: number[] = [];
    const engineSame: number[] = [];
    const topHits = new Map<number, string[]>();
    for (const { c, i } of chosen) {
      const text = cleanQuestion(c.q).text;
      const times: number[] = [];
      for (let rep = 0; rep < task.naive.reps; rep++) {
        let pages: string[] = [];
        times.push(timeMs(() => (pages = topPages(index.search(text, 24), 3))));
        topHits.set(i, pages);
      }
      samples.push(...times);
      engineSame.push(...perQuestion[i]);
      ratios.push(percentile(times, 50) / percentile(perQuestion[i], 50));
    }
    const latency = summarize(samples);
    const engineSameQuestions = summarize(engineSame);
    naive = {
      buildMs: round(buildMs),
      questions: chosen.length,
      reps: task.naive.reps,
      latency,
      engineSameQuestions,
      speedupMedian: round(percentile(ratios, 50), 1),
      speedupP50: round(latency.p50 / engineSameQuestions.p50, 1),
    };
    if (chosen.length === questions.length) {
      const pageOf = new Map(corpus.entities.map((e) => [`${e.kind}:${e.id}`, e.pageId]));
      let n = 0, at1 = 0, at3 = 0, e1 = 0, e3 = 0, out = 0, abstain = 0, engineOut = 0;
      questions.forEach((c, i) => {
        const pages = topHits.get(i) ?? [];
        if (c.outOfScope) {
          out++;
          if (pages.length === 0) abstain++;
          if (isOutOfScope(answers[i])) engineOut++;
          return;
        }
        const expected = c.useCases[0] && pageOf.get(`useCase:${c.useCases[0]}`);
        if (!expected) return;
        n++;
        if (pages[0] === expected) at1++;
        if (pages.includes(expected)) at3++;
        const scored = scoreCase(c, answers[i]);
        if (scored.ucAt1) e1++;
        if (answers[i].useCases.slice(0, 3).some((u) => u.id === c.useCases[0])) e3++;
      });
      const share = (k: number, of: number) => (of === 0 ? 0 : round(k / of));
      naive.quality = {
        questions: n,
        naiveTopPageAt1: share(at1, n),
        naiveTopPagesAt3: share(at3, n),
        engineUseCaseAt1: share(e1, n),
        engineUseCaseAt3: share(e3, n),
        outOfScopeQuestions: out,
        naiveAbstains: share(abstain, out),
        engineOutOfScopeRight: share(engineOut, out),
      };
    }
  }

  let lengthScan: CorpusResult['lengthScan'];
  if (task.lengthScan) {
    const long = questions.map((c) => c.q).join(' ');
    lengthScan = [250, 500, 1000, 2000, 4000].map((chars) => {
      const q = long.slice(0, chars);
      for (let i = 0; i < 5; i++) engine.answer(q);
      const times = Array.from({ length: 30 }, () => timeMs(() => engine.answer(q)));
      return { chars, medianMs: round(percentile(times, 50)) };
    });
  }

  const vocabulary = new Set<string>();
  for (const s of corpus.sections) for (const t of terms(`${s.title} ${s.text}`)) vocabulary.add(t);

  return {
    label: task.label,
    pages: corpus.pages.length,
    sections: corpus.sections.length,
    distinctTerms: vocabulary.size,
    loadIssues: corpus.issues.length,
    requireMs: round(requireMs, 1),
    loadMs: round(loadMs, 1),
    indexMs: round(indexMs, 1),
    coldStartMs: round(coldStartMs, 1),
    rssBaseMb,
    rssMb: rss,
    heapUsedMb,
    answerFirstPass: summarize(firstPass),
    answer: summarize(perQuestion.flat()),
    quality: { useCaseAt1: report.useCaseAt1, useCaseAt3: report.useCaseAt3, fullyRight: report.fullyRight, outOfScope: report.outOfScope },
    naive,
    lengthScan,
  };
}
