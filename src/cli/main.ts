#!/usr/bin/env node
import dotenv from 'dotenv';
import { BotError } from '../errors';
import { processIo, type CliIo, type Command } from './io';

/** Commands load lazily, so `ask` does not pay for Bolt and `serve` does not pay for the evaluator. */
const commands: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
  serve: { summary: 'run the bot: Slack (Socket Mode or HTTP) when configured, else a local console', load: () => import('./commands/serve') },
  ask: { summary: 'ask "question" [--json | --verbose] [--stdin]: answer questions', load: () => import('./commands/ask') },
  review: { summary: 'review [--json]: review a design matrix snippet read from stdin', load: () => import('./commands/review') },
  matrix: { summary: 'matrix [use case] [--json]: print the use case × method matrix', load: () => import('./commands/matrix') },
  check: { summary: 'check [dir ...]: lint knowledge folders (exit 1 with the problems)', load: () => import('./commands/check') },
  gaps: { summary: 'gaps: the most frequent unanswered questions and answers marked not helpful', load: () => import('./commands/gaps') },
  eval: { summary: 'eval [file.jsonl] [--verbose]: score answers against an evaluation set', load: () => import('./commands/eval') },
};

function help(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return [
    'integration-bot: Mendix integration best practices, answered.',
    '',
    'usage: integration-bot <command> [options]',
    '',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Configuration comes from the environment or a .env file (see .env.example).',
    '',
  ].join('\n');
}

/** Runs one CLI invocation and resolves to its exit code; errors become one clear line, never a stack trace. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(help());
    return 0;
  }
  const command = commands[name];
  if (!command) {
    io.err(`unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  try {
    const { run } = await command.load();
    return await run(args, io);
  } catch (error) {
    if (error instanceof BotError) {
      io.err(`${error.message}\n`);
      return error.code === 'CONFIG' ? 78 : 1;
    }
    io.err(`integration-bot ${name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (require.main === module) {
  // A reader that goes away (`... | head`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
  });
  dotenv.config({ quiet: true } as dotenv.DotenvConfigOptions);
  const argv = process.argv.slice(2);
  main(argv).then(
    (code) => {
      process.exitCode = code;
      // `serve` has stopped and said what it abandoned; a timer still waiting on Slack (a long Retry-After) or a
      // slow socket must not keep the process alive past the supervisor's stop timeout.
      if (argv[0] === 'serve') setTimeout(() => process.exit(code), 1000).unref();
    },
    (error) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
