import { silentLogger } from '../../src/log';
import { classifyError, createRetry } from '../../src/slack/retry';

/** Error shapes as @slack/web-api and Bolt throw them. */
const rateLimited = (retryAfter: number) => Object.assign(new Error('rate limited'), { code: 'slack_webapi_rate_limited_error', retryAfter });
const httpError = (statusCode: number) => Object.assign(new Error(`HTTP ${statusCode}`), { code: 'slack_webapi_http_error', statusCode });
const platformError = (error: string) => Object.assign(new Error(error), { code: 'slack_webapi_platform_error', data: { ok: false, error } });
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

  test('5xx is retried with growing delays, a bounded number of times', async () => {
    const { delays, sleep } = recorder();
    const call = createRetry(silentLogger, { sleep, retries: 3, baseDelayMs: 100, maxDelayMs: 1000, random: () => 1 });
    let attempts = 0;
    await expect(
      call('chat.postMessage', async () => {
        attempts++;
        throw httpError(503);
      }),
    ).rejects.toThrow('HTTP 503');
    expect(attempts).toBe(4);
    expect(delays).toEqual([100, 200, 400]);
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
  test('connection refused is always safe: the request never left', () => {
    expect(classifyError(requestError('ECONNREFUSED'))).toMatchObject({ retry: true });
  });

  test('a reset after sending is retried only for idempotent calls, so a message is never posted twice', () => {
    expect(classifyError(requestError('ECONNRESET'))).toEqual({ retry: false });
    expect(classifyError(requestError('ECONNRESET'), true)).toMatchObject({ retry: true });
  });

  test('a response_url answering 500 or 429 is retried; 404 (expired) is not', () => {
    const respondError = (statusCode: number) => Object.assign(new Error('respond'), { code: 'slack_bolt_respond_error', statusCode });
    expect(classifyError(respondError(500))).toMatchObject({ retry: true });
    expect(classifyError(respondError(429))).toMatchObject({ retry: true });
    expect(classifyError(respondError(404))).toEqual({ retry: false });
  });
});
