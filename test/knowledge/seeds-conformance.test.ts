import fs from 'node:fs';
import path from 'node:path';
import { shippedKnowledgeDir } from '../../src/config';
import { loadCorpus } from '../../src/knowledge';
import { resolveMatrix } from '../../src/knowledge/corpus';
import { matrixRows, methodColumns } from '../fixtures/review-corpus';

const seeds = path.resolve(__dirname, '../../../shared/seeds');
const present = fs.existsSync(seeds);
if (!present) console.log(`Skipping the seeds conformance tests: ${seeds} is not here (it sits beside the project in CI).`);
const describeSeeds = present ? describe : describe.skip;

// The reference matrix, cell by cell (P preferred, p possible, . not used), as the green/grey images of the
// reference document say; shared with the review tests' corpus.
const reference = matrixRows;
const methods = [...methodColumns];
const asCells = (row: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(row).map(([id, marks]) => [
      id,
      Object.fromEntries(methods.flatMap((m, i) => (marks[i] === 'P' ? [[m, 'preferred']] : marks[i] === 'p' ? [[m, 'possible']] : []))),
    ]),
  );

describeSeeds('When the reference documents are loaded', () => {
  const seedCorpus = present ? loadCorpus([seeds], { baseUrl: 'https://docs.mendix.com' }) : null!;
  const shipped = loadCorpus([shippedKnowledgeDir()], { baseUrl: 'https://docs.mendix.com' });

  it('reads all five pages without errors', () => {
    expect(seedCorpus.pages).toHaveLength(5);
    expect(seedCorpus.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(seedCorpus.pages.map((p) => p.title).sort()).toEqual(['Integration', 'Integration', 'Integration Overview', 'Mendix & Integration', 'Mendix & Integration']);
  });

  it('reads the 15 × 5 matrix from its green and grey images, exactly', () => {
    const raw = seedCorpus.pages.flatMap((p) => p.matrices);
    expect(raw).toHaveLength(1);
    expect(raw[0].rows).toHaveLength(15);
    expect(raw[0].columns).toHaveLength(5);
    const page = seedCorpus.pages.find((p) => p.matrices.length > 0)!;
    const matrix = resolveMatrix(raw[0], shipped.entities, page)!;
    expect(matrix.methods).toEqual(methods);
    expect(matrix.cells).toEqual(asCells(reference));
  });

  it('agrees cell for cell with the matrix the bot ships', () => {
    expect(shipped.matrix!.cells).toEqual(asCells(reference));
    expect(shipped.matrix!.useCases).toHaveLength(15);
  });

  it('leaves {{% todo %}} notes out and keeps the "think functionally first" anchor', () => {
    const sections = seedCorpus.sections;
    expect(sections.some((s) => /EXPLAIN DIAGRAM|ADD LINKS/.test(s.text))).toBe(false);
    const functional = sections.find((s) => s.anchor === 'functionally')!;
    expect(functional.title).toBe('Always Think Functionally First');
    expect(functional.text).toMatch(/What triggers the interface\?/);
  });
});
