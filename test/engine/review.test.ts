import { createNameResolver } from '../../src/engine/names';
import { looksLikeSnippet, reviewSnippet } from '../../src/engine/review';
import type { Review } from '../../src/engine/types';
import { createReviewCorpus, matrixSource } from '../fixtures/review-corpus';

const corpus = createReviewCorpus();
const names = createNameResolver(corpus);
const review = (snippet: string) => reviewSnippet(corpus, names, snippet);
/** Each row as "useCase method verdict", the part of a review a user reads first. */
const verdicts = (r: Review) => r.rows.map((row) => `${row.useCase} ${row.method} ${row.verdict}`);

describe('When a design is written as "use case -> method" lines', () => {
  test('each line gets the verdict of its matrix cell', () => {
    const r = review('Reference data -> Events\nSSO -> RPC\nBI reporting -> Batch\nMobile offline -> UI integration');
    expect(verdicts(r)).toEqual([
      'reference-data events possible',
      'sso-identity rpc preferred',
      'bi-reporting batch preferred',
      'mobile-offline ui not-recommended',
    ]);
    expect(r.summary).toBe('4 rows: 2 preferred, 1 possible, 1 not recommended');
  });

  test.each([
    ['Reference data → Events'],
    ['Reference data => Events'],
    ['Reference data -&gt; Events'],
    ['Reference data: Events/Queues'],
    ['• Reference data – Events'],
    ['- Reference data - queues'],
    ['1. Reference data: Kafka'],
    ['Reference data via events'],
    ['use events for reference data'],
    ['*Reference data* -&gt; _Events_ :thinking_face:'],
    ['```\nReference data -> Events\n```'],
    ['&gt; Reference data -&gt; business events'],
    ['Events -> Reference data'],
  ])('"%s" reads as reference data with events', (snippet) => {
    expect(verdicts(review(snippet))).toEqual(['reference-data events possible']);
  });

  test('abbreviations and technology words resolve to matrix ids', () => {
    const r = review('SSO: REST\nBI: ETL\nAI/ML: ODS\nIoT: queues\nCMS: iframe\nExport/import -> file export\nReporting -> nightly batch');
    expect(verdicts(r)).toEqual([
      'sso-identity rpc preferred',
      'bi-reporting central possible',
      'ai-ml central preferred',
      'iot events preferred',
      'cms-cdn ui preferred',
      'export-import-batch batch possible',
      'bi-reporting batch preferred',
    ]);
  });

  test('typos are read, and the explanation says how', () => {
    const r = review('Refrence data -> Evnets');
    expect(verdicts(r)).toEqual(['reference-data events possible']);
    expect(r.rows[0].explanation).toContain('Read "Refrence data" as Import & Distribute Reference Data.');
  });

  test('a row with the sides the other way round is read the right way and says so', () => {
    const r = review('Kafka -> IoT');
    expect(verdicts(r)).toEqual(['iot events preferred']);
    expect(r.rows[0].explanation).toContain('other way round');
  });
});

describe('When a design is a list of sentences', () => {
  test('list items that name a use case and a method are read; the rest are left alone', () => {
    const r = review(
      [
        'Hi all, after Tuesday we landed on the following:',
        '- master data updates go through the master app’s own screens (UI integration)',
        '- the ML scoring is called as a service, so RPC',
        '- ops dashboards get fed via events',
        '- everything else stays as-is for now',
      ].join('\n'),
    );
    expect(verdicts(r)).toEqual(['update-master-data ui preferred', 'ai-ml rpc preferred', 'ops-monitoring events preferred']);
    expect(r.notes).toEqual(['Skipped 1 line that names no known use case and method (line 5).']);
  });
});

