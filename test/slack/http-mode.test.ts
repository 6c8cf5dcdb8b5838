import fs from 'node:fs';
import path from 'node:path';
import { actionIds, encodeButtonPayload } from '../../src/render/slack';
import { botToken, signingSecret, startHarness, type Harness } from '../fixtures/slack/harness';
import { appMention, buttonClick, channelMessage, directMessage, eventCallback, sign, slashCommand } from '../fixtures/slack/payloads';

let h: Harness;
let base: string;

beforeAll(async () => {
  h = await startHarness('http', { RATE_LIMIT_PER_USER: '3' });
  base = `http://127.0.0.1:${h.port}`;
});

afterAll(async () => {
  await h.close();
});

interface PostOptions {
  timestamp?: number;
  secret?: string;
  headers?: Record<string, string>;
}

/** Posts to /slack/events the way Slack does: signed with the signing secret. */
async function postSigned(body: string, contentType: string, options: PostOptions = {}): Promise<{ status: number; text: string; at: number }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': sign(options.secret ?? signingSecret, timestamp, body),
      ...options.headers,
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, at: performance.now() };
}

const postEvent = (event: Record<string, unknown>, options: PostOptions & { eventId?: string } = {}) =>
  postSigned(JSON.stringify(eventCallback(event, options.eventId)), 'application/json', options);

