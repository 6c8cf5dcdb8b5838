import type { Answer, Intent } from '../engine/types';
import { parseJsonLines } from './score';

/**
 * Scoring against an answer key: does the answer lead with something a senior architect accepts, is it
 * confidently wrong, does it raise the warnings the question walks into, and does its confidence mean
 * anything (a calibration table). The key says, per question, what a good answer may lead with.
 */

/** One line of an answer key (`test/eval/answers-*.jsonl`). */
export interface AnswerCase {
  q: string;
  intent: Intent;
  /** Refs (`kind:id`) a good answer may lead with; empty for chitchat, out-of-scope and clarify. */
  lead: string[];
  /** Refs that would be a wrong lead. */
  notLead?: string[];
  /** Warning ids the answer must raise. */
  warnings?: string[];
  /** Use case ids the question is about (both, for two needs). */
  useCases?: string[];
  /** True when asking back with options is also a good answer. */
  clarifyOk?: boolean;
  tags?: string[];
}

export interface AnswerResult {
  case: AnswerCase;
  /** The answer's first recommendation as `kind:id`, or its intent when it recommends nothing. */
  got: string;
  leadRight: boolean;
  intentRight: boolean;
  confidentlyWrong: boolean;
  warningsRaised: boolean;
  /** Every use case of the key among the answer's first three (null when the key names none). */
  useCasesFound: boolean | null;
  inScope: boolean;
}

const declines = new Set<Intent>(['chitchat', 'out-of-scope']);
const confident = 0.8;

/** Scores one answer against its key. */
export function scoreAnswer(c: AnswerCase, answer: Answer): AnswerResult {
  const first = answer.recommendation[0];
  const got = first ? `${first.kind}:${first.id}` : answer.intent;
  const clarified = answer.intent === 'clarify' && (answer.clarify?.options.length ?? 0) >= 2;
  let leadRight: boolean;
  if (declines.has(c.intent)) leadRight = answer.intent === c.intent || (declines.has(answer.intent) && answer.recommendation.length === 0);
  else if (c.intent === 'clarify') leadRight = clarified || (c.lead.length > 0 && first !== undefined && c.lead.includes(got));
  else leadRight = (first !== undefined && c.lead.includes(got) && !(c.notLead ?? []).includes(got)) || (c.clarifyOk === true && clarified);
  const ids = answer.useCases.slice(0, 3).map((u) => u.id);
  const keyUseCases = c.useCases ?? [];
  const raised = new Set(answer.warnings.map((w) => w.id));
  return {
    case: c,
    got,
    leadRight,
    intentRight: answer.intent === c.intent,
    confidentlyWrong: !leadRight && answer.confidence >= confident,
    warningsRaised: (c.warnings ?? []).every((w) => raised.has(w)),
    useCasesFound: keyUseCases.length === 0 || declines.has(c.intent) ? null : keyUseCases.every((id) => ids.includes(id)),
    inScope: !declines.has(c.intent),
  };
}

export interface IntentFigures {
  intent: Intent | 'all in scope';
  questions: number;
  leadRight: number;
  intentRight: number;
  confidentlyWrong: number;
}

export interface CalibrationRow {
  /** Lower bound of the confidence bucket. */
  from: number;
  to: number;
  answers: number;
  /** Share of those answers whose lead was right (NaN printed as "-" when empty). */
  right: number;
}

export interface AnswerReport {
  questions: number;
  perIntent: IntentFigures[];
  /** Share of in-scope questions whose lead is acceptable: the bar is 0.85. */
  leadRightInScope: number;
  confidentlyWrong: number;
  /** Share of out-of-scope questions declined. */
  declined: number;
  warningsRaised: number;
  useCasesFound: number;
  calibration: CalibrationRow[];
  results: AnswerResult[];
}

const share = (n: number, of: number) => (of === 0 ? 1 : Math.round((n / of) * 1000) / 1000);
const buckets = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001];

/** Scores a whole answer key. */
export function scoreAnswers(cases: AnswerCase[], answers: Answer[]): AnswerReport {
  const results = cases.map((c, i) => scoreAnswer(c, answers[i]));
  const intents = [...new Set(cases.map((c) => c.intent))].sort();
  const figures = (label: IntentFigures['intent'], rs: AnswerResult[]): IntentFigures => ({
    intent: label,
    questions: rs.length,
    leadRight: share(rs.filter((r) => r.leadRight).length, rs.length),
    intentRight: share(rs.filter((r) => r.intentRight).length, rs.length),
    confidentlyWrong: rs.filter((r) => r.confidentlyWrong).length,
  });
  const inScope = results.filter((r) => r.inScope);
  const outOfScope = results.filter((r) => r.case.intent === 'out-of-scope');
  const calibration: CalibrationRow[] = [];
  for (let b = 0; b < buckets.length - 1; b++) {
    const inBucket = results.filter((_, i) => answers[i].confidence >= buckets[b] && answers[i].confidence < buckets[b + 1]);
    calibration.push({ from: buckets[b], to: Math.min(1, buckets[b + 1]), answers: inBucket.length, right: inBucket.length === 0 ? NaN : share(inBucket.filter((r) => r.leadRight).length, inBucket.length) });
  }
  const withUseCases = results.filter((r) => r.useCasesFound !== null);
  return {
    questions: cases.length,
    perIntent: [...intents.map((intent) => figures(intent, results.filter((r) => r.case.intent === intent))), figures('all in scope', inScope)],
    leadRightInScope: share(inScope.filter((r) => r.leadRight).length, inScope.length),
    confidentlyWrong: results.filter((r) => r.confidentlyWrong).length,
    declined: share(outOfScope.filter((r) => r.leadRight).length, outOfScope.length),
    warningsRaised: share(results.filter((r) => r.warningsRaised).length, results.length),
    useCasesFound: share(withUseCases.filter((r) => r.useCasesFound).length, withUseCases.length),
    calibration,
    results,
  };
}

/** Parses a JSONL answer key; a bad line is reported with its number. */
export function parseAnswerKey(text: string): AnswerCase[] {
  const cases = parseJsonLines<AnswerCase>(text, (c) => (typeof c.q !== 'string' || typeof c.intent !== 'string' || !Array.isArray(c.lead) ? 'needs "q", "intent" and "lead"' : null));
  // Use cases may be written as bare ids or as refs like the lead ("use-case:iot"): both mean the same.
  return cases.map((c) => (Array.isArray(c.useCases) ? { ...c, useCases: c.useCases.map((id) => String(id).replace(/^use-case:/, '')) } : c));
}

/** True for a line of an answer key (it has `intent` and `lead`), false for the older use-case sets. */
export const isAnswerKey = (text: string) => {
  const first = text.split('\n').find((l) => l.trim() !== '');
  return first !== undefined && /"intent"\s*:/.test(first) && /"lead"\s*:/.test(first);
};
