import { LRUCache } from 'lru-cache';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Logger } from '../log';
import { createFeedbackStore, type FeedbackStore } from '../store/feedback-log';
import { noOutbox } from './outbox';
import { createRateLimits } from './rate-limits';
import {
  anchorOf,
  stateLimits,
  type ChannelMode,
  type ChannelModes,
  type Claims,
  type RateLimitSettings,
  type StateStore,
  type ThreadAnchor,
  type ThreadMemory,
} from './types';

/** Bounds of the in-process maps: entries and bytes, on top of the ages in `stateLimits`. */
export interface MemoryBounds {
  /** Claims remembered (deliveries, signatures, clicks, rate-limit notices). */
  maxClaims: number;
  /** Threads remembered. */
  maxThreads: number;
  /** Total size of the remembered anchor questions, in UTF-16 code units (about bytes × 2). */
  maxThreadChars: number;
  maxChannels: number;
}

export const memoryBounds: Readonly<MemoryBounds> = Object.freeze({
  maxClaims: 50_000,
  maxThreads: 20_000,
  maxThreadChars: 4_000_000,
  maxChannels: 10_000,
});

/** Claims in one process: what `memory.ts` and the Redis store's fallback use. */
export function createMemoryClaims(maxClaims = memoryBounds.maxClaims): Claims {
  const claims = new LRUCache<string, 'busy' | 'done'>({ max: maxClaims, ttl: stateLimits.doneTtlMs });
  return {
    async claim(key, ttlMs) {
      const held = claims.get(key);
      if (held) return held;
      claims.set(key, 'busy', { ttl: ttlMs });
      return 'claimed';
    },
    async finish(key, keepMs) {
      claims.set(key, 'done', { ttl: keepMs });
    },
    async release(key) {
      claims.delete(key);
    },
    async once(key, keepMs) {
      if (claims.has(key)) return false;
      claims.set(key, 'done', { ttl: keepMs });
      return true;
    },
  };
}

/** Thread memory in one process, bounded by count, by total question size and by age. */
export function createMemoryThreads(bounds: Pick<MemoryBounds, 'maxThreads' | 'maxThreadChars'> = memoryBounds): ThreadMemory {
  const threads = new LRUCache<string, ThreadAnchor>({
    max: bounds.maxThreads,
    maxSize: bounds.maxThreadChars,
    sizeCalculation: (anchor) => anchor.question.length + anchor.answerIds.join('').length + 64,
    ttl: stateLimits.threadTtlMs,
  });
  const key = (channel: string, threadTs: string) => `${channel}:${threadTs}`;
  return {
    async remember(channel, threadTs, question, answerIds) {
      threads.set(key(channel, threadTs), anchorOf(question, answerIds));
    },
    async question(channel, threadTs) {
      return threads.get(key(channel, threadTs))?.question;
    },
  };
}

export function createMemoryChannelModes(maxChannels = memoryBounds.maxChannels): ChannelModes {
  const modes = new LRUCache<string, ChannelMode>({ max: maxChannels, ttl: stateLimits.channelModeTtlMs });
  return {
    async get(channel) {
      return modes.get(channel) ?? 'mentions';
    },
    async set(channel, mode) {
      if (mode === 'mentions') modes.delete(channel);
      else modes.set(channel, mode);
    },
  };
}

export interface MemoryStateOptions {
  rateLimit: RateLimitSettings;
  /** Where `feedback.jsonl` is appended. */
  dataDir: string;
  log: Logger;
  /** Another feedback store (tests, or the Redis store's outage buffer). */
  feedback?: FeedbackStore;
  bounds?: Partial<MemoryBounds>;
}

/**
 * State kept in this process: what `npm start` uses without `REDIS_URL`. Every map is an `lru-cache` bounded by
 * entries and age (thread memory by size too); feedback goes to `DATA_DIR/feedback.jsonl`. A restart forgets all
 * but the feedback, which only means the next follow-up in an old thread needs a mention.
 * @example const state = createMemoryState({ rateLimit: config.rateLimit, dataDir: config.dataDir, log });
 */
export function createMemoryState(options: MemoryStateOptions): StateStore {
  const bounds = { ...memoryBounds, ...options.bounds };
  const claims = createMemoryClaims(bounds.maxClaims);
  return {
    kind: 'memory',
    claims,
    threads: createMemoryThreads(bounds),
    limiter: createRateLimits(options.rateLimit, memoryLimiter, (key, ttl) => claims.once(key, ttl)),
    channels: createMemoryChannelModes(bounds.maxChannels),
    feedback: options.feedback ?? createFeedbackStore(options.dataDir, options.log),
    outbox: noOutbox,
    async health() {
      return { store: 'memory', reachable: true };
    },
    async close() {},
  };
}

/** The `rate-limiter-flexible` in-process limiter (its keys expire with their window). */
export const memoryLimiter = (o: { keyPrefix: string; points: number; durationSec: number }) =>
  new RateLimiterMemory({ keyPrefix: o.keyPrefix, points: o.points, duration: o.durationSec });
