import type { Config } from '../config';
import type { Logger } from '../log';
import type { FeedbackStore } from '../store/feedback-log';
import { createMemoryState } from './memory';
import { createRedisState, redisKeyPrefix } from './redis';
import type { StateStore } from './types';

export * from './types';
export { noOutbox, type OwedReply, type Outbox } from './outbox';
export { createMemoryState } from './memory';
export { createRedisState, readAllFeedback, redisKeyPrefix } from './redis';

/** Who the state belongs to: the Slack workspace and the bot user (from `auth.test`), so apps never share keys. */
export interface StateScope {
  teamId: string;
  botUserId: string;
}

/**
 * Opens the configured store: Redis when `REDIS_URL` is set (waiting up to `readyTimeoutMs` for the first
 * connection, then going on in process until it comes), this process otherwise.
 * @example const state = await openStateStore(config, log, { teamId: 'T1', botUserId: 'U1' });
 */
export async function openStateStore(
  config: Pick<Config, 'state' | 'rateLimit' | 'dataDir'>,
  log: Logger,
  scope: StateScope,
  options: { feedback?: FeedbackStore; readyTimeoutMs?: number } = {},
): Promise<StateStore> {
  if (!config.state.redisUrl) {
    return createMemoryState({ rateLimit: config.rateLimit, dataDir: config.dataDir, log, ...(options.feedback ? { feedback: options.feedback } : {}) });
  }
  const store = createRedisState({
    url: config.state.redisUrl,
    prefix: redisKeyPrefix(config.state.keyPrefix, scope.teamId, scope.botUserId),
    rateLimit: config.rateLimit,
    log,
  });
  if (await store.ready(options.readyTimeoutMs ?? 3000)) log.info('conversation state is shared on Redis');
  return store;
}

/**
 * A store whose backing store is attached later (after `auth.test` says which workspace the bot is in), so the
 * listeners can be registered with it before the app starts. Using it before `attach` is a programming error.
 */
export function createLateStateStore(): StateStore & { attach(store: StateStore): void; readonly attached: boolean } {
  let store: StateStore | undefined;
  const current = (): StateStore => {
    if (!store) throw new Error('the state store is used before the Slack app started');
    return store;
  };
  return {
    get kind() {
      return current().kind;
    },
    get attached() {
      return store !== undefined;
    },
    attach(real) {
      store = real;
    },
    claims: {
      claim: (key, ttl) => current().claims.claim(key, ttl),
      finish: (key, keep) => current().claims.finish(key, keep),
      release: (key) => current().claims.release(key),
      once: (key, keep) => current().claims.once(key, keep),
    },
    threads: {
      remember: (channel, ts, question, ids) => current().threads.remember(channel, ts, question, ids),
      question: (channel, ts) => current().threads.question(channel, ts),
    },
    limiter: { take: (user, channel) => current().limiter.take(user, channel) },
    channels: { get: (channel) => current().channels.get(channel), set: (channel, mode) => current().channels.set(channel, mode) },
    feedback: {
      get file() {
        return current().feedback.file;
      },
      append: (record) => current().feedback.append(record),
      readAll: () => current().feedback.readAll(),
    },
    outbox: {
      get durable() {
        return store?.outbox.durable ?? false;
      },
      put: (reply) => current().outbox.put(reply),
      consume: (deliver) => current().outbox.consume(deliver),
    },
    health: () => (store ? store.health() : Promise.resolve({ store: 'memory' as const, reachable: false })),
    close: () => (store ? store.close() : Promise.resolve()),
  };
}
