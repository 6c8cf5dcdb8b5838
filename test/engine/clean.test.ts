import { cleanQuestion } from '../../src/engine/clean';

describe('When a Slack message is cleaned into a question', () => {
  it('drops mentions, channel links, special mentions and emoji codes but keeps link labels', () => {
    const { text } = cleanQuestion('<@U0123ABCD> <!channel> in <#C024BE7LR|design>: can *Power BI* read <https://x.example/a|our app>? :thinking_face:');
    expect(text).toBe('in : can Power BI read our app?');
  });

  it('keeps the words inside code and decodes the entities Slack sends', () => {
    expect(cleanQuestion('use `OData` or ```REST```? A &gt; B &amp; C').text).toBe('use OData or REST ? A > B & C');
  });

  it('removes zero-width, right-to-left and control characters', () => {
    expect(cleanQuestion('pow\u200Ber\u202E bi\u0007 reports').text).toBe('pow er bi reports');
  });

  it('cuts very long input at the limit and says so', () => {
    const result = cleanQuestion('odata '.repeat(10_000), 4000);
    expect(result.truncated).toBe(true);
    expect(result.text.length).toBeLessThanOrEqual(4000);
    expect(cleanQuestion('short').truncated).toBe(false);
  });
});
