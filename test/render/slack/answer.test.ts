import { actionIds, decodeButtonPayload, measureMessage, renderAnswerMessage, renderDetailsMessage, visibleText, type Block } from '../../../src/render/slack';
import { answerWith, buttonIds, expectWithinLimits } from '../../fixtures/render/answers';

/** The first line a reader sees. */
const firstText = (blocks: Block[]) => {
  const block = blocks.find((b) => b.type === 'section' || b.type === 'context');
  const text = block?.type === 'section' ? block.text?.text ?? '' : block?.type === 'context' && 'text' in block.elements[0] ? String(block.elements[0].text) : '';
  return visibleText(text).split('\n')[0];
};
const shown = (blocks: Block[]) => blocks.filter((b) => b.type !== 'actions');

const warning = { id: 'direct-database', title: 'Direct database access to a Mendix app', text: "Do not read or write a Mendix app's own database directly." };
const useCase = { id: 'bi-reporting', title: 'Integration with BI & reporting', score: 3, methods: { batch: 'preferred' as const, rpc: 'possible' as const }, reasons: [] };
const docs = { title: 'OData Services: Paging (Studio Pro guide)', url: 'https://docs.mendix.com/refguide/odata/#paging' };
const other = { title: 'Batch Integration: ETL (Mendix docs, best practices)', url: 'https://github.com/mendix/docs/blob/x/batch.md' };

