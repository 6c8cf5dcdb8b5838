import dotenv from 'dotenv';
import { readConfig, type Config } from '../../config';
import { createLogger, type Logger } from '../../log';
import type { CliIo, Command } from '../io';

/** How long shutdown waits for replies in flight before it gives up on them. */
export const shutdownTimeoutMs = 10_000;

const usage = 'usage: integration-bot serve\n  Runs the Slack bot (Socket Mode or HTTP, from the environment or .env), or a local console without Slack credentials.\n';

/** The secrets the logger must never print. */
export function secretsOf(config: Config): string[] {
  const redisPassword = config.state.redisUrl ? redisPasswordOf(config.state.redisUrl) : undefined;
  return [config.slack.botToken, config.slack.appToken, config.slack.signingSecret, redisPassword].filter((s): s is string => !!s);
}

/** The password in a Redis URL (`redis://:secret@host`), which the logs must never show. */
function redisPasswordOf(url: string): string | undefined {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password.length >= 4 ? password : undefined;
  } catch {
    return undefined;
  }
}

/** Resolves on the first SIGTERM or SIGINT, with the signal's name. */
function untilSignal(): { done: Promise<NodeJS.Signals>; dispose: () => void } {
  let dispose = () => undefined as void;
  const done = new Promise<NodeJS.Signals>((resolve) => {
    const on = (signal: NodeJS.Signals) => resolve(signal);
    process.once('SIGTERM', on);
    process.once('SIGINT', on);
    dispose = () => {
      process.off('SIGTERM', on);
      process.off('SIGINT', on);
    };
  });
  return { done, dispose };
}

/**
 * `integration-bot serve` (`npm start`): reads `.env`, validates the configuration, loads the knowledge, and
 * serves Slack in Socket Mode (bot + app token) or HTTP mode (bot token + signing secret); with no Slack
 * credentials it runs the local console. SIGTERM/SIGINT stop taking new work, wait up to 10 s for replies in
 * flight, and exit 0.
 */
export const run: Command = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(usage);
    return 0;
  }
  if (args.length > 0) {
    io.err(`unknown argument ${args[0]}\n${usage}`);
    return 2;
  }
  // .env fills in what the environment does not set; the real environment wins.
  const env: NodeJS.ProcessEnv = { ...io.env };
  dotenv.config({ processEnv: env as dotenv.DotenvPopulateInput, quiet: true });
  const config = readConfig(env);
  const log = createLogger(config.logLevel, secretsOf(config), (line) => io.err(line + '\n'));
  return serve(config, io, log);
};

async function serve(config: Config, io: CliIo, log: Logger): Promise<number> {
  const onRejection = (reason: unknown) => log.error('unhandled promise rejection', { error: reason });
  process.on('unhandledRejection', onRejection);
  const signals = untilSignal();
  const { startKnowledge } = await import('../../runtime/service');
  const knowledge = await startKnowledge(config, log);
  try {
    if (config.transport === 'console') {
      const { runConsole } = await import('../../console');
      const abort = new AbortController();
      void signals.done.then(() => abort.abort());
      return await runConsole({ engine: () => knowledge.engine, input: io.stdin, out: io.out, err: io.err, interactive: io.stdinIsTTY, signal: abort.signal });
    }

    const { createSlackApp } = await import('../../slack');
    const slack = createSlackApp(config, { engine: () => knowledge.engine, log });
    await slack.start();
    const ended = await Promise.race([signals.done.then((signal) => ({ signal })), slack.fatal.then((error) => ({ error }))]);
    if ('error' in ended) {
      // A lost connection is not a clean stop: the supervisor must see a failure and restart or alert.
      await slack.stop(shutdownTimeoutMs);
      throw ended.error;
    }
    log.info('shutting down', { signal: ended.signal, timeoutMs: shutdownTimeoutMs });
    const { unfinished } = await slack.stop(shutdownTimeoutMs);
    if (unfinished > 0) log.warn('replies still in flight were abandoned', { unfinished });
    return 0;
  } finally {
    signals.dispose();
    await knowledge.close();
    process.off('unhandledRejection', onRejection);
  }
}
