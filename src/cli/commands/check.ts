import path from 'node:path';
import { readKnowledgeSettings } from '../../config';
import { corpusFromFiles } from '../../knowledge';
import { lintCorpus } from '../../knowledge/lint';
import { readFileTable, sourceFromSettings } from '../../runtime/load';
import { createCacheStore } from '../../store/cache-store';
import type { Command } from '../io';
import { cliLogger } from '../load';

/**
 * `integration-bot check [dir ...]`: lints knowledge folders (default: the configured ones). Files come through the
 * start-up cache (only changed files are parsed) and no engine is built: linting needs no index.
 * Exit 0 when there are no errors (warnings, such as links to pages outside a partial documentation tree, are
 * listed), 1 with the list of problems, 2 when a folder cannot be read at all.
 */
export const run: Command = async (args, io) => {
  const settings = readKnowledgeSettings(io.env);
  const json = args.includes('--json');
  const dirs = args.filter((a) => !a.startsWith('--')).map((d) => path.resolve(d));
  const folders = dirs.length > 0 ? dirs : settings.knowledgeDirs;
  let corpus;
  try {
    const { files } = readFileTable(sourceFromSettings({ ...settings, knowledgeDirs: folders }), createCacheStore(settings.cacheDir, cliLogger(io), { deferWrites: true }));
    corpus = corpusFromFiles([...files.values()].map((e) => e.result));
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const issues = lintCorpus(corpus, settings.baseUrl);
  if (json) {
    io.out(JSON.stringify({ pages: corpus.pages.length, sections: corpus.sections.length, issues }) + '\n');
    return issues.some((i) => i.severity === 'error') ? 1 : 0;
  }
  const cwd = process.cwd();
  for (const issue of issues) {
    const file = path.isAbsolute(issue.file) ? path.relative(cwd, issue.file) || issue.file : issue.file;
    io.out(`${file}${issue.line ? `:${issue.line}` : ''}: ${issue.severity}: ${issue.message}\n`);
  }
  const errors = issues.filter((i) => i.severity === 'error').length;
  const summary = `${corpus.pages.length} pages, ${corpus.sections.length} sections, ${corpus.entities.length} entities, ${corpus.rules.length} rules, ${corpus.examples.length} examples; ${errors} error(s), ${issues.length - errors} warning(s)`;
  io.out((issues.length > 0 ? '\n' : '') + summary + '\n');
  return errors > 0 ? 1 : 0;
};
