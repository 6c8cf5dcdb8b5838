import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { round, summarize, type Summary } from './stats';

/**
 * Two instances of the bot (`serve`, HTTP mode, each its own process and port) behind a pretend load balancer,
 * against a fake Slack in this process: a burst of slash commands and mentions spread over both, with a retry of
 * every tenth one sent to the other instance (a mention's retry carries the same `event_id`, a command's is the
 * same signed request again, as a load balancer retrying an upstream would send). Run twice: with the state in
 * each process (the default), and shared on one `redis-server` (`REDIS_URL`), which must answer each question
 * exactly once. Also measures what Redis holds per 1,000 questions.
 *
 * Runs alone with `npm run build && node dist/bench/cluster.js [--burst=500]`, and as part of `npm run bench`.
 */

export interface ClusterRun {
  mode: 'in-process' | 'redis';
  questions: number;
  retries: number;
  ack: Summary;
  /** Questions that got an answer. */
  delivered: number;
  /** Questions answered more than once (must be 0 on Redis). */
  answeredTwice: number;
  /** Questions never answered (must be 0). */
  dropped: number;
  non200: number;
  /** Redis memory after the run minus before, per 1,000 questions (keys live at most 24 h). */
  redisBytesPer1000?: number;
  redisKeysPer1000?: number;
}

export type ClusterBenchResult = { runs: ClusterRun[] } | { skipped: string };

const root = path.resolve(__dirname, '../..');
export const signingSecret = 'bench-cluster-signing-secret-0123456789';
export const botToken = 'xoxb-1-2-benchclustertoken';

export const sign = (timestamp: number, body: string) => 'v0=' + createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fake Slack that counts what reaches it: posts per channel and `response_url` posts per id. */
export async function startFakeSlack(): Promise<{ url: string; posts: Map<string, number>; responded: Map<string, number>; close(): Promise<void> }> {
  const posts = new Map<string, number>();
  const responded = new Map<string, number>();
  let ts = 1000;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = req.url ?? '/';
      const send = (body: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const respond = /^\/respond\/(.+)$/.exec(url);
      if (respond) {
        const body = JSON.parse(raw || '{}') as { delete_original?: boolean };
        if (!body.delete_original) responded.set(respond[1], (responded.get(respond[1]) ?? 0) + 1);
        return send({ ok: true });
      }
      const fields = req.headers['content-type']?.includes('json') ? (JSON.parse(raw || '{}') as Record<string, string>) : Object.fromEntries(new URLSearchParams(raw));
      if (url.endsWith('/auth.test')) return send({ ok: true, team_id: 'TBENCH', user_id: 'UBOT', bot_id: 'BBOT' });
      if (url.endsWith('/chat.postMessage') || url.endsWith('/chat.postEphemeral')) {
        posts.set(fields.channel, (posts.get(fields.channel) ?? 0) + 1);
        return send({ ok: true, channel: fields.channel, ts: `1700000000.${String(ts++).padStart(6, '0')}` });
      }
      send({ ok: true });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return {
    url,
    posts,
    responded,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function startRedis(): Promise<{ url: string; port: number; child: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 15_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited ${code}: ${out}`)));
  });
  child.stdout?.resume();
  child.stderr?.resume();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** `INFO memory` used_memory and `DBSIZE` through redis-cli (installed with redis-server). */
function redisStats(port: number): { bytes: number; keys: number } {
  const info = spawnSync('redis-cli', ['-p', String(port), 'info', 'memory'], { encoding: 'utf8' }).stdout;
  const keys = spawnSync('redis-cli', ['-p', String(port), 'dbsize'], { encoding: 'utf8' }).stdout;
  return { bytes: Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN), keys: Number(keys.trim()) };
}

/** Starts one instance (`serve`) and resolves once its /healthz answers. */
export async function startInstance(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(root, 'dist/src/cli/main.js'), 'serve'], {
    cwd: os.tmpdir(),
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (c: Buffer) => void (err = (err + c.toString()).slice(-4000)));
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`an instance exited with ${child.exitCode}: ${err}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`an instance did not start within 30 s: ${err}`);
}

export async function post(port: number, body: string, contentType: string, timestamp: number, headers: Record<string, string> = {}): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': sign(timestamp, body), ...headers },
    body,
  });
  await response.text();
  return { status: response.status, ms: performance.now() - started };
}

const questions = [
  'How do I expose data to Power BI?',
  'We need nightly exports of orders to the data warehouse',
  'How should our Mendix app show customer data that lives in SAP?',
  'Which method for sending events to Kafka?',
];

