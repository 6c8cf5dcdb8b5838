import fc from 'fast-check';
import { clipMrkdwn, decodeButtonPayload, encodeButtonPayload, escapeText, fitMessage, limits, link, renderAnswerMessage, visibleText, type Block } from '../../../src/render/slack';
import { expectWithinLimits } from '../../fixtures/render/answers';
import { shippedEngine } from '../../fixtures/slack/engine';

describe('When user text is echoed', () => {
  test('&, < and > are escaped, so <!channel> cannot ping anyone', () => {
    expect(escapeText('<!channel> & <@U123> <!subteam^S1>')).toBe('&lt;!channel&gt; &amp; &lt;@U123&gt; &lt;!subteam^S1&gt;');
  });

  test('no question, however hostile, produces a live mention in an answer', () => {
    const engine = shippedEngine();
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom('<!channel>', '<!here>', '<!everyone>', '<@U123>', '<!subteam^S9|@devs>', '<#C1>'), (text, ping) => {
        const question = `${text} ${ping} how do we export orders nightly?`;
        const message = renderAnswerMessage({ ...engine.answer(question), query: question }, { surface: 'ephemeral', corpus: engine.corpus });
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

describe('What a reader sees of mrkdwn', () => {
  test('links show as their label, entities decode, formatting marks and emoji codes drop', () => {
    expect(visibleText('*Use* <https://x.test|OData> &amp; _REST_ :warning:')).toBe('Use OData & REST •');
  });
});
