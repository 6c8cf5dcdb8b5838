import { run as gaps } from '../../src/cli/commands/gaps';
import { actionIds, encodeButtonPayload } from '../../src/render/slack';
import { recordingIo } from '../fixtures/cli-io';
import { describeWithRedis, startRedis, type RedisServer } from '../fixtures/redis';
import { startCluster, type Cluster, type Instance } from '../fixtures/slack/cluster';
import { appMention, buttonClick, channelMessage, directMessage, slashCommand } from '../fixtures/slack/payloads';

/**
 * Two real instances of the bot against one local fake of Slack and one real Redis, in each transport: in HTTP
 * mode on two ports, with requests spread over them as a load balancer would; in Socket Mode each with its own
 * connection, the fake delivering each event, command and click on one of them as Slack does. What a user would
 * notice: nothing answered twice, nothing lost, limits that hold for the pair, one feedback list.
 */
const transports = [
  { mode: 'http', over: 'in HTTP mode behind a load balancer' },
  { mode: 'socket', over: 'over two Socket Mode connections' },
] as const;

/** The log lines of an instance that ignored a repeated delivery of `eventId`. */
const ignored = (instance: Instance, eventId: string) => instance.logs.filter((l) => l.includes('repeated delivery ignored') && l.includes(`"eventId":"${eventId}"`));
const postsIn = (cluster: Cluster, channel: string) => cluster.emulator.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);

