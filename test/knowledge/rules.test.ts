import { parseRulesFile } from '../../src/knowledge/rules';

describe('When a content author writes a rule', () => {
  const yaml = (unless: string) => `rules:\n  - id: rate\n    phrases: ["1000 per second"]\n    unless: [${unless}]\n    points: ["technology:kafka"]\n`;

  it('warns that a several-word veto vetoes on each word, so "seconds to load" does not silently veto every rate in seconds', () => {
    const { rules, issues } = parseRulesFile(yaml('"nightly", "seconds to load"'), 'rules.yml');
    expect(rules).toHaveLength(1);
    expect(issues.map((i) => [i.severity, i.message])).toEqual([['warning', expect.stringContaining('"seconds to load" vetoes the rule on each of its words')]]);
  });

  it('says nothing of single-word vetoes', () => {
    expect(parseRulesFile(yaml('"nightly", "batch"'), 'rules.yml').issues).toEqual([]);
  });
});
