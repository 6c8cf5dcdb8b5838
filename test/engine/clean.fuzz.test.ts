import fc from 'fast-check';
import { cleanQuestion } from '../../src/engine/clean';
import { shippedKnowledgeDir } from '../../src/config';
import { createEngine } from '../../src/engine';
import { loadCorpus } from '../../src/knowledge';

const slackish = ['<@U123>', '<!channel>', '<!here>', '<!subteam^S123|@devs>', '<#C1|design>', '<https://x.example|label>', ':emoji:', '*', '_', '~', '`', '```', '&gt;', '&lt;', '&amp;', '\u200B', '\u202E', '\u0000', '\n', '> ', 'power bi', 'odata', '|', '->'];

describe('When an escaped special mention reaches the cleaner', () => {
  it('is stripped like a live one (the counterexample fast-check found one run in six)', () => {
    expect(cleanQuestion('ping &lt;!channel&gt; about odata').text).toBe('ping about odata');
    expect(cleanQuestion('<<!here> and <!chan<@U1>nel>').text).not.toMatch(/<[!@#][^<>]*>/);
  });
});

describe('When the question cleaner and the engine get arbitrary text', () => {
  const engine = createEngine(loadCorpus([shippedKnowledgeDir()], { baseUrl: 'https://docs.mendix.com' }), { maxQuestionChars: 4000 });

  it('never throws, never returns Slack control sequences, and never exceeds the limit', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...slackish), fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 10 })), { maxLength: 60 }), (parts) => {
        const { text } = cleanQuestion(parts.join(''), 500);
        expect(text.length).toBeLessThanOrEqual(500);
        expect(text).not.toMatch(/<[!@#][^<>]*>/);
        expect(text).not.toMatch(/[\u0000-\u0008\u200B\u202E]/);
      }),
      { numRuns: 500 },
    );
  });

  it('answers anything with a well-formed answer', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...slackish), fc.string({ maxLength: 20 })), { maxLength: 40 }), (parts) => {
        const answer = engine.answer(parts.join(' '));
        expect(answer.confidence).toBeGreaterThanOrEqual(0);
        expect(answer.confidence).toBeLessThanOrEqual(1);
        if (answer.intent === 'out-of-scope' || answer.intent === 'chitchat') {
          expect(answer.confidence).toBeLessThan(0.5);
          expect(answer.useCases).toEqual([]);
          expect(answer.recommendation).toEqual([]);
        }
        expect(answer.headline.length).toBeLessThanOrEqual(600);
        for (const s of answer.sources) expect(s.url).toMatch(/^https?:\/\//);
      }),
      { numRuns: 200 },
    );
  });
});
