import { buildSearchIndex } from '../../src/engine/search';
import type { Section } from '../../src/knowledge/types';
import { terms } from '../../src/text/tokens';

const section = (title: string, text: string, trail = [title]): Section => ({
  key: title, pageId: title, title, trail, anchor: '', depth: 2, url: `https://x/${encodeURIComponent(title)}`, text, line: 1,
});

describe('When sections are searched', () => {
  const sections = [
    section('Published OData services', 'Expose entities as OData resources for Excel and Tableau.'),
    section('Consumed REST services', 'Call a REST API from a microflow with an import mapping.'),
    section('Client certificates', 'Use a client certificate to call a web service securely. REST and SOAP both work.'),
  ];
  const index = buildSearchIndex(sections);

  it('ranks the section whose title holds the words first', () => {
    expect(index.search(terms('how do I consume a REST service'), 3)[0].section).toBe(1);
    expect(index.search(terms('odata for tableau'), 3)[0].section).toBe(0);
  });

  it('returns nothing for words it has never seen, and respects the limit', () => {
    expect(index.search(terms('weather in Paris'), 3)).toEqual([]);
    expect(index.search(terms('rest service certificate'), 1)).toHaveLength(1);
  });
});
