import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { createLogger, silentLogger } from '../../src/log';
import { createMemoryState, createRedisState, maxAnchorChars, readAllFeedback, redisKeyPrefix, type StateStore } from '../../src/state';
import { describeWithRedis, startRedis, type RedisServer } from '../fixtures/redis';

const rateLimit = { perUser: 2, perChannel: 3, windowMs: 60_000 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const tmpDirs: string[] = [];
const tmpDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'integration-bot-state-'));
  tmpDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** The behaviour both stores share, run against each. */
function contract(name: string, open: () => Promise<StateStore>) {
  describe(`${name}: what every store does`, () => {
    let state: StateStore;
    beforeEach(async () => {
      state = await open();
    });
    afterEach(async () => {
      await state.close();
    });

    test('a claim is taken once, busy while held, done when finished, and free again when released', async () => {
      const key = `event:Ev-${Math.random()}`;
      expect(await state.claims.claim(key, 60_000)).toBe('claimed');
      expect(await state.claims.claim(key, 60_000)).toBe('busy');
      await state.claims.finish(key, 60_000);
      expect(await state.claims.claim(key, 60_000)).toBe('done');
      await state.claims.release(key);
      expect(await state.claims.claim(key, 60_000)).toBe('claimed');
    });

    test('a claim whose holder died expires, so a later retry does the work', async () => {
      const key = `event:Ev-${Math.random()}`;
      expect(await state.claims.claim(key, 200)).toBe('claimed');
      await sleep(1000);
      expect(await state.claims.claim(key, 200)).toBe('claimed');
    });

    test('once is true the first time only', async () => {
      const key = `sig:${Math.random()}`;
      expect(await state.claims.once(key, 60_000)).toBe(true);
      expect(await state.claims.once(key, 60_000)).toBe(false);
    });

    test('the thread memory keeps the question capped, with the answer ids', async () => {
      const long = 'how do we sync orders to SAP '.repeat(1400);
      await state.threads.remember('C1', '1.1', long, ['process-integration']);
      expect(await state.threads.question('C1', '1.1')).toBe(long.slice(0, maxAnchorChars));
      expect(await state.threads.question('C1', '9.9')).toBeUndefined();
    });

    test('two requests per user, the third refused and told once; a busy channel refused across users', async () => {
      const user = `U${Math.random()}`;
      expect((await state.limiter.take(user, 'CA')).ok).toBe(true);
      expect((await state.limiter.take(user, 'CA')).ok).toBe(true);
      expect(await state.limiter.take(user, 'CA')).toMatchObject({ ok: false, scope: 'user', notify: true });
      expect(await state.limiter.take(user, 'CA')).toMatchObject({ ok: false, scope: 'user', notify: false });
      const channel = `C${Math.random()}`;
      for (const u of ['U1', 'U2', 'U3']) expect((await state.limiter.take(`${u}${channel}`, channel)).ok).toBe(true);
      const refused = await state.limiter.take(`U4${channel}`, channel);
      expect(refused).toMatchObject({ ok: false, scope: 'channel', notify: true });
      if (!refused.ok) expect(refused.retryInMs).toBeGreaterThan(50_000);
      // The refused user did not use up a point: they can still ask elsewhere twice.
      expect((await state.limiter.take(`U4${channel}`, 'CB')).ok).toBe(true);
      expect((await state.limiter.take(`U4${channel}`, 'CB')).ok).toBe(true);
    });

    test('a channel is in mentions mode until set to all, and back', async () => {
      const channel = `C${Math.random()}`;
      expect(await state.channels.get(channel)).toBe('mentions');
      await state.channels.set(channel, 'all');
      expect(await state.channels.get(channel)).toBe('all');
      await state.channels.set(channel, 'mentions');
      expect(await state.channels.get(channel)).toBe('mentions');
    });

    test('feedback is appended and read back, questions cut to 1,000 characters', async () => {
      const question = `q-${Math.random()} ` + 'x'.repeat(2000);
      await state.feedback.append({ kind: 'feedback', rating: 'not-helpful', question });
      const records = await state.feedback.readAll();
      expect(records).toContainEqual(expect.objectContaining({ kind: 'feedback', rating: 'not-helpful', question: question.slice(0, 1000) }));
    });

    test('health says the store answers', async () => {
      expect(await state.health()).toEqual({ store: state.kind, reachable: true });
    });
  });
}

contract('The in-process store', async () => createMemoryState({ rateLimit, dataDir: tmpDir(), log: silentLogger }));

