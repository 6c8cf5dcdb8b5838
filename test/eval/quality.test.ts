import fs from 'node:fs';
import path from 'node:path';
import { shippedKnowledgeDir } from '../../src/config';
import { createEngine } from '../../src/engine';
import { parseAnswerKey, scoreAnswers } from '../../src/eval/answers';
import { parseEvalSet, parseLookupSet, scoreAll, scoreLookups } from '../../src/eval/score';
import { loadCorpus } from '../../src/knowledge';

/**
 * Keeps answer quality from sliding back: each question set must score at least these figures (measured with
 * `npm run eval`, minus about 0.02 so a harmless tie change does not fail the build). The development and
 * validation sets were used to write rules and their questions are also example questions, so their figures
 * mostly guard against breakage; the blind set was written after them, never used for rules or examples, and
 * its floors are the honest guard of how the bot does on new wording.
 */
const floors: Record<string, Record<string, number>> = {
  'dev-questions.jsonl': { useCaseAt1: 0.96, useCaseAt3: 0.97, technologies: 0.97, method: 0.96, warnings: 0.97, outOfScope: 0.97, fullyRight: 0.94 },
  'validation-questions.jsonl': { useCaseAt1: 0.97, useCaseAt3: 0.97, technologies: 0.97, method: 0.97, warnings: 0.97, outOfScope: 0.97, fullyRight: 0.96 },
  'blind-questions.jsonl': { useCaseAt1: 0.85, useCaseAt3: 0.95, technologies: 0.97, method: 0.83, warnings: 0.96, outOfScope: 0.93, fullyRight: 0.75 },
};

const engine = createEngine(loadCorpus([shippedKnowledgeDir()], { baseUrl: 'https://docs.mendix.com' }));

describe.each(Object.keys(floors))('When the question set %s is answered', (file) => {
  const cases = parseEvalSet(fs.readFileSync(path.join(__dirname, file), 'utf8'));
  const report = scoreAll(cases, cases.map((c) => engine.answer(c.q)));

  it('holds a hundred or more questions in the styles architects use', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(cases.filter((c) => c.outOfScope).length).toBeGreaterThanOrEqual(10);
    expect(cases.filter((c) => c.useCases.length >= 2).length).toBeGreaterThanOrEqual(10);
  });

  it.each(Object.entries(floors[file]))('scores %s at or above %s', (figure, floor) => {
    expect(report[figure as keyof typeof report]).toBeGreaterThanOrEqual(floor);
  });
});

/**
 * The answer keys: does the answer lead with what an architect accepts, and is it ever confidently wrong. All keys
 * were written by helpers who saw neither rules nor examples nor other keys. The development keys were used to tune
 * the engine: `answers-dev2` was kept blind for one session first; `answers-dev3` to `answers-dev10` were each read
 * once untuned before tuning (dev5 0.735, dev6 0.696, dev7 0.706, dev8 0.833, dev9 0.745, dev10 0.794 lead right);
 * `answers-scope` holds 50 off-topic near misses and 50 integration questions in their words. The held-out keys
 * are only ever read as totals, never per question: `answers-heldout` and `answers-heldout2` at the ends of two
 * sessions, `answers-heldout3` when it was written blind in a later session (0.843 lead right, 0 confidently wrong)
 * and again at that session's end (0.863), `answers-heldout4` once, written blind and read only when the session's
 * engine was done (0.863 lead right, 12/12 declined, 0 confidently wrong). Floors are the measured figures minus
 * about 0.02.
 */
