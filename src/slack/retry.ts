import type { Logger } from '../log';

/**
 * Retries Slack Web API and `response_url` calls that failed for a reason worth retrying:
 * - 429 rate limited: waits the `Retry-After` the server sent (bounded by `maxRetryAfterMs`),
 * - 5xx from Slack, or a `response_url` answering 5xx/429: exponential backoff with jitter,
 * - network errors: only those where the request cannot have reached Slack (connection refused, DNS), unless
 *   the call is idempotent (`views.publish`, `auth.test`), where resets and timeouts are retried as well.
 * Everything else (`channel_not_found`, `invalid_auth`, 4xx) fails at once. The WebClient's own retries are
 * switched off in `createSlackApp`, so the two never multiply.
 */

export interface RetryOptions {
  /** Retries after the first attempt. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the call fails and the user is told. */
  maxRetryAfterMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export const defaultRetryOptions: Readonly<RetryOptions> = Object.freeze({
  retries: 3,
  baseDelayMs: 300,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 30_000,
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
});

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
  const e = (error ?? {}) as { code?: unknown; retryAfter?: unknown; statusCode?: unknown };
  if (e.code === 'slack_webapi_rate_limited_error') {
    const seconds = typeof e.retryAfter === 'number' && Number.isFinite(e.retryAfter) ? e.retryAfter : 1;
    return { retry: true, delayMs: Math.max(0, seconds * 1000), reason: 'rate limited' };
  }
  if (e.code === 'slack_webapi_http_error' || e.code === 'slack_bolt_respond_error') {
    const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
    if (status >= 500 || status === 429) return { retry: true, reason: `HTTP ${status}` };
    return { retry: false };
  }
  const code = networkCode(error);
  if (code && (connectCodes.has(code) || idempotent)) return { retry: true, reason: code };
  return { retry: false };
}

export type SlackCall = <T>(label: string, call: () => Promise<T>, options?: { idempotent?: boolean }) => Promise<T>;

/**
 * Wraps calls in bounded retries.
 * @example const call = createRetry(log); await call('chat.postMessage', () => client.chat.postMessage(args));
 */
export function createRetry(log: Logger, options: Partial<RetryOptions> = {}): SlackCall {
  const o: RetryOptions = { ...defaultRetryOptions, ...options };
  return async function call<T>(label: string, work: () => Promise<T>, callOptions: { idempotent?: boolean } = {}): Promise<T> {
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
        log.warn('Slack call failed; retrying', { call: label, reason: decision.reason, attempt: attempt + 1, delayMs: delay });
        await o.sleep(delay);
      }
    }
  };
}
