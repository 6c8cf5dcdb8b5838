import { Readable } from 'node:stream';
import { createReviewCommand } from '../../src/cli/commands/review';
import type { CliIo } from '../../src/cli/io';
import { createNameResolver } from '../../src/engine/names';
import { reviewSnippet } from '../../src/engine/review';
import { createReviewCorpus } from '../fixtures/review-corpus';

/** Runs `review` in-process over the fixture corpus, with `stdin` as standard input. */
async function runReview(args: string[], stdin: string, tty = false) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdin: Readable.from([Buffer.from(stdin)]),
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    env: {},
    stdinIsTTY: tty,
  };
  const corpus = createReviewCorpus();
  const names = createNameResolver(corpus);
  const command = createReviewCommand(() => ({ review: (snippet: string) => reviewSnippet(corpus, names, snippet), corpus }));
  const code = await command(args, io);
  return { code, out: out.join(''), err: err.join('') };
}

describe('When `review --json` reads a snippet', () => {
  test('it prints exactly rows and summary, each row with exactly its six keys', async () => {
    const { code, out, err } = await runReview(['--json'], 'Reference data -> Events\nSSO -> RPC\n');
    expect(code).toBe(0);
    expect(err).toBe('');
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual(['rows', 'summary']);
    expect(json.summary).toBe('2 rows: 1 preferred, 1 possible');
    expect(json.rows[0]).toEqual({
      input: 'Reference data -> Events',
      useCase: 'reference-data',
      method: 'events',
      verdict: 'possible',
      preferred: ['rpc', 'batch'],
      sources: expect.arrayContaining([{ title: 'Mendix & Integration: use cases and solution options', url: expect.stringContaining('#overview') }]),
    });
    for (const row of json.rows) {
      expect(Object.keys(row)).toEqual(['input', 'useCase', 'method', 'verdict', 'preferred', 'sources']);
      for (const source of row.sources) expect(Object.keys(source)).toEqual(['title', 'url']);
    }
  });

  test('notes go to standard error, so standard output stays JSON', async () => {
    const { code, out, err } = await runReview(['--json'], 'SSO -> RPC\n'.repeat(60));
    expect(code).toBe(0);
    expect(JSON.parse(out).rows).toHaveLength(50);
    expect(err).toBe('Found 60 rows; reviewed only the first 50.\n');
  });

  test('nothing to review exits 1 with an empty row list and a hint', async () => {
    const { code, out, err } = await runReview(['--json'], 'just chatting, no design here\n');
    expect(code).toBe(1);
    expect(JSON.parse(out)).toEqual({ rows: [], summary: 'Nothing to review: no use case -> method rows found.' });
    expect(err).toMatch(/Paste a table with a use case column/);
  });
});

describe('When `review` prints for a terminal', () => {
  test('prints the summary, then one line per row: verdict, row, reason, in names not ids', async () => {
    const { code, out } = await runReview([], '| Use case | Method |\n|---|---|\n| SSO | Batch |\n| IoT | Kafka |\n');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('2 rows: 1 preferred, 1 not recommended');
    expect(lines[1]).toMatch(/^✘ not recommended: SSO \| Batch — The matrix does not use Export, import & batch for SSO, AD & Identity integration/);
    expect(lines[2]).toMatch(/^✔ preferred: IoT \| Kafka — Events \/ queues is a preferred method for Int. with IoT Solutions./);
    expect(out).not.toMatch(/\brpc\b/);
  });

  test('on a terminal it first says how to end the input', async () => {
    const { err } = await runReview([], 'SSO -> RPC', true);
    expect(err).toMatch(/press Ctrl-D/);
  });

  test('binary input is answered with a clear message, not a crash', async () => {
    const { code, out } = await runReview([], '\u0000\u0001\u0002\u0003\u0004'.repeat(500));
    expect(code).toBe(1);
    expect(out).toContain('This looks like binary data, not text');
  });
});

describe('When `review` gets arguments', () => {
  test('--help prints the usage', async () => {
    const { code, out } = await runReview(['--help'], '');
    expect(code).toBe(0);
    expect(out).toMatch(/^usage: integration-bot review \[--json\]/);
  });

  test('anything else is a usage error, because the snippet comes from standard input', async () => {
    const { code, err } = await runReview(['design.md'], '');
    expect(code).toBe(2);
    expect(err).toMatch(/^unknown argument "design.md"; the snippet is read from standard input/);
  });
});
