import path from 'node:path';
import { readConfig } from '../../config';
import { feedbackFileName, readFeedbackFile } from '../../store/feedback-log';
import { gapsReport, renderGapsText } from '../../store/gaps';
import type { Command } from '../io';

const usage = 'usage: integration-bot gaps [--limit N] [--json] [--data-dir DIR]\n  Lists the most frequent questions without a confident answer and the answers marked not helpful.\n';

/** `integration-bot gaps`: reads DATA_DIR/feedback.jsonl and prints what the knowledge base is missing. */
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
  const file = path.join(dataDir ? path.resolve(dataDir) : readConfig(io.env).dataDir, feedbackFileName);
  const report = gapsReport(await readFeedbackFile(file), limit);
  io.out(json ? JSON.stringify({ file, ...report }, null, 2) + '\n' : renderGapsText(report, file));
  return 0;
};
