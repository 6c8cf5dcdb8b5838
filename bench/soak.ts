import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { botToken, freePort, post, signingSecret, startFakeSlack, startInstance } from './cluster';

/**
 * Memory soak: many long mentions (39,000 characters each, the size that grew RSS to 1.76 GB when thread memory kept
 * whole questions), each in its own thread, sent to one instance (`serve`, HTTP mode, in-process state) with a
 * bounded number in flight. Samples the instance's RSS from /proc while it runs; the target is under 400 MB.
 * Runs alone: `npm run build && node dist/bench/soak.js [--mentions=12000] [--node-options=--max-old-space-size=256]`.
 */

export interface SoakResult {
  /** `NODE_OPTIONS` the instance ran with (`--max-old-space-size=256` bounds the heap), or '' for Node's defaults. */
  nodeOptions: string;
  mentions: number;
  chars: number;
  answered: number;
  peakRssMb: number;
  endRssMb: number;
  seconds: number;
}

const root = path.resolve(__dirname, '../..');

function rssMbOf(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

export async function runSoak(mentions = 12_000, options: { nodeOptions?: string; inFlight?: number } = {}): Promise<SoakResult> {
  const inFlight = options.inFlight ?? 16;
  const nodeOptions = options.nodeOptions ?? '';
  const slack = await startFakeSlack();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'integration-bot-soak-'));
  const port = await freePort();
  const started = Date.now();
  const child = await startInstance(
    {
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: `${slack.url}/api/`,
      KNOWLEDGE_DIR: path.join(root, 'knowledge'),
      WATCH_KNOWLEDGE: 'false',
      RATE_LIMIT_PER_USER: '1000000',
      RATE_LIMIT_PER_CHANNEL: '1000000',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
      ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
    },
    port,
  );
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMbOf(child.pid!))), 250);
  const text = 'How should our Mendix app sync customer master data with SAP every night? '.repeat(530).slice(0, 39_000);
  try {
    let next = 0;
    const worker = async () => {
      while (next < mentions) {
        const i = next++;
        const body = JSON.stringify({
          token: 't', team_id: 'TBENCH', api_app_id: 'A1', type: 'event_callback', event_id: `EvSOAK${i}`, event_time: 1,
          event: { type: 'app_mention', user: `U${i % 500}`, text: `<@UBOT> ${text}`, ts: `1700000000.${String(i).padStart(6, '0')}`, channel: 'CSOAK', event_ts: '1' },
        });
        await post(port, body, 'application/json', Math.floor(Date.now() / 1000));
        // Bounded: wait for this mention's answer before sending more than `inFlight` ahead.
        while ((slack.posts.get('CSOAK') ?? 0) < i + 1 - inFlight) await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    for (let waited = 0; waited < 120_000 && (slack.posts.get('CSOAK') ?? 0) < mentions; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    return {
      nodeOptions,
      mentions,
      chars: text.length,
      answered: slack.posts.get('CSOAK') ?? 0,
      peakRssMb: Math.max(peak, rssMbOf(child.pid!)),
      endRssMb: rssMbOf(child.pid!),
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    clearInterval(sampler);
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));
    await slack.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const mentions = arg('mentions');
  runSoak(mentions ? Number(mentions) : undefined, { nodeOptions: arg('node-options') ?? '' }).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
