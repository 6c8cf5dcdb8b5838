import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, SocketModeReceiver, type CustomRoute } from '@slack/bolt';
import type { Config } from '../config';
import type { Engine } from '../engine/types';
import { BotError, ConfigError } from '../errors';
import type { Logger } from '../log';
import { createFeedbackStore, type FeedbackStore } from '../store/feedback-log';
import { createAckFirstReceiver } from './ack-first-receiver';
import { toBoltLogger } from './bolt-logger';
import type { Bot } from './bot';
import { createDedupe } from './dedupe';
import { createInFlight } from './in-flight';
import { register as registerActions } from './listeners/actions';
import { integrationCommandName, register as registerCommands } from './listeners/commands';
import { register as registerEvents } from './listeners/events';
import { dedupeDeliveries, trackWork } from './middleware';
import { createRateLimiter } from './rate-limiter';
import { createRetry, type RetryOptions } from './retry';
import { createChannelModes } from '../state/channel-modes';
import { createThreadMemory } from '../state/thread-memory';

/** What the Slack side needs besides the configuration; everything but the engine and the logger has a default. */
export interface SlackDeps {
  /** The current engine; a getter because a knowledge reload swaps it. */
  engine: () => Engine;
  log: Logger;
  store?: FeedbackStore;
  now?: () => number;
  retry?: Partial<RetryOptions>;
  /** Socket Mode heartbeat; the reconnect delay after a `disconnect` is the client ping timeout. */
  socket?: { clientPingTimeoutMs?: number; serverPingTimeoutMs?: number };
}

export interface SlackBot {
  readonly app: App;
  readonly bot: Bot;
  /** Connects (Socket Mode) or listens (HTTP); resolves with the bound port in HTTP mode. */
  start(): Promise<{ port?: number }>;
  /** Stops taking new work, waits up to `timeoutMs` for replies in flight, then disconnects. */
  stop(timeoutMs?: number): Promise<{ unfinished: number }>;
}

/** The path Slack posts events, commands and interactions to in HTTP mode. */
export const eventsPath = '/slack/events';

const authErrors = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type']);

/** Turns a failed start into advice; the message never holds a token (the logger redacts too). */
function startError(error: unknown, config: Config, what: 'bot token' | 'app token'): Error {
  const code = (error as { data?: { error?: string } }).data?.error;
  if (code && authErrors.has(code)) {
    return what === 'bot token'
      ? new ConfigError(`Slack rejected SLACK_BOT_TOKEN (${code}): copy the Bot User OAuth Token (xoxb-…) again from OAuth & Permissions, and reinstall the app if it was removed.`)
      : new ConfigError(`Slack rejected SLACK_APP_TOKEN (${code}): create an App-Level Token with the connections:write scope under Basic Information > App-Level Tokens, and enable Socket Mode.`);
  }
  const where = config.slack.apiUrl ?? 'https://slack.com/api/';
  const reason = error instanceof Error ? error.message : String(error);
  return new BotError('SLACK_API', `Could not connect to Slack (${where}): ${reason}. Check the network and SLACK_API_URL.`);
}

/**
 * Builds the Bolt app for the configured transport (Socket Mode or HTTP), with the listeners, the delivery
 * de-duplication, the rate limiter, the thread memory, the retrying Web API wrapper and one error handler.
 * @example const slack = createSlackApp(readConfig(), { engine: () => knowledge.engine, log }); await slack.start();
 */
export function createSlackApp(config: Config, deps: SlackDeps): SlackBot {
  const { log } = deps;
  const { botToken, appToken, signingSecret, apiUrl } = config.slack;
  if (config.transport === 'console' || !botToken) {
    throw new ConfigError('Slack needs SLACK_BOT_TOKEN and either SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode).');
  }
  const boltLogger = toBoltLogger(log, config.logLevel);
  const inFlight = createInFlight();
  let server: Server | undefined;

  const receiver =
    config.transport === 'socket'
      ? new SocketModeReceiver({
          appToken: appToken!,
          logger: boltLogger,
          ...(deps.socket?.clientPingTimeoutMs ? { clientPingTimeout: deps.socket.clientPingTimeoutMs } : {}),
          ...(deps.socket?.serverPingTimeoutMs ? { serverPingTimeout: deps.socket.serverPingTimeoutMs } : {}),
          // The Socket Mode client keeps its own WebClient (for apps.connections.open) with its own retries.
          installerOptions: { clientOptions: apiUrl ? { slackApiUrl: apiUrl } : {} },
        })
      : createAckFirstReceiver({
          // Acknowledges each verified request on arrival and answers afterwards: an answer may take longer than
          // Slack's three seconds, and in a burst no acknowledgement waits for earlier answers.
          signingSecret: signingSecret!,
          path: eventsPath,
          log,
          routes: [healthRoute(() => inFlight.closing)],
          draining: () => inFlight.closing,
          track: (work) => inFlight.run(work),
        });

  const app = new App({
    token: botToken,
    receiver,
    logger: boltLogger,
    // Retries are done by `bot.call` (bounded, Retry-After aware); the WebClient's own would multiply them.
    clientOptions: { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 15_000 },
    // auth.test runs in start(), where a bad token becomes a clear error instead of an unhandled rejection.
    deferInitialization: true,
  });

  const bot: Bot = {
    engine: deps.engine,
    log,
    store: deps.store ?? createFeedbackStore(config.dataDir, log),
    limiter: createRateLimiter(config.rateLimit, deps.now),
    threads: createThreadMemory({ now: deps.now }),
    channels: createChannelModes(),
    call: createRetry(log, deps.retry),
    followUps: config.followUps,
    command: integrationCommandName,
  };

  app.use(trackWork(inFlight, log));
  app.use(dedupeDeliveries(createDedupe({ now: deps.now }), log));
  registerCommands(app, bot);
  registerEvents(app, bot);
  registerActions(app, bot);
  app.error(async (error) => {
    log.error('unhandled error in a Slack listener', { error, code: (error as { code?: unknown }).code });
  });

  let stopping: Promise<{ unfinished: number }> | undefined;
  return {
    app,
    bot,
    async start() {
      try {
        await app.init();
      } catch (error) {
        throw startError(error, config, 'bot token');
      }
      if (config.transport === 'socket') {
        try {
          await app.start();
        } catch (error) {
          throw startError(error, config, 'app token');
        }
        log.info('connected to Slack in Socket Mode');
        return {};
      }
      server = (await app.start({ port: config.port, host: config.host })) as Server;
      const port = (server.address() as AddressInfo).port;
      log.info('listening for Slack over HTTP', { host: config.host, port, path: eventsPath });
      return { port };
    },
    stop(timeoutMs = 10_000) {
      stopping ??= (async () => {
        log.info('stopping: no new work taken', { inFlight: inFlight.count, timeoutMs });
        const drained = inFlight.close(timeoutMs);
        const liveServer = server;
        const stopped = (async () => {
          try {
            await app.stop();
          } catch (error) {
            log.debug('receiver was not running', { error });
          }
        })();
        const result = await drained;
        // Connections still open after the wait (a client holding a keep-alive) must not keep the process up.
        liveServer?.closeAllConnections();
        await stopped;
        log.info('stopped', { unfinished: result.unfinished });
        return result;
      })();
      return stopping;
    },
  };
}

/** `GET /healthz`: 200 while serving, 503 while shutting down; nothing about the configuration. */
function healthRoute(closing: () => boolean): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      const ok = !closing();
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ status: ok ? 'ok' : 'stopping' }));
    },
  };
}
