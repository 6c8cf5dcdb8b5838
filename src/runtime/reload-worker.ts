import { parentPort } from 'node:worker_threads';
import { rebuild, type RebuildJob } from './rebuild';

/**
 * The reload worker: runs each `rebuild` off the main thread and posts the result back in slices, so that the
 * main thread, which keeps answering Slack meanwhile, never spends long taking one message in.
 */
export type WorkerMessage =
  | { type: 'entries'; entries: ReturnType<typeof rebuild>['entries'] }
  | { type: 'done'; order: string[]; snapshot: ReturnType<typeof rebuild>['snapshot']; summary: ReturnType<typeof rebuild>['summary'] }
  | { type: 'failed'; message: string };

/** Entries per message: small enough that taking one in costs the main thread a few milliseconds. */
const slice = 100;

parentPort?.on('message', (job: RebuildJob) => {
  try {
    const result = rebuild(job);
    for (let i = 0; i < result.entries.length; i += slice) {
      parentPort!.postMessage({ type: 'entries', entries: result.entries.slice(i, i + slice) } satisfies WorkerMessage);
    }
    // The index arrays are handed over, not copied (tens of megabytes at 30,000 sections).
    const buffers = new Set<ArrayBuffer>();
    for (const data of [result.snapshot.sections, result.snapshot.examples]) {
      for (const array of [data.lengths, data.offsets, data.docs, data.tfs, data.titleOffsets, data.titleDocs]) buffers.add(array.buffer as ArrayBuffer);
    }
    parentPort!.postMessage({ type: 'done', order: result.order, snapshot: result.snapshot, summary: result.summary } satisfies WorkerMessage, [...buffers]);
  } catch (error) {
    parentPort!.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage);
  }
});
