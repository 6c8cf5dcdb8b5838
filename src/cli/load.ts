import { readKnowledgeSettings, type KnowledgeSettings } from '../config';
import { createEngine } from '../engine';
import type { Engine } from '../engine/types';
import { loadCorpus } from '../knowledge';
import type { CliIo } from './io';

/** Loads the configured knowledge and builds the engine; load errors are listed on stderr, not fatal. */
export function engineFromEnv(io: CliIo, overrides: Partial<KnowledgeSettings> = {}): Engine {
  const settings = { ...readKnowledgeSettings(io.env), ...overrides };
  const corpus = loadCorpus(settings.knowledgeDirs, { baseUrl: settings.baseUrl });
  const errors = corpus.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) {
    io.err(`${errors.length} knowledge file problem(s) (run \`integration-bot check\` for the list); the rest loaded.\n`);
  }
  return createEngine(corpus, { maxQuestionChars: settings.maxQuestionChars });
}
