import type { AdversarialTask } from './measure-adversarial';
import type { CorpusTask } from './measure-corpus';
import type { StartupTask } from './measure-startup';
import type { SlackTask } from './slack-path';

/**
 * Entry point of the bench's child processes: each corpus runs in a fresh process so that cold start is
 * really cold and resident memory does not pile up from one corpus to the next.
 */
export type Task = CorpusTask | AdversarialTask | SlackTask | StartupTask;

const send = (message: unknown) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

process.once('message', (task: Task) => {
  void (async () => {
    try {
      // Each task loads only its own modules, so that start-up measures only what start-up loads.
      if (task.kind === 'corpus') await send({ type: 'result', result: await (await import('./measure-corpus')).measureCorpus(task) });
      else if (task.kind === 'startup') {
        const startup = await import('./measure-startup');
        await send({ type: 'result', result: task.mode === 'warm' ? await startup.measureWarmStart(task) : await startup.measureStartup(task) });
      }
      else if (task.kind === 'adversarial') await (await import('./measure-adversarial')).measureAdversarial(task, (m) => void send(m));
      else if (task.kind === 'slack') {
        const { measureSlackInChild } = await import('./slack-path');
        await measureSlackInChild(task, (m) => void send(m));
        return; // the Slack child stays up until the parent ends it
      }
      await send({ type: 'done' });
      process.exit(0);
    } catch (error) {
      await send({ type: 'error', message: error instanceof Error ? error.stack ?? error.message : String(error) });
      process.exit(1);
    }
  })();
});
