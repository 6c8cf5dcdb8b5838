import { parseMarkdownFile } from '../../src/knowledge/markdown';

const parse = (source: string, relPath = 'refguide/page.md') =>
  parseMarkdownFile(source, { baseUrl: 'https://docs.example.com', relPath, file: `/k/${relPath}` });

describe('When a Hugo page is parsed', () => {
  const source = [
    '---',
    'title: "Integration"',
    'url: /refguide/integration/',
    'weight: 110',
    'aliases: [/refguide/old-integration/]',
    '---',
    '',
    'Lead text with a [link](/refguide/rest/) and ![diagram](attachments/x.png).',
    '',
    '## 2.1 Security {#security}',
    '',
    'Use TLS. {{% todo %}}[**secret draft note**]{{% /todo %}}',
    '',
    '{{% alert color="info" %}}',
    'Alert text stays.',
    '{{% /alert %}}',
    '',
    '### 3 REST Services',
    '',
    '{{< figure src="/attachments/a.png" alt="A diagram of REST" >}}',
    '<a name="old-anchor"></a>',
    '',
    '## Legacy part',
    '',
    'Body &amp; more.',
  ].join('\n');
  const { page, issues } = parse(source);

  it('links sections absolutely with their anchors, numbering dropped from titles', () => {
    expect(page!.url).toBe('https://docs.example.com/refguide/integration/');
    const titles = page!.sections.map((s) => [s.title, s.url]);
    expect(titles).toEqual([
      ['Integration', 'https://docs.example.com/refguide/integration/'],
      ['Security', 'https://docs.example.com/refguide/integration/#security'],
      ['REST Services', 'https://docs.example.com/refguide/integration/#3-rest-services'],
      ['Legacy part', 'https://docs.example.com/refguide/integration/#old-anchor'],
    ]);
    expect(page!.sections[2].trail).toEqual(['Integration', 'Security', 'REST Services']);
  });

  it('keeps todo notes out of the text but keeps alerts, figure captions and decoded entities', () => {
    const text = page!.sections.map((s) => s.text).join(' ');
    expect(text).not.toMatch(/secret draft note/);
    expect(text).toMatch(/Alert text stays/);
    expect(text).toMatch(/A diagram of REST/);
    expect(text).toMatch(/Body & more/);
    expect(text).not.toMatch(/\{\{/);
  });

  it('reads url, weight and aliases, and records site-relative links with their line', () => {
    expect(page!.weight).toBe(110);
    expect(page!.aliases).toEqual(['/refguide/old-integration/']);
    expect(page!.links).toEqual([{ target: '/refguide/rest/', line: 8 }]);
    expect(issues).toEqual([]);
  });
});

describe('When real documentation has quirks', () => {
  it('keeps the last value of a duplicated front-matter key, with a warning naming the line', () => {
    const { page, issues } = parse('---\ntitle: "A"\nweight: 1\nweight: 2\n---\n\nText\n');
    expect(page!.weight).toBe(2);
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', line: 4, message: expect.stringMatching(/duplicated mapping key/) })]);
  });

  it('rejects unreadable front matter with the file and line, without throwing', () => {
    const { page, issues } = parse('---\ntitle: "A\nurl: [\n---\nText\n');
    expect(page).toBeNull();
    expect(issues[0]).toEqual(expect.objectContaining({ severity: 'error', file: '/k/refguide/page.md', message: expect.stringMatching(/not valid YAML/) }));
    expect(issues[0].line).toBeGreaterThanOrEqual(2);
  });

  it('reports a quote that never closes on the line that opens it, not where the front matter ends', () => {
    const { page, issues } = parse('---\ntitle: "REST\nkind: technology\nid: rest\n---\nbroken\n');
    expect(page).toBeNull();
    expect(issues).toEqual([expect.objectContaining({ severity: 'error', line: 2, message: expect.stringMatching(/double quoted/) })]);
  });

  it('reports a bad front-matter value on the line of its key or entry', () => {
    const source = ['---', 'title: X', 'kind: technology', 'id: Bad_Id', 'sources:', '  - title: a', '    url: ftp-nope', 'tags: 3', '---', '', 'text'].join('\n');
    expect(parse(source).issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 4, message: expect.stringMatching(/needs an id in kebab-case/) }),
        expect.objectContaining({ line: 7, message: expect.stringMatching(/absolute http\(s\) url \(got "ftp-nope"\)/) }),
        expect.objectContaining({ line: 8, message: expect.stringMatching(/"tags" should be a list/) }),
      ]),
    );
  });

  it('reads a tab-indented shortcode as prose, with a warning', () => {
    const { page, issues } = parse('---\ntitle: T\n---\n\n1. Step one\n\n\t{{% alert color="warning" %}}\n\tCheck the proxy.\n\t{{% /alert %}}\n');
    expect(page!.sections[0].text).toMatch(/Check the proxy\./);
    expect(issues.map((i) => i.message)).toEqual([expect.stringMatching(/indented shortcode/)]);
  });

  it('names the page from its path when front matter has no url', () => {
    const { page } = parse('---\ntitle: T\n---\nx', 'content/en/docs/howto/integration/_index.md');
    expect(page!.url).toBe('https://docs.example.com/howto/integration/');
  });
});

