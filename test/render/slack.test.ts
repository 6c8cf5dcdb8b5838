import fc from 'fast-check';
import type { Answer, Review } from '../../src/engine/types';
import {
  actionIds,
  clipMrkdwn,
  decodeButtonPayload,
  encodeButtonPayload,
  escapeText,
  fitMessage,
  limits,
  link,
  renderAnswerMessage,
  renderHelpMessage,
  renderHomeView,
  renderMatrixMessage,
  renderReviewMessage,
  type Block,
  type SlackMessage,
} from '../../src/render/slack';
import { shippedEngine } from '../fixtures/slack/engine';

/** Every Block Kit limit this bot relies on, checked on one message. */
function expectWithinLimits(message: { blocks: Block[]; text?: string }, maxBlocks: number = limits.blocksPerMessage): void {
  expect(message.blocks.length).toBeLessThanOrEqual(maxBlocks);
  if (message.text !== undefined) expect(message.text.length).toBeGreaterThan(0);
  for (const block of message.blocks) {
    switch (block.type) {
      case 'header':
        expect(block.text.text.length).toBeLessThanOrEqual(limits.headerText);
        break;
      case 'section':
        if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(limits.sectionText);
        for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(limits.fieldText);
        expect((block.fields ?? []).length).toBeLessThanOrEqual(limits.fieldsPerSection);
        break;
      case 'context':
        expect(block.elements.length).toBeLessThanOrEqual(limits.contextElements);
        break;
      case 'actions':
        for (const button of block.elements) {
          expect(button.text.text.length).toBeLessThanOrEqual(limits.buttonText);
          expect((button.value ?? '').length).toBeLessThanOrEqual(limits.buttonValue);
        }
        break;
    }
  }
}

function answerWith(overrides: Partial<Answer>): Answer {
  return {
    query: 'q', intent: 'recommend', headline: 'Use REST.', recommendation: [], reasons: [], caveats: [], steps: [], clarify: null, matrixRow: null, readWith: null,
    confidence: 0.9, useCases: [], methods: [], technologies: [], warnings: [], topics: [], sources: [], notes: [], ...overrides,
  };
}

describe('When user text is echoed', () => {
  test('&, < and > are escaped, so <!channel> cannot ping anyone', () => {
    expect(escapeText('<!channel> & <@U123> <!subteam^S1>')).toBe('&lt;!channel&gt; &amp; &lt;@U123&gt; &lt;!subteam^S1&gt;');
  });

  test('no question, however hostile, produces a live mention in an answer', () => {
    const engine = shippedEngine();
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom('<!channel>', '<!here>', '<!everyone>', '<@U123>', '<!subteam^S9|@devs>', '<#C1>'), (text, ping) => {
        const question = `${text} ${ping} how do we export orders nightly?`;
        const message = renderAnswerMessage({ ...engine.answer(question), query: question }, { surface: 'ephemeral', corpus: engine.corpus, withMatrix: true, withReasons: true });
        // Button values are data Slack hands back on a click, never displayed; everything else is shown.
        const shown = JSON.stringify(message, (key, value: unknown) => (key === 'value' ? undefined : value));
        expect(shown).not.toMatch(/<[!@#]/);
        expect(message.text).not.toContain(ping);
      }),
      { numRuns: 60 },
    );
  });

  test('a link label is escaped and its URL cannot break out of <url|label>', () => {
    expect(link('https://x.test/a|b>c', 'A <b> | c')).toBe('<https://x.test/a%7Cb%3Ec|A &lt;b&gt; ¦ c>');
    expect(link('javascript:alert(1)', 'label')).toBe('label');
  });
});

