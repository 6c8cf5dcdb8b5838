import fs from 'node:fs';
import path from 'node:path';
import { isAnswerKey, parseAnswerKey, scoreAnswers, type AnswerReport } from '../../eval/answers';
import { parseEvalSet, parseLookupSet, scoreAll, scoreLookups } from '../../eval/score';
import type { Engine } from '../../engine';
import type { CliIo, Command } from '../io';
import { engineFromEnv } from '../load';

const root = path.resolve(__dirname, '../../../..');
/** What `npm run eval` scores: the use-case sets of the first release, then the answer keys. */
const defaultSets = ['dev-questions.jsonl', 'blind-questions.jsonl', 'answers-dev.jsonl', 'answers-dev2.jsonl', 'answers-dev3.jsonl', 'answers-dev4.jsonl', 'answers-dev5.jsonl', 'answers-dev6.jsonl', 'answers-dev7.jsonl', 'answers-dev8.jsonl', 'answers-dev9.jsonl', 'answers-dev10.jsonl', 'answers-scope.jsonl', 'answers-heldout.jsonl', 'answers-heldout2.jsonl', 'answers-heldout3.jsonl', 'answers-heldout4.jsonl'].map((f) => path.join(root, 'test/eval', f));
const defaultLookups = path.join(root, 'test/eval/dev-lookups.jsonl');
const defaultDocs = path.resolve(root, '../shared/mendix-docs');

const row = (name: string, value: number) => `  ${name.padEnd(22)} ${value.toFixed(3)}\n`;

/**
 * `integration-bot eval [set.jsonl ...] [--lookups lookups.jsonl --docs dir] [--verbose] [--json]`:
 * answers every question of each evaluation set. A use-case set prints use-case accuracy at 1 and 3,
 * technology, method, warning, out-of-scope and fully-right scores; an answer key prints, per intent, the
 * share of answers whose lead is acceptable, the confidently wrong ones and a calibration table. Then, when
 * the documentation tree is there, the share of feature lookups whose page is among the top three sources.
 */
export const run: Command = async (args, io) => {
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const positional = args.filter((a, i) => !a.startsWith('--') && !['--lookups', '--docs'].includes(args[i - 1] ?? ''));
  const files = positional.length > 0 ? positional : defaultSets.filter((f) => fs.existsSync(f));
  const verbose = args.includes('--verbose');
  const json = args.includes('--json');
  const output: Record<string, unknown> = {};
  const engine = engineFromEnv(io);

  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      io.err(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
    const name = path.relative(process.cwd(), file);
    try {
      if (isAnswerKey(text)) output[name] = runAnswerKey(io, engine, name, text, { verbose, json });
      else output[name] = runUseCaseSet(io, engine, name, text, { verbose, json });
    } catch (error) {
      io.err(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
  }

  const lookups = option('--lookups') ?? (positional.length > 0 ? undefined : defaultLookups);
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

interface Show {
  verbose: boolean;
  json: boolean;
}

function runUseCaseSet(io: CliIo, engine: Engine, name: string, text: string, show: Show) {
  const cases = parseEvalSet(text);
  const started = process.hrtime.bigint();
  const answers = cases.map((c) => engine.answer(c.q));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const report = scoreAll(cases, answers);
  const { results, ...figures } = report;
  if (!show.json) {
    io.out(`\n${report.questions} questions from ${name} (${(ms / cases.length).toFixed(2)} ms a question)\n`);
    io.out(row('use case @1', report.useCaseAt1) + row('use case @3', report.useCaseAt3) + row('technologies', report.technologies));
    io.out(row('method', report.method) + row('warnings', report.warnings) + row('out of scope', report.outOfScope) + row('fully right', report.fullyRight));
  }
  if (show.verbose && !show.json) printFailures(io, results, answers);
  return { ...figures, msPerQuestion: ms / cases.length };
}

function runAnswerKey(io: CliIo, engine: Engine, name: string, text: string, show: Show) {
  const cases = parseAnswerKey(text);
  const answers = cases.map((c) => engine.answer(c.q));
  const report = scoreAnswers(cases, answers);
  const { results, ...figures } = report;
  if (!show.json) {
    io.out(`\n${report.questions} questions from ${name} (answer key)\n`);
    io.out(`  ${'intent'.padEnd(14)} ${'n'.padStart(4)}  ${'lead right'.padStart(10)}  ${'intent right'.padStart(12)}  ${'confidently wrong'.padStart(17)}\n`);
    for (const f of report.perIntent) {
      io.out(`  ${f.intent.padEnd(14)} ${String(f.questions).padStart(4)}  ${f.leadRight.toFixed(3).padStart(10)}  ${f.intentRight.toFixed(3).padStart(12)}  ${String(f.confidentlyWrong).padStart(17)}\n`);
    }
    io.out(row('lead right in scope', report.leadRightInScope) + row('out of scope declined', report.declined));
    io.out(row('warnings raised', report.warningsRaised) + row('use cases found', report.useCasesFound));
    io.out(`  ${'confidently wrong'.padEnd(22)} ${report.confidentlyWrong}\n  calibration (confidence -> share right):\n`);
    for (const b of report.calibration) {
      io.out(`    ${b.from.toFixed(1)}-${b.to.toFixed(1)}  ${String(b.answers).padStart(4)} answers  ${Number.isNaN(b.right) ? '    -' : b.right.toFixed(3)}\n`);
    }
  }
  if (show.verbose && !show.json) printAnswerMisses(io, report, answers);
  return figures;
}

function printAnswerMisses(io: CliIo, report: AnswerReport, answers: ReturnType<Engine['answer']>[]): void {
  for (const [i, r] of report.results.entries()) {
    if (r.leadRight && r.warningsRaised && r.intentRight) continue;
    const a = answers[i];
    io.out(`\n${r.leadRight ? '~' : '✘'} ${r.case.q.slice(0, 160)}\n    key  intent=${r.case.intent} lead=${r.case.lead.join(',')} warn=${(r.case.warnings ?? []).join(',')}\n`);
    io.out(`    got  intent=${a.intent} lead=${r.got} conf=${a.confidence} warn=${a.warnings.map((w) => w.id).join(',')} uc=${a.useCases.map((u) => u.id).join(',')}\n    ${a.headline.slice(0, 200)}\n`);
  }
}

function printFailures(io: CliIo, results: ReturnType<typeof scoreAll>['results'], answers: ReturnType<ReturnType<typeof engineFromEnv>['answer']>[]): void {
  for (const [i, r] of results.entries()) {
    if (r.fullyRight) continue;
    const a = answers[i];
    const wrong = (['ucAt1', 'ucAt3', 'technologies', 'method', 'warnings', 'outOfScope', 'sources'] as const).filter((k) => r[k] === false);
    io.out(`\n✘ ${r.case.q.slice(0, 160)}\n    failed: ${wrong.join(', ')}\n    expected uc=${r.case.useCases.join(',')} tech=${(r.case.technologies ?? []).join(',')} method=${r.case.method ?? '-'} warn=${(r.case.warnings ?? []).join(',')} out=${r.case.outOfScope === true}\n`);
    io.out(`    got      uc=${a.useCases.map((u) => `${u.id}(${u.score})`).join(',')} tech=${a.technologies.map((t) => t.id).join(',')} method=${a.methods.map((m) => m.id).join(',')} warn=${a.warnings.map((w) => w.id).join(',')} conf=${a.confidence}\n`);
  }
}
