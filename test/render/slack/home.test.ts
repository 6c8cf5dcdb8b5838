import type { Review } from '../../../src/engine/types';
import { escapeText, limits, renderHelpMessage, renderHomeView, renderMatrixMessage, renderReviewMessage, type SlackMessage } from '../../../src/render/slack';
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
