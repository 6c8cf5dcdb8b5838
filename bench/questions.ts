import fs from 'node:fs';
import path from 'node:path';
import type { EvalCase } from '../src/eval/score';

/**
 * A fallback question set for when `test/eval/dev-questions.jsonl` is absent: one or two questions per use
 * case in the shapes people use in Slack (plain, typo, mention noise, long, out of scope).
 */
export const builtinQuestions: readonly EvalCase[] = Object.freeze([
  { q: 'We want users to log in to all our Mendix apps with their Azure AD accounts. What is the recommended setup?', useCases: ['sso-identity'] },
  { q: 'singel sign on with our corporate ADFS for the supplier portal?', useCases: ['sso-identity'] },
  { q: 'how should three apps get the customer master data?', useCases: ['distribute-master-data'] },
  { q: 'Several apps need the same product master data from SAP, kept in sync. Events or batch?', useCases: ['distribute-master-data'] },
  { q: 'Two apps both edit the customer record; how do we keep the master data updated in one place?', useCases: ['update-master-data'] },
  { q: 'we need country codes and currency lists in every app, what is best practice for reference data?', useCases: ['reference-data'] },
  { q: 'our app just needs to look up reference data from another system now and then', useCases: ['use-refer-data'] },
  { q: 'users must search orders that live in the ERP without copying them into our app', useCases: ['view-search-data'] },
  { q: '<@U0123ABCD> can Power BI read our app data for dashboards? :thinking_face:', useCases: ['bi-reporting'] },
  { q: 'nightly export of invoices as CSV files to the finance system', useCases: ['export-import-batch'] },
  { q: 'an order flows through three apps and each one does a step; how to integrate the process?', useCases: ['process-integration'] },
  { q: 'we need a long running approval process across apps with a central coordinator', useCases: ['process-orchestration'] },
  { q: 'field engineers work without network and sync when back online', useCases: ['mobile-offline'] },
  { q: 'thousands of sensors send telemetry every second to a Mendix dashboard', useCases: ['iot'] },
  { q: 'how do we call an LLM or a machine learning model from the app?', useCases: ['ai-ml'] },
  { q: 'images and documents for the public website should come from a CMS and a CDN', useCases: ['cms-cdn'] },
  { q: 'central logging and monitoring of all integrations, alerts when an interface fails', useCases: ['ops-monitoring'] },
  { q: 'odta or rest for exposing our entities to another mendix app?', useCases: ['view-search-data'] },
  { q: 'What is the capital of France?', useCases: [], outOfScope: true },
  { q: 'can someone approve my holiday request in the HR tool?', useCases: [], outOfScope: true },
]);

/** The development question set (`test/eval/dev-questions.jsonl`, field `q`), or the built-in list. */
export function loadQuestions(root: string): { source: string; cases: EvalCase[] } {
  const file = path.join(root, 'test', 'eval', 'dev-questions.jsonl');
  if (fs.existsSync(file)) {
    const cases = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as EvalCase)
      .filter((c) => typeof c.q === 'string' && c.q.trim() !== '')
      .map((c) => ({ ...c, useCases: Array.isArray(c.useCases) ? c.useCases : [] }));
    if (cases.length > 0) return { source: path.relative(root, file), cases };
  }
  return { source: 'bench/questions.ts (built-in)', cases: [...builtinQuestions] };
}

/** Every `step`-th case, so a bounded subset still spans the whole set's shapes (plain, typo, Slack, long). */
export function spread<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  const out: T[] = [];
  const step = items.length / count;
  for (let i = 0; i < count; i++) out.push(items[Math.floor(i * step)]);
  return out;
}
