import type { Answer } from '../engine/types';

/** One line of an evaluation set: a question and what a right answer contains. */
export interface EvalCase {
  q: string;
  useCases: string[];
  technologies?: string[];
  method?: string | null;
  warnings?: string[];
  topics?: string[];
  outOfScope?: boolean;
  tags?: string[];
}

export interface CaseResult {
  case: EvalCase;
  ucAt1: boolean | null;
  ucAt3: boolean | null;
  technologies: boolean;
  method: boolean | null;
  warnings: boolean;
  outOfScope: boolean;
  sources: boolean;
  fullyRight: boolean;
}

export interface EvalReport {
  questions: number;
  useCaseAt1: number;
  useCaseAt3: number;
  technologies: number;
  method: number;
  warnings: number;
  outOfScope: number;
  fullyRight: number;
  results: CaseResult[];
}

/** The engine treats a question as out of scope when it gives no use case and confidence below 0.5. */
export const isOutOfScope = (answer: Answer) => answer.confidence < 0.5 && answer.useCases.length === 0;

/**
 * Scores one answer against its expectation. Use case at 1: the first expected use case ranks first;
 * at 3: every expected use case is in the top three; technologies and warnings: every expected one is present
 * (and no warning is raised that was not expected); method: the first method is the expected one.
 */
export function scoreCase(c: EvalCase, answer: Answer): CaseResult {
  const ids = answer.useCases.map((u) => u.id);
  const expectOut = c.outOfScope === true;
  const hasUseCase = !expectOut && c.useCases.length > 0;
  const ucAt1 = hasUseCase ? ids[0] === c.useCases[0] : null;
  const ucAt3 = hasUseCase ? c.useCases.every((id) => ids.slice(0, 3).includes(id)) : null;
  const techIds = new Set(answer.technologies.map((t) => t.id));
  const technologies = (c.technologies ?? []).every((id) => techIds.has(id));
  const method = c.method ? answer.methods[0]?.id === c.method : null;
  const warningIds = answer.warnings.map((w) => w.id).sort();
  const warnings = JSON.stringify(warningIds) === JSON.stringify([...(c.warnings ?? [])].sort());
  const outOfScope = isOutOfScope(answer) === expectOut;
  const sources = expectOut || answer.sources.length > 0;
  const fullyRight = ucAt1 !== false && ucAt3 !== false && technologies && method !== false && warnings && outOfScope && sources;
  return { case: c, ucAt1, ucAt3, technologies, method, warnings, outOfScope, sources, fullyRight };
}

const share = (values: (boolean | null)[]) => {
  const counted = values.filter((v): v is boolean => v !== null);
  return counted.length === 0 ? 1 : Math.round((counted.filter(Boolean).length / counted.length) * 1000) / 1000;
};

/** Scores a whole set: each figure is the share of questions it applies to that came out right. */
export function scoreAll(cases: EvalCase[], answers: Answer[]): EvalReport {
  const results = cases.map((c, i) => scoreCase(c, answers[i]));
  return {
    questions: cases.length,
    useCaseAt1: share(results.map((r) => r.ucAt1)),
    useCaseAt3: share(results.map((r) => r.ucAt3)),
    technologies: share(results.map((r) => r.technologies)),
    method: share(results.map((r) => r.method)),
    warnings: share(results.map((r) => r.warnings)),
    outOfScope: share(results.map((r) => r.outOfScope)),
    fullyRight: share(results.map((r) => r.fullyRight)),
    results,
  };
}

/**
 * Parses a JSONL question set: blank lines and `//` comments are skipped, and a line that is not JSON or that
 * `problem` finds lacking is reported with its number.
 */
export function parseJsonLines<T>(text: string, problem: (item: T) => string | null): T[] {
  return text
    .split('\n')
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line !== '' && !line.startsWith('//'))
    .map(([line, n]) => {
      let item: T;
      try {
        item = JSON.parse(line) as T;
      } catch (error) {
        throw new Error(`line ${n}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const missing = problem(item);
      if (missing) throw new Error(`line ${n}: ${missing}`);
      return item;
    });
}

/** Parses a JSONL evaluation set; bad lines are reported with their number. */
export function parseEvalSet(text: string): EvalCase[] {
  return parseJsonLines<EvalCase>(text, (c) => (typeof c.q !== 'string' || !Array.isArray(c.useCases) ? 'needs "q" and "useCases"' : null));
}

/** One line of a lookup set: a question about a feature and the page that answers it. */
export interface LookupCase {
  q: string;
  url: string;
  tags?: string[];
}

export interface LookupReport {
  questions: number;
  /** Share of questions whose page is the first source / among the first three. */
  top1: number;
  top3: number;
  misses: { q: string; url: string; got: string[] }[];
}

const pageOf = (url: string) => url.split('#')[0].replace(/\/+$/, '');

/** Scores page lookups: is the expected page (anchor and trailing slash ignored) among the top sources? */
export function scoreLookups(cases: LookupCase[], answers: Answer[]): LookupReport {
  let top1 = 0;
  let top3 = 0;
  const misses: LookupReport['misses'] = [];
  cases.forEach((c, i) => {
    const pages = answers[i].sources.map((s) => pageOf(s.url));
    const at = pages.indexOf(pageOf(c.url));
    if (at === 0) top1++;
    if (at >= 0 && at < 3) top3++;
    else misses.push({ q: c.q, url: c.url, got: pages.slice(0, 3) });
  });
  const share = (n: number) => (cases.length === 0 ? 0 : Math.round((n / cases.length) * 1000) / 1000);
  return { questions: cases.length, top1: share(top1), top3: share(top3), misses };
}

/** Parses a JSONL lookup set. */
export function parseLookupSet(text: string): LookupCase[] {
  return parseJsonLines<LookupCase>(text, (c) => (typeof c.q !== 'string' || typeof c.url !== 'string' ? 'needs "q" and "url"' : null));
}