/** Polls the instance's view of the state store until it reaches Redis again; false after 20 s. */
async function reachableAgain(instance: Instance): Promise<boolean> {
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
    if ((await instance.health()).reachable) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

for (const { mode, over } of transports) {
  describeWithRedis(`Two instances sharing Redis, ${over}`, () => {
    let redis: RedisServer;
    let cluster: Cluster;
    let a: Instance;
    let b: Instance;
    const keyPrefix = `two-instances-${mode}-${process.pid}`;

    beforeAll(async () => {
      redis = await startRedis();
      cluster = await startCluster(2, { REDIS_URL: redis.url, REDIS_KEY_PREFIX: keyPrefix, RATE_LIMIT_PER_USER: '10', RATE_LIMIT_PER_CHANNEL: '30' }, mode);
      [a, b] = cluster.instances;
    });

    afterAll(async () => {
      await cluster?.close();
      await redis?.stop();
    });

    const posts = (channel: string) => postsIn(cluster, channel);
    let sentinels = 0;
    /** A DM through both instances, answered: everything sent before it has been handled (or ignored). */
    const settle = async () => {
      for (const instance of [a, b]) {
        const channel = `DSENT${++sentinels}`;
        expect(await instance.deliverEvent(directMessage('How do I expose data to Power BI?', { channel, user: `USENT${sentinels}` }), `EvSENT${sentinels}`)).toBe(true);
        await cluster.emulator.waitFor(() => posts(channel)[0], 15_000, `the sentinel answer on ${instance.name}`);
      }
    };

    if (mode === 'http') {
      test('/healthz on each instance says the shared state store is reachable', async () => {
        for (const instance of [a, b]) {
          const response = await fetch(`http://127.0.0.1:${instance.port}/healthz`);
          expect(await response.json()).toEqual({ status: 'ok', state: { store: 'redis', reachable: true } });
        }
      });
    } else {
      test('each instance has its own connection, and each reaches the shared state store', async () => {
        expect(cluster.emulator.callsTo('apps.connections.open').map((c) => c.instance)).toEqual(['A', 'B']);
        expect(cluster.emulator.socketOf('A')).not.toBe(cluster.emulator.socketOf('B'));
        for (const instance of [a, b]) expect(await instance.health()).toEqual({ store: 'redis', reachable: true });
      });
    }

    test('a mention answered by A, and Slack retrying it to B, is answered once', async () => {
      const event = appMention('How do I expose data via OData?', { channel: 'CRETRYAB', user: 'URETRYAB' });
      expect(await a.deliverEvent(event, 'EvAB1')).toBe(true);
      await cluster.emulator.waitFor(() => posts('CRETRYAB')[0], 15_000, 'the answer from A');
      expect(await b.deliverEvent(event, 'EvAB1', 1)).toBe(true);
      await settle();
      expect(posts('CRETRYAB').map((c) => c.instance)).toEqual(['A']);
    });

    test('a mention and three retries alternating A, B, A, B are answered once', async () => {
      const event = appMention('We need nightly exports of orders to the data warehouse', { channel: 'CALT', user: 'UALT' });
      const sent = [a, b, a, b].map((instance, retry) => instance.deliverEvent(event, 'EvALT1', retry));
      expect(await Promise.all(sent)).toEqual([true, true, true, true]);
      await cluster.emulator.waitFor(() => posts('CALT')[0], 15_000, 'the answer');
      // Retries that came while the first was being answered waited for it; all three end up ignored.
      await cluster.emulator.waitFor(() => ignored(a, 'EvALT1').length + ignored(b, 'EvALT1').length === 3 || undefined, 15_000, 'the three retries ignored');
      await settle();
      expect(posts('CALT')).toHaveLength(1);
    });

    test('a retry that reaches B while A is still posting waits for A instead of answering again', async () => {
      cluster.emulator.delayNext('chat.postMessage', 2000);
      const event = appMention('How do I expose data via OData?', { channel: 'CSLOW', user: 'USLOW' });
      await a.deliverEvent(event, 'EvSLOW1');
      await cluster.emulator.waitFor(() => posts('CSLOW')[0], 15_000, 'A starting its post');
      await b.deliverEvent(event, 'EvSLOW1', 1);
      // B waits while A's post is under way, then sees it done.
      const seen = await cluster.emulator.waitFor(() => ignored(b, 'EvSLOW1').find((l) => l.includes('"state":"done"')), 15_000, 'B to see the delivery done');
      expect(seen).toBeDefined();
      await settle();
      expect(posts('CSLOW')).toHaveLength(1);
    }, 60_000);

    test('a follow-up on B in a thread A answered is answered, read with the earlier question', async () => {
      const mention = appMention('We need nightly exports of orders to the data warehouse', { channel: 'CFOLLOW', user: 'UFOLLOW' });
      await a.deliverEvent(mention, 'EvFOLLOW1');
      await cluster.emulator.waitFor(() => posts('CFOLLOW')[0], 15_000, 'the answer from A');
      await b.deliverEvent(channelMessage('and for mobile?', { channel: 'CFOLLOW', user: 'UFOLLOW', thread_ts: mention.ts }), 'EvFOLLOW2');
      const second = await cluster.emulator.waitFor(() => posts('CFOLLOW')[1], 15_000, 'the follow-up answer from B');
      expect(second.instance).toBe('B');
      expect(second.args.thread_ts).toBe(mention.ts);
      const earlier = JSON.stringify(JSON.stringify({ q: 'and for mobile?', p: 'We need nightly exports of orders to the data warehouse' })).slice(1, -1);
      expect(JSON.stringify(second.args.blocks)).toContain(earlier);
    });

    test('a channel set to "all" through A gets its questions answered by B without a mention', async () => {
      await a.deliverCommand(slashCommand({ text: 'channel all', responseUrl: cluster.emulator.responseUrl(`mode-all-${mode}`), user: 'UMODE', channel: 'CMODEALL' }));
      await cluster.emulator.waitFor(() => cluster.emulator.responded.find((r) => r.id === `mode-all-${mode}`), 15_000, 'the mode notice');
      const question = channelMessage('Kafka or REST for sending order events to 3 apps?', { channel: 'CMODEALL', user: 'UMODE' });
      await b.deliverEvent(question, 'EvMODE1');
      const answer = await cluster.emulator.waitFor(() => posts('CMODEALL')[0], 15_000, 'the answer from B');
      expect(answer.args.thread_ts).toBe(question.ts);
    });

    /** Sends `count` slash commands alternating A and B and resolves with their replies, once all have one. */
    const commandsAlternating = async (count: number, id: string, command: (i: number) => { text: string; user: string; channel: string }) => {
      for (let i = 0; i < count; i++) {
        expect(await (i % 2 ? b : a).deliverCommand(slashCommand({ ...command(i), responseUrl: cluster.emulator.responseUrl(`${id}-${i}`) }))).toBe(true);
      }
      return cluster.emulator.waitFor(() => {
        const found = cluster.emulator.responded.filter((r) => r.id.startsWith(`${id}-`));
        return found.length >= count ? found : undefined;
      }, 30_000, `${count} replies`);
    };

    test('24 slash commands from one user alternating A and B, with 10 a minute allowed, get 10 answers', async () => {
      const replies = await commandsAlternating(24, 'user', (i) => ({ text: `question ${i} about REST`, user: 'ULIMIT', channel: 'CLIMITU' }));
      const limited = replies.filter((r) => /faster than I can keep up/.test(String(r.body.text)));
      expect(replies.length - limited.length).toBe(10);
      expect(limited).toHaveLength(14);
    });

    test('40 slash commands in one channel alternating A and B, with 30 a minute allowed, get 30 answers', async () => {
      const replies = await commandsAlternating(40, 'chan', (i) => ({ text: `question ${i} about OData`, user: `UCH${i}`, channel: 'CLIMITC' }));
      const limited = replies.filter((r) => /keeping me very busy/.test(String(r.body.text)));
      expect(replies.length - limited.length).toBe(30);
      expect(limited).toHaveLength(10);
    });

    test('feedback given on A and on B is listed by integration-bot gaps', async () => {
      const onA = `Which queue should our Mendix app use, asked on instance A (${mode})?`;
      const onB = `Which queue should our Mendix app use, asked on instance B (${mode})?`;
      expect(await a.deliverAction(buttonClick({ actionId: actionIds.notHelpful, value: encodeButtonPayload({ q: onA }), responseUrl: cluster.emulator.responseUrl('fb-a') }))).toBe(true);
      expect(await b.deliverAction(buttonClick({ actionId: actionIds.notHelpful, value: encodeButtonPayload({ q: onB }), responseUrl: cluster.emulator.responseUrl('fb-b') }))).toBe(true);
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
          expect(await instance.deliverEvent(directMessage('How do I expose data via OData?', { channel, user: `UOUT${instance.name}` }), `EvOUT${instance.name}`)).toBe(true);
          await cluster.emulator.waitFor(() => posts(channel)[0], 15_000, `the answer from ${instance.name} during the outage`);
          expect(await instance.health()).toEqual({ store: 'redis', reachable: false });
          expect(instance.logs.filter((l) => l.includes('Redis is unreachable'))).toHaveLength(1);
        }
      } finally {
        await redis.restart();
      }
      for (const instance of [a, b]) expect(await reachableAgain(instance)).toBe(true);
      const event = appMention('How do I expose data via OData?', { channel: 'CBACK', user: 'UBACK' });
      await a.deliverEvent(event, 'EvBACK1');
      await cluster.emulator.waitFor(() => posts('CBACK')[0], 15_000, 'the answer after the outage');
      await b.deliverEvent(event, 'EvBACK1', 1);
      await settle();
      expect(posts('CBACK')).toHaveLength(1);
    });
  });

  describeWithRedis(`A rolling restart of two instances sharing Redis, ${over}`, () => {
    test('stopping A (as on SIGTERM) during a burst, with Slack retrying to B, answers every question exactly once', async () => {
      const redis = await startRedis();
      const cluster = await startCluster(2, { REDIS_URL: redis.url, REDIS_KEY_PREFIX: `rolling-${mode}-${process.pid}` }, mode);
      const [a, b] = cluster.instances;
      try {
        const count = 30;
        const events = Array.from({ length: count }, (_, i) => directMessage('How do I expose data via OData?', { channel: `DROLL${i}`, user: `UROLL${i}` }));
        const posts = (i: number) => postsIn(cluster, `DROLL${i}`);
        // A's posts are slow, so several are being written when the stop comes.
        cluster.emulator.delayNext('chat.postMessage', ...Array.from({ length: 10 }, () => 500));
        const first = await Promise.all(events.slice(0, 20).map((event, i) => a.deliverEvent(event, `EvROLL${i}`)));
        expect(first.every(Boolean)).toBe(true);
        const stopping = a.stop(10_000);
        // The rest reach A while it stops and are not accepted (a 503, no connection, or a closing connection that
        // drops them unacknowledged), which is what makes Slack retry them.
        const late = await Promise.all(events.slice(20).map((event, i) => a.deliverEvent(event, `EvROLL${20 + i}`)));
        expect(late.some(Boolean)).toBe(false);
        // Slack retries every one of them, the accepted ones too (the worst case), to B.
        const retried = await Promise.all(events.map((event, i) => b.deliverEvent(event, `EvROLL${i}`, 1)));
        expect(retried.every(Boolean)).toBe(true);
        expect(await stopping).toEqual({ unfinished: 0 });
        // B answers the late ones and ignores the retries of what A answered (waiting for A where A was still posting).
        const decided = (i: number) => ignored(b, `EvROLL${i}`).length > 0 || posts(i).length > 0;
        await cluster.emulator.waitFor(() => events.every((_, i) => decided(i) && posts(i).length > 0) || undefined, 30_000, 'every question answered');
        for (let i = 0; i < count; i++) expect({ i, posts: posts(i).length }).toEqual({ i, posts: 1 });
      } finally {
        await cluster.close();
        await redis.stop();
      }
    }, 90_000);
  });

  describeWithRedis(`A reply owed when an instance stops, ${over}`, () => {
    test('a reply waiting out a 20 s Retry-After when A stops is handed to B, which sends it; A stops at once', async () => {
      const redis = await startRedis();
      const cluster = await startCluster(2, { REDIS_URL: redis.url, REDIS_KEY_PREFIX: `handover-${mode}-${process.pid}` }, mode);
      const [a, b] = cluster.instances;
      try {
        const posts = () => postsIn(cluster, 'DHAND');
        cluster.emulator.failNext('chat.postMessage', { status: 429, retryAfter: 20 });
        expect(await a.deliverEvent(directMessage('How do I expose data via OData?', { channel: 'DHAND', user: 'UHAND' }), 'EvHAND1')).toBe(true);
        await cluster.emulator.waitFor(() => a.logs.some((l) => l.includes('Slack call failed; retrying') && l.includes('"delayMs":20000')) || undefined, 15_000, 'A waiting out the Retry-After');
        const started = performance.now();
        expect(await a.stop(10_000)).toEqual({ unfinished: 0 });
        expect(performance.now() - started).toBeLessThan(8000);
        const delivered = await cluster.emulator.waitFor(() => posts()[1], 15_000, 'the reply sent by B');
        expect(delivered.instance).toBe('B');
        expect(JSON.stringify(delivered.args.blocks)).toContain('OData');
        await cluster.emulator.waitFor(() => b.logs.some((l) => l.includes('delivered a reply another instance handed over')) || undefined, 15_000, "B's log of the delivery");
        // The refused attempt and the delivered reply; no apology, no second copy.
        await new Promise((resolve) => setTimeout(resolve, 1500));
        expect(posts()).toHaveLength(2);
        expect(a.logs.some((l) => l.includes('answering a direct message failed'))).toBe(false);
      } finally {
        await cluster.close();
        await redis.stop();
      }
    }, 60_000);
  });
}
