/**
 * Per-user and per-channel sliding-window rate limits, so one person (or one busy channel) cannot keep the bot
 * busy for everyone. A window counts the requests of the last `windowMs`; it slides with every request.
 */
export interface RateLimitSettings {
  perUser: number;
  perChannel: number;
  windowMs: number;
}

export type RateDecision =
  | { ok: true }
  | {
      ok: false;
      scope: 'user' | 'channel';
      /** When the oldest request in the window expires and a new one would be allowed. */
      retryInMs: number;
      /** True the first time a limit is hit in a window, so the bot tells the user once, not on every message. */
      notify: boolean;
    };

export interface RateLimiter {
  /** Counts a request by `user` in `channel` when allowed; refused requests are not counted. */
  take(user: string, channel: string): RateDecision;
}

/** @example createRateLimiter({ perUser: 1, perChannel: 5, windowMs: 60_000 }).take('U1', 'C1').ok === true */
export function createRateLimiter(settings: RateLimitSettings, now: () => number = Date.now): RateLimiter {
  const hits = new Map<string, number[]>();
  const notified = new Map<string, number>();
  let calls = 0;

  const recent = (key: string, at: number): number[] => {
    const list = (hits.get(key) ?? []).filter((t) => t > at - settings.windowMs);
    if (list.length > 0) hits.set(key, list);
    else hits.delete(key);
    return list;
  };

  const sweep = (at: number) => {
    for (const key of hits.keys()) recent(key, at);
    for (const [key, until] of notified) if (until <= at) notified.delete(key);
  };

  return {
    take(user, channel) {
      const at = now();
      if (++calls % 1000 === 0) sweep(at);
      const checks: { scope: 'user' | 'channel'; key: string; max: number }[] = [
        { scope: 'user', key: `u:${user}`, max: settings.perUser },
        { scope: 'channel', key: `c:${channel}`, max: settings.perChannel },
      ];
      for (const check of checks) {
        const list = recent(check.key, at);
        if (list.length >= check.max) {
          const retryInMs = Math.max(0, list[0] + settings.windowMs - at);
          const notifyKey = `${check.key}|${user}`;
          const notify = (notified.get(notifyKey) ?? 0) <= at;
          if (notify) notified.set(notifyKey, at + retryInMs);
          return { ok: false, scope: check.scope, retryInMs, notify };
        }
      }
      for (const check of checks) hits.set(check.key, [...recent(check.key, at), at]);
      return { ok: true };
    },
  };
}

/** The friendly sentence for a refused request. */
export function rateLimitText(decision: Extract<RateDecision, { ok: false }>): string {
  const seconds = Math.max(1, Math.ceil(decision.retryInMs / 1000));
  return decision.scope === 'user'
    ? `You're asking faster than I can keep up with. Please try again in ${seconds} s.`
    : `This channel is keeping me very busy right now. Please try again in ${seconds} s.`;
}
