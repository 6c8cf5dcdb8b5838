import fs from 'node:fs';
import path from 'node:path';
import { parseEvalSet, parseLookupSet, scoreAll, scoreLookups } from '../../eval/score';
import type { CliIo, Command } from '../io';
import { engineFromEnv } from '../load';

const root = path.resolve(__dirname, '../../../..');
const defaultSet = path.join(root, 'test/eval/dev-questions.jsonl');
const defaultLookups = path.join(root, 'test/eval/dev-lookups.jsonl');
const defaultDocs = path.resolve(root, '../shared/mendix-docs');

const row = (name: string, value: number) => `  ${name.padEnd(22)} ${value.toFixed(3)}\n`;

/**
 * `integration-bot eval [questions.jsonl] [--lookups lookups.jsonl --docs dir] [--verbose] [--json]`:
 * answers every question of an evaluation set and prints use-case accuracy at 1 and 3, technology, method,
 * warning, out-of-scope and fully-right scores; then, when the documentation tree is there, the share of
 * feature lookups whose page is among the top three sources.
 */
export const run: Command = async (args, io) => {
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const positional = args.filter((a, i) => !a.startsWith('--') && !['--lookups', '--docs'].includes(args[i - 1] ?? ''));
  const file = positional[0] ?? defaultSet;
  const verbose = args.includes('--verbose');
  const json = args.includes('--json');
  const output: Record<string, unknown> = {};

  let cases;
  try {
    cases = parseEvalSet(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    io.err(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const engine = engineFromEnv(io);
  const started = process.hrtime.bigint();
  const answers = cases.map((c) => engine.answer(c.q));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const report = scoreAll(cases, answers);
  const { results, ...figures } = report;
  output.questions = { file: path.relative(process.cwd(), file), ...figures, msPerQuestion: ms / cases.length };
  if (!json) {
    io.out(`${report.questions} questions from ${path.relative(process.cwd(), file)} (${(ms / cases.length).toFixed(2)} ms a question)\n`);
    io.out(row('use case @1', report.useCaseAt1) + row('use case @3', report.useCaseAt3) + row('technologies', report.technologies));
    io.out(row('method', report.method) + row('warnings', report.warnings) + row('out of scope', report.outOfScope) + row('fully right', report.fullyRight));
  }
  if (verbose && !json) printFailures(io, results, answers);

  const lookups = option('--lookups') ?? (positional[0] ? undefined : defaultLookups);
  const docs = option('--docs') ?? defaultDocs;
  if (lookups && fs.existsSync(lookups)) {
    if (!fs.existsSync(docs)) {
      io.out(`\nLookups skipped: the documentation tree ${docs} is not here.\n`);
    } else {
      const lookupCases = parseLookupSet(fs.readFileSync(lookups, 'utf8'));
      const docsEngine = engineFromEnv({ ...io, env: { ...io.env, KNOWLEDGE_DIR: docs, KNOWLEDGE_BASE_URL: 'https://docs.mendix.com' } });
      const t0 = process.hrtime.bigint();
      const lookupAnswers = lookupCases.map((c) => docsEngine.answer(c.q));
      const lookupMs = Number(process.hrtime.bigint() - t0) / 1e6;
      const lookup = scoreLookups(lookupCases, lookupAnswers);
      output.lookups = { file: path.relative(process.cwd(), lookups), questions: lookup.questions, top1: lookup.top1, top3: lookup.top3, msPerQuestion: lookupMs / lookupCases.length };
      if (!json) {
        io.out(`\n${lookup.questions} lookups from ${path.relative(process.cwd(), lookups)} against ${path.relative(process.cwd(), docs)} (${(lookupMs / lookupCases.length).toFixed(2)} ms a question)\n`);
        io.out(row('right page first', lookup.top1) + row('right page in top 3', lookup.top3));
        if (verbose) for (const miss of lookup.misses) io.out(`\n✘ ${miss.q.slice(0, 160)}\n    expected ${miss.url}\n    got      ${miss.got.join(' | ')}\n`);
      }
    }
  }
  if (json) io.out(JSON.stringify(output) + '\n');
  return 0;
};

function printFailures(io: CliIo, results: ReturnType<typeof scoreAll>['results'], answers: ReturnType<ReturnType<typeof engineFromEnv>['answer']>[]): void {
  for (const [i, r] of results.entries()) {
    if (r.fullyRight) continue;
    const a = answers[i];
    const wrong = (['ucAt1', 'ucAt3', 'technologies', 'method', 'warnings', 'outOfScope', 'sources'] as const).filter((k) => r[k] === false);
    io.out(`\n✘ ${r.case.q.slice(0, 160)}\n    failed: ${wrong.join(', ')}\n    expected uc=${r.case.useCases.join(',')} tech=${(r.case.technologies ?? []).join(',')} method=${r.case.method ?? '-'} warn=${(r.case.warnings ?? []).join(',')} out=${r.case.outOfScope === true}\n`);
    io.out(`    got      uc=${a.useCases.map((u) => `${u.id}(${u.score})`).join(',')} tech=${a.technologies.map((t) => t.id).join(',')} method=${a.methods.map((m) => m.id).join(',')} warn=${a.warnings.map((w) => w.id).join(',')} conf=${a.confidence}\n`);
  }
}
