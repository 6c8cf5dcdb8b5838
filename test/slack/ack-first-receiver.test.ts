import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AnyMiddlewareArgs, App, ReceiverEvent } from '@slack/bolt';
import { createLogger } from '../../src/log';
import { acknowledgedOnArrival, createAckFirstReceiver, type AckFirstReceiver, type AckFirstReceiverOptions } from '../../src/slack/ack-first-receiver';
import { createInFlight } from '../../src/slack/in-flight';
import { trackWork } from '../../src/slack/middleware';
import { signingSecret as harnessSecret, startHarness, type Harness } from '../fixtures/slack/harness';
import { appMention, eventCallback, sign, slashCommand } from '../fixtures/slack/payloads';

const secret = 'receiver-test-secret-8c1d';

/** A receiver on 127.0.0.1 whose app only records what Bolt would get; `handle` decides what Bolt does with it. */
async function startReceiver(
  options: Partial<AckFirstReceiverOptions> = {},
  handle: (event: ReceiverEvent) => Promise<void> = async () => undefined,
): Promise<{ receiver: AckFirstReceiver; base: string; events: ReceiverEvent[]; logs: string[]; close(): Promise<void> }> {
  const events: ReceiverEvent[] = [];
  const logs: string[] = [];
  const receiver = createAckFirstReceiver({ signingSecret: secret, log: createLogger('debug', [secret], (line) => logs.push(line)), ...options });
  receiver.init({
    processEvent: async (event: ReceiverEvent) => {
      events.push(event);
      await handle(event);
    },
  } as unknown as App);
  const server = await receiver.start({ port: 0, host: '127.0.0.1' });
  return {
    receiver,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    events,
    logs,
    async close() {
      server.closeAllConnections();
      await receiver.stop();
    },
  };
}

interface Sent {
  status: number;
  text: string;
}

async function post(base: string, body: string, contentType: string, headers: Record<string, string> = {}): Promise<Sent> {
  const response = await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
  return { status: response.status, text: await response.text() };
}

