import type { FeedbackStore } from '../store/feedback-log';
import type { Outbox } from './outbox';

/**
 * What a conversation remembers or counts, whatever keeps it: this process (`memory.ts`) or Redis (`redis.ts`,
 * shared by every instance of the bot). Every method is asynchronous because the shared store is; none throws
 * for a store that went away (the Redis store falls back to this process, see `fallback.ts`).
 */
export interface StateStore {
  /** `memory` or `redis`: where the state is kept when the store is healthy. */
  readonly kind: 'memory' | 'redis';
  readonly claims: Claims;
  readonly threads: ThreadMemory;
  readonly limiter: RateLimiter;
  readonly channels: ChannelModes;
  /** The feedback and low-confidence log that `integration-bot gaps` reads. */
  readonly feedback: FeedbackStore;
  /** Replies owed when an instance stops, for another instance to send (durable on Redis only). */
  readonly outbox: Outbox;
  /** Whether the store answers now; for `/healthz`, so it says nothing about where the store is. */
  health(): Promise<StateHealth>;
  /** Closes connections; the store is not used afterwards. */
  close(): Promise<void>;
}

export interface StateHealth {
  store: 'memory' | 'redis';
  /** False while Redis is unreachable (the bot then answers from in-process state). */
  reachable: boolean;
}

/** What `claim` found: the key is now ours, someone is working on it, or someone finished it. */
export type ClaimResult = 'claimed' | 'busy' | 'done';

/**
 * Atomic, expiring claims on work that must happen once across every instance: a delivery (by `event_id` and by
 * channel + message `ts`), a signed request, a button click. A claim is `busy` while its holder works and
 * `done` after; a holder that fails releases it, so a retry can do the work, and a holder that dies lets it
 * expire.
 */
export interface Claims {
  /** Claims `key` for `ttlMs` (the longest the work may take) unless it is held or done. */
  claim(key: string, ttlMs: number): Promise<ClaimResult>;
  /** Marks `key` done for `keepMs`, so later deliveries of the same work are recognised. */
  finish(key: string, keepMs: number): Promise<void>;
  /** Gives up a claim after a failure: the next delivery of the work claims it again. */
  release(key: string): Promise<void>;
  /** Claims and finishes at once: true the first time `key` is seen within `keepMs`. */
  once(key: string, keepMs: number): Promise<boolean>;
}

/**
 * The threads the bot answered in, with what a follow-up borrows from there: the thread's question, cleaned
 * and capped (`maxAnchorChars`), and the ids of the use cases the answer led with. Never whole messages.
 */
export interface ThreadMemory {
  /** Records that the bot answered in the thread, with the thread's anchor question. */
  remember(channel: string, threadTs: string, question: string, answerIds?: readonly string[]): Promise<void>;
  /** The thread's anchor question, or `undefined` when the bot has not answered there (or forgot). */
  question(channel: string, threadTs: string): Promise<string | undefined>;
}

export interface ThreadAnchor {
  question: string;
  answerIds: string[];
}

/** Longest anchor question kept for a thread: enough for a follow-up to borrow its terms from. */
export const maxAnchorChars = 1000;

export type RateDecision =
  | { ok: true }
  | {
      ok: false;
      scope: 'user' | 'channel';
      /** When the window ends and a new request would be allowed. */
      retryInMs: number;
      /** True the first time a limit is hit in a window, so the bot tells the user once, not on every message. */
      notify: boolean;
    };

/** Per-user and per-channel limits over a fixed window, counted across every instance sharing the store. */
export interface RateLimiter {
  /** Counts a request by `user` in `channel` when allowed; a refused request does not use up the other limit. */
  take(user: string, channel: string): Promise<RateDecision>;
}

export interface RateLimitSettings {
  perUser: number;
  perChannel: number;
  windowMs: number;
}

/**
 * Per-channel answer mode: `mentions` (the default) answers only messages that mention the bot; `all` answers
 * every question posted in the channel.
 */
export type ChannelMode = 'mentions' | 'all';

export const channelModes: readonly ChannelMode[] = Object.freeze(['mentions', 'all']);

export interface ChannelModes {
  get(channel: string): Promise<ChannelMode>;
  set(channel: string, mode: ChannelMode): Promise<void>;
}

/** How long each kind of state is kept; the same for both stores. */
export interface StateLimits {
  /** Thread memory: a follow-up a day later still finds its question. */
  threadTtlMs: number;
  /** Claims of finished work: Slack's last retry comes about an hour after the first delivery. */
  doneTtlMs: number;
  /** Channel modes are kept this long after they were last set. */
  channelModeTtlMs: number;
}

export const stateLimits: Readonly<StateLimits> = Object.freeze({
  threadTtlMs: 24 * 60 * 60 * 1000,
  doneTtlMs: 2 * 60 * 60 * 1000,
  channelModeTtlMs: 180 * 24 * 60 * 60 * 1000,
});

/**
 * Cuts an anchor question to what a follow-up needs, as a string of its own: V8 keeps `slice`'s result as a view
 * onto the whole original (a 39,000-character message would stay in memory behind 1,000 characters of it).
 */
export function anchorOf(question: string, answerIds: readonly string[] = []): ThreadAnchor {
  return { question: ownCopy(question.slice(0, maxAnchorChars)), answerIds: answerIds.slice(0, 3).map((id) => ownCopy(id.slice(0, 80))) };
}

/** A flat copy of `text` that shares no memory with the string it was cut from. */
export function ownCopy(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}
