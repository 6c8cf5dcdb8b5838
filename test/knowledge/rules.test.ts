import { parseRulesFile } from '../../src/knowledge/rules';

describe('When a content author writes a rule', () => {
  const yaml = (unless: string) => `rules:\n  - id: file-drop\n    phrases: ["file drop"]\n    unless: [${unless}]\n    points: ["method:batch"]\n`;

  it('warns when a veto word reads like a word of the rule\'s own phrase, which would silence it for good', () => {
    const { rules, issues } = parseRulesFile(yaml('"log", "files"'), 'rules.yml');
    expect(rules).toHaveLength(1);
    expect(issues.map((i) => i.severity)).toEqual(['warning']);
    expect(issues[0].message).toContain('its own phrase "file drop"');
  });

  it('says nothing of vetoes that differ from the phrase', () => {
    expect(parseRulesFile(yaml('"log", "backup"'), 'rules.yml').issues).toEqual([]);
  });
});
