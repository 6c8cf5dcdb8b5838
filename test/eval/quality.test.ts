import fs from 'node:fs';
import path from 'node:path';
import { shippedKnowledgeDir } from '../../src/config';
import { createEngine } from '../../src/engine';
import { parseEvalSet, parseLookupSet, scoreAll, scoreLookups } from '../../src/eval/score';
import { loadCorpus } from '../../src/knowledge';

/**
 * Keeps answer quality from sliding back: the development sets must score at least these figures
 * (measured with `npm run eval`, minus a small margin so a harmless tie change does not fail the build).
 */
const floors = {
  useCaseAt1: 0.92,
  useCaseAt3: 0.95,
  technologies: 0.97,
  method: 0.93,
  warnings: 0.97,
  outOfScope: 0.97,
  fullyRight: 0.9,
};

describe('When the development question set is answered', () => {
  const engine = createEngine(loadCorpus([shippedKnowledgeDir()], { baseUrl: 'https://docs.mendix.com' }));
  const cases = parseEvalSet(fs.readFileSync(path.join(__dirname, 'dev-questions.jsonl'), 'utf8'));
  const report = scoreAll(cases, cases.map((c) => engine.answer(c.q)));

  it('holds over a hundred questions in the styles architects use', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    const tags = new Set(cases.flatMap((c) => c.tags ?? []));
    expect([...tags]).toEqual(expect.arrayContaining(['typo', 'slack', 'long', 'two-needs', 'out-of-scope']));
  });

  it.each(Object.entries(floors))('scores %s at or above its floor', (figure, floor) => {
    expect(report[figure as keyof typeof floors]).toBeGreaterThanOrEqual(floor);
  });
});

const docs = path.resolve(__dirname, '../../../shared/mendix-docs');
const lookups = path.join(__dirname, 'dev-lookups.jsonl');
if (!fs.existsSync(docs)) console.log(`Skipping the lookup quality test: ${docs} is not here.`);
(fs.existsSync(docs) ? describe : describe.skip)('When feature questions are asked of the real documentation', () => {
  it('puts the right page among the top three sources for at least 90% of them', () => {
    const engine = createEngine(loadCorpus([docs], { baseUrl: 'https://docs.mendix.com' }));
    const cases = parseLookupSet(fs.readFileSync(lookups, 'utf8'));
    const report = scoreLookups(cases, cases.map((c) => engine.answer(c.q)));
    expect(report.top3).toBeGreaterThanOrEqual(0.9);
  });
});
