import { run as gaps } from '../../src/cli/commands/gaps';
import { actionIds, encodeButtonPayload } from '../../src/render/slack';
import { recordingIo } from '../fixtures/cli-io';
import { describeWithRedis, startRedis, type RedisServer } from '../fixtures/redis';
import { startCluster, type Cluster, type Instance } from '../fixtures/slack/cluster';
import { appMention, buttonClick, channelMessage, directMessage, eventCallback, slashCommand } from '../fixtures/slack/payloads';

/**
 * Two real instances of the bot in HTTP mode, on two ports, against one local fake of Slack and one real Redis,
 * with requests spread over them as a load balancer would. What a user would notice: nothing answered twice,
 * nothing lost, limits that hold for the pair, one feedback list.
 */
describeWithRedis('Two instances sharing Redis', () => {
  let redis: RedisServer;
  let cluster: Cluster;
  let a: Instance;
  let b: Instance;
  const keyPrefix = `two-instances-${process.pid}`;

  beforeAll(async () => {
    redis = await startRedis();
    cluster = await startCluster(2, { REDIS_URL: redis.url, REDIS_KEY_PREFIX: keyPrefix, RATE_LIMIT_PER_USER: '10', RATE_LIMIT_PER_CHANNEL: '30' });
    [a, b] = cluster.instances;
  });

  afterAll(async () => {
    await cluster?.close();
    await redis?.stop();
  });

  /** The log lines of an instance that ignored a repeated delivery of `eventId`. */
  const ignored = (instance: Instance, eventId: string) => instance.logs.filter((l) => l.includes('repeated delivery ignored') && l.includes(`"eventId":"${eventId}"`));
  const posts = () => cluster.emulator.callsTo('chat.postMessage');
  const postsIn = (channel: string) => posts().filter((c) => c.args.channel === channel);
  let sentinels = 0;
  /** A DM through both instances, answered: everything sent before it has been handled (or ignored). */
  const settle = async () => {
    for (const instance of [a, b]) {
      const channel = `DSENT${++sentinels}`;
      await instance.postEvent(directMessage('How do I expose data to Power BI?', { channel, user: `USENT${sentinels}` }), `EvSENT${sentinels}`);
      await cluster.emulator.waitFor(() => postsIn(channel)[0], 15_000, `the sentinel answer on ${instance.name}`);
    }
  };

  test('/healthz on each instance says the shared state store is reachable', async () => {
    for (const instance of [a, b]) {
      const response = await fetch(`http://127.0.0.1:${instance.port}/healthz`);
      expect(await response.json()).toEqual({ status: 'ok', state: { store: 'redis', reachable: true } });
    }
  });

  test('a mention answered by A, and Slack retrying it to B, is answered once', async () => {
    const event = appMention('How do I expose data via OData?', { channel: 'CRETRYAB', user: 'URETRYAB' });
    expect(await a.postEvent(event, 'EvAB1')).toBe(200);
    await cluster.emulator.waitFor(() => postsIn('CRETRYAB')[0], 15_000, 'the answer from A');
    expect(await b.postEvent(event, 'EvAB1', { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).toBe(200);
    await settle();
    expect(postsIn('CRETRYAB')).toHaveLength(1);
  });

  test('a mention and three retries alternating A, B, A, B are answered once', async () => {
    const event = appMention('We need nightly exports of orders to the data warehouse', { channel: 'CALT', user: 'UALT' });
    const sent = [a, b, a, b].map((instance, retry) => instance.postEvent(event, 'EvALT1', retry ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : {}));
    expect(await Promise.all(sent)).toEqual([200, 200, 200, 200]);
    await cluster.emulator.waitFor(() => postsIn('CALT')[0], 15_000, 'the answer');
    // Retries that came while the first was being answered waited for it; all three end up ignored.
    await cluster.emulator.waitFor(() => ignored(a, 'EvALT1').length + ignored(b, 'EvALT1').length === 3 || undefined, 15_000, 'the three retries ignored');
    await settle();
    expect(postsIn('CALT')).toHaveLength(1);
  });

  test('a retry that reaches B while A is still posting waits for A instead of answering again', async () => {
    cluster.emulator.delayNext('chat.postMessage', 2000);
    const event = appMention('How do I expose data via OData?', { channel: 'CSLOW', user: 'USLOW' });
    await a.postEvent(event, 'EvSLOW1');
    await cluster.emulator.waitFor(() => postsIn('CSLOW')[0], 15_000, 'A starting its post');
    await b.postEvent(event, 'EvSLOW1', { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    // B waits while A's post is under way, then sees it done.
    const seen = await cluster.emulator.waitFor(
      () => ignored(b, 'EvSLOW1').find((l) => l.includes('"state":"done"')),
      15_000,
      'B to see the delivery done',
    );
    expect(seen).toBeDefined();
    await settle();
    expect(postsIn('CSLOW')).toHaveLength(1);
  }, 60_000);

  test('a follow-up on B in a thread A answered is answered, read with the earlier question', async () => {
    const mention = appMention('We need nightly exports of orders to the data warehouse', { channel: 'CFOLLOW', user: 'UFOLLOW' });
    await a.postEvent(mention, 'EvFOLLOW1');
    await cluster.emulator.waitFor(() => postsIn('CFOLLOW')[0], 15_000, 'the answer from A');
    await b.postEvent(channelMessage('and for mobile?', { channel: 'CFOLLOW', user: 'UFOLLOW', thread_ts: mention.ts }), 'EvFOLLOW2');
    const second = await cluster.emulator.waitFor(() => postsIn('CFOLLOW')[1], 15_000, 'the follow-up answer from B');
    expect(second.args.thread_ts).toBe(mention.ts);
    const earlier = JSON.stringify(JSON.stringify({ q: 'and for mobile?', p: 'We need nightly exports of orders to the data warehouse' })).slice(1, -1);
    expect(JSON.stringify(second.args.blocks)).toContain(earlier);
  });

  test('a channel set to "all" through A gets its questions answered by B without a mention', async () => {
    await a.postForm(slashCommand({ text: 'channel all', responseUrl: cluster.emulator.responseUrl('mode-all'), user: 'UMODE', channel: 'CMODEALL' }));
    await cluster.emulator.waitFor(() => cluster.emulator.responded.find((r) => r.id === 'mode-all'), 15_000, 'the mode notice');
    const question = channelMessage('Kafka or REST for sending order events to 3 apps?', { channel: 'CMODEALL', user: 'UMODE' });
    await b.postEvent(question, 'EvMODE1');
    const answer = await cluster.emulator.waitFor(() => postsIn('CMODEALL')[0], 15_000, 'the answer from B');
    expect(answer.args.thread_ts).toBe(question.ts);
  });

  test('24 slash commands from one user alternating A and B, with 10 a minute allowed, get 10 answers', async () => {
    for (let i = 0; i < 24; i++) {
      await (i % 2 ? b : a).postForm(slashCommand({ text: `question ${i} about REST`, responseUrl: cluster.emulator.responseUrl(`user-${i}`), user: 'ULIMIT', channel: 'CLIMITU' }));
    }
    const replies = await cluster.emulator.waitFor(() => {
      const found = cluster.emulator.responded.filter((r) => r.id.startsWith('user-'));
      return found.length >= 24 ? found : undefined;
    }, 30_000, '24 replies');
    const limited = replies.filter((r) => /faster than I can keep up/.test(String(r.body.text)));
    expect(replies.length - limited.length).toBe(10);
    expect(limited).toHaveLength(14);
  });

  test('40 slash commands in one channel alternating A and B, with 30 a minute allowed, get 30 answers', async () => {
    for (let i = 0; i < 40; i++) {
      await (i % 2 ? b : a).postForm(slashCommand({ text: `question ${i} about OData`, responseUrl: cluster.emulator.responseUrl(`chan-${i}`), user: `UCH${i}`, channel: 'CLIMITC' }));
    }
    const replies = await cluster.emulator.waitFor(() => {
      const found = cluster.emulator.responded.filter((r) => r.id.startsWith('chan-'));
      return found.length >= 40 ? found : undefined;
    }, 30_000, '40 replies');
    const limited = replies.filter((r) => /keeping me very busy/.test(String(r.body.text)));
    expect(replies.length - limited.length).toBe(30);
  });

  test('feedback given on A and on B is listed by integration-bot gaps', async () => {
    const onA = 'Which queue should our Mendix app use, asked on instance A?';
    const onB = 'Which queue should our Mendix app use, asked on instance B?';
    await a.postAction(buttonClick({ actionId: actionIds.notHelpful, value: encodeButtonPayload({ q: onA }), responseUrl: cluster.emulator.responseUrl('fb-a') }));
    await b.postAction(buttonClick({ actionId: actionIds.notHelpful, value: encodeButtonPayload({ q: onB }), responseUrl: cluster.emulator.responseUrl('fb-b') }));
    await cluster.emulator.waitFor(() => cluster.emulator.responded.find((r) => r.id === 'fb-a'), 15_000, 'thanks on A');
    await cluster.emulator.waitFor(() => cluster.emulator.responded.find((r) => r.id === 'fb-b'), 15_000, 'thanks on B');
    const io = recordingIo('', { REDIS_URL: redis.url, REDIS_KEY_PREFIX: keyPrefix });
    expect(await gaps(['--json'], io)).toBe(0);
    const report = JSON.parse(io.stdout()) as { notHelpful: { question: string }[] };
    expect(report.notHelpful.map((e) => e.question)).toEqual(expect.arrayContaining([onA, onB]));
  });

  test('with Redis killed mid-run both instances keep answering, and share state again once it is back', async () => {
    await redis.kill();
    try {
      for (const instance of [a, b]) {
        const channel = `DOUT${instance.name}`;
        await instance.postEvent(directMessage('How do I expose data via OData?', { channel, user: `UOUT${instance.name}` }), `EvOUT${instance.name}`);
        await cluster.emulator.waitFor(() => postsIn(channel)[0], 15_000, `the answer from ${instance.name} during the outage`);
        const health = await (await fetch(`http://127.0.0.1:${instance.port}/healthz`)).json();
        expect(health).toEqual({ status: 'ok', state: { store: 'redis', reachable: false } });
        expect(instance.logs.filter((l) => l.includes('Redis is unreachable'))).toHaveLength(1);
      }
    } finally {
      await redis.restart();
    }
    for (const instance of [a, b]) {
      const started = Date.now();
      let reachable = false;
      while (!reachable && Date.now() - started < 20_000) {
        reachable = ((await (await fetch(`http://127.0.0.1:${instance.port}/healthz`)).json()) as { state: { reachable: boolean } }).state.reachable;
        if (!reachable) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(reachable).toBe(true);
    }
    const event = appMention('How do I expose data via OData?', { channel: 'CBACK', user: 'UBACK' });
    await a.postEvent(event, 'EvBACK1');
    await cluster.emulator.waitFor(() => postsIn('CBACK')[0], 15_000, 'the answer after the outage');
    await b.postEvent(event, 'EvBACK1', { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    await settle();
    expect(postsIn('CBACK')).toHaveLength(1);
  });
});

describeWithRedis('Two Socket Mode connections sharing Redis', () => {
  let redis: RedisServer;
  let cluster: Cluster;
  let envelopes = 0;

  beforeAll(async () => {
    redis = await startRedis();
    cluster = await startCluster(2, { REDIS_URL: redis.url, REDIS_KEY_PREFIX: `two-sockets-${process.pid}` }, 'socket');
  });

  afterAll(async () => {
    await cluster?.close();
    await redis?.stop();
  });

  /** Delivers an event on one instance's connection, as Slack picks one connection per delivery. */
  const deliver = (instance: number, event: Record<string, unknown>, eventId: string, retryAttempt = 0) => {
    const envelopeId = `env-${++envelopes}`;
    cluster.emulator.sockets[instance].send(
      JSON.stringify({ envelope_id: envelopeId, type: 'events_api', accepts_response_payload: false, retry_attempt: retryAttempt, retry_reason: retryAttempt ? 'timeout' : '', payload: eventCallback(event, eventId) }),
    );
    return cluster.emulator.waitFor(() => cluster.emulator.acks.find((a) => a.envelope_id === envelopeId), 15_000, `the ack of ${envelopeId}`);
  };
  const postsIn = (channel: string) => cluster.emulator.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
  const ignoredOn = (instance: number, eventId: string) => cluster.instances[instance].logs.some((l) => l.includes('repeated delivery ignored') && l.includes(`"eventId":"${eventId}"`));

  test('each instance has its own connection', () => {
    expect(cluster.emulator.connectionsOpened).toBe(2);
    expect(cluster.emulator.sockets.filter((s) => s.readyState === s.OPEN)).toHaveLength(2);
  });

  test('an event delivered on one connection and retried on the other is answered once', async () => {
    const event = appMention('How do I expose data via OData?', { channel: 'CSOCK', user: 'USOCK' });
    await deliver(0, event, 'EvSOCK1');
    await cluster.emulator.waitFor(() => postsIn('CSOCK')[0], 15_000, 'the answer');
    await deliver(1, event, 'EvSOCK1', 1);
    await cluster.emulator.waitFor(() => ignoredOn(1, 'EvSOCK1') || undefined, 15_000, 'the retry ignored on the second connection');
    expect(postsIn('CSOCK')).toHaveLength(1);
  });

  test('a follow-up delivered on the other connection is read with the thread question', async () => {
    const mention = appMention('We need nightly exports of orders to the data warehouse', { channel: 'CSOCKF', user: 'USOCKF' });
    await deliver(0, mention, 'EvSOCKF1');
    await cluster.emulator.waitFor(() => postsIn('CSOCKF')[0], 15_000, 'the answer');
    await deliver(1, channelMessage('and for mobile?', { channel: 'CSOCKF', user: 'USOCKF', thread_ts: mention.ts }), 'EvSOCKF2');
    const second = await cluster.emulator.waitFor(() => postsIn('CSOCKF')[1], 15_000, 'the follow-up answer');
    expect(JSON.stringify(second.args.blocks)).toContain(JSON.stringify(JSON.stringify({ q: 'and for mobile?', p: 'We need nightly exports of orders to the data warehouse' })).slice(1, -1));
  });
});

describeWithRedis('A rolling restart of two instances sharing Redis', () => {
  test('stopping A (as on SIGTERM) during a burst, with Slack retrying to B, answers every question exactly once', async () => {
    const redis = await startRedis();
    const cluster = await startCluster(2, { REDIS_URL: redis.url, REDIS_KEY_PREFIX: `rolling-${process.pid}` });
    const [a, b] = cluster.instances;
    try {
      const count = 30;
      const events = Array.from({ length: count }, (_, i) => directMessage('How do I expose data via OData?', { channel: `DROLL${i}`, user: `UROLL${i}` }));
      const postsIn = (channel: string) => cluster.emulator.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
      // A's posts are slow, so several are being written when the stop comes.
      cluster.emulator.delayNext('chat.postMessage', ...Array.from({ length: 10 }, () => 500));
      const first = await Promise.all(events.slice(0, 20).map((event, i) => a.postEvent(event, `EvROLL${i}`)));
      expect(first.every((status) => status === 200)).toBe(true);
      const stopping = a.slack.stop(10_000);
      // The rest reach A while it stops: refused (503, or no connection), which is what makes Slack retry.
      const late = await Promise.all(events.slice(20).map((event, i) => a.postEvent(event, `EvROLL${20 + i}`).catch(() => 0)));
      expect(late.every((status) => status !== 200)).toBe(true);
      // Slack retries every one of them, the acknowledged ones too (the worst case), to B.
      const retried = await Promise.all(events.map((event, i) => b.postEvent(event, `EvROLL${i}`, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })));
      expect(retried.every((status) => status === 200)).toBe(true);
      expect(await stopping).toEqual({ unfinished: 0 });
      // B answers the late ones and ignores the retries of what A answered (waiting for A where A was still posting).
      const decided = (i: number) => b.logs.some((l) => l.includes('repeated delivery ignored') && l.includes(`"eventId":"EvROLL${i}"`)) || postsIn(`DROLL${i}`).length > 0;
      await cluster.emulator.waitFor(() => events.every((_, i) => decided(i) && postsIn(`DROLL${i}`).length > 0) || undefined, 30_000, 'every question answered');
      for (let i = 0; i < count; i++) expect({ i, posts: postsIn(`DROLL${i}`).length }).toEqual({ i, posts: 1 });
    } finally {
      await cluster.close();
      await redis.stop();
    }
  }, 90_000);
});

describeWithRedis('A reply owed when an instance stops', () => {
  test('a reply waiting out a 20 s Retry-After when A stops is handed to B, which sends it; A stops at once', async () => {
    const redis = await startRedis();
    const cluster = await startCluster(2, { REDIS_URL: redis.url, REDIS_KEY_PREFIX: `handover-${process.pid}` });
    const [a] = cluster.instances;
    try {
      const postsIn = (channel: string) => cluster.emulator.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
      cluster.emulator.failNext('chat.postMessage', { status: 429, retryAfter: 20 });
      await a.postEvent(directMessage('How do I expose data via OData?', { channel: 'DHAND', user: 'UHAND' }), 'EvHAND1');
      await cluster.emulator.waitFor(() => a.logs.some((l) => l.includes('Slack call failed; retrying') && l.includes('"delayMs":20000')) || undefined, 15_000, 'A waiting out the Retry-After');
      const started = performance.now();
      expect(await a.slack.stop(10_000)).toEqual({ unfinished: 0 });
      expect(performance.now() - started).toBeLessThan(8000);
      const delivered = await cluster.emulator.waitFor(() => postsIn('DHAND')[1], 15_000, 'the reply sent by B');
      expect(JSON.stringify(delivered.args.blocks)).toContain('OData');
      await cluster.emulator.waitFor(() => cluster.instances[1].logs.some((l) => l.includes('delivered a reply another instance handed over')) || undefined, 15_000, "B's log of the delivery");
      // The refused attempt and the delivered reply; no apology, no second copy.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(postsIn('DHAND')).toHaveLength(2);
      expect(a.logs.some((l) => l.includes('answering a direct message failed'))).toBe(false);
    } finally {
      await cluster.close();
      await redis.stop();
    }
  }, 60_000);
});
