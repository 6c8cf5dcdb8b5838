import { parseExamplesFile } from '../../src/knowledge/rules';
import { assembleCorpus } from '../../src/knowledge/corpus';
import { createEngine } from '../../src/engine';
import type { Entity, Page } from '../../src/knowledge/types';
import { emptyGuide } from '../../src/knowledge/data';

describe('When an examples file is read', () => {
  it('gives each question its use case and line', () => {
    const { examples, issues } = parseExamplesFile('useCase: iot\nexamples:\n  - "Sensors send readings every second"\n  - "Machines report their state"\n', '/k/examples/iot.yml');
    expect(issues).toEqual([]);
    expect(examples).toEqual([
      { text: 'Sensors send readings every second', useCase: 'iot', file: '/k/examples/iot.yml', line: 3 },
      { text: 'Machines report their state', useCase: 'iot', file: '/k/examples/iot.yml', line: 4 },
    ]);
  });

  it('reports a malformed file and items that are not questions', () => {
    expect(parseExamplesFile('examples: [a]', '/k/examples/x.yml').issues[0].message).toMatch(/useCase: <id>/);
    expect(parseExamplesFile('useCase: iot\nexamples:\n  - 42\n  - { a: 1 }\n  - "fine"\n', '/k/examples/x.yml').issues).toHaveLength(2);
    expect(parseExamplesFile('useCase: [\n', '/k/examples/x.yml').issues[0].message).toMatch(/not valid YAML/);
  });
});

describe('When a question is close to an example question', () => {
  const entity = (id: string, title: string): Entity => ({ kind: 'useCase', id, title, summary: title, synonyms: [], pageId: id, sources: [], related: [], methods: [], unless: [], guide: emptyGuide() });
  const page = (id: string): Page => ({ id, file: id, title: id, description: '', url: `https://x/${id}/`, draft: false, aliases: [], tags: [], synonyms: [], sources: [], related: [], methods: [], unless: [], guide: emptyGuide(), sections: [], links: [], matrices: [], entity: { kind: 'useCase', id } });
  const examples = [
    { text: 'field engineers work without network in tunnels and sync later', useCase: 'mobile-offline', file: 'e.yml' },
    { text: 'the warehouse dashboards in Tableau need last night sales', useCase: 'bi-reporting', file: 'e.yml' },
  ];
  const corpus = assembleCorpus([page('mobile-offline'), page('bi-reporting')], [
    { id: 'named', phrases: ['offline'], all: [], unless: [], points: [{ kind: 'topic', id: 'x', weight: 1 }], why: 'x', file: 'r.yml' },
  ], [], examples);
  corpus.entities.push(entity('mobile-offline', 'Mobile & offline'), entity('bi-reporting', 'BI & reporting'), { ...entity('x', 'X'), kind: 'topic' });
  const engine = createEngine(corpus);

  it('ranks the example\'s use case without quoting someone else\'s question as the reason', () => {
    const answer = engine.answer('our engineers lose network in the tunnels, they must work offline and sync later');
    expect(answer.useCases[0].id).toBe('mobile-offline');
    expect(answer.useCases[0].reasons).toContainEqual({ kind: 'example', text: 'close to example questions of this use case' });
    expect(JSON.stringify(answer)).not.toContain('field engineers work without network');
  });

  it('never makes an answer confident on example neighbours alone', () => {
    const answer = engine.answer('field engineers work offline without network in tunnels and sync later');
    expect(answer.useCases[0]?.id).toBe('mobile-offline');
    expect(answer.confidence).toBeLessThan(0.8);
  });

  it('does not make an unrelated question in scope by itself', () => {
    expect(engine.answer('the warehouse dashboards').confidence).toBeLessThan(0.5);
  });
});
