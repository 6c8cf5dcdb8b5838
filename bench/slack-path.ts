import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { servingChild } from './child';
import { loadQuestions } from './questions';
import { msSince, round, summarize, type Summary } from './stats';

/**
 * The Slack path: signed `/integration` slash commands sent over HTTP to the real Bolt app (HTTP mode, in a child
 * process), whose Web API base URL and `response_url` both point at a fake Slack on 127.0.0.1 in this process.
 * Measured from the moment a request is written: until its HTTP acknowledgement, and until the answer reaches
 * the fake Slack (through `response_url`, or `chat.postEphemeral` as the fallback).
 */

export interface SlackRun {
  requests: number;
  ack: Summary;
  answer: Summary;
  /** Requests not acknowledged with 200, or whose answer did not arrive within the wait. */
  dropped: number;
  non200: number;
  /** Answers that were an apology or a rate-limit notice rather than an answer. */
  notAnswers: number;
  /** The app's own view: request event to response finished, without the client and the network. */
  serverAck?: Summary;
  /** CPU time the app process used for the whole run (user + system). */
  appCpuMs?: number;
  /** Longest event-loop stall in the app while the run lasted. */
  loopDelayMaxMs?: number;
}

const cpuMs = (u: NodeJS.CpuUsage) => Math.round((u.user + u.system) / 1000);

interface ChildReport {
  type: 'report';
  cpuMs: number;
  serverAck: Summary;
  loopDelayMaxMs: number;
  loopDelayP99Ms: number;
}

export interface SlackBenchResult {
  appStartMs: number;
  rateLimits: string;
  single: SlackRun;
  burst: SlackRun;
  burstRuns: { ackP99: number; answerP99: number; dropped: number }[];
  /** Acknowledgement times of the same burst against a bare HTTP server in the app's process: what the load generator itself costs. */
  harnessFloorAck: Summary;
  sampleAnswerChars: number;
}

export interface SlackTask {
  kind: 'slack';
  knowledgeDir: string;
  apiUrl: string;
  signingSecret: string;
  dataDir: string;
  /** Run the live knowledge (watch and reload, as `serve` does) instead of one engine built once. */
  watch?: boolean;
}

export const signingSecret = 'bench-signing-secret-0123456789abcdef';
const bursts = 3;

function medianBy<T>(items: T[], key: (item: T) => number): T {
  return [...items].sort((a, b) => key(a) - key(b))[Math.floor(items.length / 2)];
}

/** Child side: builds the engine and the real Slack app from a bench environment, then serves until killed. */
export async function measureSlackInChild(task: SlackTask, send: (m: unknown) => void): Promise<void> {
  const started = process.hrtime.bigint();
  // Server-side view of each acknowledgement: from the request event to the end of its response.
  const serverAcks: number[] = [];
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
    if (event === 'request') {
      const t0 = process.hrtime.bigint();
      const res = args[1] as http.ServerResponse;
      res.once('finish', () => serverAcks.push(msSince(t0)));
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
  const lag = monitorEventLoopDelay({ resolution: 1 });
  let cpuAtReset = process.cpuUsage();
  const { readConfig } = await import('../src/config');
  const { createLogger } = await import('../src/log');
  const { loadCorpus } = await import('../src/knowledge');
  const { createEngine } = await import('../src/engine');
  const { createSlackApp } = await import('../src/slack');
  const config = readConfig({
    SLACK_BOT_TOKEN: 'xoxb-0000000000-bench-token',
    SLACK_SIGNING_SECRET: task.signingSecret,
    SLACK_API_URL: task.apiUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: task.dataDir,
    KNOWLEDGE_DIR: task.knowledgeDir,
    LOG_LEVEL: 'error',
    WATCH_KNOWLEDGE: task.watch ? 'true' : 'false',
    // A burst from one workspace would otherwise be mostly rate-limit notices; the bench measures answers.
    RATE_LIMIT_PER_USER: '1000000',
    RATE_LIMIT_PER_CHANNEL: '1000000',
  });
  const log = createLogger(task.watch ? 'info' : 'error');
  let engine: () => import('../src/engine/types').Engine;
  let closeKnowledge = async () => undefined as void;
  if (task.watch) {
    const { startKnowledge } = await import('../src/runtime/service');
    const knowledge = await startKnowledge(config, log);
    await knowledge.watching;
    engine = () => knowledge.engine;
    closeKnowledge = () => knowledge.close();
    // Tell the parent when a new version is in service, as the app sees it.
    let seen = knowledge.version;
    setInterval(() => {
      if (knowledge.version !== seen) send({ type: 'reloaded', version: (seen = knowledge.version), at: Date.now() });
    }, 5).unref();
  } else {
    const built = createEngine(loadCorpus(config.knowledgeDirs, { baseUrl: config.baseUrl }), { maxQuestionChars: config.maxQuestionChars });
    engine = () => built;
  }
  const slack = createSlackApp(config, { engine, log });
  const { port } = await slack.start();
  // The harness floor: the same burst against a server that only acknowledges.
  const echo = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end());
  });
  const echoPort = await new Promise<number>((resolve) => echo.listen(0, '127.0.0.1', () => resolve((echo.address() as AddressInfo).port)));
  process.on('message', (m: { type?: string }) => {
    // A clean exit (not a kill) so that --cpu-prof can write its profile.
    if (m.type === 'reset') {
      cpuAtReset = process.cpuUsage();
      serverAcks.length = 0;
      lag.reset();
      lag.enable();
    }
    if (m.type === 'report') send({ type: 'report', cpuMs: cpuMs(process.cpuUsage(cpuAtReset)), serverAck: summarize(serverAcks), loopDelayMaxMs: lag.max / 1e6, loopDelayP99Ms: lag.percentile(99) / 1e6 });
    if (m.type === 'stop') void slack.stop(2_000).then(closeKnowledge).finally(() => process.exit(0));
  });
  send({ type: 'ready', port, echoPort, startMs: msSince(started) });
}

