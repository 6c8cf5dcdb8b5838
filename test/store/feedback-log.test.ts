import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger, silentLogger } from '../../src/log';
import { createFeedbackStore, parseFeedbackLines } from '../../src/store/feedback-log';

describe('The feedback log', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'feedback-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('appends one JSON line per record under DATA_DIR, creating the folder, and reads them back in order', async () => {
    const dataDir = path.join(dir, 'nested', 'data');
    const store = createFeedbackStore(dataDir, silentLogger, () => new Date('2025-01-02T03:04:05Z'));
    await Promise.all([
      store.append({ kind: 'low-confidence', question: 'what is love', confidence: 0.1, surface: 'dm' }),
      store.append({ kind: 'feedback', rating: 'not-helpful', question: 'nightly exports', topUseCase: 'bi-reporting' }),
    ]);
    const lines = fs.readFileSync(path.join(dataDir, 'feedback.jsonl'), 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0])).toEqual({ kind: 'low-confidence', question: 'what is love', confidence: 0.1, surface: 'dm', at: '2025-01-02T03:04:05.000Z' });
    expect((await store.readAll()).map((r) => r.kind)).toEqual(['low-confidence', 'feedback']);
  });

  test('a write that fails is logged, never thrown', async () => {
    const blocker = path.join(dir, 'a-file');
    fs.writeFileSync(blocker, 'not a folder');
    const logs: string[] = [];
    const store = createFeedbackStore(path.join(blocker, 'data'), createLogger('error', [], (l) => logs.push(l)));
    await expect(store.append({ kind: 'feedback', rating: 'helpful', question: 'q' })).resolves.toBeUndefined();
    expect(logs.join('\n')).toContain('could not write the feedback log');
  });

  test('malformed and half-written lines are skipped when reading', () => {
    const text = ['{"kind":"feedback","rating":"helpful","question":"q","at":"2025"}', '{"kind":"feedback","rat', 'garbage', '{"kind":"other","question":"q","at":"x"}', ''].join('\n');
    expect(parseFeedbackLines(text)).toHaveLength(1);
  });
});
