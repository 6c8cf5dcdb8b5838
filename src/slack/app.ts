import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, SocketModeReceiver, type CustomRoute } from '@slack/bolt';
import type { Config } from '../config';
import type { Engine } from '../engine/types';
import { BotError, ConfigError } from '../errors';
import type { Logger } from '../log';
import { createLateStateStore, openStateStore, type StateStore } from '../state';
import type { FeedbackStore } from '../store/feedback-log';
import { createAckFirstReceiver } from './ack-first-receiver';
import { toBoltLogger } from './bolt-logger';
import type { Bot } from './bot';
import { createInFlight } from './in-flight';
import { register as registerActions } from './listeners/actions';
import { integrationCommandName, register as registerCommands } from './listeners/commands';
import { register as registerEvents } from './listeners/events';
import { claimDeliveries, trackWork, type DeliveryClaimOptions } from './middleware';
import { createRetry, sdkRetryConfig, type RetryOptions } from './retry';
import { createOwedDelivery } from './owed-delivery';
import { disconnectSocketMode, watchSocketMode } from './socket-watch';

/** What the Slack side needs besides the configuration; everything but the engine and the logger has a default. */
export interface SlackDeps {
  /** The current engine; a getter because a knowledge reload swaps it. */
  engine: () => Engine;
  log: Logger;
  /** The state store; by default the configured one (Redis with `REDIS_URL`, else in process), opened at start. */
  state?: StateStore;
  /** The feedback log of the in-process store (tests); ignored when `state` is given or Redis is configured. */
  store?: FeedbackStore;
  /** How repeated deliveries wait for the one being answered (tests shorten it). */
  claims?: Partial<DeliveryClaimOptions>;
  retry?: Partial<RetryOptions>;
  /** Socket Mode heartbeat; the reconnect delay after a `disconnect` is the client ping timeout. */
  socket?: { clientPingTimeoutMs?: number; serverPingTimeoutMs?: number };
}

export interface SlackBot {
  readonly app: App;
  readonly bot: Bot;
  /** Connects (Socket Mode) or listens (HTTP); resolves with the bound port in HTTP mode. */
  start(): Promise<{ port?: number }>;
  /**
   * Resolves when the connection to Slack is lost for good after start (Socket Mode: the app token was revoked),
   * with an error that says what to fix; the process should then exit non-zero. Never resolves otherwise.
   */
  readonly fatal: Promise<Error>;
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
  // The store is opened in start(), once auth.test has said which workspace and bot user its keys belong to.
  const state = createLateStateStore();
  if (deps.state) state.attach(deps.state);

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
          routes: [healthRoute(() => inFlight.closing, state)],
          // The same signed request twice (a replay: same body, timestamp and signature) is acted on once.
          firstSeen: (signature) => state.claims.once(`sig:${signature}`, replayWindowMs),
          draining: () => inFlight.closing,
          track: (work) => inFlight.run(work),
        });

  let reportFatal: (error: Error) => void = () => undefined;
  const fatal = new Promise<Error>((resolve) => {
    reportFatal = resolve;
  });
  if (receiver instanceof SocketModeReceiver) {
    watchSocketMode(receiver, (error) => {
      const advice = startError(error, config, 'app token');
      log.error('the Socket Mode connection to Slack is lost for good', { error: advice.message });
      reportFatal(advice);
    });
  }

  const app = new App({
    token: botToken,
    receiver,
    logger: boltLogger,
    // The WebClient retries 5xx and connect errors itself, never an error after which a message may have been
    // posted (`sdkRetryConfig`); 429s come back to `bot.call`, which bounds the wait. A slow post is waited for
    // (60 s) rather than cut off: a post cut off at the client may still land, and the user would then get the
    // apology and the answer.
    clientOptions: { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), retryConfig: sdkRetryConfig(deps.retry), rejectRateLimitedCalls: true, timeout: 60_000 },
    // auth.test runs in start(), where a bad token becomes a clear error instead of an unhandled rejection.
    deferInitialization: true,
  });

  // A reply waiting to be retried when shutdown begins is handed to another instance (Redis only).
  const call = createRetry(log, deps.retry, { closing: () => inFlight.closing, outbox: state.outbox });
  let consumer: { stop(): Promise<void> } | undefined;

  const bot: Bot = {
    engine: deps.engine,
    log,
    store: state.feedback,
    limiter: state.limiter,
    threads: state.threads,
    channels: state.channels,
    state,
    call,
    followUps: config.followUps,
    command: integrationCommandName,
  };

  app.use(trackWork(inFlight, log));
  app.use(claimDeliveries(state.claims, log, { stopping: () => inFlight.closing, ...deps.claims }));
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
    fatal,
    async start() {
      let identity: { team_id?: string; user_id?: string };
      try {
        await app.init();
        identity = await app.client.auth.test();
      } catch (error) {
        throw startError(error, config, 'bot token');
      }
      if (!state.attached) {
        const scope = { teamId: identity.team_id ?? 'unknown-team', botUserId: identity.user_id ?? 'unknown-bot' };
        state.attach(await openStateStore(config, log, scope, deps.store ? { feedback: deps.store } : {}));
      }
      // Replies that stopping instances handed over are sent by whichever instance reads them first.
      if (state.outbox.durable) consumer = state.outbox.consume(createOwedDelivery(app, call));
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
        // Nothing waits out a Retry-After past the grace period: waiting replies go to another instance.
        if (state.attached && state.outbox.durable) call.handOverWaiting();
        const liveServer = server;
        const stopped = (async () => {
          try {
            // Socket Mode: resolved once the connection is closed, not when its close has only begun (see
            // disconnectSocketMode), so nothing of it outlives stop().
            if (receiver instanceof SocketModeReceiver) await disconnectSocketMode(receiver, socketCloseTimeoutMs);
            else await app.stop();
          } catch (error) {
            log.debug('receiver was not running', { error });
          }
        })();
        const result = await drained;
        // Connections still open after the wait (a client holding a keep-alive) must not keep the process up.
        liveServer?.closeAllConnections();
        await stopped;
        await consumer?.stop();
        if (!deps.state) await state.close();
        log.info('stopped', { unfinished: result.unfinished });
        return result;
      })();
      return stopping;
    },
  };
}

/** How long Slack gets to answer the close frame of a Socket Mode connection before it is cut off. */
const socketCloseTimeoutMs = 2000;

/** How long a request signature is remembered: the five minutes a timestamp is valid, either way, and a margin. */
const replayWindowMs = 11 * 60 * 1000;

/**
 * `GET /healthz`: 200 while serving, 503 while shutting down, and whether the state store answers (the bot keeps
 * answering from in-process state while Redis is away, so that is not a 503); nothing about the configuration.
 */
function healthRoute(closing: () => boolean, state: StateStore): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      const ok = !closing();
      state
        .health()
        .catch(() => ({ store: state.kind, reachable: false }))
        .then((health) => {
          res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
          res.end(JSON.stringify({ status: ok ? 'ok' : 'stopping', state: health }));
        });
    },
  };
}
