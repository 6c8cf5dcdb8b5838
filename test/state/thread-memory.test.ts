import { createThreadMemory } from '../../src/state/thread-memory';

describe('The thread memory', () => {
  test('knows the threads the bot answered in and their question', () => {
    const m = createThreadMemory();
    m.remember('C1', '1.1', 'nightly exports to the warehouse');
    expect(m.question('C1', '1.1')).toBe('nightly exports to the warehouse');
    expect(m.question('C1', '2.2')).toBeUndefined();
    expect(m.question('C2', '1.1')).toBeUndefined();
  });

  test('forgets after its time to live and beyond its size', () => {
    let now = 0;
    const m = createThreadMemory({ ttlMs: 100, maxThreads: 2, now: () => now });
    m.remember('C1', '1', 'a');
    m.remember('C1', '2', 'b');
    m.remember('C1', '3', 'c');
    expect(m.question('C1', '1')).toBeUndefined();
    now = 100;
    expect(m.question('C1', '3')).toBeUndefined();
  });
});
