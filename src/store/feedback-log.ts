import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log';

/**
 * An append-only JSON Lines log of what users thought of answers and of questions the bot could not answer
 * confidently, under `DATA_DIR/feedback.jsonl`. One object per line, never rewritten; `integration-bot gaps`
 * reads it. Only the question text, the verdict and the top use case are stored: no user ids, no channel ids.
 */

/** Where a question came from. */
export type Surface = 'command' | 'mention' | 'follow-up' | 'dm' | 'channel' | 'button';

export type FeedbackRecord =
  | {
      kind: 'feedback';
      at: string;
      rating: 'helpful' | 'not-helpful';
      question: string;
      topUseCase?: string;
      confidence?: number;
    }
  | {
      kind: 'low-confidence';
      at: string;
      question: string;
      confidence: number;
      surface: Surface;
    };

/** A record as callers hand it in; the store stamps the time. */
export type NewRecord = FeedbackRecord extends infer R ? (R extends FeedbackRecord ? Omit<R, 'at'> : never) : never;

export interface FeedbackStore {
  /** Appends one record; never throws (a failed write is logged), so a full disk never breaks an answer. */
  append(record: NewRecord): Promise<void>;
  /** Every readable record, oldest first; unreadable lines are skipped. */
  readAll(): Promise<FeedbackRecord[]>;
  readonly file: string;
}

export const feedbackFileName = 'feedback.jsonl';

/** Longest question text stored; longer questions are cut. */
const maxStoredChars = 1000;

export function createFeedbackStore(dataDir: string, log: Logger, now: () => Date = () => new Date()): FeedbackStore {
  const file = path.join(dataDir, feedbackFileName);
  // Writes are chained so lines never interleave, even when many answers finish at once.
  let queue: Promise<void> = Promise.resolve();

  return {
    file,
    append(record) {
      const line = JSON.stringify({ ...record, question: record.question.slice(0, maxStoredChars), at: now().toISOString() }) + '\n';
      queue = queue.then(async () => {
        try {
          await fs.promises.mkdir(dataDir, { recursive: true });
          await fs.promises.appendFile(file, line, { encoding: 'utf8', mode: 0o600 });
        } catch (error) {
          log.error('could not write the feedback log', { file, error });
        }
      });
      return queue;
    },
    async readAll() {
      await queue;
      return readFeedbackFile(file);
    },
  };
}

/** Reads a feedback log; a missing file is an empty log. */
export async function readFeedbackFile(file: string): Promise<FeedbackRecord[]> {
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return parseFeedbackLines(text);
}

/** Parses JSON Lines, keeping only well-formed records (a half-written last line after a crash is skipped). */
export function parseFeedbackLines(text: string): FeedbackRecord[] {
  const records: FeedbackRecord[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value = JSON.parse(line) as Partial<FeedbackRecord>;
      if (typeof value.question !== 'string' || typeof value.at !== 'string') continue;
      if (value.kind === 'feedback' && (value.rating === 'helpful' || value.rating === 'not-helpful')) records.push(value as FeedbackRecord);
      else if (value.kind === 'low-confidence' && typeof value.confidence === 'number') records.push(value as FeedbackRecord);
    } catch {
      // skip the line
    }
  }
  return records;
}
