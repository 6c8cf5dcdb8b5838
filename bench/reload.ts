import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { servingChild } from './child';
import { generateCorpus, type BasePage } from './corpus-gen';
import { loadQuestions } from './questions';
import { notAnAnswer, sendCommand, signingSecret, startFakeSlack, waitFor, type Arrival, type SlackTask } from './slack-path';
import { round, summarize, type Summary } from './stats';

/**
 * Knowledge reload under load: the real Bolt app in HTTP mode with the live knowledge (watching, as `serve` runs it)
 * on a copy of the shipped knowledge, a steady stream of signed slash commands, and meanwhile 3,000 pages added at
 * once, then 1,000 of them edited. The files are written by another process, so the load generator's own timing
 * is not disturbed. Reported per change: acknowledgement times of the stream, answers delivered, and how long until
 * a question only the new text can answer is answered from it.
 */

export interface ReloadRun {
  change: string;
  files: number;
  /** Slash commands of the steady stream sent while the change was being taken in. */
  commands: number;
  ack: Summary;
  /** Acknowledgements slower than 1 s and than Slack's 3 s limit. */
  acksOver1s: number;
  acksOver3s: number;
  answered: number;
  notAnswers: number;
  /** Commands whose request failed or was not answered 200. */
  failed: number;
  /** From the start of writing until the app had a new version in service (the first, when a change comes in several batches). */
  reloadedMs: number | null;
  /** From the start of writing until a question only the new text answers was answered from it (its link in the answer). */
  newTextAnswersMs: number | null;
  /** Longest event-loop stall in the app while the change was taken in. */
  loopDelayMaxMs?: number;
  appCpuMs?: number;
}

export interface ReloadBenchResult {
  ratePerSecond: number;
  baseFiles: number;
  runs: ReloadRun[];
}

const intervalMs = 50;

/** Copies a folder in a separate process (`cp -r`), resolving when it is done. */
function copyInAnotherProcess(from: string, to: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('cp', ['-r', from, to], { stdio: 'ignore' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`cp exited with ${code}`))));
  });
}

/** Appends a section to each file, in a separate process. */
function editInAnotherProcess(files: string[], word: string): Promise<void> {
  const script = `const fs = require('fs'); for (const f of JSON.parse(process.argv[1])) fs.appendFileSync(f, '\\n\\n## ${word} setup\\n\\nConfigure ${word} before the first import.\\n');`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script, JSON.stringify(files)], { stdio: 'ignore' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`edit exited with ${code}`))));
  });
}

