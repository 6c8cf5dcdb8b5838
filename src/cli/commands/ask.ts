import readline from 'node:readline';
import { renderAnswerText } from '../../render/terminal';
import type { Command } from '../io';
import { engineFromEnv } from '../load';

const usage = 'usage: integration-bot ask [--json] "question"\n       integration-bot ask --json --stdin   (one question per line, one JSON object per line)\n';

/** `integration-bot ask`: answers a question for a terminal, or as JSON (one line per question with --stdin). */
export const run: Command = async (args, io) => {
  const json = args.includes('--json');
  const stdin = args.includes('--stdin');
  const unknown = args.filter((a) => a.startsWith('--') && !['--json', '--stdin'].includes(a));
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
    const answer = engine.answer(q);
    io.out(json ? JSON.stringify(answer) + '\n' : renderAnswerText(answer));
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
