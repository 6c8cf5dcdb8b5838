import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { run } from '../../src/cli/commands/gaps';
import type { CliIo } from '../../src/cli/io';
import type { FeedbackRecord } from '../../src/store/feedback-log';
import { gapsReport, normalizeQuestion, renderGapsText } from '../../src/store/gaps';

const low = (question: string, at: string, confidence = 0.2): FeedbackRecord => ({ kind: 'low-confidence', question, at, confidence, surface: 'mention' });
const rated = (question: string, rating: 'helpful' | 'not-helpful', at: string, topUseCase?: string): FeedbackRecord => ({ kind: 'feedback', rating, question, at, ...(topUseCase ? { topUseCase } : {}) });

describe('The gaps report', () => {
  const records = [
    low('How do we use GraphQL?', '2025-01-01T00:00:00Z'),
    low('how do we use graphql', '2025-01-03T00:00:00Z', 0.4),
    low('What about FTP?', '2025-01-02T00:00:00Z'),
    rated('nightly exports', 'not-helpful', '2025-01-01T00:00:00Z', 'bi-reporting'),
    rated('Nightly exports!', 'not-helpful', '2025-01-04T00:00:00Z', 'export-import-batch'),
    rated('nightly exports', 'helpful', '2025-01-05T00:00:00Z'),
    rated('sso with azure', 'helpful', '2025-01-05T00:00:00Z'),
  ];

  test('groups questions regardless of case and punctuation, most frequent first, latest wording shown', () => {
    expect(normalizeQuestion('How do we use  GraphQL?')).toBe('how do we use graphql');
    const report = gapsReport(records);
    expect(report.unanswered.map((e) => [e.question, e.count])).toEqual([
      ['how do we use graphql', 2],
      ['What about FTP?', 1],
    ]);
    expect(report.unanswered[0].bestConfidence).toBe(0.4);
  });

  test('lists answers marked not helpful with how often and what they were answered as', () => {
    const report = gapsReport(records);
    expect(report.notHelpful).toEqual([{ question: 'Nightly exports!', count: 2, lastAt: '2025-01-04T00:00:00Z', helpful: 1, topUseCase: 'export-import-batch' }]);
    expect(report.totals).toEqual({ records: 7, lowConfidence: 3, helpful: 2, notHelpful: 2 });
  });

  test('renders for a terminal, and says so when nothing was recorded', () => {
    const text = renderGapsText(gapsReport(records), 'data/feedback.jsonl');
    expect(text).toContain('   2×  how do we use graphql');
    expect(text).toContain('answered as export-import-batch, 1 found it helpful');
    expect(renderGapsText(gapsReport([]), 'f')).toBe('No feedback recorded yet (f).\n');
  });
});

describe('integration-bot gaps', () => {
  test('reads DATA_DIR/feedback.jsonl and prints the report (or JSON)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gaps-'));
    try {
      fs.writeFileSync(path.join(dir, 'feedback.jsonl'), [low('graphql?', '2025-01-01T00:00:00Z'), rated('x', 'not-helpful', '2025-01-01T00:00:00Z')].map((r) => JSON.stringify(r)).join('\n') + '\n');
      const out: string[] = [];
      const io: CliIo = { stdin: Readable.from([]), out: (t) => void out.push(t), err: (t) => void out.push(t), env: { DATA_DIR: dir }, stdinIsTTY: false };
      expect(await run([], io)).toBe(0);
      expect(out.join('')).toContain('graphql?');
      out.length = 0;
      expect(await run(['--json', '--limit', '1'], io)).toBe(0);
      expect(JSON.parse(out.join('')).unanswered).toHaveLength(1);
      expect(await run(['--limit', 'zero'], io)).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