describe('When an answer is rendered for a Slack thread', () => {
  const answer = answerWith({
    query: 'power bi on our order data?',
    headline: 'Publish an OData service for Power BI; do not let it read the database.',
    reasons: [{ text: 'Power BI reads OData feeds out of the box.' }, { text: 'Your volume is small enough for live queries.' }],
    caveats: [{ text: 'If the report needs history, a nightly export to a warehouse wins.' }],
    matrixRow: 'Integration with BI & reporting: ● Export, import & batch  ○ RPC / services',
    useCases: [useCase],
    sources: [other, docs, { title: 'Third', url: 'https://docs.mendix.com/third/' }],
  });
  const message = renderAnswerMessage(answer, { surface: 'thread' });

  test('the headline is the first text, the reasons follow, then what would change it, the matrix row and two links', () => {
    expect(firstText(message.blocks)).toBe(answer.headline);
    const text = shown(message.blocks).map((b) => visibleText(JSON.stringify(b))).join('\n');
    const order = ['Power BI reads OData', 'small enough', 'nightly export', 'Integration with BI & reporting', 'Batch Integration: ETL', 'OData Services: Paging'];
    const at = order.map((part) => text.indexOf(part));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  test('links are labelled by page and section: the one the headline rests on, then docs.mendix.com, at most two', () => {
    const json = JSON.stringify(message.blocks);
    expect(json).toContain('<https://github.com/mendix/docs/blob/x/batch.md|Batch Integration: ETL>');
    expect(json).toContain('<https://docs.mendix.com/refguide/odata/#paging|OData Services: Paging (Studio Pro guide)>');
    expect(json).not.toContain('https://docs.mendix.com/third/');
  });

  test('the fallback text is the headline', () => {
    expect(message.text).toBe(answer.headline);
  });

  test('a thread answer offers Details, Show matrix and feedback, but no Share', () => {
    expect(buttonIds(message)).toEqual([[actionIds.details, actionIds.matrix, actionIds.helpful, actionIds.notHelpful]]);
  });

  test('an ephemeral answer echoes the question and can be shared', () => {
    const ephemeral = renderAnswerMessage(answer, { surface: 'ephemeral' });
    expect(JSON.stringify(ephemeral.blocks[0])).toContain('You asked');
    expect(buttonIds(ephemeral)[0][0]).toBe(actionIds.share);
  });

  test('no percentage, and no confidence at all when it is high', () => {
    expect(JSON.stringify(message.blocks)).not.toMatch(/\d+ ?%|[Cc]onfidence/);
  });
});

describe('When the question walks into a warning', () => {
  const answer = answerWith({
    intent: 'check',
    headline: 'No: let the reporting app read an OData service instead.',
    caveats: [{ text: `${warning.title}: ${warning.text}` }, { text: 'If the data is only for BI, an export also works.' }],
    warnings: [warning],
  });

  test('the warning comes first, then the headline', () => {
    const message = renderAnswerMessage(answer, { surface: 'thread' });
    expect(firstText(message.blocks)).toContain(warning.title);
    expect(visibleText(JSON.stringify(shown(message.blocks)[1]))).toContain(answer.headline);
    expect(message.text).toContain(answer.headline);
  });
});

describe('When an answer is long', () => {
  const long = (n: number) => `${'very long words here '.repeat(n)}end.`;
  const answer = answerWith({
    headline: long(30),
    reasons: [{ text: long(20) }, { text: long(20) }, { text: long(20) }, { text: long(20) }],
    caveats: [{ text: `${warning.title}: ${long(30)}` }, { text: long(20) }],
    warnings: [warning],
    matrixRow: long(10),
    readWith: long(10),
    notes: ['Only the first 4,000 characters of the question were read.'],
    useCases: [useCase],
    sources: Array.from({ length: 8 }, (_, i) => ({ title: long(3), url: `https://docs.mendix.com/p${i}/` })),
    confidence: 0.4,
  });

  test.each(['thread', 'ephemeral', 'shared', 'dm'] as const)('a %s answer keeps to 6 blocks besides the buttons and 1,000 visible characters', (surface) => {
    const message = renderAnswerMessage(answer, { surface, sharedBy: 'U1' });
    expectWithinLimits(message);
    const size = measureMessage(message);
    expect(size.blocks).toBeLessThanOrEqual(6);
    expect(size.chars).toBeLessThanOrEqual(1000);
    expect(size.lines).toBeLessThanOrEqual(10);
  });

  test('low confidence is said in words', () => {
    expect(JSON.stringify(renderAnswerMessage(answer, { surface: 'thread' }).blocks)).toContain("I'm not sure this is what you mean");
  });
});

describe('When the answer is a how-to, a follow-up or a clarify question', () => {
  test('a how-to shows numbered steps instead of reasons, links the page with the detail first, and no matrix row', () => {
    const marketplace = { title: 'Kafka connector (Mendix Marketplace)', url: 'https://marketplace.mendix.com/link/component/67994' };
    const message = renderAnswerMessage(
      answerWith({ intent: 'how-to', headline: 'Publish an OData service.', steps: ['Add a published OData service.', 'Turn on paging.'], reasons: [{ text: 'not shown' }], sources: [marketplace, other, docs], useCases: [useCase] }),
      { surface: 'thread' },
    );
    const json = JSON.stringify(message.blocks);
    expect(json).toContain('1. Add a published OData service.');
    expect(json).toContain('2. Turn on paging.');
    expect(json).not.toContain('not shown');
    expect(json).not.toContain(':bar_chart:');
    expect(json.indexOf(marketplace.url)).toBeLessThan(json.indexOf(docs.url));
  });

  test('a follow-up says in one line that it was read with the earlier question', () => {
    const message = renderAnswerMessage(answerWith({ readWith: 'how shuld 3 apps get custmer data', reasons: [{ text: 'Mobile apps need the same data offline.' }] }), { surface: 'thread', previous: 'how shuld 3 apps get custmer data' });
    expect(JSON.stringify(message.blocks)).toContain('Read together with your earlier question about “how shuld 3 apps get custmer data”');
    const value = message.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])).map((e) => ('value' in e ? String(e.value) : ''))[0];
    expect(decodeButtonPayload(value)).toEqual({ q: 'q', p: 'how shuld 3 apps get custmer data' });
  });

  test('a clarify question gets one button per option, each carrying its full question', () => {
    const clarify = {
      question: 'What should happen when the data changes?',
      options: [
        { label: 'Other apps must know at once', query: 'push order changes to 3 apps in real time' },
        { label: 'Once a day is enough', query: 'nightly export of orders to 3 apps' },
      ],
    };
    const message = renderAnswerMessage(answerWith({ intent: 'clarify', headline: 'It depends on when the others need the data.', clarify, confidence: 0.3 }), { surface: 'thread' });
    expect(JSON.stringify(message.blocks)).toContain(clarify.question);
    expect(JSON.stringify(message.blocks)).not.toContain("I'm not sure");
    const [options] = message.blocks.filter((b) => b.type === 'actions');
    expect(options.type === 'actions' && options.elements.map((e) => ('action_id' in e ? e.action_id : ''))).toEqual(['clarify_option_0', 'clarify_option_1']);
    const queries = options.type === 'actions' ? options.elements.map((e) => decodeButtonPayload('value' in e ? String(e.value) : '')?.q) : [];
    expect(queries).toEqual(clarify.options.map((o) => o.query));
  });

  test('an answer with nothing found shows the guidance and the pages that may help, without Details', () => {
    const message = renderAnswerMessage(answerWith({ intent: 'out-of-scope', headline: '', notes: ['This does not look like an integration question.'], sources: [docs], confidence: 0.1 }), { surface: 'thread' });
    const json = JSON.stringify(message.blocks);
    expect(firstText(message.blocks)).toBe('This does not look like an integration question.');
    expect(json).toContain('Pages that may help');
    expect(json).not.toContain(actionIds.details);
  });
});

describe('When Details is asked for', () => {
  test('it shows all use cases with their rows, the methods with their cells, technologies, reasons and all sources', () => {
    const answer = answerWith({
      reasons: [{ text: 'Power BI reads OData feeds.', source: docs }],
      useCases: [useCase, { ...useCase, id: 'export-import-batch', title: 'Export, import & batch integration', methods: { batch: 'preferred' } }],
      methods: [{ id: 'batch', title: 'Export, import & batch', level: 'preferred', reasons: [] }, { id: 'rpc', title: 'RPC / services', level: 'possible', reasons: [] }],
      technologies: [{ id: 'odata', title: 'OData', reasons: [{ kind: 'rule', text: '"power bi": BI tools read OData.' }] }],
      sources: [docs, other, { title: 'Third', url: 'https://docs.mendix.com/third/' }],
      confidence: 0.83,
    });
    const message = renderDetailsMessage(answer);
    expectWithinLimits(message);
    const json = JSON.stringify(message.blocks);
    for (const part of ['Integration with BI &amp; reporting', 'Export, import &amp; batch integration', 'possible for Integration with BI', 'OData', 'BI tools read OData', 'Power BI reads OData feeds', 'github.com', 'https://docs.mendix.com/third/']) {
      expect(json).toContain(part);
    }
  });
});
