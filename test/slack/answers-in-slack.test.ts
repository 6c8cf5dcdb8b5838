import { actionIds, decodeButtonPayload, measureMessage, visibleText, type Block } from '../../src/render/slack';
import { shippedEngine } from '../fixtures/slack/engine';
import type { ApiCall } from '../fixtures/slack/emulator';
import { startHarness, type Harness } from '../fixtures/slack/harness';
import { appMention, buttonClick, channelMessage, directMessage, slashCommand, ts } from '../fixtures/slack/payloads';
import { transportFor, type Transport } from '../fixtures/slack/transport';

/**
 * What a user sees in Slack, end to end: the real Bolt app, in each transport, against the local fake of Slack, with
 * the real engine. The assertions are about structure (what comes first, how long, who gets a reply), not wording.
 */
describe.each(['http', 'socket'] as const)('In Slack over %s', (mode) => {
  let h: Harness;
  let slack: Transport;
  let n = 0;
  /** A channel and a user of their own for each test, so rate limits and thread memory never mix. */
  const fresh = (prefix: string) => {
    n += 1;
    return { channel: `${prefix}${mode.toUpperCase()}${n}`, user: `U${mode.toUpperCase()}${n}` };
  };

  beforeAll(async () => {
    // A generous heartbeat: on a loaded machine a late pong must not make the client reconnect mid-test.
    h = await startHarness(mode, {}, { socket: { clientPingTimeoutMs: 15_000 } });
    slack = transportFor(mode, h);
  });

  afterAll(async () => {
    await h.close();
  });

  const postsIn = (channel: string) => h.emulator.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
  const nthPost = (channel: string, index: number, what: string) => h.emulator.waitFor(() => postsIn(channel)[index], 8000, what);
  const blocksOf = (call: ApiCall) => (call.args.blocks ?? []) as Block[];
  const firstLine = (blocks: Block[]) => {
    const block = blocks.find((b) => b.type === 'section');
    return visibleText(block?.type === 'section' ? block.text?.text ?? '' : '').split('\n')[0];
  };
  const buttons = (blocks: Block[]) => blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])).flatMap((e) => (e.type === 'button' ? [e] : []));
  /** Waits until the bot logged that it decided not to reply to a message of `channel`'s kind. */
  const noReplyLogged = (count: number) => h.emulator.waitFor(() => h.logs.filter((l) => l.includes('"no reply"')).length >= count || undefined, 8000, 'the decision not to reply');

  test('the headline is the first text of the reply in the thread, within 6 blocks besides the buttons and 1,000 characters', async () => {
    const { channel, user } = fresh('CHEAD');
    const question = '6 apps need the customer master from Salesforce, live calls or copies?';
    const mention = appMention(question, { channel, user });
    await slack.event(mention);
    const reply = await nthPost(channel, 0, 'the answer');
    expect(reply.args.thread_ts).toBe(mention.ts);
    const headline = shippedEngine().answer(question).headline;
    expect(headline.startsWith(firstLine(blocksOf(reply)).replace(/…$/, ''))).toBe(true);
    const size = measureMessage({ blocks: blocksOf(reply) });
    expect(size.blocks).toBeLessThanOrEqual(6);
    expect(size.chars).toBeLessThanOrEqual(1000);
    expect(JSON.stringify(reply.args.blocks)).not.toMatch(/\d+ ?%/);
  });

  test('"thanks" in a thread the bot answered gets no reply', async () => {
    const { channel, user } = fresh('CTHANKS');
    const mention = appMention('We need nightly exports of orders to the data warehouse', { channel, user });
    await slack.event(mention);
    await nthPost(channel, 0, 'the answer');
    const before = h.logs.filter((l) => l.includes('"no reply"')).length;
    await slack.event(channelMessage('thanks, that helps!', { channel, user, thread_ts: mention.ts }));
    await noReplyLogged(before + 1);
    expect(postsIn(channel)).toHaveLength(1);
  });

  test('a follow-up after a question with typos is answered in the thread and says it was read together', async () => {
    const { channel, user } = fresh('CFOLLOW');
    const mention = appMention('how shuld 3 apps get the custmer mastr data from salesforse?', { channel, user });
    await slack.event(mention);
    await nthPost(channel, 0, 'the answer');
    await slack.event(channelMessage('and for mobile?', { channel, user, thread_ts: mention.ts }));
    const followUp = await nthPost(channel, 1, 'the follow-up answer');
    expect(followUp.args.thread_ts).toBe(mention.ts);
    expect(visibleText(JSON.stringify(followUp.args.blocks))).toContain('Read together with your earlier question about “how shuld 3 apps get the custmer mastr data from salesforse?”');
  });

  test('a clarify button answers its option in the same thread', async () => {
    const { channel, user } = fresh('CCLARIFY');
    const mention = appMention('real-time options?', { channel, user });
    await slack.event(mention);
    const asked = await nthPost(channel, 0, 'the clarify question');
    const option = buttons(blocksOf(asked)).find((b) => (b.action_id ?? '').startsWith(actionIds.clarifyPrefix));
    expect(option).toBeDefined();
    const query = decodeButtonPayload(option!.value)!.q;
    await slack.interaction(buttonClick({ actionId: option!.action_id!, value: option!.value!, responseUrl: h.emulator.responseUrl(`clarify-${mode}`), channel, user, inThread: { messageTs: ts(), threadTs: String(mention.ts) } }));
    const answer = await nthPost(channel, 1, 'the answer to the option');
    expect(answer.args.thread_ts).toBe(mention.ts);
    const headline = shippedEngine().answer(query).headline;
    expect(headline.startsWith(firstLine(blocksOf(answer)).replace(/…$/, ''))).toBe(true);
  });

  test('the Details button shows the rest privately: use cases, methods, technologies and all sources', async () => {
    const { channel, user } = fresh('CDETAILS');
    const question = 'can power bi read our app data?';
    await slack.event(appMention(question, { channel, user }));
    const reply = await nthPost(channel, 0, 'the answer');
    const details = buttons(blocksOf(reply)).find((b) => b.action_id === actionIds.details)!;
    const id = `details-${mode}`;
    await slack.interaction(buttonClick({ actionId: details.action_id!, value: details.value!, responseUrl: h.emulator.responseUrl(id), channel, user }));
    const shown = await h.emulator.waitFor(() => h.emulator.responded.find((r) => r.id === id), 8000, 'the details');
    expect(shown.body.response_type).toBe('ephemeral');
    const text = visibleText(JSON.stringify(shown.body.blocks));
    const answer = shippedEngine().answer(question);
    const expected = ['Sources', ...answer.useCases.map((u) => u.title), ...answer.methods.map((m) => m.title), ...answer.technologies.map((t) => t.title)];
    expect(expected.length).toBeGreaterThan(3);
    for (const part of expected) expect(text).toContain(part);
    for (const source of answer.sources) expect(JSON.stringify(shown.body.blocks)).toContain(source.url);
  });

  test('Show matrix is a table block, and the same rows as text when Slack rejects the table', async () => {
    const { channel, user } = fresh('CMATRIX');
    const value = JSON.stringify({ q: 'We need nightly exports of orders to the data warehouse' });
    const table = `matrix-table-${mode}`;
    await slack.interaction(buttonClick({ actionId: actionIds.matrix, value, responseUrl: h.emulator.responseUrl(table), channel, user }));
    const shown = await h.emulator.waitFor(() => h.emulator.responded.find((r) => r.id === table), 8000, 'the matrix');
    expect((shown.body.blocks as Block[]).some((b) => b.type === 'table')).toBe(true);

    h.emulator.failNext('respond', { status: 400, body: { ok: false, error: 'invalid_blocks' } });
    h.emulator.failNext('chat.postEphemeral', { status: 200, body: { ok: false, error: 'invalid_blocks' } });
    const text = `matrix-text-${mode}`;
    await slack.interaction(buttonClick({ actionId: actionIds.matrix, value, responseUrl: h.emulator.responseUrl(text), channel, user }));
    const fallback = await h.emulator.waitFor(() => h.emulator.responded.filter((r) => r.id === text)[1], 8000, 'the text fallback');
    const blocks = fallback.body.blocks as Block[];
    expect(blocks.some((b) => b.type === 'table')).toBe(false);
    expect(JSON.stringify(blocks)).toContain('● preferred');
  });

  test('a snippet with a direct-database row gets the direct-database warning', async () => {
    const { user } = fresh('DSNIP');
    const channel = `D${user}`;
    await slack.event(directMessage('| Use case | Method |\n|---|---|\n| Field app offline | Direct database |', { channel, user }));
    const review = await nthPost(channel, 0, 'the review');
    const text = visibleText(JSON.stringify(review.args.blocks));
    expect(text).toContain('not recommended');
    expect(text).toMatch(/database directly/i);
  });

  test('a channel set to "all" gets answers to its questions without a mention, and nothing for small talk', async () => {
    const { channel, user } = fresh('CALL');
    const unasked = channelMessage('Kafka or REST for sending order events to 3 apps?', { channel, user });
    await slack.event(unasked);
    const quiet = h.logs.length;
    await slack.command(slashCommand({ text: 'channel all', responseUrl: h.emulator.responseUrl(`mode-${mode}`), channel, user }));
    const set = await h.emulator.waitFor(() => h.emulator.responded.find((r) => r.id === `mode-${mode}`), 8000, 'the mode notice');
    expect(String(set.body.text)).toMatch(/every question/);
    expect(postsIn(channel)).toHaveLength(0);
    expect(quiet).toBeGreaterThan(0);

    const before = h.logs.filter((l) => l.includes('"no reply"')).length;
    await slack.event(channelMessage('lunch at 12, anyone?', { channel, user }));
    await noReplyLogged(before + 1);
    const question = channelMessage('Kafka or REST for sending order events to 3 apps?', { channel, user });
    await slack.event(question);
    const answer = await nthPost(channel, 0, 'the unasked answer');
    expect(answer.args.thread_ts).toBe(question.ts);
    expect(postsIn(channel)).toHaveLength(1);
  });

  test('a channel mode is refused in a DM, where every message is answered anyway', async () => {
    const { user } = fresh('DMODE');
    const id = `mode-dm-${mode}`;
    await slack.command(slashCommand({ text: 'channel all', responseUrl: h.emulator.responseUrl(id), channel: `D${user}`, user }));
    const reply = await h.emulator.waitFor(() => h.emulator.responded.find((r) => r.id === id), 8000, 'the notice');
    expect(String(reply.body.text)).toMatch(/apply to channels/);
  });

  test('where the workspace has no assistant panel, the status call fails quietly and the DM thread is still answered', async () => {
    const { user } = fresh('DNOPANEL');
    const channel = `D${user}`;
    const threadTs = ts();
    h.emulator.failNext('assistant.threads.setStatus', { status: 200, body: { ok: false, error: 'not_allowed_token_type' } });
    await slack.event(directMessage('How do I expose data to Power BI?', { channel, user, thread_ts: threadTs }));
    const answer = await h.emulator.waitFor(() => postsIn(channel).find((c) => c.args.thread_ts === threadTs), 8000, 'the answer');
    expect(Array.isArray(answer.args.blocks)).toBe(true);
  });

  test('the assistant panel offers prompts from the knowledge and shows a status while answering', async () => {
    const { user } = fresh('DASSIST');
    const channel = `D${user}`;
    const threadTs = ts();
    await slack.event({ type: 'assistant_thread_started', assistant_thread: { user_id: user, context: { channel_id: 'C1', team_id: 'T1' }, channel_id: channel, thread_ts: threadTs }, event_ts: threadTs });
    const prompts = await h.emulator.waitFor(() => h.emulator.callsTo('assistant.threads.setSuggestedPrompts').find((c) => c.args.channel_id === channel), 8000, 'the prompts');
    const offered = prompts.args.prompts as { title: string; message: string }[];
    expect(offered.length).toBeGreaterThan(0);
    const examples = new Set(shippedEngine().corpus.examples.map((e) => e.text));
    for (const prompt of offered) expect(examples.has(prompt.message)).toBe(true);

    await slack.event(directMessage(offered[0].message, { channel, user, thread_ts: threadTs }));
    const answer = await h.emulator.waitFor(() => postsIn(channel).find((c) => c.args.thread_ts === threadTs && Array.isArray(c.args.blocks)), 8000, 'the answer');
    const status = h.emulator.callsTo('assistant.threads.setStatus').find((c) => c.args.channel_id === channel);
    expect(status).toBeDefined();
    expect(status!.at).toBeLessThanOrEqual(answer.at);
  });
});
