import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { Logger } from '../log';
import type { FeedbackRecord, FeedbackStore, NewRecord } from '../store/feedback-log';
import { parseFeedbackLines } from '../store/feedback-log';
import { createMemoryChannelModes, createMemoryClaims, createMemoryThreads } from './memory';
import { createRedisOutbox } from './outbox';
import { createRateLimits } from './rate-limits';
import { anchorOf, stateLimits, type ChannelModes, type ClaimResult, type Claims, type RateLimitSettings, type StateStore, type ThreadAnchor, type ThreadMemory } from './types';

/**
 * State in Redis, shared by every instance of the bot that uses the same `REDIS_URL` and Slack app. Key layout,
 * under `<REDIS_KEY_PREFIX>:<team id>:<bot user id>:` (one prefix per Slack app and workspace):
 *
 * | key | type | expiry |
 * | --- | --- | --- |
 * | `claim:event:<event_id>`, `claim:msg:<type>:<channel>:<ts>` | string `busy`/`done` | busy: the claim's time; done: 2 h |
 * | `claim:sig:<signature>` | string `done` | 11 min (the five-minute window either way, and a margin) |
 * | `claim:action:<trigger_id>:<action_id>` | string `busy`/`done` | as the event claims |
 * | `claim:rl:told:…` | string | the rate-limit window |
 * | `thread:<channel>:<thread_ts>` | JSON `{question, answerIds}`, question ≤ 1,000 chars | 24 h |
 * | `mode:<channel>` | string `all` (absent = mentions) | 180 days |
 * | `rl:user:<user>`, `rl:channel:<channel>` | rate-limiter-flexible counters | the window |
 * | `feedback` | stream, one `r` field of JSON per record, capped at ~100,000 entries | 400 days after the last |
 * | `outbox` | stream of replies handed over by stopping instances, consumer group `deliverers` | 24 h after the last |
 *
 * When Redis cannot be reached the store keeps working in this process (claims, threads, modes and limits in
 * `lru-cache` maps, feedback buffered and written to the stream when Redis is back), logs one warning, and goes
 * back to Redis when the connection is ready again. The trade-off: a retry that arrives during the outage on
 * another instance is not recognised and may be answered twice.
 */

export interface RedisStateOptions {
  url: string;
  /** Full key prefix, ending in `:` (see `redisKeyPrefix`). */
  prefix: string;
  rateLimit: RateLimitSettings;
  log: Logger;
  /** How long one command may take before the call falls back to this process. */
  commandTimeoutMs?: number;
}

/** The key prefix for one Slack app in one workspace. */
export function redisKeyPrefix(base: string, teamId: string, botUserId: string): string {
  return `${base}:${teamId}:${botUserId}:`;
}

const feedbackMaxLen = 100_000;
const feedbackTtlMs = 400 * 24 * 60 * 60 * 1000;
/** Records kept while Redis is away, written to the stream when it is back. */
const maxBufferedFeedback = 10_000;

// One round trip: take the claim, or say who holds it. SET NX and GET run atomically inside the script.
const claimScript = `
if redis.call('SET', KEYS[1], 'busy', 'PX', ARGV[1], 'NX') then return 'claimed' end
return redis.call('GET', KEYS[1]) or 'claimed'`;

type RedisWithClaim = Redis & { stateClaim(key: string, ttlMs: number): Promise<string> };

