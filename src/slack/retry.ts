import { setTimeout as sleepFor } from 'node:timers/promises';
import { HandedOverError } from '../errors';
import type { Logger } from '../log';
import type { OwedReply, Outbox } from '../state';

/**
 * Who retries what. The WebClient's own `retryConfig` (p-retry, exponential backoff) retries Web API calls that
 * answered 5xx or could not connect; `sdkRetryConfig` adds only the decision it lacks: a network error after the
 * request may have reached Slack (a reset, a timeout) is never retried there, so a message is never posted twice.
 * This wrapper keeps what the SDK does not do:
 * - 429 (`rejectRateLimitedCalls` hands it back): waits the `Retry-After`, bounded by `maxRetryAfterMs`, instead of
 *   the SDK pausing every call of the process for as long as Slack asks,
 * - `ok: false` with `ratelimited` (an HTTP 200 the SDK does not retry): waits its `Retry-After` or backs off,
 * - `response_url` posts (Bolt's `respond`, no retries of its own) answering 5xx/429 or not connecting,
 * - resets and timeouts of idempotent calls (`views.publish`, `auth.test`).
 * Everything else (`channel_not_found`, `invalid_auth`, 4xx) fails at once.
 */

export interface RetryOptions {
  /** Retries after the first attempt. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the call fails and the user is told. */
  maxRetryAfterMs: number;
  /** Waits `ms`; ends early (resolving) when `signal` aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
}

export const defaultRetryOptions: Readonly<RetryOptions> = Object.freeze({
  retries: 3,
  baseDelayMs: 300,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 30_000,
  sleep: (ms: number, signal?: AbortSignal) => sleepFor(ms, undefined, signal ? { signal } : {}).catch(() => undefined),
  random: Math.random,
});

/**
 * The WebClient's `retryConfig`: `retries` attempts with backoff from `baseDelayMs` to `maxDelayMs`, and a veto
 * (p-retry's `onFailedAttempt` rethrows to stop) on errors after which the request may have reached Slack.
 */
export function sdkRetryConfig(options: Partial<RetryOptions> = {}) {
  const o = { ...defaultRetryOptions, ...options };
  return {
    retries: o.retries,
    factor: 2,
    minTimeout: o.baseDelayMs,
    maxTimeout: o.maxDelayMs,
    randomize: true,
    onFailedAttempt: (error: Error) => {
      if (!sdkMayRetry(error)) throw error;
    },
  };
}

/** For the SDK: 5xx, and network errors from before the request was sent; never one that may have posted. */
export function sdkMayRetry(error: unknown): boolean {
  const e = (error ?? {}) as { code?: unknown; statusCode?: unknown };
  if (e.code === 'slack_webapi_http_error') return typeof e.statusCode === 'number' && e.statusCode >= 500;
  const code = networkCode(error);
  return code !== undefined && connectCodes.has(code);
}

export type RetryDecision = { retry: false } | { retry: true; delayMs?: number; reason: string };

/** Connection errors that happen before a request is sent: always safe to retry. */
const connectCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
/** Errors after the request may have been sent: retried only for idempotent calls. */
const midFlightCodes = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (connectCodes.has(code) || midFlightCodes.has(code))) return code;
    const next = (current as { original?: unknown; cause?: unknown }).original ?? (current as { cause?: unknown }).cause;
    current = next;
  }
  return undefined;
}

/**
 * Decides whether an error from `@slack/web-api` (or Bolt's `respond`) is worth another attempt.
 * Reads the errors' documented shapes (`code`, `retryAfter` in seconds, `statusCode`) without importing them.
 */
