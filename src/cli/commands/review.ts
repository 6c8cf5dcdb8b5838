import type { Engine, Review } from '../../engine/types';
import { renderReviewText } from '../../render/terminal';
import type { CliIo, Command } from '../io';
import { engineFromEnv } from '../load';

const usage = [
  'usage: integration-bot review [--json] < snippet.md',
  '',
  'Reads a design snippet on standard input (a table, a marked matrix, or lines such as',
  '"Reference data -> Events") and gives each row the verdict of the use case x method matrix.',
  '  --json   print {"rows": [...], "summary": "..."}; notes go to standard error',
  '',
].join('\n');

/** More than any snippet needs; the parser reads only its first 200,000 characters anyway. */
const maxInputBytes = 1_000_000;

/** Reads standard input up to `maxBytes`, and stops there rather than holding a huge paste in memory. */
async function readSnippet(stream: NodeJS.ReadableStream, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(buffer);
    size += buffer.length;
    if (size >= maxBytes) break;
  }
  return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
}

/** The `--json` shape: exactly these keys, so scripts can rely on them. */
function toJson(review: Review): string {
  const rows = review.rows.map((row) => ({
    input: row.input,
    useCase: row.useCase,
    method: row.method,
    verdict: row.verdict,
    preferred: row.preferred,
    sources: row.sources.map((s) => ({ title: s.title, url: s.url })),
  }));
  return JSON.stringify({ rows, summary: review.summary }, null, 2) + '\n';
}

/**
 * Builds the `review` command over an engine source, so tests can hand it a fixture engine.
 * @example createReviewCommand(() => createEngine(corpus))(['--json'], io)
 */
export function createReviewCommand(loadEngine: (io: CliIo) => Pick<Engine, 'review'> & Partial<Pick<Engine, 'corpus'>>): Command {
  return async (args, io) => {
    if (args.includes('--help') || args.includes('-h')) {
      io.out(usage);
      return 0;
    }
    const unknown = args.filter((a) => a !== '--json');
    if (unknown.length > 0) {
      io.err(`unknown argument "${unknown[0]}"; the snippet is read from standard input\n${usage}`);
      return 2;
    }
    const json = args.includes('--json');
    if (io.stdinIsTTY) io.err('Paste the snippet, then press Ctrl-D (Ctrl-Z and Enter on Windows).\n');
    const snippet = await readSnippet(io.stdin, maxInputBytes);
    const engine = loadEngine(io);
    const review = engine.review(snippet);
    if (json) {
      io.out(toJson(review));
      for (const note of review.notes) io.err(`${note}\n`);
    } else {
      io.out(renderReviewText(review, { corpus: engine.corpus }));
    }
    return review.rows.length > 0 ? 0 : 1;
  };
}

/** `integration-bot review [--json]`: reviews a design snippet read from standard input. */
export const run: Command = createReviewCommand(engineFromEnv);
