import fs from 'node:fs';
import path from 'node:path';
import { shippedKnowledgeDir } from '../../src/config';
import { createEngine } from '../../src/engine';
import { loadCorpus } from '../../src/knowledge';

const engine = createEngine(loadCorpus([shippedKnowledgeDir()], { baseUrl: 'https://docs.mendix.com' }), { maxQuestionChars: 4000 });
const ids = <T extends { id: string }>(list: T[]) => list.map((x) => x.id);

describe('When an architect asks whether Power BI can read the app database', () => {
  const answer = engine.answer("Can Power BI read our Mendix app's database directly?");

  it('ranks BI & reporting first with its matrix row, and export/batch as the preferred method', () => {
    expect(answer.useCases[0].id).toBe('bi-reporting');
    expect(answer.useCases[0].methods).toEqual({ rpc: 'possible', events: 'possible', batch: 'preferred', central: 'possible' });
    expect(answer.methods[0]).toEqual(expect.objectContaining({ id: 'batch', level: 'preferred' }));
    expect(answer.methods[0].reasons[0].text).toMatch(/matrix: .*BI.* × .* = preferred/);
  });

  it('warns against querying the app database and names OData', () => {
    expect(ids(answer.warnings)).toContain('direct-database');
    expect(ids(answer.technologies)).toContain('odata');
    expect(answer.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it('backs the answer with absolute links', () => {
    expect(answer.sources.length).toBeGreaterThan(0);
    for (const source of answer.sources) expect(source.url).toMatch(/^https:\/\/\S+$/);
  });
});

describe('When the question has typos or Slack formatting', () => {
  it('reads "powr bi", "odta" and "singel sign on" as what was meant', () => {
    expect(engine.answer('how do we get data into powr bi').useCases[0].id).toBe('bi-reporting');
    expect(ids(engine.answer('should we publish an odta service for the reports').technologies)).toContain('odata');
    expect(engine.answer('singel sign on with azure ad for all our apps').useCases[0].id).toBe('sso-identity');
  });

  it('answers the same with mentions, channel links, emoji and bold as without', () => {
    const plain = engine.answer('Can Power BI read our app data?');
    const slack = engine.answer('<@U0123ABCD> in <#C024BE7LR|design>: can *Power BI* read our app data? :thinking_face:');
    expect(ids(slack.useCases)).toEqual(ids(plain.useCases));
    expect(ids(slack.methods)).toEqual(ids(plain.methods));
  });
});

describe('When a question is out of scope', () => {
  it('says so with low confidence, no use case and a pointer, instead of inventing an answer', () => {
    for (const q of ["what's the weather in Paris tomorrow?", 'who wants pizza for lunch', 'how do I center a div in CSS']) {
      const answer = engine.answer(q);
      expect(answer.confidence).toBeLessThan(0.5);
      expect(answer.useCases).toEqual([]);
      expect(answer.methods).toEqual([]);
      expect(answer.notes.join(' ')).toMatch(/integration/i);
    }
  });
});

describe('When one message holds two needs', () => {
  it('ranks both use cases in the top three', () => {
    const answer = engine.answer('Users should log in with Azure AD, and every night we send a file with the day\'s orders to the data warehouse for reporting.');
    const top = ids(answer.useCases).slice(0, 3);
    expect(top).toEqual(expect.arrayContaining(['sso-identity', 'bi-reporting']));
  });
});

describe('When a follow-up is short', () => {
  it('uses the earlier question of the thread as context', () => {
    const alone = engine.answer('and what about it?');
    const followUp = engine.answer('and what about it?', { previous: 'How should we import the country code list into all our apps?' });
    expect(alone.useCases).toEqual([]);
    expect(ids(followUp.useCases)).toContain('reference-data');
    expect(followUp.useCases[0].reasons.map((r) => r.kind)).toContain('context');
  });
});

describe('When the message is very long', () => {
  it('reads only the first part and says so', () => {
    const answer = engine.answer('How should our apps get the country codes list? ' + 'blah '.repeat(5000));
    expect(answer.notes.join(' ')).toMatch(/Only the first 4,000 characters/);
    expect(answer.query.length).toBeLessThanOrEqual(4000);
  });
});

describe('When every recommendation must be explained', () => {
  it('gives a reason for each use case, method and technology', () => {
    const answer = engine.answer('Three apps need the customer master data; should they get it through REST, events or a nightly file?');
    expect(answer.useCases.length).toBeGreaterThan(0);
    for (const item of [...answer.useCases, ...answer.methods, ...answer.technologies]) expect(item.reasons.length).toBeGreaterThan(0);
    expect(answer.methods.filter((m) => m.level !== 'mentioned').every((m) => m.reasons.some((r) => r.kind === 'matrix'))).toBe(true);
  });
});

const docs = path.resolve(__dirname, '../../../shared/mendix-docs');
const describeDocs = fs.existsSync(docs) ? describe : describe.skip;
if (!fs.existsSync(docs)) console.log(`Skipping the documentation-tree tests: ${docs} is not here.`);

describeDocs('When pointed at a documentation tree nobody here wrote', () => {
  // Built in beforeAll: a skipped describe still runs its body, and the folder may be absent.
  let docsEngine: ReturnType<typeof createEngine>;
  beforeAll(() => {
    docsEngine = createEngine(loadCorpus([docs], { baseUrl: 'https://docs.example.org' }));
  });

  it('links answers to that tree\'s pages under the configured base URL', () => {
    const answer = docsEngine.answer('how do I expose data to Tableau or Excel with OData?');
    expect(answer.sources[0].url.split('#')[0]).toBe('https://docs.example.org/howto/integration/exposing-data-to-bi-tools-using-odata/');
    expect(answer.notes).toEqual(['The pages below match the question best.']);
  });

  it('finds a specific page for a feature question and links into the section', () => {
    const answer = docsEngine.answer('how to make a web service call go through a proxy server');
    expect(answer.sources.slice(0, 3).map((s) => s.url.split('#')[0])).toContain('https://docs.example.org/refguide/using-a-proxy-to-call-a-webservice/');
  });
});
