/**
 * Remembers delivery ids (Events API `event_id`) for a while, so a retried delivery of the same event is handled
 * once. Slack retries when it did not see an acknowledgement within 3 seconds (HTTP `X-Slack-Retry-Num`, Socket
 * Mode `retry_attempt`), up to three times over about an hour.
 */
export interface Dedupe {
  /** True when `id` was seen before (and not forgotten); records it otherwise. */
  seen(id: string): boolean;
  /** Forgets `id`, so a retry is handled again (used when the first attempt failed). */
  forget(id: string): void;
  readonly size: number;
}

export interface DedupeOptions {
  /** How long an id is remembered; Slack's last retry comes about an hour after the first delivery. */
  ttlMs?: number;
  /** Upper bound on remembered ids; the oldest go first. */
  maxEntries?: number;
  now?: () => number;
}

const defaults = Object.freeze({ ttlMs: 2 * 60 * 60 * 1000, maxEntries: 20_000 });

/** @example const d = createDedupe(); d.seen('Ev1') === false; d.seen('Ev1') === true */
export function createDedupe(options: DedupeOptions = {}): Dedupe {
  const { ttlMs, maxEntries } = { ...defaults, ...options };
  const now = options.now ?? Date.now;
  // Insertion order is expiry order, because every entry lives for the same ttl.
  const expires = new Map<string, number>();

  const prune = (at: number) => {
    for (const [id, until] of expires) {
      if (until > at && expires.size <= maxEntries) break;
      expires.delete(id);
    }
  };

  return {
    seen(id) {
      const at = now();
      prune(at);
      const until = expires.get(id);
      if (until !== undefined && until > at) return true;
      expires.set(id, at + ttlMs);
      prune(at);
      return false;
    },
    forget(id) {
      expires.delete(id);
    },
    get size() {
      return expires.size;
    },
  };
}