describeWithRedis('The Redis store', () => {
  let redis: RedisServer;
  const prefix = redisKeyPrefix('integration-bot-test', 'T1', 'UBOT');
  const open = async (p = prefix, logLines?: string[]) => {
    const log = logLines ? createLogger('debug', [], (line) => logLines.push(line)) : silentLogger;
    const store = createRedisState({ url: redis.url, prefix: p, rateLimit, log });
    expect(await store.ready(10_000)).toBe(true);
    return store;
  };

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis.stop();
  });

  contract('Redis', () => open());

  describe('shared by two instances', () => {
    let a: StateStore;
    let b: StateStore;
    beforeEach(async () => {
      a = await open();
      b = await open();
    });
    afterEach(async () => {
      await Promise.all([a.close(), b.close()]);
    });

    test('a claim taken on one is busy, then done, on the other', async () => {
      const key = `event:Ev-${Math.random()}`;
      expect(await a.claims.claim(key, 60_000)).toBe('claimed');
      expect(await b.claims.claim(key, 60_000)).toBe('busy');
      await a.claims.finish(key, 60_000);
      expect(await b.claims.claim(key, 60_000)).toBe('done');
    });

    test('of twenty instances claiming at once, exactly one gets the claim', async () => {
      const key = `event:Ev-${Math.random()}`;
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claims.claim(key, 60_000)));
      expect(results.filter((r) => r === 'claimed')).toHaveLength(1);
    });

    test('threads, limits, modes and feedback are seen by both', async () => {
      await a.threads.remember('CS', '5.5', 'nightly exports');
      expect(await b.threads.question('CS', '5.5')).toBe('nightly exports');
      const user = `U${Math.random()}`;
      expect((await a.limiter.take(user, 'CS')).ok).toBe(true);
      expect((await b.limiter.take(user, 'CS')).ok).toBe(true);
      expect(await a.limiter.take(user, 'CS')).toMatchObject({ ok: false, scope: 'user' });
      await b.channels.set('CMODE', 'all');
      expect(await a.channels.get('CMODE')).toBe('all');
      await a.feedback.append({ kind: 'low-confidence', question: 'from a', confidence: 0.2, surface: 'mention' });
      await b.feedback.append({ kind: 'feedback', rating: 'not-helpful', question: 'from b' });
      const questions = (await readAllFeedback(redis.url, 'integration-bot-test')).records.map((r) => r.question);
      expect(questions).toEqual(expect.arrayContaining(['from a', 'from b']));
    });

    test('another Slack app or workspace (another prefix) shares nothing', async () => {
      const other = await open(redisKeyPrefix('integration-bot-test', 'T2', 'UBOT'));
      try {
        await a.threads.remember('CP', '1.0', 'ours');
        expect(await other.threads.question('CP', '1.0')).toBeUndefined();
        const key = `event:Ev-${Math.random()}`;
        await a.claims.once(key, 60_000);
        expect(await other.claims.once(key, 60_000)).toBe(true);
      } finally {
        await other.close();
      }
    });
  });

  test('every key the store writes has an expiry, under the app prefix', async () => {
    const state = await open(redisKeyPrefix('integration-bot-ttl', 'T9', 'U9'));
    const client = new Redis(redis.url);
    try {
      await state.claims.claim('event:EvTTL', 60_000);
      await state.claims.once('sig:v0=abc', 60_000);
      await state.threads.remember('C1', '1.1', 'q');
      await state.limiter.take('U1', 'C1');
      await state.channels.set('C1', 'all');
      await state.feedback.append({ kind: 'feedback', rating: 'helpful', question: 'q' });
      const keys = await client.keys('integration-bot-ttl:*');
      expect(keys.length).toBeGreaterThanOrEqual(7);
      for (const key of keys) {
        expect(key.startsWith('integration-bot-ttl:T9:U9:')).toBe(true);
        expect(await client.pttl(key)).toBeGreaterThan(0);
      }
    } finally {
      client.disconnect();
      await state.close();
    }
  });

  test('when Redis goes away the store keeps working in process, warns once, and returns to Redis when it is back', async () => {
    const own = await startRedis();
    const logs: string[] = [];
    const log = createLogger('debug', [], (line) => logs.push(line));
    const state = createRedisState({ url: own.url, prefix, rateLimit, log });
    try {
      expect(await state.ready(10_000)).toBe(true);
      await own.kill();
      // Every part still answers, from this process.
      const key = `event:Ev-${Math.random()}`;
      expect(await state.claims.claim(key, 60_000)).toBe('claimed');
      expect(await state.claims.claim(key, 60_000)).toBe('busy');
      await state.threads.remember('CO', '1.1', 'during the outage');
      expect(await state.threads.question('CO', '1.1')).toBe('during the outage');
      expect((await state.limiter.take('UO', 'CO')).ok).toBe(true);
      await state.feedback.append({ kind: 'feedback', rating: 'not-helpful', question: 'said during the outage' });
      expect(await state.health()).toEqual({ store: 'redis', reachable: false });
      for (let i = 0; i < 20; i++) await state.claims.once(`sig:${i}`, 60_000);
      expect(logs.filter((l) => l.includes('Redis is unreachable'))).toHaveLength(1);

      await own.restart();
      const back = Date.now();
      while (!(await state.health()).reachable && Date.now() - back < 20_000) await sleep(100);
      expect(await state.health()).toEqual({ store: 'redis', reachable: true });
      expect(logs.some((l) => l.includes('Redis is reachable again'))).toBe(true);
      // The feedback kept during the outage was written to the stream.
      const flushed = Date.now();
      let questions: string[] = [];
      while (Date.now() - flushed < 20_000) {
        questions = (await readAllFeedback(own.url, 'integration-bot-test')).records.map((r) => r.question);
        if (questions.includes('said during the outage')) break;
        await sleep(100);
      }
      expect(questions).toContain('said during the outage');
    } finally {
      await state.close();
      await own.stop();
    }
  });
});