describe('When a design is a table', () => {
  test('a use case | method table gives one row per line', () => {
    const r = review('| Use case | Chosen approach | Rationale |\n| --- | --- | --- |\n| Distribute master data | Kafka | many consumers |\n| View & search data | REST API | live lookups |');
    expect(verdicts(r)).toEqual(['distribute-master-data events possible', 'view-search-data rpc preferred']);
  });

  test('a matrix with marks gives one row per marked cell, whatever the mark', () => {
    const r = review(
      [
        '| Use case | UI | RPC | Events | Batch | Central |',
        '|---|---|---|---|---|---|',
        '| Update master data | x | ✅ | | | |',
        '| IoT | | | :white_check_mark: | | ![](green.png) |',
        '| SSO | &#9989; | | | | |',
      ].join('\n'),
    );
    expect(verdicts(r)).toEqual([
      'update-master-data ui preferred',
      'update-master-data rpc preferred',
      'iot events preferred',
      'iot central preferred',
      'sso-identity ui possible',
    ]);
  });

  test('the bot’s own matrix pasted back is reviewed cell by cell, and a level that differs is mentioned', () => {
    const r = review(
      [
        'Use case | UI integration | RPC / services | Events / queues | Export, import & batch | Central data',
        'Import & Distribute Reference Data |  | ✅ preferred | possible | ✅ preferred | possible',
        'SSO, AD & Identity integration | ✅ preferred | ✅ preferred |  |  | ',
      ].join('\n'),
    );
    expect(verdicts(r)).toEqual([
      'reference-data rpc preferred',
      'reference-data events possible',
      'reference-data batch preferred',
      'reference-data central possible',
      'sso-identity ui possible',
      'sso-identity rpc preferred',
    ]);
    expect(r.rows[4].explanation).toContain('Your table marks it preferred.');
    expect(r.rows[0].explanation).not.toContain('Your table');
  });
});

describe('When a row names two methods', () => {
  test('each method becomes its own row with the same input', () => {
    const r = review('Reference data: REST + events');
    expect(verdicts(r)).toEqual(['reference-data rpc preferred', 'reference-data events possible']);
    expect(r.rows.map((row) => row.input)).toEqual(['Reference data: REST + events', 'Reference data: REST + events']);
  });

  test('"or" is read the same way, and two words for one method stay one row', () => {
    expect(verdicts(review('BI -> events or batch'))).toEqual(['bi-reporting events possible', 'bi-reporting batch preferred']);
    expect(verdicts(review('BI -> CSV files / SFTP'))).toEqual(['bi-reporting batch preferred']);
    expect(verdicts(review('IoT -> Events / queues'))).toEqual(['iot events preferred']);
  });
});

describe('When a method has no matrix column (integration layers & gateways)', () => {
  test('alone, it is unknown with an explanation and the preferred methods', () => {
    const [row] = review('Reference data -> API gateway').rows;
    expect(row).toMatchObject({ useCase: 'reference-data', method: 'gateways', verdict: 'unknown', preferred: ['rpc', 'batch'] });
    expect(row.explanation).toMatch(/not a column of the use case × method matrix/);
  });

  test('next to a matrix method, the matrix method is judged and the gateway mentioned', () => {
    const r = review('View data -> REST + API gateway');
    expect(verdicts(r)).toEqual(['view-search-data rpc preferred']);
    expect(r.rows[0].explanation).toContain('Integration layers & gateways in front of it does not change this verdict.');
  });
});

describe('When a row names something unknown', () => {
  test('the verdict is unknown, with the closest guesses', () => {
    const r = review('Coffee machine -> Events\nReference data -> Carrier pigeon\nSSO -> RPC');
    expect(verdicts(r)).toEqual(['null events unknown', 'reference-data null unknown', 'sso-identity rpc preferred']);
    expect(r.rows[0].guesses?.useCases).toContain('ai-ml');
    expect(r.rows[0].explanation).toMatch(/^"Coffee machine" is not a use case the knowledge base knows\. Closest: /);
    expect(r.rows[1].preferred).toEqual(['rpc', 'batch']);
    expect(r.rows[1].explanation).toContain('the matrix prefers RPC / services and Export, import & batch');
    expect(r.summary).toBe('3 rows: 1 preferred, 2 unknown');
  });

  test('a colon line that names nothing is prose and is skipped with a note', () => {
    const r = review('Agenda: Tuesday\nfull doc: <https://x.example/d|design doc>\nSSO -> RPC');
    expect(verdicts(r)).toEqual(['sso-identity rpc preferred']);
    expect(r.notes).toEqual(['Skipped 2 lines that name no known use case and method (line 1, 2).']);
  });

  test('a colon line with one plain name is kept as unknown', () => {
    expect(verdicts(review('Lunch menu: Central data\nSSO: RPC'))).toEqual(['null central unknown', 'sso-identity rpc preferred']);
  });
});

