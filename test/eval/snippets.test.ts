import fs from 'node:fs';
import path from 'node:path';
import { shippedKnowledgeDir } from '../../src/config';
import { createEngine } from '../../src/engine';
import { loadCorpus } from '../../src/knowledge';

interface SnippetCase {
  name: string;
  snippet: string;
  rows: { useCase: string | null; method: string | null; verdict: string }[];
}

const engine = createEngine(loadCorpus([shippedKnowledgeDir()], { baseUrl: 'https://docs.mendix.com' }));
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(__dirname, file), 'utf8')) as SnippetCase[];
const asRows = (rows: SnippetCase['rows']) => rows.map((r) => `${r.useCase ?? '?'} / ${r.method ?? '?'} / ${r.verdict}`);

describe.each(['dev-snippets.json', 'validation-snippets.json'])('When the design snippets of %s are reviewed', (file) => {
  const cases = read(file);

  it.each(cases.map((c) => [c.name, c] as const))('gets every row of "%s" right', (_name, c) => {
    const review = engine.review(c.snippet);
    expect(asRows(review.rows)).toEqual(asRows(c.rows));
  });
});

describe('When a snippet describes the use case instead of naming it', () => {
  it('reads the description with the same rules that answer questions, and technologies as their method', () => {
    const review = engine.review('• Share customers with 3 apps -> Kafka\n• Power BI dashboards -> nightly SFTP file');
    expect(review.rows.map((r) => [r.useCase, r.method, r.verdict])).toEqual([
      ['distribute-master-data', 'events', 'possible'],
      ['bi-reporting', 'batch', 'preferred'],
    ]);
  });

  it('still treats an ordinary question as a question', () => {
    expect(engine.looksLikeSnippet('should we use events or REST to share customers with 3 apps?')).toBe(false);
  });
});
