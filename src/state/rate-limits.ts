import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateDecision, RateLimiter, RateLimitSettings } from './types';

/** Builds one `rate-limiter-flexible` limiter: memory or Redis, `points` per `durationSec` under `keyPrefix`. */
export type LimiterFactory = (options: { keyPrefix: string; points: number; durationSec: number }) => RateLimiterAbstract;

/**
 * Per-user and per-channel limits on `rate-limiter-flexible` (fixed windows of `windowMs`), so the same counts
 * hold in one process and, on Redis, across instances. `notifyOnce` decides whether the user hears about the
 * limit: once per user, limit and window.
 * @example const limiter = createRateLimits({ perUser: 10, perChannel: 30, windowMs: 60_000 }, memoryLimiter, once);
 */
export function createRateLimits(settings: RateLimitSettings, make: LimiterFactory, notifyOnce: (key: string, ttlMs: number) => Promise<boolean>): RateLimiter {
  const durationSec = Math.max(1, Math.ceil(settings.windowMs / 1000));
  const users = make({ keyPrefix: 'rl:user', points: settings.perUser, durationSec });
  const channels = make({ keyPrefix: 'rl:channel', points: settings.perChannel, durationSec });

  const refused = async (scope: 'user' | 'channel', key: string, user: string, res: RateLimiterRes): Promise<RateDecision> => {
    const retryInMs = Math.max(0, res.msBeforeNext);
    const notify = await notifyOnce(`rl:told:${scope}:${key}:${user}`, Math.max(1000, retryInMs));
    return { ok: false, scope, retryInMs, notify };
  };

  return {
    async take(user, channel) {
      const byUser = await consume(users, user);
      if (byUser) return refused('user', user, user, byUser);
      const byChannel = await consume(channels, channel);
      if (byChannel) {
        // The user's point was taken for a request that is not answered: give it back.
        await users.reward(user, 1);
        return refused('channel', channel, user, byChannel);
      }
      return { ok: true };
    },
  };
}

/** Consumes one point; resolves with the refusal, or `undefined` when allowed. A store failure rejects. */
async function consume(limiter: RateLimiterAbstract, key: string): Promise<RateLimiterRes | undefined> {
  try {
    await limiter.consume(key, 1);
    return undefined;
  } catch (error) {
    if (error instanceof RateLimiterRes) return error;
    throw error;
  }
}
