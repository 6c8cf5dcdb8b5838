import path from 'node:path';
import { readConfig, readStateSettings } from '../../config';
import { readAllFeedback } from '../../state/redis';
import { feedbackFileName, readFeedbackFile } from '../../store/feedback-log';
import { gapsReport, renderGapsText } from '../../store/gaps';
import type { Command } from '../io';

const usage =
  'usage: integration-bot gaps [--limit N] [--json] [--data-dir DIR]\n  Lists the most frequent questions without a confident answer and the answers marked not helpful.\n  With REDIS_URL set, reads the feedback every instance wrote to Redis; otherwise DATA_DIR/feedback.jsonl.\n';

/**
 * `integration-bot gaps`: reads the feedback (from Redis when `REDIS_URL` is set, so every instance's feedback
 * is in one report; else `DATA_DIR/feedback.jsonl`) and prints what the knowledge base is missing.
 */
export const run: Command = async (args, io) => {
  let limit = 20;
  let json = false;
  let dataDir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') json = true;
    else if (arg === '--limit' || arg === '--data-dir') {
      const value = args[++i];
      if (value === undefined) {
        io.err(`${arg} needs a value\n${usage}`);
        return 2;
      }
      if (arg === '--data-dir') dataDir = value;
      else {
        limit = Number(value);
        if (!Number.isInteger(limit) || limit < 1) {
          io.err(`--limit must be a whole number of at least 1 (got "${value}")\n`);
          return 2;
        }
      }
    } else if (arg === '--help' || arg === '-h') {
      io.out(usage);
      return 0;
    } else {
      io.err(`unknown argument ${arg}\n${usage}`);
      return 2;
    }
  }
  const state = readStateSettings(io.env);
  let file: string;
  let records;
  if (state.redisUrl && !dataDir) {
    const found = await readAllFeedback(state.redisUrl, state.keyPrefix);
    file = found.keys.length > 0 ? `Redis (${found.keys.join(', ')})` : `Redis (no ${state.keyPrefix}:*:feedback stream yet)`;
    records = found.records;
  } else {
    file = path.join(dataDir ? path.resolve(dataDir) : readConfig(io.env).dataDir, feedbackFileName);
    records = await readFeedbackFile(file);
  }
  const report = gapsReport(records, limit);
  io.out(json ? JSON.stringify({ file, ...report }, null, 2) + '\n' : renderGapsText(report, file));
  return 0;
};
