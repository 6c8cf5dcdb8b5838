import { createNameResolver, normalizeName } from '../../src/engine/names';
import type { Entity } from '../../src/knowledge/types';
import { createReviewCorpus } from '../fixtures/review-corpus';

const resolver = createNameResolver(createReviewCorpus());
const useCase = (text: string) => resolver.resolve('useCase', text)?.id ?? null;
const method = (text: string) => resolver.resolve('method', text)?.id ?? null;

describe('When a use case is named by its title, id or a page synonym', () => {
  test.each([
    ['Import & Distribute Reference Data', 'reference-data'],
    ['import and distribute reference data', 'reference-data'],
    ['reference-data', 'reference-data'],
    ['code lists', 'reference-data'],
    ['Int. with BI & Reporting', 'bi-reporting'],
    ['Integration with BI & reporting', 'bi-reporting'],
    ['Process Orch. & State Engines', 'process-orchestration'],
    ['Mobile integration & offline', 'mobile-offline'],
    ['SSO, AD & Identity integration', 'sso-identity'],
  ])('"%s" is %s', (text, id) => {
    expect(useCase(text)).toBe(id);
  });

  test('an exact title scores 1', () => {
    expect(resolver.resolve('useCase', 'CMS & CDN Int.')).toEqual({ id: 'cms-cdn', score: 1, how: 'exact' });
  });
});

describe('When a use case is named by an abbreviation or a typo', () => {
  test.each([
    ['SSO', 'sso-identity'],
    ['AD', 'sso-identity'],
    ['IAM', 'sso-identity'],
    ['identity', 'sso-identity'],
    ['BI', 'bi-reporting'],
    ['AI/ML', 'ai-ml'],
    ['IoT', 'iot'],
    ['Refrence data', 'reference-data'],
    ['Singel sign on', 'sso-identity'],
    ['machine lerning', 'ai-ml'],
    ['process orchestation', 'process-orchestration'],
    ['Customer master distribution', 'distribute-master-data'],
    ['Buisness intelligence & reportng', 'bi-reporting'],
  ])('"%s" is %s', (text, id) => {
    expect(useCase(text)).toBe(id);
  });

  test('a typo scores below an exact name', () => {
    const match = resolver.resolve('useCase', 'refrence data');
    expect(match).toMatchObject({ id: 'reference-data', how: 'fuzzy' });
    expect(match!.score).toBeLessThan(0.9);
  });
});

describe('When a method is named by a technology word', () => {
  test.each([
    ...['REST', 'SOAP', 'OData', 'API', 'RPC', 'services', 'web service', 'GraphQL'].map((t) => [t, 'rpc']),
    ...['Kafka', 'queue', 'queues', 'MQ', 'pubsub', 'business events', 'Events/Queues', 'event-driven integration'].map((t) => [t, 'events']),
    ...['file', 'file export', 'CSV', 'SFTP', 'FTP', 'nightly', 'batch', 'ETL export', 'Export-import-batch'].map((t) => [t, 'batch']),
    ...['ETL', 'ODS', 'data lake', 'data warehouse', 'Central data'].map((t) => [t, 'central']),
    ...['deep link', 'iframe', 'UI', 'UI integration'].map((t) => [t, 'ui']),
    ...['API gateway', 'ESB', 'api management'].map((t) => [t, 'gateways']),
  ])('"%s" is %s', (text, id) => {
    expect(method(text)).toBe(id);
  });

  test('a technology page that points at one method lends it its names', () => {
    expect(method('MQTT')).toBe('events');
    expect(method('mosquitto')).toBe('events');
  });

  test('typos in method names are tolerated', () => {
    expect(method('Evnets')).toBe('events');
    expect(method('Kafak')).toBe('events');
    expect(method('Centrl data')).toBe('central');
    expect(method('UI integartion')).toBe('ui');
  });

  test('a known word inside a longer phrase names the method', () => {
    expect(method('nightly CSV export over SFTP')).toBe('batch');
    expect(method('the master app’s own screens (UI integration)')).toBe('ui');
  });
});

describe('When the text names nothing the corpus knows', () => {
  test.each(['xyzzy', 'hello world', 'data', 'customer data', 'hr data', 'Coffee machine', 'Team birthday calendar', ''])('"%s" is no use case', (text) => {
    expect(useCase(text)).toBeNull();
  });

  test.each(['carrier pigeon', 'Fax', 'data'])('"%s" is no method', (text) => {
    expect(method(text)).toBeNull();
  });

  test('"master data" is ambiguous: no match, and both readings are suggested', () => {
    expect(useCase('master data')).toBeNull();
    expect(resolver.suggest('useCase', 'master data', 2).map((s) => s.id).sort()).toEqual(['distribute-master-data', 'update-master-data']);
  });

  test('suggestions carry titles and respect the count', () => {
    const found = resolver.suggest('useCase', 'refrence', 2);
    expect(found).toHaveLength(2);
    expect(found[0]).toEqual({ id: 'reference-data', title: 'Import & Distribute Reference Data' });
    expect(resolver.suggest('method', 'zzzz qqqq')).toEqual([]);
  });
});

describe('When names come from different places', () => {
  const corpusWith = (entities: Entity[]) => createNameResolver({ entities });
  const base = createReviewCorpus().entities;

  test('a page synonym beats the built-in table', () => {
    const entities = base.map((e) => (e.id === 'ops-monitoring' ? { ...e, synonyms: ['reporting'] } : e));
    expect(corpusWith(entities).resolve('useCase', 'reporting')?.id).toBe('ops-monitoring');
  });

  test('a name as written beats another entity’s title without its filler words', () => {
    const entities = base.map((e) => (e.id === 'ops-monitoring' ? { ...e, synonyms: ['process orch state engines'] } : e));
    expect(corpusWith(entities).resolve('useCase', 'Process orch state engines')?.id).toBe('ops-monitoring');
    expect(corpusWith(entities).resolve('useCase', 'Process Orch. & State Engines')?.id).toBe('process-orchestration');
  });

  test('built-in names of ids the corpus does not have are ignored', () => {
    const entities = base.filter((e) => e.id !== 'gateways');
    expect(corpusWith(entities).resolve('method', 'ESB')).toBeNull();
  });

  test('the resolver works for any kind of entity', () => {
    expect(resolver.resolve('technology', 'odata')).toEqual({ id: 'odata', score: 1, how: 'exact' });
    expect(resolver.resolve('warning', 'anything')).toBeNull();
  });

  test('normalizing drops accents, punctuation and "&"', () => {
    expect(normalizeName('  Int. with BI & Réporting! ')).toBe('int with bi and reporting');
  });
});
