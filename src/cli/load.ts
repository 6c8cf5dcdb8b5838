import { readKnowledgeSettings, type KnowledgeSettings } from '../config';
import type { Engine } from '../engine/types';
import type { Logger } from '../log';
import { loadKnowledge, sourceFromSettings } from '../runtime/load';
import { createCacheStore } from '../store/cache-store';
import type { CliIo } from './io';

/** Warnings as one plain line on stderr (the cache's "unreadable, rebuilding" and "cannot write" notices). */
export function cliLogger(io: CliIo): Logger {
  const line = (message: string, fields?: Record<string, unknown>) => {
    const detail = Object.entries(fields ?? {}).map(([k, v]) => `${k}: ${v instanceof Error ? v.message : typeof v === 'string' ? v : JSON.stringify(v)}`);
    io.err(`warning: ${message}${detail.length > 0 ? ` (${detail.join(', ')})` : ''}\n`);
  };
  return { debug() {}, info() {}, warn: line, error: line };
}

/**
 * Loads the configured knowledge and builds the engine, through the start-up cache (`KNOWLEDGE_CACHE_DIR`);
 * load errors are listed on stderr, not fatal.
 */
export function engineFromEnv(io: CliIo, overrides: Partial<KnowledgeSettings> = {}): Engine {
  const settings = { ...readKnowledgeSettings(io.env), ...overrides };
  const { corpus, engine } = loadKnowledge(sourceFromSettings(settings), createCacheStore(settings.cacheDir, cliLogger(io), { deferWrites: true }));
  const errors = corpus.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) {
    io.err(`${errors.length} knowledge file problem(s) (run \`integration-bot check\` for the list); the rest loaded.\n`);
  }
  return engine;
}