/** Opens the Redis connection (without waiting for it) and returns the shared store. */
export function createRedisState(options: RedisStateOptions): StateStore & { ready(timeoutMs: number): Promise<boolean> } {
  const { log, prefix } = options;
  const redis = new Redis(options.url, {
    // A command while disconnected fails at once (and falls back) instead of queueing behind a reconnect.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? 1000,
    connectTimeout: 2000,
    // Reconnect for as long as the process lives, at most every 2 s.
    retryStrategy: (times) => Math.min(times * 100, 2000),
  }) as RedisWithClaim;
  redis.defineCommand('stateClaim', { numberOfKeys: 1, lua: claimScript });

  let up = false;
  let announcedDown = false;
  redis.on('ready', () => {
    up = true;
    if (announcedDown) log.warn('Redis is reachable again; shared state is back on Redis');
    announcedDown = false;
    void flushFeedback();
  });
  let lastCommandWarning = 0;
  const markDown = (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const connectionLost = /closed|writeable|ECONN|EPIPE|ENOTFOUND|EAI_AGAIN/i.test(message);
    if (redis.status === 'ready' && !connectionLost) {
      // Connected, yet a command failed (a timeout, a busy server): this call is answered from the process. Said at
      // most once a minute, and the connection's own events still report a real outage.
      if (Date.now() - lastCommandWarning > 60_000) log.warn('a Redis command failed; answered from this process', { error: message });
      lastCommandWarning = Date.now();
      return;
    }
    up = false;
    if (redis.status === 'ready') {
      // The socket broke before the client noticed; should it not notice (no new 'ready' to come), look again.
      setTimeout(() => {
        if (!up && redis.status === 'ready') {
          up = true;
          if (announcedDown) log.warn('Redis is reachable again; shared state is back on Redis');
          announcedDown = false;
        }
      }, 2000).unref();
    }
    if (announcedDown) return;
    announcedDown = true;
    log.warn('Redis is unreachable; keeping conversation state in this process until it is back (a retry answered elsewhere may be answered again meanwhile)', { error: message });
  };
  redis.on('error', (error) => markDown(error));
  redis.on('close', () => {
    if (up) markDown(new Error('connection closed'));
    up = false;
  });

  /** Runs `op` on Redis while it is up; otherwise, or when it fails, the in-process `fallback`. */
  const use = async <T>(op: () => Promise<T>, fallback: () => Promise<T>): Promise<T> => {
    if (!up) return fallback();
    try {
      return await op();
    } catch (error) {
      markDown(error);
      return fallback();
    }
  };

  const k = (key: string) => prefix + key;

  const local = { claims: createMemoryClaims(), threads: createMemoryThreads(), channels: createMemoryChannelModes() };

  const claims: Claims = {
    claim: (key, ttlMs) =>
      use(async () => (await redis.stateClaim(k(`claim:${key}`), Math.max(1, Math.round(ttlMs)))) as ClaimResult, () => local.claims.claim(key, ttlMs)),
    finish: (key, keepMs) =>
      use(
        async () => void (await redis.set(k(`claim:${key}`), 'done', 'PX', Math.max(1, Math.round(keepMs)))),
        () => local.claims.finish(key, keepMs),
      ),
    release: (key) => use(async () => void (await redis.del(k(`claim:${key}`))), () => local.claims.release(key)),
    once: (key, keepMs) =>
      use(async () => (await redis.set(k(`claim:${key}`), 'done', 'PX', Math.max(1, Math.round(keepMs)), 'NX')) === 'OK', () => local.claims.once(key, keepMs)),
  };

  const threads: ThreadMemory = {
    remember: (channel, threadTs, question, answerIds) =>
      use(
        async () => void (await redis.set(k(`thread:${channel}:${threadTs}`), JSON.stringify(anchorOf(question, answerIds)), 'PX', stateLimits.threadTtlMs)),
        () => local.threads.remember(channel, threadTs, question, answerIds),
      ),
    question: (channel, threadTs) =>
      use(
        async () => {
          const raw = await redis.get(k(`thread:${channel}:${threadTs}`));
          return raw ? (JSON.parse(raw) as ThreadAnchor).question : undefined;
        },
        () => local.threads.question(channel, threadTs),
      ),
  };

  const channels: ChannelModes = {
    get: (channel) => use(async () => ((await redis.get(k(`mode:${channel}`))) === 'all' ? 'all' : 'mentions'), () => local.channels.get(channel)),
    set: (channel, mode) =>
      use(
        async () => void (mode === 'mentions' ? await redis.del(k(`mode:${channel}`)) : await redis.set(k(`mode:${channel}`), mode, 'PX', stateLimits.channelModeTtlMs)),
        () => local.channels.set(channel, mode),
      ),
  };

  // rate-limiter-flexible falls back to its insurance limiter (in this process) when Redis fails.
  const limiter = createRateLimits(
    options.rateLimit,
    ({ keyPrefix, points, durationSec }) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: k(keyPrefix),
        points,
        duration: durationSec,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration: durationSec }),
      }),
    (key, ttl) => claims.once(key, ttl),
  );

  const buffered: FeedbackRecord[] = [];
  const feedbackKey = k('feedback');
  const writeFeedback = async (records: FeedbackRecord[]) => {
    const pipeline = redis.pipeline();
    for (const record of records) pipeline.xadd(feedbackKey, 'MAXLEN', '~', feedbackMaxLen, '*', 'r', JSON.stringify(record));
    pipeline.pexpire(feedbackKey, feedbackTtlMs);
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
  };
  async function flushFeedback(): Promise<void> {
    if (buffered.length === 0) return;
    const records = buffered.splice(0, buffered.length);
    try {
      await writeFeedback(records);
      log.info('feedback kept during the Redis outage was written', { records: records.length });
    } catch (error) {
      buffered.unshift(...records.slice(0, maxBufferedFeedback));
      markDown(error);
    }
  }
  const feedback: FeedbackStore = {
    file: `redis stream ${feedbackKey}`,
    async append(record: NewRecord) {
      const full = { ...record, question: record.question.slice(0, 1000), at: new Date().toISOString() } as FeedbackRecord;
      await use(
        () => writeFeedback([full]),
        async () => {
          if (buffered.length < maxBufferedFeedback) buffered.push(full);
          else log.error('feedback dropped: Redis is away and the buffer is full', { buffered: buffered.length });
        },
      );
    },
    async readAll() {
      const stored = await use(() => readFeedbackStream(redis, feedbackKey), async () => []);
      return [...stored, ...buffered];
    },
  };

  return {
    kind: 'redis',
    claims,
    threads,
    limiter,
    channels,
    feedback,
    outbox: createRedisOutbox(redis, k('outbox'), log, () => up),
    async health() {
      if (!up) return { store: 'redis', reachable: false };
      try {
        return { store: 'redis', reachable: (await redis.ping()) === 'PONG' };
      } catch {
        return { store: 'redis', reachable: false };
      }
    },
    async ready(timeoutMs) {
      if (up) return true;
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          redis.off('ready', onReady);
          resolve(false);
        }, timeoutMs);
        const onReady = () => {
          clearTimeout(timer);
          resolve(true);
        };
        redis.once('ready', onReady);
      });
    },
    async close() {
      if (up) await flushFeedback();
      up = false;
      redis.removeAllListeners('close');
      try {
        await Promise.race([redis.quit(), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      } catch {
        // already gone
      }
      redis.disconnect();
    },
  };
}

