import { createMatcher } from '../../src/engine/matcher';
import type { Rule } from '../../src/knowledge/types';
import { terms } from '../../src/text/tokens';

const rule = (id: string, fields: Partial<Rule>): Rule => ({
  id, phrases: [], all: [], unless: [], points: [{ kind: 'useCase', id, weight: 1 }], why: id, file: 'rules.yml', ...fields,
});

describe('When rules are matched against a question', () => {
  const matcher = createMatcher([
    rule('bi-reporting', { phrases: ['power bi', 'reporting tools'] }),
    rule('read-app-database', { all: [['database', 'db'], ['read', 'query']], unless: ['external'] }),
    rule('master', { phrases: ['customer master data'] }),
  ]);
  const fired = (q: string) => matcher.match(terms(q)).map((f) => f.rule.id).sort();

  it('fires a phrase word by word, whatever the endings and the small words between', () => {
    expect(fired('Our Power BI dashboards')).toEqual(['bi-reporting']);
    expect(fired('which reporting tool')).toEqual(['bi-reporting']);
    expect(fired("the customer's master data")).toEqual(['master']);
  });

  it('fires a co-occurrence rule when every group has a word, unless a veto word is there', () => {
    expect(fired('can we query the app database directly')).toEqual(['read-app-database']);
    expect(fired('query an external database')).toEqual([]);
  });

  it('does not fire on unrelated words or on a phrase split apart', () => {
    expect(fired("what's the weather in Paris")).toEqual([]);
    expect(fired('power users want BI')).toEqual([]);
  });

  it('vetoes on a phrase only where the whole phrase occurs: a veto meant for data warehouses spares the warehouse app', () => {
    const m = createMatcher([rule('apps-need-data', { phrases: ['apps need the customer data'], unless: ['data warehouse', 'dwh'] })]);
    const ids = (q: string) => m.match(terms(q)).map((f) => f.rule.id);
    expect(ids('the warehouse and the shop apps need the customer data')).toEqual(['apps-need-data']);
    expect(ids('the data warehouse and two apps need the customer data')).toEqual([]);
    expect(ids('the dwh and two apps need the customer data')).toEqual([]);
  });

  it('says which words made a rule fire', () => {
    expect(matcher.match(terms('read the database')).map((f) => f.matched)).toEqual(['database + read']);
  });
});

describe('When a rule group lists an entry of several words', () => {
  const m = createMatcher([rule('login-with-idp', { all: [['log in', 'sign in'], ['azure ad', 'okta']] })]);
  const ids = (q: string) => m.match(terms(q)).map((f) => f.rule.id);

  it('reads the entry as a phrase: "logs should land in azure" is neither "log in" nor "azure ad"', () => {
    expect(ids('all app logs should land in azure log analytics')).toEqual([]);
  });

  it('still fires when the phrases occur', () => {
    expect(ids('users log in with their azure ad account')).toEqual(['login-with-idp']);
  });
});

describe('When a rule group is listed twice', () => {
  const m = createMatcher([rule('three-calls', { all: [['calls'], ['calls'], ['calls']] })]);
  it('needs the word three times', () => {
    expect(m.match(terms('a calls b, b calls c, c calls d')).map((f) => f.rule.id)).toEqual(['three-calls']);
    expect(m.match(terms('a calls b, b calls c')).map((f) => f.rule.id)).toEqual([]);
  });
});