function listMarkdown(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.md')) out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** Runs the reload bench; `pages` are added at once, then `edits` of them changed. */
export async function runReloadBench(
  root: string,
  knowledgeDir: string,
  bases: BasePage[],
  options: { execArgv: string[]; pages: number; edits: number },
): Promise<ReloadBenchResult | { skipped: string }> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'integration-bot-reload-'));
  const live = path.join(work, 'knowledge');
  fs.cpSync(knowledgeDir, live, { recursive: true });
  const baseFiles = listMarkdown(live).length;
  // About 8.5 sections a page: generate a little more than needed, then keep exactly `pages` files.
  const staging = path.join(work, 'staging', 'generated');
  generateCorpus(bases, { outDir: staging, targetSections: options.pages * 12, alreadySections: 0, seed: 4242 });
  const staged = listMarkdown(staging);
  if (staged.length < options.pages) return { skipped: `only ${staged.length} pages could be generated` };
  for (const extra of staged.slice(options.pages)) fs.rmSync(extra);
  const tag = /\(([a-z]+)\)"/.exec(fs.readFileSync(staged[0], 'utf8'))?.[1] ?? 'missing';

  const arrivals = new Map<string, Arrival>();
  const fake = await startFakeSlack(arrivals);
  const dataDir = path.join(work, 'data');
  let ready: { port: number } | null = null;
  let report: { cpuMs: number; loopDelayMaxMs: number } | null = null;
  let reloadedAt: number | null = null;
  /** When the change being measured started to be written: reloads before it belong to the previous change. */
  let writingSince = Infinity;
  let failure = '';
  const child = servingChild(
    { kind: 'slack', knowledgeDir: live, apiUrl: `http://127.0.0.1:${fake.port}/api/`, signingSecret, dataDir, watch: true } satisfies SlackTask,
    {
      timeoutMs: 10 * 60_000,
      execArgv: options.execArgv,
      onMessage: (m) => {
        const message = m as { type: string; port?: number; at?: number; message?: string; cpuMs?: number; loopDelayMaxMs?: number };
        if (message.type === 'ready') ready = { port: message.port! };
        if (message.type === 'reloaded' && message.at! >= writingSince) reloadedAt ??= message.at!;
        if (message.type === 'report') report = { cpuMs: message.cpuMs!, loopDelayMaxMs: message.loopDelayMaxMs! };
        if (message.type === 'error') failure = message.message ?? 'error';
      },
    },
  );
  await waitFor(() => ready !== null || child.exited || failure !== '', 60_000);
  const app = ready as { port: number } | null;
  if (!app) {
    child.kill();
    fake.server.close();
    return { skipped: `the Slack app did not start: ${failure.split('\n')[0] || 'no ready message'}` };
  }

  const questions = loadQuestions(root).cases.map((c) => c.q);
  // Idle sockets are closed by the client before the server's keep-alive timeout (5 s) can close them under a
  // request being written, which would count as a failed acknowledgement that Slack would never see.
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, timeout: 3000 });
  let next = 0;
  const newId = () => String(500000 + next++);

  /** Steady commands and a probe until the probe is answered from the new text (or two minutes pass). */
  const measure = async (change: string, files: number, write: () => Promise<void>, probe: string, fromNewText: string): Promise<ReloadRun> => {
    child.post({ type: 'reset' });
    report = null;
    reloadedAt = null;
    writingSince = Infinity;
    await new Promise((r) => setTimeout(r, 200));
    const sent: Promise<{ id: string; status: number; ackMs: number }>[] = [];
    let stop = false;
    const stream = (async () => {
      for (let i = 0; !stop; i++) {
        const id = newId();
        sent.push(sendCommand(agent, app.port, fake.port, id, questions[i % questions.length]).then((r) => ({ id, ...r })));
        await new Promise((r) => setTimeout(r, intervalMs));
      }
    })();
    await new Promise((r) => setTimeout(r, 1000));
    const startedAt = Date.now();
    writingSince = startedAt;
    const writing = write();
    let answeredAt: number | null = null;
    while (answeredAt === null && Date.now() - startedAt < 120_000) {
      const id = newId();
      await sendCommand(agent, app.port, fake.port, id, probe);
      await waitFor(() => arrivals.has(id), 5_000);
      if (arrivals.get(id)?.body.includes(fromNewText)) answeredAt = Date.now();
      else await new Promise((r) => setTimeout(r, 100));
    }
    await writing;
    await new Promise((r) => setTimeout(r, 1000));
    stop = true;
    await stream;
    const results = await Promise.all(sent);
    await waitFor(() => results.every((r) => arrivals.has(r.id)), 15_000);
    child.post({ type: 'report' });
    await waitFor(() => report !== null, 5_000);
    const acks = results.filter((r) => r.status === 200).map((r) => r.ackMs);
    const answered = results.filter((r) => arrivals.has(r.id));
    const r = report as { cpuMs: number; loopDelayMaxMs: number } | null;
    return {
      change,
      files,
      commands: results.length,
      ack: summarize(acks),
      acksOver1s: acks.filter((ms) => ms > 1000).length,
      acksOver3s: acks.filter((ms) => ms > 3000).length,
      answered: answered.length,
      failed: results.filter((r) => r.status !== 200).length,
      notAnswers: answered.filter((a) => notAnAnswer(arrivals.get(a.id)!.body)).length,
      reloadedMs: reloadedAt === null ? null : (reloadedAt as number) - startedAt,
      newTextAnswersMs: answeredAt === null ? null : answeredAt - startedAt,
      loopDelayMaxMs: r ? round(r.loopDelayMaxMs, 1) : undefined,
      appCpuMs: r?.cpuMs,
    };
  };

  const runs: ReloadRun[] = [];
  const added = path.join(live, 'generated');
  runs.push(await measure(`add ${options.pages} pages`, options.pages, () => copyInAnotherProcess(staging, added), `how do I configure ${tag}`, '/bench/'));
  await new Promise((r) => setTimeout(r, 2000));
  const toEdit = listMarkdown(added).slice(0, options.edits);
  runs.push(await measure(`edit ${toEdit.length} pages`, toEdit.length, () => editInAnotherProcess(toEdit, 'zorblatt'), 'how do I configure zorblatt', '#zorblatt-setup'));

  agent.destroy();
  await child.stop();
  fake.server.close();
  fs.rmSync(work, { recursive: true, force: true });
  return { ratePerSecond: 1000 / intervalMs, baseFiles, runs };
}