describe('When a table holds marks', () => {
  const matrixPage = (cells: string[][]) =>
    parse(['---', 'title: M', '---', '', '| Use case | UI | RPC | Events |', '| --- | --- | --- | --- |', ...cells.map((r) => `| ${r.join(' | ')} |`)].join('\n')).page!.matrices;

  it('reads green/grey images as preferred/possible', () => {
    const [m] = matrixPage([
      ['SSO', '![](a/grey.png)', '![](a/green.png)', ''],
      ['Reference data', '', '![](a/green.png)', '![](a/grey.png)'],
    ]);
    expect(m.rows.map((r) => r.cells)).toEqual([
      ['possible', 'preferred', null],
      ['preferred', null, null].map((_, i) => [null, 'preferred', 'possible'][i]),
    ]);
  });

  it('reads ✅ as preferred and a plain ✓ beside it as possible, HTML entities included', () => {
    const [m] = matrixPage([
      ['SSO', '<p>&#10003;</p>', '<p>&#9989;</p>', ''],
      ['Reference data', '', '✅', '✔'],
    ]);
    expect(m.rows.map((r) => r.cells)).toEqual([
      ['possible', 'preferred', null],
      [null, 'preferred', 'possible'],
    ]);
  });

  it('lists marks it cannot read, and ignores tables of prose', () => {
    const [m] = matrixPage([
      ['SSO', 'yes', 'yes', 'perhaps?'],
      ['Reference data', 'yes', 'possible', ''],
      ['BI', 'yes', 'x', ''],
      ['IoT', 'yes', 'x', ''],
      ['AI', 'yes', 'x', ''],
    ]);
    expect(m.unknownMarks).toEqual([expect.objectContaining({ row: 'SSO', column: 'Events', text: 'perhaps?' })]);
    expect(matrixPage([['Pros', 'Fast to build', 'Cheap', 'Simple'], ['Cons', 'Slow', 'Costly', 'Hard']])).toEqual([]);
  });
});

describe('When a todo note closes in the middle of a line', () => {
  it('keeps the text after it', () => {
    const { page } = parse('---\ntitle: T\n---\n\n{{% todo %}}draft\nnote {{% /todo %}} Kept words here.\n');
    expect(page!.sections[0].text).toBe('Kept words here.');
  });
});

describe('When answer-writing fields in front matter are malformed', () => {
  it('reports each on the line of its key or entry and loads the rest', () => {
    const source = ['---', 'title: "X"', 'kind: technology', 'id: x', 'lead: ["technology:rest", "nonsense"]', 'useWhen: 42', 'tasks:', '  - id: empty', '    phrases: ["x"]', 'steps: ["One"]', '---', '## A {#a}', 'text'].join('\n');
    const { page, issues } = parseMarkdownFile(source, { baseUrl: 'https://x.test', relPath: 'x.md', file: 'x.md' });
    expect(issues.map((i) => [i.line, i.message])).toEqual([
      [8, 'task "empty" needs an id, phrases and steps'],
      [5, 'front matter "lead" entry "nonsense" is not a ref like "technology:rest"'],
      [6, 'front matter "useWhen" should be one sentence of text'],
    ]);
    expect(page?.guide.steps).toEqual(['One']);
    expect(page?.guide.lead).toEqual([{ kind: 'technology', id: 'rest' }]);
  });
});