describe('When text is too long for a block', () => {
  test('clipMrkdwn never leaves half a link or half an entity', () => {
    const text = 'a'.repeat(20) + '<https://docs.mendix.com/very/long|Title> &amp; more';
    for (let max = 5; max < text.length; max++) {
      const clipped = clipMrkdwn(text, max);
      expect(clipped.length).toBeLessThanOrEqual(max);
      const opens = (clipped.match(/</g) ?? []).length;
      const closes = (clipped.match(/>/g) ?? []).length;
      expect(opens).toBe(closes);
      expect(clipped).not.toMatch(/&[a-z]*…$/);
    }
  });

  test('fitMessage clips every text and keeps the buttons when there are too many blocks', () => {
    const huge = 'x'.repeat(10_000);
    const blocks: Block[] = [
      { type: 'header', text: { type: 'plain_text', text: huge } },
      ...Array.from({ length: 80 }, (): Block => ({ type: 'section', text: { type: 'mrkdwn', text: huge } })),
      { type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: huge }, value: huge }] },
    ];
    const fitted = fitMessage({ text: huge, blocks });
    expectWithinLimits(fitted);
    expect(fitted.blocks).toHaveLength(limits.blocksPerMessage);
    expect(fitted.blocks[fitted.blocks.length - 1].type).toBe('actions');
    expect(JSON.stringify(fitted.blocks[fitted.blocks.length - 2])).toContain('more part(s) left out');
    expect(fitted.text.length).toBeLessThanOrEqual(limits.fallbackText);
  });

  test('a button value stays under 2,000 characters and still decodes', () => {
    const value = encodeButtonPayload({ q: '"'.repeat(5000), p: '\\'.repeat(5000) });
    expect(value.length).toBeLessThanOrEqual(limits.buttonValue);
    expect(decodeButtonPayload(value)?.q.length).toBeGreaterThan(0);
    expect(decodeButtonPayload('not json')).toBeNull();
    expect(decodeButtonPayload('{"q": 5}')).toBeNull();
  });
});

describe('When an answer is rendered', () => {
  const engine = shippedEngine();
  const answer = engine.answer('We need nightly exports of orders to the data warehouse');

  test('an ephemeral answer echoes the question and offers Share, Matrix, Why, Helpful and Not helpful', () => {
    const message = renderAnswerMessage(answer, { surface: 'ephemeral', corpus: engine.corpus });
    expectWithinLimits(message);
    expect(JSON.stringify(message.blocks[0])).toContain('You asked');
    const actions = message.blocks.find((b): b is Extract<Block, { type: 'actions' }> => b.type === 'actions');
    expect(actions?.elements.map((e) => e.action_id)).toEqual([actionIds.share, actionIds.matrix, actionIds.why, actionIds.helpful, actionIds.notHelpful]);
  });

  test('a thread answer inlines the matrix rows of the top use cases, the reasons and the sources, without Share', () => {
    const message = renderAnswerMessage(answer, { surface: 'thread', corpus: engine.corpus, withMatrix: true, withReasons: true });
    expectWithinLimits(message);
    const json = JSON.stringify(message.blocks);
    expect(json).toContain('Matrix for these use cases');
    expect(json).toContain(answer.useCases[0].title.replace(/&/g, '&amp;'));
    expect(json).toContain(':mag: *Why*');
    expect(json).toContain(':books: *Sources*');
    expect(json).not.toContain(actionIds.share);
  });

  test('the fallback text names the top use case in plain words', () => {
    const message = renderAnswerMessage(answer, { surface: 'thread', corpus: engine.corpus });
    expect(message.text).toContain(`Use case: ${answer.useCases[0].title.replace(/&/g, '&amp;')}`);
  });

  test('an answer with nothing found shows the guidance notes and the pages that may help', () => {
    const message = renderAnswerMessage(answerWith({ notes: ['I could not match this to an integration use case.'], sources: [{ title: 'Integration', url: 'https://docs.mendix.com/refguide/integration/' }] }), { surface: 'thread' });
    const json = JSON.stringify(message.blocks);
    expect(json).toContain('I could not match this');
    expect(json).toContain('Pages that may help');
  });
});

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
