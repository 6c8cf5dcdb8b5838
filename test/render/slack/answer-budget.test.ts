import fs from 'node:fs';
import path from 'node:path';
import { measureMessage, renderAnswerMessage, visibleText } from '../../../src/render/slack';
import { renderAnswerText } from '../../../src/render/terminal';
import { expectWithinLimits } from '../../fixtures/render/answers';
import { shippedEngine } from '../../fixtures/slack/engine';

const questions = fs
  .readFileSync(path.join(__dirname, '..', '..', 'eval', 'dev-questions.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => (JSON.parse(line) as { q: string }).q);

describe('Every development question, answered by the real engine', () => {
  const engine = shippedEngine();
  const answers = questions.map((q) => engine.answer(q));

  test.each(['thread', 'ephemeral', 'dm'] as const)('fits the %s budget: at most 6 blocks besides the buttons, 1,000 visible characters, about 8 lines', (surface) => {
    for (const answer of answers) {
      const message = renderAnswerMessage(answer, { surface, corpus: engine.corpus });
      expectWithinLimits(message);
      const size = measureMessage(message);
      expect(size.blocks).toBeLessThanOrEqual(6);
      expect(size.chars).toBeLessThanOrEqual(1000);
      expect(size.lines).toBeLessThanOrEqual(surface === 'ephemeral' ? 10 : 9);
      expect(JSON.stringify(message.blocks)).not.toMatch(/Confidence|\d+ ?%/);
    }
  });

  test('leads a thread answer with the headline, or with the warning the question walks into', () => {
    for (const answer of answers) {
      const message = renderAnswerMessage(answer, { surface: 'thread', corpus: engine.corpus });
      const first = message.blocks[0];
      const text = visibleText(first.type === 'section' ? first.text?.text ?? '' : '');
      const headline = answer.headline || answer.notes[0] || '';
      const warned = text.startsWith('•') && answer.warnings.some((w) => text.includes(w.title));
      expect(warned || headline.startsWith(text.split('\n')[0].replace(/…$/, ''))).toBe(true);
    }
  });

  test('fits 12 lines in a terminal', () => {
    for (const answer of answers) expect(renderAnswerText(answer, { corpus: engine.corpus, hint: '(more: the details)' }).trimEnd().split('\n').length).toBeLessThanOrEqual(12);
  });
});
