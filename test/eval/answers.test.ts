import { scoreAnswer, scoreAnswers, parseAnswerKey, isAnswerKey } from '../../src/eval/answers';
import type { Answer } from '../../src/engine/types';

const answer = (fields: Partial<Answer>): Answer => ({
  query: 'q', intent: 'recommend', headline: 'h', recommendation: [], reasons: [], caveats: [], steps: [], clarify: null, matrixRow: null, readWith: null,
  confidence: 0.5, useCases: [], methods: [], technologies: [], warnings: [], topics: [], sources: [], notes: [], ...fields,
});
const rec = (id: string) => ({ kind: 'technology' as const, id, title: id });

describe('When an answer is scored against its key', () => {
  it('a lead the key accepts is right; a confident wrong lead counts as confidently wrong', () => {
    const key = { q: 'kafka or rest?', intent: 'compare' as const, lead: ['technology:rest'], notLead: ['technology:kafka'] };
    expect(scoreAnswer(key, answer({ intent: 'compare', recommendation: [rec('rest')], confidence: 0.9 }))).toMatchObject({ leadRight: true, confidentlyWrong: false, intentRight: true });
    expect(scoreAnswer(key, answer({ recommendation: [rec('kafka')], confidence: 0.85 }))).toMatchObject({ leadRight: false, confidentlyWrong: true, intentRight: false });
    expect(scoreAnswer(key, answer({ recommendation: [rec('kafka')], confidence: 0.6 })).confidentlyWrong).toBe(false);
  });

  it('asking back with two options is right when the key allows it, and only then', () => {
    const clarify = answer({ intent: 'clarify', clarify: { question: '?', options: [{ label: 'a', query: 'a?' }, { label: 'b', query: 'b?' }] } });
    expect(scoreAnswer({ q: 'x', intent: 'recommend', lead: ['technology:rest'], clarifyOk: true }, clarify).leadRight).toBe(true);
    expect(scoreAnswer({ q: 'x', intent: 'recommend', lead: ['technology:rest'] }, clarify).leadRight).toBe(false);
    expect(scoreAnswer({ q: 'x', intent: 'clarify', lead: [] }, clarify).leadRight).toBe(true);
  });

  it('an out-of-scope question is right only when declined, and warnings must all be raised', () => {
    expect(scoreAnswer({ q: 'x', intent: 'out-of-scope', lead: [] }, answer({ intent: 'out-of-scope' })).leadRight).toBe(true);
    expect(scoreAnswer({ q: 'x', intent: 'out-of-scope', lead: [] }, answer({ recommendation: [rec('rest')] })).leadRight).toBe(false);
    const warned = answer({ warnings: [{ id: 'direct-database', title: 't', text: 't' }] });
    expect(scoreAnswer({ q: 'x', intent: 'check', lead: [], warnings: ['direct-database'] }, warned).warningsRaised).toBe(true);
    expect(scoreAnswer({ q: 'x', intent: 'check', lead: [], warnings: ['service-loops'] }, warned).warningsRaised).toBe(false);
  });
});

describe('When a whole key is scored', () => {
  it('reports per intent, in scope, and a calibration table by confidence', () => {
    const cases = parseAnswerKey(['{"q":"a","intent":"compare","lead":["technology:rest"]}', '{"q":"b","intent":"compare","lead":["technology:rest"]}', '{"q":"c","intent":"chitchat","lead":[]}'].join('\n'));
    const report = scoreAnswers(cases, [
      answer({ intent: 'compare', recommendation: [rec('rest')], confidence: 0.95 }),
      answer({ intent: 'compare', recommendation: [rec('kafka')], confidence: 0.85 }),
      answer({ intent: 'chitchat', confidence: 0 }),
    ]);
    expect(report.leadRightInScope).toBe(0.5);
    expect(report.confidentlyWrong).toBe(1);
    expect(report.perIntent.find((f) => f.intent === 'compare')).toMatchObject({ questions: 2, leadRight: 0.5 });
    expect(report.calibration.find((b) => b.from === 0.8)).toMatchObject({ answers: 1, right: 0 });
    expect(report.calibration.find((b) => b.from === 0.9)).toMatchObject({ answers: 1, right: 1 });
  });

  it('tells an answer key from a use-case set, and reports a bad line by number', () => {
    expect(isAnswerKey('{"q":"a","intent":"compare","lead":[]}')).toBe(true);
    expect(isAnswerKey('{"q":"a","useCases":[]}')).toBe(false);
    expect(() => parseAnswerKey('{"q":"a","intent":"compare","lead":[]}\n{"q":"b"}')).toThrow('line 2: needs "q", "intent" and "lead"');
  });

  it('reads use cases written as refs like the lead ("use-case:iot") as their ids, so a key written either way scores the same', () => {
    const [withRefs] = parseAnswerKey('{"q":"a","intent":"recommend","lead":["method:events"],"useCases":["use-case:iot","bi-reporting"]}');
    expect(withRefs.useCases).toEqual(['iot', 'bi-reporting']);
  });
});
