import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseMarkdownFile } from '../../src/knowledge/markdown';
import { parseRulesFile } from '../../src/knowledge/rules';

const parse = (source: string) => parseMarkdownFile(source, { baseUrl: 'https://docs.example.com', relPath: 'fuzz/page.md', file: '/k/fuzz/page.md' });

/** Pieces real documentation is made of, to build random pages that look like markdown rather than noise. */
const fragments = [
  '---\n', 'title: "T"\n', 'url: /x/\n', 'weight: 3\n', 'weight: 4\n', '---\n', '## 2.1 Heading {#h}\n', '### Sub\n', '# Top\n',
  '{{% alert color="info" %}}\n', '{{% /alert %}}\n', '\t{{% todo %}}x\n', '{{% /todo %}}\n', '{{< figure src="a.png" alt="A" >}}\n',
  '| A | B | C |\n', '|---|---|---|\n', '| x | ![](green.png) | &#9989; |\n', '| y | ![](grey.png) | |\n', '<a name="old"></a>\n',
  '* [link](/refguide/x/)\n', '- item\n  - nested\n', '```\ncode\n', '```\n', '> quote\n', '[ref]: /y\n', 'text &amp; more\n', '\n',
  '{{%', '[](', '![', '|', '<', '*', '_', '`', '{#', '}',
];

describe('When the loader reads random and mutated markdown', () => {
  it('never throws, and returns either a page or an error naming the file', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 40 })), { maxLength: 80 }), (parts) => {
        const { page, issues } = parse(parts.join(''));
        if (!page) expect(issues.some((i) => i.severity === 'error' && i.file === '/k/fuzz/page.md')).toBe(true);
        else for (const s of page.sections) expect(s.url.startsWith('https://docs.example.com/')).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('copes with binary noise and unbalanced shortcodes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const { page, issues } = parse(Buffer.from(bytes).toString('latin1'));
        expect(page !== null || issues.length > 0).toBe(true);
      }),
      { numRuns: 200 },
    );
    expect(parse('---\ntitle: T\n---\n{{% todo %}} never closed\n## H\nx').issues.map((i) => i.message)).toEqual([expect.stringMatching(/never closed/)]);
  });

  const docs = path.resolve(__dirname, '../../../shared/mendix-docs/content');
  const pages = fs.existsSync(docs) ? fs.readdirSync(path.join(docs, 'en/docs/howto/integration')).filter((f) => f.endsWith('.md')).slice(0, 12) : [];
  (pages.length > 0 ? it : it.skip)('survives real documentation pages with random cuts, duplications and insertions', () => {
    const sources = pages.map((f) => fs.readFileSync(path.join(docs, 'en/docs/howto/integration', f), 'utf8'));
    fc.assert(
      fc.property(fc.nat(sources.length - 1), fc.nat(), fc.nat(), fc.constantFrom(...fragments), (which, a, b, insert) => {
        const source = sources[which];
        const i = a % source.length;
        const j = b % source.length;
        const mutated = source.slice(0, Math.min(i, j)) + insert + source.slice(Math.min(i, j), Math.max(i, j)).repeat(2) + source.slice(Math.max(i, j));
        const { page, issues } = parse(mutated);
        expect(page !== null || issues.some((x) => x.severity === 'error')).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe('When a rules file is mangled', () => {
  it('reports problems with a line and never throws', () => {
    const good = 'rules:\n  - id: a\n    phrases: ["power bi"]\n    points: ["use-case:bi-reporting"]\n    weight: 2\n';
    fc.assert(
      fc.property(fc.nat(), fc.string({ maxLength: 12 }), (at, insert) => {
        const i = at % good.length;
        const { rules, issues } = parseRulesFile(good.slice(0, i) + insert + good.slice(i), '/k/rules/r.yml');
        expect(rules.length + issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