export interface Arrival {
  at: bigint;
  body: string;
}

/** A fake Slack: Web API methods under /api/, and response_url posts under /response/<id>. */
export function startFakeSlack(arrivals: Map<string, Arrival>): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = process.hrtime.bigint();
      const body = Buffer.concat(chunks).toString('utf8');
      const url = req.url ?? '';
      const json = (value: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (url.startsWith('/response/')) {
        arrivals.set(url.slice('/response/'.length), { at, body });
        return json({ ok: true });
      }
      if (url.startsWith('/api/auth.test')) {
        return json({ ok: true, url: 'https://bench.slack.com/', team: 'Bench', user: 'bench-bot', team_id: 'T0BENCH', user_id: 'U0BOT', bot_id: 'B0BOT', is_enterprise_install: false });
      }
      if (url.startsWith('/api/chat.postEphemeral')) {
        // The fallback path: the request id travels in the user id (U<id>).
        const params = body.startsWith('{') ? (JSON.parse(body) as Record<string, string>) : Object.fromEntries(new URLSearchParams(body));
        const id = String(params.user ?? '').replace(/^U/, '');
        if (id) arrivals.set(id, { at, body });
        return json({ ok: true, message_ts: '1.000001' });
      }
      return json({ ok: true });
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port })));
}

function sign(body: string, timestamp: number): string {
  return 'v0=' + createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
}

/** Sends one signed slash command; resolves with the status and the time to the acknowledgement. */
export function sendCommand(agent: http.Agent, appPort: number, fakePort: number, id: string, text: string): Promise<{ status: number; ackMs: number; start: bigint }> {
  const body = new URLSearchParams({
    token: 'bench-verification-token',
    team_id: 'T0BENCH',
    team_domain: 'bench',
    channel_id: `C${id}`,
    channel_name: 'integration-design',
    user_id: `U${id}`,
    user_name: `user${id}`,
    command: '/integration',
    text,
    api_app_id: 'A0BENCH',
    is_enterprise_install: 'false',
    response_url: `http://127.0.0.1:${fakePort}/response/${id}`,
    trigger_id: `${id}.0000.bench`,
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const start = process.hrtime.bigint();
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: appPort,
        path: '/slack/events',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': sign(body, timestamp),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ackMs: msSince(start), start }));
      },
    );
    req.on('error', () => resolve({ status: 0, ackMs: msSince(start), start }));
    req.end(body);
  });
}

export async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!predicate() && Date.now() < until) await new Promise((r) => setTimeout(r, 2));
}

export const notAnAnswer = (body: string) => /rate|slow down|something went wrong|sorry/i.test(body.slice(0, 400)) && !/"blocks"/.test(body);