const answerFloors: Record<string, { leadRightInScope: number; maxConfidentlyWrong: number; declined: number; calibratedAbove08: number }> = {
  'answers-dev.jsonl': { leadRightInScope: 0.92, maxConfidentlyWrong: 1, declined: 0.95, calibratedAbove08: 0.9 },
  'answers-dev2.jsonl': { leadRightInScope: 0.95, maxConfidentlyWrong: 1, declined: 0.95, calibratedAbove08: 0.9 },
  'answers-dev3.jsonl': { leadRightInScope: 0.87, maxConfidentlyWrong: 1, declined: 0.9, calibratedAbove08: 0.9 },
  'answers-dev4.jsonl': { leadRightInScope: 0.85, maxConfidentlyWrong: 1, declined: 0.95, calibratedAbove08: 0.9 },
  'answers-scope.jsonl': { leadRightInScope: 0.88, maxConfidentlyWrong: 1, declined: 0.98, calibratedAbove08: 0.9 },
  'answers-dev5.jsonl': { leadRightInScope: 0.91, maxConfidentlyWrong: 1, declined: 0.9, calibratedAbove08: 0.9 },
  'answers-dev6.jsonl': { leadRightInScope: 0.83, maxConfidentlyWrong: 2, declined: 0.95, calibratedAbove08: 0.9 },
  'answers-dev7.jsonl': { leadRightInScope: 0.84, maxConfidentlyWrong: 1, declined: 0.95, calibratedAbove08: 0.9 },
  'answers-dev8.jsonl': { leadRightInScope: 0.92, maxConfidentlyWrong: 2, declined: 0.9, calibratedAbove08: 0.9 },
  'answers-dev9.jsonl': { leadRightInScope: 0.86, maxConfidentlyWrong: 1, declined: 0.95, calibratedAbove08: 0.9 },
  'answers-dev10.jsonl': { leadRightInScope: 0.87, maxConfidentlyWrong: 2, declined: 0.95, calibratedAbove08: 0.9 },
  'answers-heldout.jsonl': { leadRightInScope: 0.77, maxConfidentlyWrong: 5, declined: 0.95, calibratedAbove08: 0.8 },
  'answers-heldout2.jsonl': { leadRightInScope: 0.78, maxConfidentlyWrong: 3, declined: 0.8, calibratedAbove08: 0.85 },
  'answers-heldout3.jsonl': { leadRightInScope: 0.84, maxConfidentlyWrong: 1, declined: 0.8, calibratedAbove08: 0.9 },
  'answers-heldout4.jsonl': { leadRightInScope: 0.84, maxConfidentlyWrong: 1, declined: 0.95, calibratedAbove08: 0.9 },
};

describe.each(Object.keys(answerFloors))('When the answer key %s is answered', (file) => {
  const cases = parseAnswerKey(fs.readFileSync(path.join(__dirname, file), 'utf8'));
  const report = scoreAnswers(cases, cases.map((c) => engine.answer(c.q)));
  const floor = answerFloors[file];

  it('has a hundred or more questions: every intent, or (the scope key) half of them off-topic near misses', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    if (file === 'answers-scope.jsonl') expect(cases.filter((c) => c.intent === 'out-of-scope').length).toBe(50);
    else expect(new Set(cases.map((c) => c.intent))).toEqual(new Set(['recommend', 'compare', 'how-to', 'check', 'clarify', 'chitchat', 'out-of-scope']));
  });

  it(`leads right for at least ${floor.leadRightInScope} of the in-scope questions and declines ${floor.declined} of the rest`, () => {
    expect(report.leadRightInScope).toBeGreaterThanOrEqual(floor.leadRightInScope);
    expect(report.declined).toBeGreaterThanOrEqual(floor.declined);
  });

  it(`is confidently wrong at most ${floor.maxConfidentlyWrong} times, and answers at 0.8 or more are right at least ${floor.calibratedAbove08} of the time`, () => {
    expect(report.confidentlyWrong).toBeLessThanOrEqual(floor.maxConfidentlyWrong);
    const high = report.calibration.filter((b) => b.from >= 0.8);
    const answers = high.reduce((n, b) => n + b.answers, 0);
    const right = high.reduce((n, b) => n + (Number.isNaN(b.right) ? 0 : b.right * b.answers), 0);
    expect(right / answers).toBeGreaterThanOrEqual(floor.calibratedAbove08);
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
