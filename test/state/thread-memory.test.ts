import { createMemoryThreads } from '../../src/state/memory';
import { maxAnchorChars } from '../../src/state';

describe('The in-process thread memory', () => {
  test('knows the threads the bot answered in and their question', async () => {
    const m = createMemoryThreads();
    await m.remember('C1', '1.1', 'nightly exports to the warehouse', ['bi-reporting']);
    expect(await m.question('C1', '1.1')).toBe('nightly exports to the warehouse');
    expect(await m.question('C1', '2.2')).toBeUndefined();
    expect(await m.question('C2', '1.1')).toBeUndefined();
  });

  test('keeps the most recent threads within its count', async () => {
    const m = createMemoryThreads({ maxThreads: 2, maxThreadChars: 1_000_000 });
    await m.remember('C1', '1', 'a');
    await m.remember('C1', '2', 'b');
    await m.remember('C1', '3', 'c');
    expect(await m.question('C1', '1')).toBeUndefined();
    expect(await m.question('C1', '3')).toBe('c');
  });

  test('keeps a capped question, never a whole 39,000-character message, and caps the total size', async () => {
    const m = createMemoryThreads({ maxThreads: 100_000, maxThreadChars: 20 * (maxAnchorChars + 200) });
    const long = 'how do we sync orders to SAP '.repeat(1400);
    expect(long.length).toBeGreaterThan(39_000);
    for (let i = 0; i < 100; i++) await m.remember('C1', String(i), long);
    expect((await m.question('C1', '99'))?.length).toBe(maxAnchorChars);
    // Only about the last twenty fit in the size cap; the oldest went first.
    expect(await m.question('C1', '0')).toBeUndefined();
    expect(await m.question('C1', '80')).toBe(long.slice(0, maxAnchorChars));
  });
});
