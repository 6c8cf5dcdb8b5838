import type { Entity } from '../../src/knowledge/types';
import { createNameResolver } from '../../src/engine/names';
import { looksLikeSnippet, reviewSnippet } from '../../src/engine/review';
import { createReviewCorpus } from '../fixtures/review-corpus';
import { shippedEngine } from '../fixtures/slack/engine';

/** A page as a content author would add it: only the fields the review reads. */
function page(kind: Entity['kind'], id: string, title: string, synonyms: string[], extra: Partial<Entity> = {}): Entity {
  return { kind, id, title, summary: `${title} summary. A second sentence.`, synonyms, pageId: `${kind}/${id}`, sources: [{ title, url: `https://docs.mendix.com/${id}/` }], related: [], methods: [], unless: [], guide: createReviewCorpus().entities[0].guide, ...extra };
}

describe('When the method column names a technology or a warning (tiny corpus)', () => {
  const corpus = createReviewCorpus();
  corpus.entities.push(
    page('technology', 'saml', 'SAML SSO', ['saml', 'saml 2.0'], { methods: ['rpc'] }),
    page('technology', 'kafka', 'Kafka', ['apache kafka'], { methods: ['events'] }),
    page('warning', 'direct-database', 'Direct database access to a Mendix app', ['read the app database'], { summary: "Do not read a Mendix app's database directly. It breaks." }),
  );
  const names = createNameResolver(corpus);

  test('a technology from a page added later is judged as its method and named in the explanation', () => {
    const [row] = reviewSnippet(corpus, names, '| Use case | Method |\n|---|---|\n| SSO | SAML 2.0 |').rows;
    expect(row).toMatchObject({ useCase: 'sso-identity', method: 'rpc', verdict: 'preferred' });
    expect(row.explanation).toMatch(/^SAML SSO \(RPC \/ services\) is a preferred method/);
  });

  test('a warning is not-recommended with the warning’s own words, whatever the matrix says of the use case', () => {
    const review = reviewSnippet(corpus, names, '| Use case | Method |\n|---|---|\n| Mobile offline | Direct database |');
    expect(review.rows[0]).toMatchObject({ verdict: 'not-recommended', method: null });
    expect(review.rows[0].explanation).toMatch(/^Direct database access to a Mendix app: Do not read a Mendix app's database directly/);
    expect(review.rows[0].sources[0].url).toBe('https://docs.mendix.com/direct-database/');
  });

  test('a pasted table whose method column names only a warning is a snippet', () => {
    expect(looksLikeSnippet('| Use case | Method |\n|---|---|\n| Mobile offline | Direct database |', names, corpus)).toBe(true);
  });
});

describe('When a snippet is reviewed with the shipped knowledge', () => {
  const engine = shippedEngine();
  const review = engine.review(
    ['| Use case | Method |', '|---|---|', '| Field app offline | Direct database |', '| Partner files | plain FTP |', '| Customer master | Shared database |', '| Staff login | SAML |', '| BI reporting | OData |', '| IoT telemetry | Kafka |'].join('\n'),
  );
  const byInput = (text: string) => review.rows.find((r) => r.input.includes(text))!;

  test.each([
    ['Direct database', 'direct-database'],
    ['plain FTP', 'unencrypted-channels'],
    ['Shared database', 'tight-coupling'],
  ])('"%s" is not recommended with the %s warning', (input, warning) => {
    const row = byInput(input);
    const title = engine.corpus.entities.find((e) => e.kind === 'warning' && e.id === warning)!.title;
    expect(row.verdict).toBe('not-recommended');
    expect(row.explanation.startsWith(`${title}:`)).toBe(true);
  });

  test.each([
    ['SAML', 'rpc'],
    ['OData', 'rpc'],
    ['Kafka', 'events'],
  ])('"%s" is read as the technology and judged as its method', (input, method) => {
    const row = byInput(`| ${input}`) ?? byInput(input);
    expect(row.method).toBe(method);
    expect(row.verdict).not.toBe('unknown');
    expect(row.explanation).toContain(engine.corpus.entities.find((e) => e.kind === 'technology' && e.synonyms.some((s) => s.toLowerCase() === input.toLowerCase()))!.title);
  });
});
