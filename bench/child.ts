import { fork } from 'node:child_process';
import path from 'node:path';

export interface ChildOptions {
  timeoutMs: number;
  /** Extra node flags, e.g. `--cpu-prof`. */
  execArgv?: string[];
  /** Gets each message and a way to end the child early (e.g. a watchdog for a call that hangs). */
  onMessage?: (message: unknown, kill: () => void, post: (message: object) => void) => void;
}

export interface ChildOutcome {
  messages: unknown[];
  timedOut: boolean;
  exitCode: number | null;
}

/** Runs one task in a fresh `worker.js` process and collects its messages; kills it after `timeoutMs`. */
export function runChild(task: object, options: ChildOptions): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    const child = fork(path.join(__dirname, 'worker.js'), [], {
      execArgv: ['--expose-gc', ...(options.execArgv ?? [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    const messages: unknown[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('message', (message) => {
      messages.push(message);
      options.onMessage?.(
        message,
        () => {
          timedOut = true;
          child.kill('SIGKILL');
        },
        (reply) => child.connected && child.send(reply as import('node:child_process').Serializable),
      );
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ messages, timedOut, exitCode: code });
    });
    child.send(task as import('node:child_process').Serializable);
  });
}

/** A child that serves until told to stop (the Slack app of the slack and reload benches). */
export interface ServingChild {
  post(message: object): void;
  kill(): void;
  readonly exited: boolean;
  /** Asks the child to stop and waits for it, killing it after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts `task` in a fresh process that serves until `stop()`; `onMessage` gets every message it sends. */
export function servingChild(task: object, options: Omit<ChildOptions, 'onMessage'> & { onMessage: (message: unknown) => void }): ServingChild {
  let kill = (): void => undefined;
  let post = (_message: object): unknown => undefined;
  let exited = false;
  const child = runChild(task, {
    ...options,
    onMessage: (message, k, p) => {
      kill = k;
      post = p;
      options.onMessage(message);
    },
  });
  void child.then(() => (exited = true));
  return {
    post: (message) => void post(message),
    kill: () => kill(),
    get exited() {
      return exited;
    },
    async stop(graceMs = 10_000) {
      post({ type: 'stop' });
      const timer = setTimeout(() => kill(), graceMs);
      await child;
      clearTimeout(timer);
    },
  };
}