describe('When a row gets a verdict', () => {
  test('not recommended says what the matrix prefers and allows', () => {
    const [row] = review('Reference data -> UI').rows;
    expect(row.verdict).toBe('not-recommended');
    expect(row.explanation).toBe(
      'The matrix does not use UI integration for Import & Distribute Reference Data; it prefers RPC / services and Export, import & batch (possible: Events / queues and Central data).',
    );
  });

  test('sources are the matrix, then the use case’s first two, then the method’s first', () => {
    const [row] = review('SSO -> RPC').rows;
    expect(row.sources.map((s) => s.url)).toEqual([
      matrixSource.url,
      'https://docs.example.test/best-practices/integration/sso-identity/',
      'https://docs.example.test/best-practices/integration/sso-identity/how-to/',
      'https://docs.example.test/best-practices/integration/rpc/',
    ]);
  });

  test('without a matrix every row is unknown and a note says why', () => {
    const r = reviewSnippet(createReviewCorpus({ matrix: null }), names, 'SSO -> RPC');
    expect(verdicts(r)).toEqual(['sso-identity rpc unknown']);
    expect(r.notes).toContain('The knowledge base has no use case × method matrix, so no row can get a verdict.');
  });

  test('one row reads "1 row"', () => {
    expect(review('SSO -> RPC').summary).toBe('1 row: 1 preferred');
  });
});

describe('When the input is garbage or huge', () => {
  test('no rows gives a clear message', () => {
    const r = review("We haven't decided on the integration approach yet, let's discuss Thursday :calendar:");
    expect(r.rows).toEqual([]);
    expect(r.summary).toBe('Nothing to review: no use case -> method rows found.');
    expect(r.notes[0]).toMatch(/^Paste a table with a use case column/);
  });

  test('10,000 rows are capped at 50, and the review says so', () => {
    const r = review('SSO -> RPC\n'.repeat(10_000));
    expect(r.rows).toHaveLength(50);
    expect(r.notes).toContain('Found 10,000 rows; reviewed only the first 50.');
  });

  test('a row with many methods still stops at the cap', () => {
    const r = reviewSnippet(corpus, names, 'IoT -> REST + Kafka + CSV + ODS\n'.repeat(20), { maxRows: 10 });
    expect(r.rows).toHaveLength(10);
    expect(r.notes).toContain('Found 20 rows; reviewed only the first 10.');
  });

  test('binary noise is named as such', () => {
    const r = review('\u0000\u0001\u0002\u0003'.repeat(1000));
    expect(r.rows).toEqual([]);
    expect(r.notes).toEqual(['This looks like binary data, not text: paste a table or lines such as "Reference data -> Events".']);
  });
});

describe('When deciding whether a message is a snippet', () => {
  const snippets = [
    'Reference data -> Events',
    'Reference data → Events\nSSO → RPC',
    'Reference data -&gt; Events',
    '| Use case | Method |\n|---|---|\n| SSO | RPC |',
    '| Use case | UI | RPC |\n|---|---|---|\n| SSO | | x |',
    '1. SSO: RPC\n2. Reference data: Events/Queues',
    '• Update master data – UI integration\n• BI reporting – batch',
    'Our plan:\n- Reference data via events\n- SSO via REST\nThoughts?',
    'SSO: RPC',
    '```\nSSO -> RPC\nIoT -> events\n```',
  ];
  const questions = [
    'should we use events or REST for reference data?',
    'What is the best approach for reference data: events or REST?',
    'For reference data: should we use events or REST?',
    'Reference data -> events or REST?',
    'How do I do SSO with Azure AD in Mendix?',
    'Hi team, quick one: events or REST for reference data',
    'Agenda:\n- Intro: Bob\n- Demo: Alice',
    'The flow is order -> invoice -> payment, right.',
    'Note: we plan to use REST for reference data',
    'We sync customers via SFTP.',
    '',
  ];

  test.each(snippets)('%j is a snippet', (text) => {
    expect(looksLikeSnippet(text, names)).toBe(true);
  });

  test.each(questions)('%j is not a snippet', (text) => {
    expect(looksLikeSnippet(text, names)).toBe(false);
  });

  test('without a resolver, structure alone decides', () => {
    expect(looksLikeSnippet('Reference data -> Events')).toBe(true);
    expect(looksLikeSnippet('1. SSO: RPC\n2. IoT: events')).toBe(true);
    expect(looksLikeSnippet('should we use events or REST for reference data?')).toBe(false);
    expect(looksLikeSnippet('SSO: RPC')).toBe(false);
  });

  test('a huge message is decided quickly', () => {
    const started = Date.now();
    expect(looksLikeSnippet('SSO -> RPC\n'.repeat(100_000), names)).toBe(true);
    expect(looksLikeSnippet('x'.repeat(1_000_000), names)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
