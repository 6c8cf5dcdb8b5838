import { createRateLimiter, rateLimitText } from '../../src/slack/rate-limiter';

describe('The rate limiter, with 2 per user and 3 per channel a minute', () => {
  let now = 0;
  const clock = () => now;
  const limiter = () => createRateLimiter({ perUser: 2, perChannel: 3, windowMs: 60_000 }, clock);

  beforeEach(() => {
    now = 1_000_000;
  });

  test('allows a user two requests and refuses the third, telling them once', () => {
    const l = limiter();
    expect(l.take('U1', 'C1').ok).toBe(true);
    expect(l.take('U1', 'C1').ok).toBe(true);
    const third = l.take('U1', 'C1');
    expect(third).toMatchObject({ ok: false, scope: 'user', notify: true });
    expect(l.take('U1', 'C1')).toMatchObject({ ok: false, notify: false });
  });

  test('slides: a request is allowed again once the oldest leaves the window', () => {
    const l = limiter();
    l.take('U1', 'C1');
    now += 30_000;
    l.take('U1', 'C1');
    const refused = l.take('U1', 'C1');
    expect(refused).toMatchObject({ ok: false, retryInMs: 30_000 });
    now += 30_001;
    expect(l.take('U1', 'C1').ok).toBe(true);
  });

  test('limits a busy channel across users', () => {
    const l = limiter();
    expect(l.take('U1', 'C1').ok).toBe(true);
    expect(l.take('U2', 'C1').ok).toBe(true);
    expect(l.take('U3', 'C1').ok).toBe(true);
    expect(l.take('U4', 'C1')).toMatchObject({ ok: false, scope: 'channel' });
    expect(l.take('U4', 'C2').ok).toBe(true);
  });

  test('refused requests do not count against the window', () => {
    const l = limiter();
    l.take('U1', 'C1');
    l.take('U1', 'C1');
    for (let i = 0; i < 10; i++) l.take('U1', 'C1');
    now += 60_001;
    expect(l.take('U1', 'C1').ok).toBe(true);
  });

  test('the message is friendly and says when to try again', () => {
    expect(rateLimitText({ ok: false, scope: 'user', retryInMs: 12_300, notify: true })).toBe("You're asking faster than I can keep up with. Please try again in 13 s.");
  });
});