async function runOnce(mode: ClusterRun['mode'], burst: number, redis?: { url: string; port: number }): Promise<ClusterRun> {
  const slack = await startFakeSlack();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'integration-bot-cluster-'));
  const ports = [await freePort(), await freePort()];
  const prefix = `bench-${mode}-${process.pid}-${Date.now()}`;
  const env = {
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: `${slack.url}/api/`,
    KNOWLEDGE_DIR: path.join(root, 'knowledge'),
    WATCH_KNOWLEDGE: 'false',
    RATE_LIMIT_PER_USER: '100000',
    RATE_LIMIT_PER_CHANNEL: '100000',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    ...(redis ? { REDIS_URL: redis.url, REDIS_KEY_PREFIX: prefix } : {}),
  };
  const children: ChildProcess[] = [];
  try {
    for (const port of ports) children.push(await startInstance(env, port));
    const before = redis ? redisStats(redis.port) : undefined;
    const now = Math.floor(Date.now() / 1000);
    const sends: Promise<{ status: number; ms: number }>[] = [];
    let retries = 0;
    for (let i = 0; i < burst; i++) {
      const text = `${questions[i % questions.length]} (${i})`;
      const target = ports[i % 2];
      const other = ports[(i + 1) % 2];
      if (i % 2 === 0) {
        const body = new URLSearchParams({
          token: 't', team_id: 'TBENCH', channel_id: `CC${i}`, user_id: `UC${i}`, command: '/integration', text,
          api_app_id: 'A1', response_url: `${slack.url}/respond/cmd-${i}`, trigger_id: `${i}.trigger`,
        }).toString();
        sends.push(post(target, body, 'application/x-www-form-urlencoded', now));
        // The same request again, through the other instance.
        if (i % 10 === 0) {
          retries++;
          sends.push(post(other, body, 'application/x-www-form-urlencoded', now));
        }
      } else {
        const event = (eventTs: number) =>
          JSON.stringify({
            token: 't', team_id: 'TBENCH', api_app_id: 'A1', type: 'event_callback', event_id: `EvB${i}`, event_time: eventTs,
            event: { type: 'app_mention', user: `UM${i}`, text: `<@UBOT> ${text}`, ts: `1700000000.${String(i).padStart(6, '0')}`, channel: `CM${i}`, event_ts: '1' },
          });
        sends.push(post(target, event(now), 'application/json', now));
        // Slack's retry (same event_id, signed a second later) reaches the other instance.
        if (i % 10 === 1) {
          retries++;
          sends.push(post(other, event(now), 'application/json', now + 1, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' }));
        }
      }
    }
    const acks = await Promise.all(sends);
    const answers = () => Array.from({ length: burst }, (_, i) => (i % 2 === 0 ? (slack.responded.get(`cmd-${i}`) ?? 0) + (slack.posts.get(`CC${i}`) ?? 0) : (slack.posts.get(`CM${i}`) ?? 0)));
    // Generous: wait until every question is answered, and a little longer for any second answer.
    for (let waited = 0; waited < 120_000 && answers().some((n) => n === 0); waited += 200) await sleep(200);
    await sleep(2000);
    const counts = answers();
    const after = redis ? redisStats(redis.port) : undefined;
    return {
      mode,
      questions: burst,
      retries,
      ack: summarize(acks.map((a) => a.ms)),
      delivered: counts.filter((n) => n > 0).length,
      answeredTwice: counts.filter((n) => n > 1).length,
      dropped: counts.filter((n) => n === 0).length,
      non200: acks.filter((a) => a.status !== 200).length,
      ...(before && after ? { redisBytesPer1000: Math.round(((after.bytes - before.bytes) / burst) * 1000), redisKeysPer1000: Math.round(((after.keys - before.keys) / burst) * 1000) } : {}),
    };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode !== null ? undefined : new Promise((resolve) => c.once('exit', resolve)))));
    await slack.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Both runs: in-process state (two instances that cannot see each other) and Redis. */
export async function runClusterBench(options: { burst?: number } = {}): Promise<ClusterBenchResult> {
  if (!fs.existsSync(path.join(root, 'dist/src/cli/main.js'))) return { skipped: 'not built (npm run build)' };
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) return { skipped: 'redis-server is not installed (apt-get install -y redis-server)' };
  const burst = options.burst ?? 500;
  const runs = [await runOnce('in-process', burst)];
  const redis = await startRedis();
  try {
    runs.push(await runOnce('redis', burst, redis));
  } finally {
    await redis.stop();
  }
  return { runs };
}

/** The table `npm run bench` prints. */
export function clusterTable(result: ClusterBenchResult): string {
  if ('skipped' in result) return `Two instances: skipped (${result.skipped})\n`;
  const lines = ['Two instances, burst of slash commands and mentions, a retry of every tenth sent to the other instance:'];
  lines.push('  state        questions  retries  ack p50   ack p99   delivered  answered twice  dropped  Redis per 1,000 questions');
  for (const r of result.runs) {
    const memory = r.redisBytesPer1000 !== undefined ? `${round(r.redisBytesPer1000 / 1024, 0)} KiB, ${r.redisKeysPer1000} keys` : '–';
    lines.push(
      `  ${r.mode.padEnd(11)}  ${String(r.questions).padStart(9)}  ${String(r.retries).padStart(7)}  ${`${round(r.ack.p50, 1)} ms`.padStart(7)}  ${`${round(r.ack.p99, 1)} ms`.padStart(8)}  ${String(r.delivered).padStart(9)}  ${String(r.answeredTwice).padStart(14)}  ${String(r.dropped).padStart(7)}  ${memory}`,
    );
  }
  return lines.join('\n') + '\n';
}

if (require.main === module) {
  const burstArg = process.argv.find((a) => a.startsWith('--burst='));
  runClusterBench(burstArg ? { burst: Number(burstArg.slice('--burst='.length)) } : {}).then(
    (result) => {
      process.stdout.write(clusterTable(result));
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
