import fc from 'fast-check';
import { createNameResolver } from '../../src/engine/names';
import { looksLikeSnippet, reviewSnippet } from '../../src/engine/review';
import { parseSnippet } from '../../src/engine/snippet';
import type { Review } from '../../src/engine/types';
import { createReviewCorpus, reviewEntities } from '../fixtures/review-corpus';

const corpus = createReviewCorpus();
const names = createNameResolver(corpus);
const verdicts = new Set(['preferred', 'possible', 'not-recommended', 'unknown']);

/** What every review must be, whatever came in: bounded, well-formed, and never silent when empty. */
function expectSane(review: Review): void {
  expect(review.rows.length).toBeLessThanOrEqual(50);
  expect(review.summary.length).toBeGreaterThan(0);
  expect(review.summary).not.toContain('\n');
  if (review.rows.length === 0) expect(review.notes.length).toBeGreaterThan(0);
  for (const row of review.rows) {
    expect(verdicts.has(row.verdict)).toBe(true);
    expect(row.input.length).toBeLessThanOrEqual(160);
    expect(row.explanation.length).toBeLessThan(1000);
    expect(row.sources.length).toBeLessThanOrEqual(4);
  }
  expect(JSON.stringify(review).length).toBeLessThan(200_000);
}

function run(text: string): Review {
  const review = reviewSnippet(corpus, names, text);
  looksLikeSnippet(text, names);
  looksLikeSnippet(text);
  return review;
}

const seeds = [
  '| Use case | Method |\n| --- | --- |\n| SSO | RPC |\n| Reference data | Events |',
  '| Use case | UI | RPC | Events | Batch | Central |\n|---|---|---|---|---|---|\n| IoT | | ✅ | x | | ![](green.png) |',
  '• Update master data – UI integration\n- BI reporting - batch\n1. SSO: RPC',
  '*Reference data* -&gt; _Events_ :thinking_face:\n<@U1> *SSO* -> <https://x.example|RPC/services>',
  '```\nReference data -> Events\nIoT => queues\n```',
  'Use case\tMethod\nSSO\tREST + events',
];

/** Characters that mean something to the parser: the likeliest to break it when they land in odd places. */
const structural = fc.constantFrom('|', '-', '>', '<', ':', '`', '*', '_', '&', '#', ';', '\n', '\t', '!', '[', ']', '(', ')', '→', '–', ' ', 'x', '✅', '&gt;', '```', ':white_check_mark:');

type Mutation = { at: number; kind: 'insert' | 'delete' | 'repeat'; text: string; size: number };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('insert', 'delete', 'repeat'),
  text: fc.oneof(structural, fc.string({ maxLength: 8 })),
  size: fc.integer({ min: 1, max: 40 }),
});

function mutate(seed: string, mutations: Mutation[]): string {
  let text = seed;
  for (const m of mutations) {
    const at = text.length === 0 ? 0 : m.at % (text.length + 1);
    if (m.kind === 'insert') text = text.slice(0, at) + m.text + text.slice(at);
    else if (m.kind === 'delete') text = text.slice(0, at) + text.slice(at + m.size);
    else text = text.slice(0, at) + m.text.repeat(m.size) + text.slice(at);
  }
  return text;
}

describe('When the snippet is random text', () => {
  test('any unicode string gives a sane review', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 600 }), (text) => expectSane(run(text))), { numRuns: 300 });
  });

  test('any binary-ish string gives a sane review', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => expectSane(run(text))), { numRuns: 300 });
  });

  test('strings made of parser syntax give a sane review', () => {
    fc.assert(fc.property(fc.array(structural, { maxLength: 300 }), (parts) => expectSane(run(parts.join('')))), { numRuns: 300 });
  });
});

describe('When real snippets are mutated', () => {
  test('inserted, deleted and repeated syntax never breaks the review', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutation, { maxLength: 12 }), (seed, mutations) => expectSane(run(mutate(seed, mutations)))),
      { numRuns: 500 },
    );
  });
});

describe('When lines name known use cases and methods in any form', () => {
  const useCases = reviewEntities.filter((e) => e.kind === 'useCase');
  const methods = reviewEntities.filter((e) => e.kind === 'method' && e.id !== 'gateways');
  const separators = [' -> ', ' → ', ' => ', ': ', ' – ', ' - ', ' -&gt; '];
  const bullets = ['', '- ', '• ', '1. ', '* '];

  test('every line gets exactly the verdict of its matrix cell', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...useCases), fc.constantFrom(...methods), fc.constantFrom(...separators), fc.constantFrom(...bullets)), {
          minLength: 1,
          maxLength: 12,
        }),
        (lines) => {
          const text = lines.map(([u, m, sep, bullet]) => `${bullet}${u.title}${sep}${m.title}`).join('\n');
          const review = reviewSnippet(corpus, names, text);
          expect(review.rows.map((r) => [r.useCase, r.method, r.verdict])).toEqual(
            lines.map(([u, m]) => [u.id, m.id, corpus.matrix!.cells[u.id]?.[m.id] ?? 'not-recommended']),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('When the input is hostile', () => {
  const line = (unit: string) => unit.repeat(Math.floor(999 / unit.length));
  const adversarial: [string, string][] = [
    ['10,000 arrow rows', 'Reference data -> Events\n'.repeat(10_000)],
    ['10,000 table rows', '| Use case | Method |\n|---|---|\n' + '| SSO | RPC |\n'.repeat(10_000)],
    ['a 1 MB line', 'a'.repeat(1_000_000)],
    ['1 MB of dashes', '-'.repeat(1_000_000)],
    ['1 MB of pipes', '|'.repeat(1_000_000)],
    ['100,000 newlines', '\n'.repeat(100_000)],
    ['100,000 one-pipe lines', '|\n'.repeat(100_000)],
    ['a wide table', `${'| a '.repeat(240)}|\n${'|---'.repeat(240)}|\n${'| x '.repeat(240)}|\n`.repeat(50)],
    ['fences', '```'.repeat(60_000)],
    ['spaces then x', line(' ') + 'x'],
    ['colons', line(':')],
    ['angle brackets', line('<')],
    ['unclosed images', line('![')],
    ['unclosed links', line('[a](')],
    ['entities', line('&#')],
    ['emoji-like', line(':a')],
    ['underscores', line('a_')],
    ['spaced dashes', line(' - ')],
    ['arrows', line('-> ')],
    ['quote marks', line('> ')],
    ['bullets', line('- ')],
    ['dots and commas', line(' ., ')],
    ['plus signs', 'SSO -> ' + line(' + ').slice(0, 900)],
    ['slash alternatives', 'SSO -> ' + line('a/').slice(0, 900)],
    ['long names', `${line('reference data ').slice(0, 480)} -> ${line('events ').slice(0, 480)}`],
  ];

  test.each(adversarial)('%s is answered quickly and sanely', (_name, text) => {
    const started = Date.now();
    const review = run(text);
    expect(Date.now() - started).toBeLessThan(3000);
    expectSane(review);
  });

  test('parseSnippet alone keeps its bounds on 10,000 rows', () => {
    const parsed = parseSnippet('SSO -> RPC\n'.repeat(10_000));
    expect(parsed.rows).toHaveLength(50);
    expect(parsed.notes).toEqual(['Found 10,000 rows; only the first 50 were read.']);
  });
});
