import readline from 'node:readline';
import { outcomeText } from '../../console/render';
import { resolveRequest } from '../../conversation/requests';
import { renderAnswerDetailsText } from '../../render/terminal';
import type { Command } from '../io';
import { engineFromEnv } from '../load';

const usage = 'usage: integration-bot ask [--json | --verbose] "question"\n       integration-bot ask --json --stdin   (one question per line, one JSON object per line)\n';

/**
 * `integration-bot ask`: answers a question for a terminal (the short answer; `--verbose` for every part of it), or
 * as the raw answer object in JSON (one line per question with --stdin). Text answers follow the conversation rules
 * (a snippet is reviewed, small talk gets one line); JSON is always the engine's answer.
 */
export const run: Command = async (args, io) => {
  const json = args.includes('--json');
  const stdin = args.includes('--stdin');
  const verbose = args.includes('--verbose');
  const unknown = args.filter((a) => a.startsWith('--') && !['--json', '--stdin', '--verbose'].includes(a));
  if (unknown.length > 0) {
    io.err(`unknown option ${unknown[0]}\n${usage}`);
    return 2;
  }
  const question = args.filter((a) => !a.startsWith('--')).join(' ').trim();
  if (!stdin && !question) {
    io.err(usage);
    return 2;
  }
  const engine = engineFromEnv(io);
  const print = (q: string) => {
    if (json) return io.out(JSON.stringify(engine.answer(q)) + '\n');
    if (verbose) return io.out(renderAnswerDetailsText(engine.answer(q)));
    io.out(outcomeText(resolveRequest(engine, { kind: 'ask', question: q }, { place: 'command' }), engine.corpus, 'cli'));
  };
  if (!stdin) {
    print(question);
    return 0;
  }
  const lines = readline.createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    // Every input line gets exactly one output line, blank ones included, so outputs pair with inputs.
    print(line);
  }
  return 0;
};
