import { HandedOverError } from '../../src/errors';
import { silentLogger } from '../../src/log';
import { classifyError, createRetry, sdkMayRetry, sdkRetryConfig } from '../../src/slack/retry';

/** Error shapes as @slack/web-api and Bolt throw them. */
const rateLimited = (retryAfter: number) => Object.assign(new Error('rate limited'), { code: 'slack_webapi_rate_limited_error', retryAfter });
const httpError = (statusCode: number) => Object.assign(new Error(`HTTP ${statusCode}`), { code: 'slack_webapi_http_error', statusCode });
const platformError = (error: string) => Object.assign(new Error(error), { code: 'slack_webapi_platform_error', data: { ok: false, error } });
const respondError = (statusCode: number) => Object.assign(new Error(`respond ${statusCode}`), { code: 'slack_bolt_respond_error', statusCode });
const requestError = (code: string) => Object.assign(new Error('request failed'), { code: 'slack_webapi_request_error', original: Object.assign(new TypeError('fetch failed'), { cause: { code } }) });

function recorder() {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

describe('The Web API retry wrapper', () => {
  test('a 429 waits the Retry-After seconds, then succeeds', async () => {
    const { delays, sleep } = recorder();
    const call = createRetry(silentLogger, { sleep });
    let attempts = 0;
    const result = await call('chat.postMessage', async () => {
      attempts++;
      if (attempts < 3) throw rateLimited(attempts === 1 ? 2 : 5);
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(delays).toEqual([2000, 5000]);
  });

  test('a response_url answering 5xx is retried with growing delays, a bounded number of times', async () => {
    const { delays, sleep } = recorder();
    const call = createRetry(silentLogger, { sleep, retries: 3, baseDelayMs: 100, maxDelayMs: 1000, random: () => 1 });
    let attempts = 0;
    await expect(
      call('respond', async () => {
        attempts++;
        throw respondError(503);
      }),
    ).rejects.toThrow('respond 503');
    expect(attempts).toBe(4);
    expect(delays).toEqual([100, 200, 400]);
  });

  test('a Web API 5xx is not retried again: the WebClient retried it already', async () => {
    const { delays, sleep } = recorder();
    const call = createRetry(silentLogger, { sleep });
    await expect(call('chat.postMessage', async () => Promise.reject(httpError(503)))).rejects.toThrow('HTTP 503');
    expect(delays).toEqual([]);
  });

  test('ok:false "ratelimited" (an HTTP 200) is retried after its Retry-After, or with backoff', async () => {
    const { delays, sleep } = recorder();
    const call = createRetry(silentLogger, { sleep, baseDelayMs: 100, random: () => 1 });
    let attempts = 0;
    const result = await call('chat.postMessage', async () => {
      attempts++;
      if (attempts === 1) throw Object.assign(platformError('ratelimited'), { data: { ok: false, error: 'ratelimited', response_metadata: { retryAfter: 3 } } });
      if (attempts === 2) throw platformError('ratelimited');
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(delays).toEqual([3000, 200]);
  });

  test('a Retry-After beyond the bound is not waited for', async () => {
    const { delays, sleep } = recorder();
    const call = createRetry(silentLogger, { sleep, maxRetryAfterMs: 10_000 });
    await expect(call('x', async () => Promise.reject(rateLimited(60)))).rejects.toThrow('rate limited');
    expect(delays).toEqual([]);
  });

  test('platform errors and 4xx fail at once', async () => {
    const { delays, sleep } = recorder();
    const call = createRetry(silentLogger, { sleep });
    await expect(call('x', async () => Promise.reject(platformError('channel_not_found')))).rejects.toThrow('channel_not_found');
    await expect(call('x', async () => Promise.reject(httpError(400)))).rejects.toThrow('HTTP 400');
    expect(delays).toEqual([]);
  });
});

describe('Which network errors are retried', () => {
  test('connection refused is always safe: the request never left (the WebClient retries its own, the wrapper respond())', () => {
    expect(sdkMayRetry(requestError('ECONNREFUSED'))).toBe(true);
    expect(classifyError(requestError('ECONNREFUSED'))).toEqual({ retry: false });
    expect(classifyError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toMatchObject({ retry: true });
  });

  test('a reset after sending is retried only for idempotent calls, by the wrapper, so a message is never posted twice', () => {
    expect(sdkMayRetry(requestError('ECONNRESET'))).toBe(false);
    expect(classifyError(requestError('ECONNRESET'))).toEqual({ retry: false });
    expect(classifyError(requestError('ECONNRESET'), true)).toMatchObject({ retry: true });
  });

  test("the WebClient's retryConfig retries 5xx and stops (rethrows) on anything that may have posted", () => {
    const config = sdkRetryConfig({ retries: 3, baseDelayMs: 300, maxDelayMs: 5000 });
    expect(config).toMatchObject({ retries: 3, minTimeout: 300, maxTimeout: 5000 });
    expect(() => config.onFailedAttempt(httpError(502))).not.toThrow();
    expect(() => config.onFailedAttempt(httpError(400))).toThrow();
    expect(() => config.onFailedAttempt(requestError('ETIMEDOUT'))).toThrow();
  });

  test('a response_url answering 500 or 429 is retried; 404 (expired) is not', () => {
    expect(classifyError(respondError(500))).toMatchObject({ retry: true });
    expect(classifyError(respondError(429))).toMatchObject({ retry: true });
    expect(classifyError(respondError(404))).toEqual({ retry: false });
  });
});

describe('A reply waiting to be retried when the instance stops', () => {
  const owed = { kind: 'api' as const, method: 'chat.postMessage' as const, args: { channel: 'C1', text: 'answer' } };
  const outbox = (durable: boolean) => {
    const put: unknown[] = [];
    return { put, outbox: { durable, put: async (reply: unknown) => (put.push(reply), durable), consume: () => ({ stop: async () => undefined }) } };
  };

  test('is handed over to another instance (Redis) instead of waiting, and the call ends without a retry', async () => {
    const { put, outbox: box } = outbox(true);
    const { delays, sleep } = recorder();
    const call = createRetry(silentLogger, { sleep }, { closing: () => true, outbox: box });
    let attempts = 0;
    const work = async () => {
      attempts++;
      throw rateLimited(20);
    };
    await expect(call('chat.postMessage', work, { owed })).rejects.toBeInstanceOf(HandedOverError);
    expect(put).toEqual([owed]);
    expect(attempts).toBe(1);
    expect(delays).toEqual([]);
  });

  test('in process (nobody to hand it to) waits and retries as before', async () => {
    const { put, outbox: box } = outbox(false);
    const { delays, sleep } = recorder();
    const call = createRetry(silentLogger, { sleep }, { closing: () => true, outbox: box });
    let attempts = 0;
    const result = await call('chat.postMessage', async () => (++attempts === 1 ? Promise.reject(rateLimited(2)) : 'ok'), { owed });
    expect(result).toBe('ok');
    expect(put).toEqual([]);
    expect(delays).toEqual([2000]);
  });
});