const postCommand = (fields: Record<string, string>) => postSigned(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');

const postAction = (payload: Record<string, unknown>) =>
  postSigned(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');

/** Posts a DM from a fresh user and waits for its answer: after it, earlier events have been handled. */
async function sentinel(): Promise<void> {
  const user = `USENT${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  const event = directMessage('How do I expose data to Power BI?', { user, channel: `D${user}` });
  await postEvent(event);
  await h.emulator.waitFor(() => h.emulator.callsTo('chat.postMessage').find((c) => c.args.channel === `D${user}`), 5000, 'the sentinel answer');
}

const postsIn = (channel: string) => h.emulator.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
const blocksText = (args: Record<string, unknown>) => JSON.stringify(args.blocks ?? []);

describe('HTTP mode: request verification', () => {
  test('answers the url_verification challenge', async () => {
    const response = await postSigned(JSON.stringify({ type: 'url_verification', token: 't', challenge: 'challenge-123' }), 'application/json');
    expect(response.status).toBe(200);
    expect(response.text).toContain('challenge-123');
  });

  test('rejects a request signed with the wrong secret with 401', async () => {
    const response = await postEvent(appMention('hello'), { secret: 'not-the-secret' });
    expect(response.status).toBe(401);
  });

  test('rejects a correctly signed request older than five minutes with 401', async () => {
    const response = await postEvent(appMention('hello'), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(response.status).toBe(401);
  });

  test.each([
    ['six minutes ahead', 6 * 60],
    ['a year ahead', 365 * 24 * 3600],
  ])('rejects a correctly signed request timestamped %s with 401', async (_name, ahead) => {
    const response = await postEvent(appMention('hello'), { timestamp: Math.floor(Date.now() / 1000) + ahead });
    expect(response.status).toBe(401);
  });

  test('the same signed slash command sent twice is acknowledged twice and answered once', async () => {
    const body = new URLSearchParams(slashCommand({ text: 'How do I expose data via OData?', responseUrl: h.emulator.responseUrl('replay-1'), user: 'UREPLAY' })).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    const first = await postSigned(body, 'application/x-www-form-urlencoded', { timestamp });
    await h.emulator.waitFor(() => h.emulator.responded.find((r) => r.id === 'replay-1'), 5000, 'the answer');
    const again = await postSigned(body, 'application/x-www-form-urlencoded', { timestamp });
    expect([first.status, again.status]).toEqual([200, 200]);
    await sentinel();
    expect(h.emulator.responded.filter((r) => r.id === 'replay-1')).toHaveLength(1);
  });

  test('GET /healthz says ok without exposing configuration', async () => {
    const response = await fetch(`${base}/healthz`);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(JSON.parse(text)).toEqual({ status: 'ok', state: { store: 'memory', reachable: true } });
    expect(text).not.toContain(botToken);
    expect(text).not.toContain(signingSecret);
  });
});

describe('HTTP mode: /integration', () => {
  test('acknowledges with an empty 200 before the answer is posted to response_url, ephemeral, with buttons', async () => {
    const ack = await postCommand(slashCommand({ text: 'We need nightly exports of orders to the data warehouse', responseUrl: h.emulator.responseUrl('cmd-1'), user: 'UCMD1' }));
    expect(ack.status).toBe(200);
    expect(ack.text).toBe('');
    const answer = await h.emulator.waitFor(() => h.emulator.responded.find((r) => r.id === 'cmd-1'), 5000, 'the answer');
    // Ordering, not speed: the acknowledgement was received before the answer reached Slack.
    expect(ack.at).toBeLessThanOrEqual(answer.at);
    expect(answer.body.response_type).toBe('ephemeral');
    const actions = (answer.body.blocks as { type: string; elements?: { action_id: string }[] }[]).find((b) => b.type === 'actions');
    expect(actions?.elements?.map((e) => e.action_id)).toEqual([actionIds.share, actionIds.details, actionIds.matrix, actionIds.helpful, actionIds.notHelpful]);
    expect(typeof answer.body.text).toBe('string');
  });

  test.each([
    ['', 'Subcommands'],
    ['help', 'Subcommands'],
    ['matrix', 'Use case × method matrix'],
    ['tech frobnicator-9000', "I don't know the technology"],
  ])('"/integration %s" answers with %s', async (text, expected) => {
    const id = `cmd-${text.replace(/\W+/g, '-') || 'empty'}`;
    await postCommand(slashCommand({ text, responseUrl: h.emulator.responseUrl(id), user: `U${id.length}X${text.length}` }));
    const answer = await h.emulator.waitFor(() => h.emulator.responded.find((r) => r.id === id), 5000, id);
    expect(JSON.stringify(answer.body)).toContain(expected);
  });

  test('escapes <!channel> from the question so it cannot ping anyone', async () => {
    await postCommand(slashCommand({ text: '<!channel> <!here> <@U999> how do we sync SAP master data?', responseUrl: h.emulator.responseUrl('cmd-ping'), user: 'UPING' }));
    const answer = await h.emulator.waitFor(() => h.emulator.responded.find((r) => r.id === 'cmd-ping'), 5000, 'the answer');
    const json = JSON.stringify(answer.body);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<!here>');
    expect(json).not.toContain('<@U999>');
    expect(json).toContain('how do we sync SAP master data');
  });

  test('a user over the per-user limit gets a friendly message instead of an answer', async () => {
    for (let i = 0; i < 4; i++) {
      await postCommand(slashCommand({ text: `question number ${i} about REST`, responseUrl: h.emulator.responseUrl(`rate-${i}`), user: 'URATE' }));
    }
    const fourth = await h.emulator.waitFor(() => h.emulator.responded.find((r) => r.id === 'rate-3'), 5000, 'the fourth reply');
    expect(String(fourth.body.text)).toMatch(/faster than I can keep up/);
    const first = h.emulator.responded.find((r) => r.id === 'rate-0');
    expect(String(first?.body.text)).not.toMatch(/faster/);
  });
});

describe('HTTP mode: mentions, follow-ups and DMs', () => {
  test('a mention is answered in its thread with a short answer and a link, and a follow-up in the thread without a mention', async () => {
    const mention = appMention('We need nightly exports of orders to the data warehouse', { channel: 'CMENTION', user: 'UMENTION' });
    await postEvent(mention);
    const first = await h.emulator.waitFor(() => postsIn('CMENTION')[0], 5000, 'the thread answer');
    expect(first.args.thread_ts).toBe(mention.ts);
    const blocks = blocksText(first.args);
    expect(blocks).toContain(actionIds.details);
    expect(blocks).toMatch(/<https:\/\/docs\.mendix\.com[^|>]*\|/);
    expect(blocks).not.toContain(actionIds.share); // sharing is for ephemeral answers only

    await postEvent(channelMessage('and for mobile?', { channel: 'CMENTION', user: 'UMENTION', thread_ts: mention.ts }));
    const second = await h.emulator.waitFor(() => postsIn('CMENTION')[1], 5000, 'the follow-up answer');
    expect(second.args.thread_ts).toBe(mention.ts);
  });

  test('in a thread the bot answered in, a message addressed to another person is left alone', async () => {
    const mention = appMention('How do I expose data via OData?', { channel: 'CPEOPLE', user: 'UPEOPLE' });
    await postEvent(mention);
    await h.emulator.waitFor(() => postsIn('CPEOPLE')[0], 5000, 'the first answer');
    await postEvent(channelMessage('<@UALICE> what do you think?', { channel: 'CPEOPLE', user: 'UPEOPLE', thread_ts: mention.ts }));
    await sentinel();
    expect(postsIn('CPEOPLE')).toHaveLength(1);
  });

  test('a message in a thread the bot never answered in is ignored', async () => {
    await postEvent(channelMessage('what about REST?', { channel: 'COTHER', thread_ts: '1690000000.000001' }));
    await sentinel();
    expect(postsIn('COTHER')).toHaveLength(0);
  });

  test('a direct message is answered in the DM', async () => {
    const dm = directMessage('How should our Mendix app show customer data that lives in SAP?', { channel: 'DDM1', user: 'UDM1' });
    await postEvent(dm);
    const answer = await h.emulator.waitFor(() => postsIn('DDM1')[0], 5000, 'the DM answer');
    expect(answer.args.thread_ts).toBeUndefined();
    expect(typeof answer.args.text).toBe('string');
  });

  test('messages from bots, edits and joins are never answered', async () => {
    await postEvent(directMessage('a bot speaking', { channel: 'DBOT', bot_id: 'B2', subtype: 'bot_message' }));
    await postEvent(directMessage('a bot without subtype', { channel: 'DBOT', bot_id: 'B3' }));
    await postEvent({ type: 'message', subtype: 'message_changed', channel: 'DBOT', channel_type: 'im', ts: '1700000001.000001', message: { text: 'edited' } });
    await postEvent({ type: 'message', subtype: 'channel_join', channel: 'DBOT', channel_type: 'im', user: 'U1', ts: '1700000001.000002', text: 'joined' });
    await sentinel();
    expect(postsIn('DBOT')).toHaveLength(0);
  });

  test('a retried delivery (X-Slack-Retry-Num: 1) of the same event_id is answered once', async () => {
    const event = appMention('How do I expose data via OData?', { channel: 'CRETRY', user: 'URETRY' });
    await postEvent(event, { eventId: 'EvRETRY1' });
    await h.emulator.waitFor(() => postsIn('CRETRY')[0], 5000, 'the first answer');
    const retry = await postEvent(event, { eventId: 'EvRETRY1', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await sentinel();
    expect(postsIn('CRETRY')).toHaveLength(1);
  });

  test('the same message delivered under two event ids is answered once', async () => {
    const event = appMention('How do I expose data via OData?', { channel: 'CTWICE', user: 'UTWICE' });
    await postEvent(event, { eventId: 'EvTWICE1' });
    await postEvent(event, { eventId: 'EvTWICE2' });
    await h.emulator.waitFor(() => postsIn('CTWICE')[0], 5000, 'the answer');
    await sentinel();
    expect(postsIn('CTWICE')).toHaveLength(1);
  });

  test('a snippet posted in a thread the bot answered in gets a review, in the thread', async () => {
    const mention = appMention('How do I expose data via OData?', { channel: 'CSNIP', user: 'USNIP' });
    await postEvent(mention);
    await h.emulator.waitFor(() => postsIn('CSNIP')[0], 5000, 'the first answer');
    const snippet = '| Use case | Method |\n|---|---|\n| Process integration | Batch |\n| BI & reporting | Batch |';
    await postEvent(channelMessage(snippet, { channel: 'CSNIP', user: 'USNIP', thread_ts: mention.ts }));
    const review = await h.emulator.waitFor(() => postsIn('CSNIP')[1], 5000, 'the review');
    expect(review.args.thread_ts).toBe(mention.ts);
    expect(blocksText(review.args)).toContain('Design review');
  });

  test('opening the App Home publishes the view for that user', async () => {
    await postEvent({ type: 'app_home_opened', user: 'UHOME', channel: 'DHOME', tab: 'home', event_ts: '1700000000.5' });
    const publish = await h.emulator.waitFor(() => h.emulator.callsTo('views.publish').find((c) => c.args.user_id === 'UHOME'), 5000, 'views.publish');
    const view = publish.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    expect(JSON.stringify(view.blocks)).toContain('Use case × method matrix');
  });

  test('<!channel> in a mention never appears live in the reply', async () => {
    await postEvent(appMention('<!channel> <!subteam^S123> which method for nightly exports to the warehouse?', { channel: 'CPING', user: 'UPING2' }));
    const answer = await h.emulator.waitFor(() => postsIn('CPING')[0], 5000, 'the answer');
    const json = JSON.stringify(answer.args);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<!subteam');
  });
});

describe('HTTP mode: buttons', () => {
  const value = encodeButtonPayload({ q: 'We need nightly exports of orders to the data warehouse' });

  test('"Share in channel" posts the answer for everyone and removes the ephemeral copy', async () => {
    const response = await postAction(buttonClick({ actionId: actionIds.share, value, responseUrl: h.emulator.responseUrl('share-1'), user: 'USHARE' }));
    expect(response.status).toBe(200);
    await h.emulator.waitFor(() => h.emulator.responded.filter((r) => r.id === 'share-1').length >= 2 || undefined, 5000, 'share + delete');
    const [shared, removed] = h.emulator.responded.filter((r) => r.id === 'share-1');
    expect(shared.body.response_type).toBe('in_channel');
    expect(JSON.stringify(shared.body.blocks)).toContain('Shared by <@USHARE>');
    expect(removed.body.delete_original).toBe(true);
  });

  test('"Show matrix" and "Details" reply privately without replacing the answer', async () => {
    await postAction(buttonClick({ actionId: actionIds.matrix, value, responseUrl: h.emulator.responseUrl('matrix-1') }));
    await postAction(buttonClick({ actionId: actionIds.details, value, responseUrl: h.emulator.responseUrl('details-1') }));
    const matrix = await h.emulator.waitFor(() => h.emulator.responded.find((r) => r.id === 'matrix-1'), 5000, 'matrix');
    const details = await h.emulator.waitFor(() => h.emulator.responded.find((r) => r.id === 'details-1'), 5000, 'details');
    for (const reply of [matrix, details]) {
      expect(reply.body.response_type).toBe('ephemeral');
      expect(reply.body.replace_original).toBe(false);
    }
    expect(JSON.stringify(matrix.body.blocks)).toContain('"type":"table"');
    expect(JSON.stringify(details.body.blocks)).toContain('Sources');
  });

  test('"Not helpful" is appended to the feedback log and the user is thanked', async () => {
    await postAction(buttonClick({ actionId: actionIds.notHelpful, value, responseUrl: h.emulator.responseUrl('fb-1') }));
    const thanks = await h.emulator.waitFor(() => h.emulator.responded.find((r) => r.id === 'fb-1'), 5000, 'thanks');
    expect(String(thanks.body.text)).toMatch(/Thanks/);
    const lines = fs.readFileSync(path.join(h.dataDir, 'feedback.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toContainEqual(expect.objectContaining({ kind: 'feedback', rating: 'not-helpful', question: 'We need nightly exports of orders to the data warehouse' }));
  });
});

describe('HTTP mode: a button click delivered again is acted on once', () => {
  const value = encodeButtonPayload({ q: 'We need nightly exports of orders to the data warehouse' });
  /** The same click (same trigger_id), signed again a second earlier each time, so only the click identifies it. */
  const replay = async (payload: Record<string, unknown>, times: number) => {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const now = Math.floor(Date.now() / 1000);
    for (let i = 0; i < times; i++) await postSigned(body, 'application/x-www-form-urlencoded', { timestamp: now - i });
  };

  test('"Share in channel" clicked once and delivered twice posts once', async () => {
    await replay(buttonClick({ actionId: actionIds.share, value, responseUrl: h.emulator.responseUrl('share-twice'), user: 'USHARE2' }), 2);
    await h.emulator.waitFor(() => h.emulator.responded.filter((r) => r.id === 'share-twice').length >= 2 || undefined, 5000, 'share + delete');
    await sentinel();
    expect(h.emulator.responded.filter((r) => r.id === 'share-twice' && r.body.response_type === 'in_channel')).toHaveLength(1);
  });

  test('"Not helpful" delivered five times is one feedback record', async () => {
    const question = 'How many records does one click make, asked by the replay test?';
    await replay(buttonClick({ actionId: actionIds.notHelpful, value: encodeButtonPayload({ q: question }), responseUrl: h.emulator.responseUrl('fb-five') }), 5);
    await h.emulator.waitFor(() => h.emulator.responded.find((r) => r.id === 'fb-five'), 5000, 'thanks');
    await sentinel();
    const lines = fs.readFileSync(path.join(h.dataDir, 'feedback.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { question: string });
    expect(lines.filter((l) => l.question === question)).toHaveLength(1);
    expect(h.emulator.responded.filter((r) => r.id === 'fb-five')).toHaveLength(1);
  });
});

describe('HTTP mode: Web API failures', () => {
  test('a 429 with Retry-After is waited out and the answer still arrives', async () => {
    h.emulator.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const before = h.emulator.callsTo('chat.postMessage').length;
    const started = performance.now();
    await postEvent(directMessage('How do I expose data via OData?', { channel: 'D429', user: 'U429' }));
    const answer = await h.emulator.waitFor(() => postsIn('D429').find((_, i, all) => i === 1 && all.length === 2), 8000, 'the retried answer');
    expect(answer.args.channel).toBe('D429');
    expect(h.emulator.callsTo('chat.postMessage').length - before).toBe(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
  });

  test('after five 500s the answer is given up and the user gets one apology, not silence', async () => {
    // The WebClient's 1 attempt + 3 retries for the answer, then the apology's first attempt: all fail.
    h.emulator.failNext('chat.postMessage', ...Array.from({ length: 5 }, () => ({ status: 500 })));
    await postEvent(directMessage('How do I expose data via OData?', { channel: 'D500', user: 'U500' }));
    const apology = await h.emulator.waitFor(() => postsIn('D500')[5], 15_000, 'the apology');
    expect(String(apology.args.text)).toMatch(/Sorry, something went wrong/);
    await sentinel();
    expect(postsIn('D500')).toHaveLength(6);
    expect(h.logs.some((l) => l.includes('answering a direct message failed'))).toBe(true);
  });

  test('two "ok: false, ratelimited" answers are retried and the answer arrives', async () => {
    h.emulator.failNext('chat.postMessage', ...Array.from({ length: 2 }, () => ({ status: 200, body: { ok: false, error: 'ratelimited' } })));
    await postEvent(directMessage('How do I expose data via OData?', { channel: 'DRL', user: 'URL' }));
    const answer = await h.emulator.waitFor(() => postsIn('DRL')[2], 15_000, 'the third attempt');
    expect(JSON.stringify(answer.args.blocks)).toContain('OData');
    await sentinel();
    expect(postsIn('DRL')).toHaveLength(3);
    expect(postsIn('DRL').some((c) => /Sorry/.test(String(c.args.text)))).toBe(false);
  });

  test('a post that takes 17 s is waited for: the answer, and no apology', async () => {
    h.emulator.delayNext('chat.postMessage', 17_000);
    await postEvent(directMessage('How do I expose data via OData?', { channel: 'DSLOWPOST', user: 'USLOWPOST' }));
    await h.emulator.waitFor(() => postsIn('DSLOWPOST')[0], 10_000, 'the slow post to start');
    await h.emulator.waitFor(() => h.logs.some((l) => l.includes('http request result') && l.includes('DSLOWPOST')) || undefined, 30_000, 'the slow post to finish');
    await sentinel();
    // One post, the answer: no apology before it or after it.
    expect(postsIn('DSLOWPOST')).toHaveLength(1);
    expect(JSON.stringify(postsIn('DSLOWPOST')[0].args.blocks)).toContain('OData');
  }, 60_000);

  test('a response_url that fails and a chat.postEphemeral that fails still leave the user the answer, by DM', async () => {
    h.emulator.failNext('respond', { status: 404 });
    h.emulator.failNext('chat.postEphemeral', { status: 200, body: { ok: false, error: 'channel_not_found' } });
    await postCommand(slashCommand({ text: 'How do I expose data via OData?', responseUrl: h.emulator.responseUrl('lost-1'), user: 'ULOST', channel: 'CNOTMEMBER' }));
    const dm = await h.emulator.waitFor(() => postsIn('ULOST')[0], 15_000, 'the answer by DM');
    expect(JSON.stringify(dm.args.blocks)).toContain('OData');
    await sentinel();
    expect(postsIn('ULOST')).toHaveLength(1);
    expect(h.emulator.responded.filter((r) => r.id === 'lost-1')).toHaveLength(1);
  });
});

describe('HTTP mode: secrets', () => {
  test('no log line holds the bot token or the signing secret', () => {
    expect(h.logs.length).toBeGreaterThan(0);
    for (const line of h.logs) {
      expect(line).not.toContain(botToken);
      expect(line).not.toContain(signingSecret);
    }
  });

  test('every Web API call carried the bot token only in the Authorization header', () => {
    // Bolt's own start-up auth.test passes the token as an argument; every call the bot makes does not.
    for (const call of h.emulator.calls.filter((c) => c.method !== 'auth.test')) {
      expect(call.authorization).toBe(`Bearer ${botToken}`);
      expect(JSON.stringify(call.args)).not.toContain(botToken);
    }
  });
});
