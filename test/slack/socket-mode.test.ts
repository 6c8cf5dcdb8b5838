import { actionIds, encodeButtonPayload } from '../../src/render/slack';
import { appToken, startHarness, type Harness } from '../fixtures/slack/harness';
import { appMention, buttonClick, envelope, eventCallback, slashCommand } from '../fixtures/slack/payloads';

let h: Harness;

beforeAll(async () => {
  h = await startHarness('socket');
});

afterAll(async () => {
  await h.close();
});

/** Sends an `events_api` envelope for `event` and returns its envelope id. */
function sendEvent(event: Record<string, unknown>, options: { eventId?: string; retryAttempt?: number } = {}): string {
  const sent = envelope('events_api', eventCallback(event, options.eventId), options.retryAttempt);
  h.emulator.sendEnvelope(sent);
  return sent.envelope_id;
}

const ackFor = (envelopeId: string) => h.emulator.waitFor(() => h.emulator.acks.find((a) => a.envelope_id === envelopeId), 5000, `ack of ${envelopeId}`);
const postsIn = (channel: string) => h.emulator.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);

describe('Socket Mode: connecting', () => {
  test('opens the connection with the app token through apps.connections.open on the configured API URL', () => {
    const open = h.emulator.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0].authorization).toBe(`Bearer ${appToken}`);
  });
});

describe('Socket Mode: envelopes', () => {
  test('an events_api app_mention is acknowledged and answered in the thread', async () => {
    const mention = appMention('We need nightly exports of orders to the data warehouse', { channel: 'CSOCK' });
    const envelopeId = sendEvent(mention);
    await ackFor(envelopeId);
    const answer = await h.emulator.waitFor(() => postsIn('CSOCK')[0], 5000, 'the answer');
    expect(answer.args.thread_ts).toBe(mention.ts);
    expect(JSON.stringify(answer.args.blocks)).toContain(actionIds.details);
  });

  test('a slash_commands envelope is acknowledged before the ephemeral answer goes to response_url', async () => {
    h.emulator.sendEnvelope({
      envelope_id: 'env-cmd',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: slashCommand({ text: 'matrix', responseUrl: h.emulator.responseUrl('sock-cmd') }),
    });
    const ack = await ackFor('env-cmd');
    const answer = await h.emulator.waitFor(() => h.emulator.responded.find((r) => r.id === 'sock-cmd'), 5000, 'the answer');
    expect(ack.at).toBeLessThanOrEqual(answer.at);
    expect(answer.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(answer.body.blocks)).toContain('Use case × method matrix');
  });

  test('an interactive envelope (a button) is acknowledged and answered privately', async () => {
    h.emulator.sendEnvelope({
      envelope_id: 'env-button',
      type: 'interactive',
      accepts_response_payload: false,
      payload: buttonClick({ actionId: actionIds.details, value: encodeButtonPayload({ q: 'How do I expose data via OData?' }), responseUrl: h.emulator.responseUrl('sock-why') }),
    });
    await ackFor('env-button');
    const reply = await h.emulator.waitFor(() => h.emulator.responded.find((r) => r.id === 'sock-why'), 5000, 'the reply');
    expect(reply.body.response_type).toBe('ephemeral');
  });

  test('a redelivery (retry_attempt 1) of the same event_id is acknowledged but answered once', async () => {
    const mention = appMention('How do I expose data via OData?', { channel: 'CSOCKRETRY' });
    await ackFor(sendEvent(mention, { eventId: 'EvSockRetry' }));
    await h.emulator.waitFor(() => postsIn('CSOCKRETRY')[0], 5000, 'the answer');
    await ackFor(sendEvent(mention, { eventId: 'EvSockRetry', retryAttempt: 1 }));
    // A later event answered means the redelivery has been processed (and dropped).
    await ackFor(sendEvent(appMention('and REST?', { channel: 'CSOCKSENTINEL' })));
    await h.emulator.waitFor(() => postsIn('CSOCKSENTINEL')[0], 5000, 'the sentinel');
    expect(postsIn('CSOCKRETRY')).toHaveLength(1);
  });
});

describe('Socket Mode: a disconnect with refresh_requested', () => {
  test('makes the client reconnect and keep answering', async () => {
    const first = h.emulator.socket;
    h.emulator.sendEnvelope({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'emulator' } });
    await h.emulator.waitFor(() => h.emulator.connectionsOpened >= 2 && h.emulator.socket && h.emulator.socket !== first, 8000, 'the new connection');
    // Bounded: the client connects, receives hello, and then answers on the new connection.
    const mention = appMention('How should our Mendix app show customer data that lives in SAP?', { channel: 'CAFTER' });
    const envelopeId = `env-after`;
    await h.emulator.waitFor(() => {
      try {
        h.emulator.sendEnvelope({ envelope_id: envelopeId, type: 'events_api', accepts_response_payload: false, retry_attempt: 0, retry_reason: '', payload: eventCallback(mention) });
        return true;
      } catch {
        return false;
      }
    }, 2000, 'an open socket');
    await ackFor(envelopeId);
    const answer = await h.emulator.waitFor(() => postsIn('CAFTER')[0], 5000, 'the answer after reconnecting');
    expect(answer.args.thread_ts).toBe(mention.ts);
  });
});

describe('Socket Mode: stopping', () => {
  test('stop() waits for the connection to close, and cuts off a Slack that never answers the close frame after 2 s', async () => {
    const own = await startHarness('socket');
    try {
      const socket = await own.emulator.waitFor(() => own.emulator.socket, 10_000, 'the connection');
      // The fake reads nothing more from this connection, so the bot's close frame goes unanswered.
      socket.pause();
      const started = performance.now();
      expect(await own.slack.stop(1000)).toEqual({ unfinished: 0 });
      const took = performance.now() - started;
      // Not at once (the close was waited for), nor the library's own 30 s.
      expect(took).toBeGreaterThan(1500);
      expect(took).toBeLessThan(15_000);
    } finally {
      await own.close();
    }
  }, 30_000);
});
