import type { Review } from '../../../src/engine/types';
import { escapeText, limits, renderHelpMessage, renderHomeView, renderMatrixMessage, renderReviewMessage, renderSuggestionsMessage, suggestedPrompts, type SlackMessage } from '../../../src/render/slack';
import { expectWithinLimits } from '../../fixtures/render/answers';
import { shippedEngine } from '../../fixtures/slack/engine';

describe('When other messages are rendered', () => {
  const engine = shippedEngine();
  const sizes: [string, SlackMessage][] = [
    ['help', renderHelpMessage()],
    ['the full matrix', renderMatrixMessage(engine.corpus)],
  ];
  test.each(sizes)('%s fits one message', (_name, message) => expectWithinLimits(message));

  test('the App Home shows how to ask and every use case of the matrix within 100 blocks', () => {
    const view = renderHomeView(engine.corpus);
    expectWithinLimits(view, limits.blocksPerView);
    const json = JSON.stringify(view.blocks);
    expect(json).toContain('How to ask');
    for (const id of engine.corpus.matrix!.useCases) {
      const title = engine.corpus.entities.find((e) => e.kind === 'useCase' && e.id === id)!.title;
      expect(json).toContain(escapeText(title));
    }
  });

  test('a review with hundreds of rows is cut to one message, summary first', () => {
    const row = { input: '<!channel> | Process integration | Batch |', useCase: 'process-integration', method: 'batch', verdict: 'not-recommended' as const, preferred: ['UI integration'], sources: [], explanation: 'no' };
    const review: Review = { rows: Array.from({ length: 300 }, () => row), summary: '300 rows checked', notes: [] };
    const message = renderReviewMessage(review);
    expectWithinLimits(message);
    expect(JSON.stringify(message.blocks[1])).toContain('300 rows checked');
    expect(JSON.stringify(message)).not.toContain('<!channel>');
  });
});

describe('When the matrix is shown', () => {
  const engine = shippedEngine();

  test('"Show matrix" is one table block: a header row of methods and a row per use case, marks in the cells', () => {
    const message = renderMatrixMessage(engine.corpus, ['bi-reporting', 'iot']);
    expectWithinLimits(message);
    const tables = message.blocks.filter((b) => b.type === 'table');
    expect(tables).toHaveLength(1);
    const rows = tables[0].type === 'table' ? tables[0].rows.map((r) => r.map((c) => ('text' in c ? c.text : ''))) : [];
    expect(rows[0][0]).toBe('Use case');
    expect(rows[0]).toContain('RPC / services');
    expect(rows).toHaveLength(3);
    expect(rows.flat().every((cell) => typeof cell === 'string' && cell.length > 0)).toBe(true);
  });

  test('the text layout has no table block (the fallback, and the App Home)', () => {
    expect(renderMatrixMessage(engine.corpus, undefined, { layout: 'text' }).blocks.some((b) => b.type === 'table')).toBe(false);
    expect(renderHomeView(engine.corpus).blocks.some((b) => b.type === 'table')).toBe(false);
  });
});

describe('When the assistant panel opens', () => {
  test('its suggested prompts are example questions of the knowledge, one per use case, at most four', () => {
    const corpus = shippedEngine().corpus;
    const prompts = suggestedPrompts(corpus);
    expect(prompts.length).toBeGreaterThan(0);
    expect(prompts.length).toBeLessThanOrEqual(4);
    const examples = new Map(corpus.examples.map((e) => [e.text, e.useCase]));
    expect(new Set(prompts.map((p) => examples.get(p.message))).size).toBe(prompts.length);
  });
});

describe('When a name is unknown', () => {
  test('the reply lists the known names, and "did you mean" only when there are close ones', () => {
    const far = renderSuggestionsMessage('technology', 'frobnicator', { entity: null, suggestions: [] }, ['Kafka', 'OData']);
    expect(far.text).not.toContain('Did you mean');
    expect(far.text).toContain('Known technologies: Kafka, OData');
    const near = renderSuggestionsMessage('technology', 'kafak', { entity: null, suggestions: [{ id: 'kafka', title: 'Kafka' }] }, ['Kafka', 'OData']);
    expect(near.text).toContain('Did you mean Kafka?');
  });
});
