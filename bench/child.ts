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