function signedHeaders(body: string, timestamp = Math.floor(Date.now() / 1000), signingSecret = secret): Record<string, string> {
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': sign(signingSecret, timestamp, body) };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const command = (text = 'How do I expose data via OData?') => form(slashCommand({ text, responseUrl: 'http://127.0.0.1:9/respond/x' }));

/** Resolves on the next turn of the event loop in which the queue is empty (bounded). */
async function untilDispatched(receiver: AckFirstReceiver): Promise<void> {
  for (let i = 0; i < 1000 && receiver.queued > 0; i++) await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
}

describe('The ack-first receiver: what gets refused', () => {
  let r: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    r = await startReceiver();
  });
  afterAll(() => r.close());

  test('a request signed with the wrong secret gets 401 and never reaches the app', async () => {
    const body = command();
    const sent = await post(r.base, body, 'application/x-www-form-urlencoded', signedHeaders(body, undefined, 'not-the-secret'));
    await untilDispatched(r.receiver);
    expect(sent.status).toBe(401);
    expect(r.events).toHaveLength(0);
    expect(r.logs.some((l) => l.includes('signature mismatch'))).toBe(true);
  });

  test('a correctly signed request older than five minutes gets 401', async () => {
    const body = command();
    const sent = await post(r.base, body, 'application/x-www-form-urlencoded', signedHeaders(body, Math.floor(Date.now() / 1000) - 6 * 60));
    expect(sent.status).toBe(401);
    expect(r.events).toHaveLength(0);
  });

  test('a request without signature headers gets 401', async () => {
    expect((await post(r.base, command(), 'application/x-www-form-urlencoded')).status).toBe(401);
  });

  test('a body over the 1 MB limit gets 413 and never reaches the app', async () => {
    const body = form({ text: 'x'.repeat(1024 * 1024 + 1) });
    const sent = await post(r.base, body, 'application/x-www-form-urlencoded', signedHeaders(body));
    expect(sent.status).toBe(413);
    expect(r.events).toHaveLength(0);
  });

  test('a body that grows past the limit without a content-length gets 413 too', async () => {
    const small = await startReceiver({ bodyLimit: 64 * 1024 });
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request(`${small.base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.write('x'.repeat(48 * 1024));
        req.end('x'.repeat(48 * 1024));
      });
      expect(status).toBe(413);
      expect(small.events).toHaveLength(0);
    } finally {
      await small.close();
    }
  });

  test('other paths and methods get 404', async () => {
    expect((await fetch(`${r.base}/elsewhere`)).status).toBe(404);
    expect((await fetch(`${r.base}/slack/events`)).status).toBe(404);
  });
});

describe('The ack-first receiver: what is answered at once', () => {
  let r: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    r = await startReceiver({ routes: [{ path: '/healthz', method: 'GET', handler: (_req, res) => res.end('{"status":"ok"}') }] });
  });
  afterAll(() => r.close());

  test('url_verification gets its challenge back and never reaches the app', async () => {
    const body = JSON.stringify({ type: 'url_verification', token: 't', challenge: 'challenge-xyz' });
    const sent = await post(r.base, body, 'application/json', signedHeaders(body));
    expect(sent.status).toBe(200);
    expect(JSON.parse(sent.text)).toEqual({ challenge: 'challenge-xyz' });
    await untilDispatched(r.receiver);
    expect(r.events).toHaveLength(0);
  });

  test("Slack's unsigned ssl_check gets 200 and nothing of it reaches the app", async () => {
    const sent = await post(r.base, 'ssl_check=1&token=t&command=%2Fintegration', 'application/x-www-form-urlencoded');
    expect(sent.status).toBe(200);
    await untilDispatched(r.receiver);
    expect(r.events).toHaveLength(0);
  });

  test('extra routes are served (the health check)', async () => {
    const response = await fetch(`${r.base}/healthz`);
    expect(await response.text()).toBe('{"status":"ok"}');
  });
});

describe('The ack-first receiver: acknowledging before Bolt', () => {
  test('the empty 200 arrives before the listener finishes, though the listener acks only at its end', async () => {
    const order: string[] = [];
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const r = await startReceiver({}, async (event) => {
      order.push('listener started');
      await gate;
      await event.ack();
      order.push('listener finished');
    });
    try {
      // If the acknowledgement waited for ack(), the gate would open only after a second, after the listener.
      const fallback = setTimeout(release, 1000);
      const body = command();
      const sent = await post(r.base, body, 'application/x-www-form-urlencoded', signedHeaders(body));
      order.push(`acknowledged ${sent.status} "${sent.text}"`);
      release();
      clearTimeout(fallback);
      await gate;
      await untilDispatched(r.receiver);
      for (let i = 0; i < 100 && order.length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(order.indexOf('acknowledged 200 ""')).toBeGreaterThanOrEqual(0);
      expect(order.indexOf('acknowledged 200 ""')).toBeLessThan(order.indexOf('listener finished'));
    } finally {
      await r.close();
    }
  });

  test('Bolt gets the parsed body, the retry headers and the mark that the request was acknowledged on arrival', async () => {
    const r = await startReceiver();
    try {
      const body = JSON.stringify(eventCallback(appMention('hello'), 'EvRECV1'));
      await post(r.base, body, 'application/json', { ...signedHeaders(body), 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' });
      await untilDispatched(r.receiver);
      expect(r.events).toHaveLength(1);
      const [event] = r.events;
      expect(event.body.event_id).toBe('EvRECV1');
      expect(event.retryNum).toBe(2);
      expect(event.retryReason).toBe('http_timeout');
      expect(event.customProperties).toEqual({ [acknowledgedOnArrival]: true });
      // The HTTP response is gone; ack() only resolves.
      await expect(event.ack()).resolves.toBeUndefined();
    } finally {
      await r.close();
    }
  });

  test('an interaction payload (form field holding JSON) reaches Bolt as the JSON', async () => {
    const r = await startReceiver();
    try {
      const body = form({ payload: JSON.stringify({ type: 'block_actions', actions: [{ action_id: 'a1' }] }) });
      await post(r.base, body, 'application/x-www-form-urlencoded', signedHeaders(body));
      await untilDispatched(r.receiver);
      expect(r.events[0]?.body).toEqual({ type: 'block_actions', actions: [{ action_id: 'a1' }] });
    } finally {
      await r.close();
    }
  });

  test('a signed body that is not JSON is acknowledged (Slack would only retry it), logged, and kept from Bolt', async () => {
    const r = await startReceiver();
    try {
      const body = '{not json';
      expect((await post(r.base, body, 'application/json', signedHeaders(body))).status).toBe(200);
      await untilDispatched(r.receiver);
      expect(r.events).toHaveLength(0);
      expect(r.logs.some((l) => l.includes('malformed body'))).toBe(true);
    } finally {
      await r.close();
    }
  });
});

describe('The ack-first receiver during shutdown', () => {
  test('a request arriving while draining is answered with what the app acks (the restart notice)', async () => {
    const r = await startReceiver({ draining: () => true }, async (event) => {
      await event.ack({ response_type: 'ephemeral', text: 'The integration bot is restarting.' });
    });
    try {
      const body = command();
      const sent = await post(r.base, body, 'application/x-www-form-urlencoded', signedHeaders(body));
      expect(sent.status).toBe(200);
      expect(JSON.parse(sent.text)).toEqual({ response_type: 'ephemeral', text: 'The integration bot is restarting.' });
      expect(r.events[0]?.customProperties).toBeUndefined();
    } finally {
      await r.close();
    }
  });

  test('an event arriving while draining is refused with 503, so Slack retries it instead of losing it', async () => {
    const r = await startReceiver({ draining: () => true }, async () => undefined);
    try {
      const body = JSON.stringify({ type: 'event_callback', event_id: 'EvDRAIN', event: { type: 'app_mention', channel: 'C1', ts: '1.1', text: 'hi' } });
      const sent = await post(r.base, body, 'application/json', signedHeaders(body));
      expect(sent.status).toBe(503);
      expect(r.events).toHaveLength(0);
    } finally {
      await r.close();
    }
  });

  test('work acknowledged before shutdown is tracked from arrival until Bolt is done with it', async () => {
    const inFlight = createInFlight();
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const r = await startReceiver({ track: (work) => inFlight.run(work) }, () => gate);
    try {
      const body = command();
      await post(r.base, body, 'application/x-www-form-urlencoded', signedHeaders(body));
      expect(inFlight.count).toBe(1);
      const closing = inFlight.close(5000);
      setTimeout(release, 50);
      expect(await closing).toEqual({ unfinished: 0 });
      expect(r.events).toHaveLength(1);
    } finally {
      await r.close();
    }
  });

  test('trackWork lets a request acknowledged on arrival through after shutdown started, without a second ack', async () => {
    const inFlight = createInFlight();
    await inFlight.close(0);
    const ack = jest.fn(async () => undefined);
    const next = jest.fn(async () => undefined);
    const args = { command: { text: 'x' }, ack, next, context: { [acknowledgedOnArrival]: true } } as unknown as AnyMiddlewareArgs & { next: () => Promise<void> };
    await trackWork(inFlight, createLogger('error'))(args as never);
    expect(next).toHaveBeenCalledTimes(1);
    expect(ack).not.toHaveBeenCalled();
  });
});

describe('HTTP mode under a burst of 50 concurrent /integration commands', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('http', { RATE_LIMIT_PER_USER: '50', RATE_LIMIT_PER_CHANNEL: '500' });
  });
  afterAll(() => h.close());

  test('every command is acknowledged with an empty 200 and answered exactly once through its response_url', async () => {
    const base = `http://127.0.0.1:${h.port}`;
    const ids = Array.from({ length: 50 }, (_, i) => `burst-${i}`);
    const acks = await Promise.all(
      ids.map((id, i) => {
        const body = form(slashCommand({ text: i % 2 ? 'How do I expose data via OData?' : 'nightly exports to the data warehouse', responseUrl: h.emulator.responseUrl(id), user: `UBURST${i}` }));
        return post(base, body, 'application/x-www-form-urlencoded', signedHeaders(body, undefined, harnessSecret));
      }),
    );
    expect(acks.map((a) => `${a.status} "${a.text}"`)).toEqual(ids.map(() => '200 ""'));
    await h.emulator.waitFor(() => ids.every((id) => h.emulator.responded.some((r) => r.id === id)) || undefined, 10_000, 'all 50 answers');
    // Let any duplicate arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const counts = ids.map((id) => h.emulator.responded.filter((r) => r.id === id).length);
    expect(counts).toEqual(ids.map(() => 1));
    expect(h.emulator.responded.filter((r) => ids.includes(r.id)).every((r) => r.body.response_type === 'ephemeral')).toBe(true);
  });
});
