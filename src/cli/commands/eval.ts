import fs from 'node:fs';
import path from 'node:path';
import { parseEvalSet, scoreAll } from '../../eval/score';
import type { Command } from '../io';
import { engineFromEnv } from '../load';

const defaultSet = path.resolve(__dirname, '../../../../test/eval/dev-questions.jsonl');

/**
 * `integration-bot eval [file.jsonl] [--verbose] [--json]`: answers every question of an evaluation set and
 * prints use-case accuracy at 1 and 3, technology, method, warning, out-of-scope and fully-right scores.
 */
export const run: Command = async (args, io) => {
  const file = args.find((a) => !a.startsWith('--')) ?? defaultSet;
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
  if (args.includes('--json')) {
    const { results, ...figures } = report;
    io.out(JSON.stringify({ ...figures, msPerQuestion: ms / cases.length, failures: results.filter((r) => !r.fullyRight).map((r) => r.case.q) }) + '\n');
    return 0;
  }
  const row = (name: string, value: number) => `  ${name.padEnd(22)} ${value.toFixed(3)}\n`;
  io.out(`${report.questions} questions from ${path.relative(process.cwd(), file)} (${(ms / cases.length).toFixed(2)} ms a question)\n`);
  io.out(row('use case @1', report.useCaseAt1) + row('use case @3', report.useCaseAt3) + row('technologies', report.technologies));
  io.out(row('method', report.method) + row('warnings', report.warnings) + row('out of scope', report.outOfScope) + row('fully right', report.fullyRight));
  if (args.includes('--verbose')) {
    for (const [i, r] of report.results.entries()) {
      if (r.fullyRight) continue;
      const a = answers[i];
      const wrong = (['ucAt1', 'ucAt3', 'technologies', 'method', 'warnings', 'outOfScope', 'sources'] as const).filter((k) => r[k] === false);
      io.out(`\n✘ ${r.case.q.slice(0, 160)}\n    failed: ${wrong.join(', ')}\n    expected uc=${r.case.useCases.join(',')} tech=${(r.case.technologies ?? []).join(',')} method=${r.case.method ?? '-'} warn=${(r.case.warnings ?? []).join(',')} out=${r.case.outOfScope === true}\n`);
      io.out(`    got      uc=${a.useCases.map((u) => `${u.id}(${u.score})`).join(',')} tech=${a.technologies.map((t) => t.id).join(',')} method=${a.methods.map((m) => m.id).join(',')} warn=${a.warnings.map((w) => w.id).join(',')} conf=${a.confidence}\n`);
    }
  }
  return 0;
};
