/**
 * Tracks the work in progress so shutdown can stop taking new work and wait for replies already being written.
 */
export interface InFlight {
  /** Runs `work` as tracked work. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** True once `close` was called: new work should be refused. */
  readonly closing: boolean;
  readonly count: number;
  /** Refuses new work and resolves when the work in progress ends or after `timeoutMs`, with what was left. */
  close(timeoutMs: number): Promise<{ unfinished: number }>;
}

export function createInFlight(): InFlight {
  const running = new Set<Promise<unknown>>();
  let closing = false;
  return {
    async run(work) {
      const promise = work();
      running.add(promise);
      try {
        return await promise;
      } finally {
        running.delete(promise);
      }
    },
    get closing() {
      return closing;
    },
    get count() {
      return running.size;
    },
    async close(timeoutMs) {
      closing = true;
      if (running.size === 0) return { unfinished: 0 };
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      const drained = (async () => {
        while (running.size > 0) await Promise.allSettled([...running]);
      })();
      await Promise.race([drained, timeout]);
      clearTimeout(timer);
      return { unfinished: running.size };
    },
  };
}
