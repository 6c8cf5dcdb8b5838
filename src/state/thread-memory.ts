/**
 * Remembers the threads the bot has answered in and the question asked there, so a later message in the thread
 * is answered without a new mention, and a follow-up ("and for mobile?") is read with the earlier question.
 */
export interface ThreadMemory {
  /** Records that the bot answered `question` in the thread (the anchor question, kept for short follow-ups). */
  remember(channel: string, threadTs: string, question: string): void;
  /** The thread's anchor question, or `undefined` when the bot has not answered there (or forgot). */
  question(channel: string, threadTs: string): string | undefined;
}

export interface ThreadMemoryOptions {
  ttlMs?: number;
  maxThreads?: number;
  now?: () => number;
}

const defaults = Object.freeze({ ttlMs: 24 * 60 * 60 * 1000, maxThreads: 10_000 });

/** A bounded, in-memory thread memory; a restart forgets, which only means the next follow-up needs a mention. */
export function createThreadMemory(options: ThreadMemoryOptions = {}): ThreadMemory {
  const { ttlMs, maxThreads } = { ...defaults, ...options };
  const now = options.now ?? Date.now;
  const threads = new Map<string, { question: string; until: number }>();
  const key = (channel: string, ts: string) => `${channel}:${ts}`;

  return {
    remember(channel, threadTs, question) {
      const k = key(channel, threadTs);
      threads.delete(k); // re-insert so the map's order stays least-recently-used first
      threads.set(k, { question, until: now() + ttlMs });
      while (threads.size > maxThreads) threads.delete(threads.keys().next().value as string);
    },
    question(channel, threadTs) {
      const entry = threads.get(key(channel, threadTs));
      if (!entry) return undefined;
      if (entry.until <= now()) {
        threads.delete(key(channel, threadTs));
        return undefined;
      }
      return entry.question;
    },
  };
}
