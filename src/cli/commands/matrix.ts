import { renderMatrixText } from '../../render/terminal';
import type { Command } from '../io';
import { engineFromEnv } from '../load';

/** `integration-bot matrix [use case]`: prints the use case × method matrix, or the rows of the named use case. */
export const run: Command = async (args, io) => {
  const engine = engineFromEnv(io);
  const json = args.includes('--json');
  const name = args.filter((a) => !a.startsWith('--')).join(' ').trim();
  let rows: string[] | undefined;
  if (name) {
    const found = engine.lookup('useCase', name);
    if (!found.entity) {
      const hint = found.suggestions.length > 0 ? ` Did you mean ${found.suggestions.map((s) => `"${s.title}"`).join(', ')}?` : '';
      io.err(`No use case called "${name}".${hint}\n`);
      return 1;
    }
    rows = [found.entity.id];
  }
  if (json) {
    const matrix = engine.corpus.matrix;
    io.out(JSON.stringify(matrix ? { ...matrix, useCases: rows ?? matrix.useCases } : null) + '\n');
    return matrix ? 0 : 1;
  }
  io.out(renderMatrixText(engine.corpus, rows));
  return engine.corpus.matrix ? 0 : 1;
};