/** Parent side: fake Slack here, the app in a child; one request at a time, then a burst. */
export async function runSlackBench(
  root: string,
  knowledgeDir: string,
  options: { execArgv: string[]; burst: number },
): Promise<SlackBenchResult | { skipped: string }> {
  if (!fs.existsSync(path.join(__dirname, '..', 'src', 'slack', 'index.js'))) return { skipped: 'src/slack (createSlackApp) is not built' };
  const arrivals = new Map<string, Arrival>();
  const fake = await startFakeSlack(arrivals);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'integration-bot-bench-data-'));
  let ready: { port: number; echoPort: number; startMs: number } | null = null;
  let report: ChildReport | null = null;
  let failure = '';
  const child = servingChild(
    { kind: 'slack', knowledgeDir, apiUrl: `http://127.0.0.1:${fake.port}/api/`, signingSecret, dataDir } satisfies SlackTask,
    {
      timeoutMs: 5 * 60_000,
      execArgv: options.execArgv,
      onMessage: (m) => {
        const message = m as { type: string; port?: number; echoPort?: number; startMs?: number; message?: string };
        if (message.type === 'ready') ready = { port: message.port!, echoPort: message.echoPort!, startMs: message.startMs! };
        if (message.type === 'error') failure = message.message ?? 'error';
        if (message.type === 'report') report = m as ChildReport;
      },
    },
  );
  await waitFor(() => ready !== null || child.exited || failure !== '', 60_000);
  const app = ready as { port: number; echoPort: number; startMs: number } | null;
  if (!app) {
    child.kill();
    fake.server.close();
    return { skipped: `the Slack app did not start: ${failure.split('\n')[0] || 'no ready message'}` };
  }

  const questions = loadQuestions(root).cases.map((c) => c.q);
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  let next = 0;
  const run = async (count: number, concurrent: boolean, answerWaitMs: number): Promise<SlackRun> => {
    const ids = Array.from({ length: count }, () => String(100000 + next++));
    const sent: { id: string; status: number; ackMs: number; start: bigint }[] = [];
    if (concurrent) {
      sent.push(...(await Promise.all(ids.map((id, i) => sendCommand(agent, app.port, fake.port, id, questions[i % questions.length]).then((r) => ({ id, ...r }))))));
    } else {
      for (const [i, id] of ids.entries()) {
        const r = await sendCommand(agent, app.port, fake.port, id, questions[i % questions.length]);
        sent.push({ id, ...r });
        await waitFor(() => arrivals.has(id), answerWaitMs);
      }
    }
    await waitFor(() => ids.every((id) => arrivals.has(id)), answerWaitMs);
    const answered = sent.filter((s) => s.status === 200 && arrivals.has(s.id));
    return {
      requests: count,
      ack: summarize(sent.filter((s) => s.status === 200).map((s) => s.ackMs)),
      answer: summarize(answered.map((s) => Number(arrivals.get(s.id)!.at - s.start) / 1e6)),
      dropped: count - answered.length,
      non200: sent.filter((s) => s.status !== 200).length,
      notAnswers: answered.filter((s) => notAnAnswer(arrivals.get(s.id)!.body)).length,
    };
  };

  const measured = async (count: number, concurrent: boolean, waitMs: number): Promise<SlackRun> => {
    child.post({ type: 'reset' });
    report = null;
    await new Promise((r) => setTimeout(r, 50));
    const result = await run(count, concurrent, waitMs);
    child.post({ type: 'report' });
    await waitFor(() => report !== null, 5_000);
    const r = report as ChildReport | null;
    return r ? { ...result, appCpuMs: r.cpuMs, serverAck: r.serverAck, loopDelayMaxMs: round(r.loopDelayMaxMs, 1) } : result;
  };
  await run(10, false, 5_000); // warm-up: JIT, keep-alive sockets, first Web API calls
  for (let i = 0; i < 10; i++) await sendCommand(agent, app.echoPort, fake.port, `echo-warm${i}`, questions[i % questions.length]);
  const floors: Summary[] = [];
  for (let k = 0; k < bursts; k++) {
    const acks = await Promise.all(Array.from({ length: options.burst }, (_, i) => sendCommand(agent, app.echoPort, fake.port, `echo${k}-${i}`, questions[i % questions.length])));
    floors.push(summarize(acks.map((r) => r.ackMs)));
  }
  const floor = medianBy(floors, (f) => f.p99);
  const single = await measured(50, false, 5_000);
  // The box may be shared: three bursts, and the one with the median ack p99 is reported (all are in burstRuns).
  const burstRuns: SlackRun[] = [];
  for (let k = 0; k < bursts; k++) {
    burstRuns.push(await measured(options.burst, true, 30_000));
    await new Promise((r) => setTimeout(r, 500));
  }
  const burst = medianBy(burstRuns, (r) => r.ack.p99);
  const sample = [...arrivals.values()][0]?.body.length ?? 0;
  agent.destroy();
  await child.stop();
  fake.server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return {
    appStartMs: Math.round(app.startMs),
    rateLimits: 'lifted for the bench (RATE_LIMIT_PER_USER/CHANNEL=1000000); distinct user and channel per request',
    single,
    burst,
    burstRuns: burstRuns.map((r) => ({ ackP99: r.ack.p99, answerP99: r.answer.p99, dropped: r.dropped })),
    harnessFloorAck: floor,
    sampleAnswerChars: sample,
  };
}
