import { parseComparisonsFile, parseIntentsFile, parseNamesFile, parseVocabularyFile, readGuide } from '../../src/knowledge/data';
import { assembleCorpus } from '../../src/knowledge/corpus';
import { emptyGuide } from '../../src/knowledge/data';

describe('When comparisons.yml is read', () => {
  it('keeps good comparisons and reports a bad one with its line', () => {
    const source = [
      'comparisons:',
      '  - id: good',
      '    options: ["technology:rest", "technology:kafka"]',
      '    default: "technology:rest"',
      '    verdict: "REST."',
      '    otherWins:',
      '      - pick: "technology:kafka"',
      '        when: "at high volume"',
      '        words: ["Per Second"]',
      '  - id: no-default',
      '    options: ["technology:rest", "technology:kafka"]',
      '    verdict: "?"',
    ].join('\n');
    const { comparisons, issues } = parseComparisonsFile(source, 'comparisons.yml');
    expect(comparisons.map((c) => c.id)).toEqual(['good']);
    expect(comparisons[0].otherWins[0]).toEqual({ pick: { kind: 'technology', id: 'kafka' }, when: 'at high volume', words: ['per second'], verdict: 'at high volume' });
    expect(issues).toEqual([{ severity: 'error', file: 'comparisons.yml', line: 10, message: 'comparison "no-default": `default` must be one of the options' }]);
  });

  it('says where broken YAML breaks', () => {
    const { comparisons, issues } = parseComparisonsFile('comparisons:\n  - id: [unclosed\n', 'c.yml');
    expect(comparisons).toEqual([]);
    expect(issues[0]).toMatchObject({ severity: 'error', file: 'c.yml', line: 3 });
  });

  it('an option that names no entity is an error of the corpus, and the comparison is left out', () => {
    const { comparisons } = parseComparisonsFile('comparisons:\n  - id: x\n    options: ["technology:rest", "technology:nope"]\n    default: "technology:rest"\n    verdict: "v"\n', 'c.yml');
    const withEntities = assembleCorpus(
      [{ id: 'rest', file: 'rest.md', title: 'REST', description: '', url: 'https://x/rest', draft: false, aliases: [], tags: [], entity: { kind: 'technology', id: 'rest' }, synonyms: [], sources: [], related: [], methods: [], unless: [], guide: emptyGuide(), sections: [], links: [], matrices: [] }],
      [], [], [], { comparisons },
    );
    expect(withEntities.comparisons).toEqual([]);
    expect(withEntities.issues[0].message).toBe('comparison "x" names unknown technology "nope"');
  });
});

describe('When intents.yml and vocabulary.yml are read', () => {
  it('lowercases phrases and requires the clarifying question', () => {
    const { intents, issues } = parseIntentsFile('chitchat: [Thanks]\ncompare: ["OR"]\n', 'intents.yml');
    expect(intents?.chitchat).toEqual(['thanks']);
    expect(intents?.compare).toEqual(['or']);
    expect(issues[0].message).toMatch(/clarifyQuestion/);
  });

  it('reads the words of the trade', () => {
    expect(parseVocabularyFile('words: [IDoc, CICS]', 'v.yml')).toEqual({ vocabulary: ['idoc', 'cics'], issues: [] });
    expect(parseVocabularyFile('words: []', 'v.yml').issues).toHaveLength(1);
  });
});

describe('When a page has answer-writing fields', () => {
  it('reads them, and reports a task without steps instead of loading it', () => {
    const problems: string[] = [];
    const guide = readGuide(
      {
        useWhen: ' Between  a few apps. ',
        steps: ['One', 'Two'],
        docs: { title: 'Docs', url: 'https://docs.mendix.com/x/' },
        lead: ['technology:rest', 'nonsense'],
        tasks: [{ id: 'paging', phrases: ['Paging'], steps: ['Tick paging'] }, { id: 'empty', phrases: ['x'] }],
      },
      (m) => problems.push(m),
    );
    expect(guide.useWhen).toBe('Between a few apps.');
    expect(guide.steps).toEqual(['One', 'Two']);
    expect(guide.docs).toEqual({ title: 'Docs', url: 'https://docs.mendix.com/x/' });
    expect(guide.lead).toEqual([{ kind: 'technology', id: 'rest' }]);
    expect(guide.tasks).toEqual([{ id: 'paging', title: 'paging', phrases: ['paging'], steps: ['Tick paging'], docs: undefined }]);
    expect(problems.sort()).toEqual(['front matter "lead" entry "nonsense" is not a ref like "technology:rest"', 'task "empty" needs an id, phrases and steps']);
  });
});

describe('When a technology page says it is a carrier', () => {
  it('reads `carrier: true`, and reports a value that is not true or false', () => {
    expect(readGuide({ carrier: true }, () => {}).carrier).toBe(true);
    const problems: string[] = [];
    expect(readGuide({ carrier: 'yes please' }, (m) => problems.push(m)).carrier).toBeUndefined();
    expect(problems).toEqual(['front matter "carrier" should be true or false']);
  });
});

describe('When names.yml is read', () => {
  it('keeps names per kind and id in lowercase, and reports a kind it does not know', () => {
    const { names, issues } = parseNamesFile('method:\n  events: [Kafka, MQ]\nwidgets:\n  x: [y]\n', 'names.yml');
    expect(names).toEqual({ method: { events: ['kafka', 'mq'] } });
    expect(issues).toEqual([{ severity: 'error', file: 'names.yml', line: 3, message: expect.stringContaining('"widgets" is not a kind of names') }]);
  });
});