/** Every record of one feedback stream, oldest first, read in pages. */
export async function readFeedbackStream(redis: Redis, key: string): Promise<FeedbackRecord[]> {
  const lines: string[] = [];
  let start = '-';
  for (let page = 0; page < 1000; page++) {
    const entries = await redis.xrange(key, start, '+', 'COUNT', 1000);
    for (const [, fields] of entries) {
      const at = fields.indexOf('r');
      if (at !== -1 && fields[at + 1] !== undefined) lines.push(fields[at + 1]);
    }
    if (entries.length < 1000) break;
    start = `(${entries[entries.length - 1][0]}`;
  }
  return parseFeedbackLines(lines.join('\n'));
}

/**
 * Reads the feedback of every Slack app and workspace under `base` (what `integration-bot gaps` lists).
 * @example await readAllFeedback('redis://127.0.0.1:6379', 'integration-bot')
 */
export async function readAllFeedback(url: string, base: string): Promise<{ records: FeedbackRecord[]; keys: string[] }> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 3000, retryStrategy: () => null, lazyConnect: true });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    const keys: string[] = [];
    let cursor = '0';
    for (let round = 0; round < 10_000; round++) {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${base}:*:feedback`, 'COUNT', 1000);
      keys.push(...found);
      cursor = next;
      if (cursor === '0') break;
    }
    const records: FeedbackRecord[] = [];
    for (const key of keys.sort()) records.push(...(await readFeedbackStream(redis, key)));
    records.sort((a, b) => a.at.localeCompare(b.at));
    return { records, keys };
  } finally {
    redis.disconnect();
  }
}