export function classifyError(error: unknown, idempotent = false): RetryDecision {
  const e = (error ?? {}) as { code?: unknown; retryAfter?: unknown; statusCode?: unknown; data?: { error?: unknown; response_metadata?: { retryAfter?: unknown } } };
  if (e.code === 'slack_webapi_rate_limited_error') {
    const seconds = typeof e.retryAfter === 'number' && Number.isFinite(e.retryAfter) ? e.retryAfter : 1;
    return { retry: true, delayMs: Math.max(0, seconds * 1000), reason: 'rate limited' };
  }
  if (e.code === 'slack_webapi_platform_error' && e.data?.error === 'ratelimited') {
    const seconds = e.data.response_metadata?.retryAfter;
    return typeof seconds === 'number' && Number.isFinite(seconds) ? { retry: true, delayMs: Math.max(0, seconds * 1000), reason: 'ratelimited' } : { retry: true, reason: 'ratelimited' };
  }
  // The SDK already retried these (see `sdkRetryConfig`); retrying again would multiply the attempts.
  if (e.code === 'slack_webapi_http_error') return { retry: false };
  if (e.code === 'slack_bolt_respond_error') {
    const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
    if (status >= 500 || status === 429) return { retry: true, reason: `HTTP ${status}` };
    return { retry: false };
  }
  const code = networkCode(error);
  if (!code) return { retry: false };
  const fromWebApi = e.code === 'slack_webapi_request_error';
  // A Web API connect error was retried by the SDK; a respond() one was not. Mid-flight: idempotent calls only.
  if (connectCodes.has(code)) return fromWebApi ? { retry: false } : { retry: true, reason: code };
  return idempotent ? { retry: true, reason: code } : { retry: false };
}

/** Options of one call: whether it is safe to repeat after a reset, and what to hand over if this instance stops. */
export interface CallOptions {
  idempotent?: boolean;
  /** The reply as data, so that another instance can send it if this one stops while waiting to retry it. */
  owed?: OwedReply;
}

export type SlackCall = <T>(label: string, call: () => Promise<T>, options?: CallOptions) => Promise<T>;

/** What a stopping instance needs to hand waiting replies over: whether it stops, and where to put them. */
export interface Handover {
  closing(): boolean;
  outbox: Outbox;
}

/** A retrying caller plus `handOverWaiting()`, which wakes the calls waiting to retry once shutdown begins. */
export type RetryingCall = SlackCall & { handOverWaiting(): void };

/**
 * Wraps calls in bounded retries. With `handover`, a call that would wait to retry while the instance stops (or is
 * waiting when it begins to stop) puts its reply in the outbox and ends with `HandedOverError`, so the process
 * exits within its grace period and another instance sends the reply; a call with a request in flight is never
 * handed over, so a reply is never sent by both.
 * @example const call = createRetry(log); await call('chat.postMessage', () => client.chat.postMessage(args));
 */
export function createRetry(log: Logger, options: Partial<RetryOptions> = {}, handover?: Handover): RetryingCall {
  const o: RetryOptions = { ...defaultRetryOptions, ...options };
  const waiting = new Set<() => void>();

  const handOver = async (label: string, owed: OwedReply | undefined): Promise<boolean> => {
    if (!handover || !owed || !handover.closing() || !handover.outbox.durable) return false;
    if (!(await handover.outbox.put(owed))) return false;
    log.info('reply handed over to another instance', { call: label });
    return true;
  };

  const call = async function call<T>(label: string, work: () => Promise<T>, callOptions: CallOptions = {}): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        const decision = classifyError(error, callOptions.idempotent);
        if (!decision.retry || attempt >= o.retries) throw error;
        let delay: number;
        if (decision.delayMs !== undefined) {
          if (decision.delayMs > o.maxRetryAfterMs) {
            log.warn('Slack asked to wait longer than allowed; giving up', { call: label, retryAfterMs: decision.delayMs });
            throw error;
          }
          delay = decision.delayMs;
        } else {
          const backoff = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** attempt);
          delay = Math.round(backoff / 2 + (o.random() * backoff) / 2);
        }
        if (await handOver(label, callOptions.owed)) throw new HandedOverError(label);
        log.warn('Slack call failed; retrying', { call: label, reason: decision.reason, attempt: attempt + 1, delayMs: delay });
        if (!callOptions.owed || !handover) {
          await o.sleep(delay);
          continue;
        }
        // A reply that could be handed over waits so that shutdown can wake it (see `handOverWaiting`).
        const started = Date.now();
        const wake = new AbortController();
        const onWake = () => wake.abort();
        waiting.add(onWake);
        try {
          await o.sleep(delay, wake.signal);
        } finally {
          waiting.delete(onWake);
        }
        if (await handOver(label, callOptions.owed)) throw new HandedOverError(label);
        // Woken for a handover that could not be made: wait out the rest of the delay.
        const left = delay - (Date.now() - started);
        if (wake.signal.aborted && left > 0) await o.sleep(left);
      }
    }
  } as RetryingCall;
  call.handOverWaiting = () => {
    for (const wake of [...waiting]) wake();
  };
  return call;
}
