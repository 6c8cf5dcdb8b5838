import { createDedupe } from '../../src/slack/dedupe';

describe('Delivery de-duplication', () => {
  test('the first delivery of an event id is new, a retry of it is not', () => {
    const d = createDedupe();
    expect(d.seen('Ev1')).toBe(false);
    expect(d.seen('Ev1')).toBe(true);
    expect(d.seen('Ev2')).toBe(false);
  });

  test('an id is forgotten after its time to live', () => {
    let now = 0;
    const d = createDedupe({ ttlMs: 1000, now: () => now });
    d.seen('Ev1');
    now = 999;
    expect(d.seen('Ev1')).toBe(true);
    now = 1000;
    expect(d.seen('Ev1')).toBe(false);
  });

  test('memory stays bounded: the oldest ids go first', () => {
    const d = createDedupe({ maxEntries: 3 });
    for (const id of ['a', 'b', 'c', 'd']) d.seen(id);
    expect(d.size).toBe(3);
    expect(d.seen('d')).toBe(true);
    expect(d.seen('a')).toBe(false);
  });

  test('forget lets a retry of a failed first attempt run', () => {
    const d = createDedupe();
    d.seen('Ev1');
    d.forget('Ev1');
    expect(d.seen('Ev1')).toBe(false);
  });
});
