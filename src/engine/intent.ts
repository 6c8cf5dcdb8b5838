import type { Comparison, ComparisonCondition, Entity, IntentPhrases, Task } from '../knowledge/types';
import { expandShorthand, stopwords, words } from '../text/tokens';
import { adviceOf } from './advice';
import { evidenceTuning, type EvidenceMap } from './evidence';
import type { Firing } from './matcher';
import type { AnswerParts } from './parts';
import type { Ranking } from './rank';
import type { QuestionText } from './terms';
import type { Intent } from './types';

/**
 * The intent stage: what kind of question this is, decided from the phrasings in `knowledge/intents.yml`, the
 * comparisons in `knowledge/comparisons.yml` and the evidence. Pure.
 */

export interface IntentDecision {
  intent: Intent;
  /**
   * For compare: the comparison whose options the question names (null for two named things without one); for
   * clarify, the comparison asked bare whose pick depends on the need.
   */
  comparison: Comparison | null;
  /** For compare: the named options, in the order the question names them. */
  options: Entity[];
  /**
   * For compare: the condition the question meets, and the words that show it. For check: a condition under
   * which another option beats the plan's technology (REST for 20,000 readings a second).
   */
  condition: MetCondition | null;
  /** True when the question shows a person taking part (a user, an agent, a screen); see `adviceOf`. */
  attended: boolean;
  /** For check: true when the question puts a plan up for judgement ("any concerns?"), not only describes a need. */
  judged: boolean;
  /**
   * For compare: the question's words that confirm the comparison's default, when no condition is met; for check,
   * those that confirm the default over the plan's special-case choice ("3 apps in one team" against a gateway).
   */
  holds: DefaultHolds | null;
  /** For how-to: the technology and, when the question names one, its task. */
  technology: Entity | null;
  task: { task: Task; owner: Entity } | null;
  /**
   * For recommend: a comparison condition the question meets against the usual lead ("3,000 a second"); for
   * check: one under which the plan's technology is the better pick.
   */
  shift: MetCondition | null;
  /**
   * For recommend: true when the question describes a need at length but no rule names it, so the answer is the
   * closest need's advice given as a guess (low confidence, with the interpretations to pick from).
   */
  guess?: boolean;
}

/** Lowercased words joined by single spaces, padded, so a phrase is found as whole words with `includes`. */
export const normalise = (text: string) => ` ${words(text).map(expandShorthand).join(' ')} `;

/** Rule evidence for a use case or a named technology that keeps an out-of-scope word ("theme") from declining a question. */
const outOfScopeUnless = 2.5;

const tuning = Object.freeze({
  /** A thanks-opening message without a question of at most this many words closes the matter: small talk. */
  closingWords: 16,
  /** A question of at least this many content words that no rule reads is answered with a guess rather than only asked back. */
  describedWords: 10,
  /** A question of at most this many content words, with no task, comparison or warning, is asked back. */
  tooFewWords: 4,
  /** Rule evidence at which a topic the question points at is as telling as a named technology. */
  strongTopic: 1.5,
});

/** Each phrase list compiled once into one pattern of whole-word alternatives (the lists are data, read once). */
const compiled = new WeakMap<readonly string[], RegExp | null>();
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const patternOf = (phrases: readonly string[]) => {
  let pattern = compiled.get(phrases);
  if (pattern === undefined) {
    const alternatives = [...new Set(phrases.map((p) => words(p).join(' ')).filter(Boolean))].sort((a, b) => b.length - a.length);
    // The spaces around a match are looked at, not taken, so matches next to each other are all counted.
    pattern = alternatives.length > 0 ? new RegExp(`(?<= )(?:${alternatives.map(escapeRegExp).join('|')})(?= )`, 'g') : null;
    compiled.set(phrases, pattern);
  }
  return pattern;
};

/** How many times the normalised question holds any of the phrases, as whole words. */
const count = (normalised: string, phrases: readonly string[]) => {
  const pattern = patternOf(phrases);
  return pattern === null ? 0 : (normalised.match(pattern) ?? []).length;
};

/** True when the normalised question holds one of the phrases as whole words. */
const has = (normalised: string, phrases: readonly string[]) => count(normalised, phrases) > 0;

/** True when the normalised question starts with one of the phrases, as whole words. */
const opensWith = (normalised: string, phrases: readonly string[]) => phrases.some((p) => normalised.startsWith(` ${words(p).join(' ')} `));

/** Small talk: nothing but greeting, thanks and agreement words, or nothing but punctuation and emoji. */
export function isChitchat(text: string, intents: IntentPhrases | null): boolean {
  const typed = words(text);
  if (typed.length === 0) return text.trim().length <= 24;
  const known = new Set(intents?.chitchat ?? []);
  return typed.length <= 12 && typed.every((w) => known.has(w));
}

/**
 * The first condition of a comparison involving `option` under which another option wins, when the question
 * meets it ("3,000 changes a second" makes Kafka win over REST): a recommendation changes with it.
 */
function conditionAgainst(parts: AnswerParts, question: QuestionText, option: { kind: string; id: string }, fired: ReadonlyMap<string, Firing>): MetCondition | null {
  const methodsOf = (ref: { kind: string; id: string }) => {
    const e = parts.entityByKey.get(`${ref.kind}:${ref.id}`);
    return new Set(e ? (e.kind === 'method' ? [e.id] : e.methods) : []);
  };
  const own = methodsOf(option);
  // Only a change of method changes a recommendation (REST to Kafka); OData instead of REST is a detail.
  const changesMethod = (c: ComparisonCondition) => ![...methodsOf(c.pick)].every((m) => own.has(m));
  for (const comparison of parts.corpus.comparisons) {
    if (comparison.default.kind !== option.kind || comparison.default.id !== option.id) continue;
    const met = metCondition(comparison, question, fired, changesMethod);
    if (met) return met;
  }
  return null;
}

/** Something the question names, where, and (for a comparison's own option names) which comparison. */
interface Mention {
  entity: Entity;
  at: number;
  end: number;
  comparison?: string;
}

/** A comparison's default confirmed by the question, and the words that confirm it. */
export interface DefaultHolds {
  when: string;
  quote: string;
}

/** A comparison's condition the question meets, and the question's words that meet it. */
export interface MetCondition {
  comparison: Comparison;
  condition: ComparisonCondition;
  quote: string;
}

/** The first condition of `comparison` whose words the question holds (that `accept` allows), with those words. */
function metCondition(comparison: Comparison, question: QuestionText, fired: ReadonlyMap<string, Firing>, accept: (c: ComparisonCondition) => boolean = () => true): MetCondition | null {
  // The question says why the default holds ("daily refresh is fine"): another option's condition does not beat it.
  if (fired.has(`cmp:${comparison.id}:default`)) return null;
  for (const [i, condition] of comparison.otherWins.entries()) {
    const firing = fired.get(`cmp:${comparison.id}:when:${i}`);
    if (firing && accept(condition)) return { comparison, condition, quote: question.quote(firing.at, firing.end) };
  }
  return null;
}

/** The words of the question that confirm a comparison's default ("daily refresh is fine" keeps the nightly export). */
function defaultHolds(comparison: Comparison, question: QuestionText, fired: ReadonlyMap<string, Firing>): DefaultHolds | null {
  const firing = fired.get(`cmp:${comparison.id}:default`);
  return firing && comparison.defaultWhen ? { when: comparison.defaultWhen.when, quote: question.quote(firing.at, firing.end) } : null;
}

/**
 * The phrase firings of the question with the words that name the options left out: "a nightly file or an
 * API" names an option, it does not say that the partner wants a nightly load ("every night" would).
 */
function firingsOutside(parts: AnswerParts, question: QuestionText, options: readonly Mention[]): Map<string, Firing> {
  const masked = question.terms.map((t, i) => (options.some((m) => i >= m.at && i < m.end) ? '' : t));
  return new Map(parts.phrases.match(masked, masked).map((f) => [f.rule.id, f]));
}

/** What the question names, and where: entities by their names, comparison options by the comparison's own names. */
function mentionsOf(parts: AnswerParts, evidence: EvidenceMap, fired: ReadonlyMap<string, Firing>): Mention[] {
  const mentions: Mention[] = [];
  for (const [key, e] of evidence.byKey) {
    if (e.namedAt === Infinity) continue;
    const entity = parts.entityByKey.get(key)!;
    if (entity.kind === 'useCase') continue;
    mentions.push({ entity, at: e.namedAt, end: e.namedEnd });
  }
  for (const [id, firing] of fired) {
    const match = /^cmp:([^:]+):name:(.+)$/.exec(id);
    const entity = match && parts.entityByKey.get(match[2]);
    if (entity) mentions.push({ entity, at: firing.at, end: firing.end, comparison: match![1] });
  }
  return mentions;
}

/** Among things named at the same place, the more specific wins: a technology over the method it belongs to. */
const specificity: Record<string, number> = { technology: 0, warning: 1, topic: 2, method: 3, useCase: 4 };

/**
 * The options of an "X or Y" question: the things named nearest before a joining word and nearest after it
 * ("events or a nightly batch to sync products" -> events, batch; not "sync"). Each side is a group, since one
 * phrase can name a technology and its method at once ("kafka"); a written comparison holding one of each
 * side wins, else the most specific of each side.
 */
function optionsAround(question: QuestionText, mentions: readonly Mention[], joiners: readonly string[]): { left: Mention[]; right: Mention[] } | null {
  if (mentions.length < 2) return null;
  const bySpecificity = (a: Mention, b: Mention) => specificity[a.entity.kind] - specificity[b.entity.kind] || b.end - b.at - (a.end - a.at);
  const joinerWords = joiners.map((j) => words(j)).filter((w) => w.length > 0);
  for (let p = 0; p < question.words.length; p++) {
    const joiner = joinerWords.find((w) => w.every((word, k) => question.words[p + k] === word));
    if (!joiner) continue;
    const before = mentions.filter((m) => m.end <= p);
    const after = mentions.filter((m) => m.at >= p + joiner.length);
    if (before.length === 0 || after.length === 0) continue;
    const lastEnd = Math.max(...before.map((m) => m.end));
    const firstAt = Math.min(...after.map((m) => m.at));
    // The side's group: everything named in the span that ends (or starts) nearest the joining word.
    const left = before.filter((m) => m.end >= lastEnd - 1).sort(bySpecificity);
    const right = after.filter((m) => m.at <= firstAt + 1).sort(bySpecificity);
    return { left, right };
  }
  return null;
}

/** A comparison condition the question meets under which `option` is the better pick (a plan that names OData for Tableau). */
function conditionFor(parts: AnswerParts, question: QuestionText, option: Entity, fired: ReadonlyMap<string, Firing>): MetCondition | null {
  const picksOption = (c: ComparisonCondition) => c.pick.kind === option.kind && c.pick.id === option.id;
  for (const comparison of parts.corpus.comparisons) {
    const met = metCondition(comparison, question, fired, picksOption);
    if (met) return met;
  }
  return null;
}

/**
 * A comparison in which `option` wins only under conditions: the one whose default the need's matrix row
 * prefers, else the first. Null when the option is nobody's special case.
 */
function defaultOver(parts: AnswerParts, option: Entity, ranking: Ranking, evidence: EvidenceMap, attended: boolean, fired: ReadonlyMap<string, Firing>): Comparison | null {
  const row = ranking.useCases[0] && parts.corpus.matrix ? parts.corpus.matrix.cells[ranking.useCases[0].entity.id] ?? {} : {};
  const leads = ranking.useCases[0] ? adviceOf(ranking.useCases[0].entity, attended).lead : [];
  // Only a default the need leads with, or the question points at, can replace the plan's choice: a REST pull
  // of orders is not weighed against a deep link into a screen nobody mentioned.
  // A question that says why the default holds ("3 apps in one team") makes the comparison relevant too.
  const relevant = (c: Comparison) =>
    leads.some((r) => r.kind === c.default.kind && r.id === c.default.id) ||
    (evidence.byKey.get(`${c.default.kind}:${c.default.id}`)?.ruleScore ?? 0) >= evidenceTuning.listAt ||
    fired.has(`cmp:${c.id}:default`);
  const candidates = parts.corpus.comparisons.filter(
    (c) => !(c.default.kind === option.kind && c.default.id === option.id) && c.otherWins.some((w) => w.pick.kind === option.kind && w.pick.id === option.id) && c.default.kind !== 'warning' && relevant(c),
  );
  const preferredDefault = candidates.find((c) => {
    const d = parts.entityByKey.get(`${c.default.kind}:${c.default.id}`);
    return (d?.kind === 'method' ? [d.id] : d?.methods ?? []).some((m) => row[m] === 'preferred');
  });
  return preferredDefault ?? candidates[0] ?? null;
}

/** True when the phrase firings name two options of one written comparison ("sync or async", "copy or live"). */
export function namesTwoOptions(phraseFirings: readonly Firing[]): boolean {
  // Per comparison, the spans that name each option; two options count only when named by separate words ("task
  // queue" names the Task Queue, not also the "queue" of another option).
  const options = new Map<string, Map<string, Firing[]>>();
  for (const f of phraseFirings) {
    const m = /^cmp:([^:]+):name:(.+)$/.exec(f.rule.id);
    if (!m) continue;
    const byOption = options.get(m[1]) ?? new Map<string, Firing[]>();
    byOption.set(m[2], [...(byOption.get(m[2]) ?? []), f]);
    options.set(m[1], byOption);
  }
  const overlap = (a: Firing, b: Firing) => a.at < b.end && b.at < a.end;
  return [...options.values()].some((byOption) => {
    const spans = [...byOption.values()];
    return spans.some((a, i) => spans.some((b, j) => j > i && a.some((x) => b.some((y) => !overlap(x, y)))));
  });
}

/** Decides the intent of a question from what the earlier stages found (`chitchat`: the question is small talk, decided first). */
export function decideIntent(parts: AnswerParts, question: QuestionText, evidence: EvidenceMap, ranking: Ranking, phraseFirings: Firing[], chitchat: boolean): IntentDecision {
  const phrases = parts.corpus.intents;
  const decision: IntentDecision = { intent: 'recommend', comparison: null, options: [], condition: null, holds: null, judged: false, attended: true, technology: null, task: null, shift: null };
  if (chitchat) return { ...decision, intent: 'chitchat' };
  const text = normalise(question.text);
  // How much the question says: its words other than the small ones.
  const contentWords = question.terms.filter((t) => !stopwords.has(t)).length;
  // Without a list of people words every question counts as attended: the usual advice applies.
  // "No user involved" holds a people word but says the opposite: the `nobody` phrases win.
  decision.attended = !phrases || ((phrases.people.length === 0 || has(text, phrases.people)) && !has(text, phrases.nobody));
  const named = [...evidence.byKey]
    .filter(([, e]) => e.named)
    .map(([key, e]) => ({ entity: parts.entityByKey.get(key)!, at: e.firstAt, score: e.ruleScore }))
    .filter((n) => n.entity.kind === 'technology' || n.entity.kind === 'method' || n.entity.kind === 'warning' || n.entity.kind === 'topic');
  const fired = new Map(phraseFirings.map((f) => [f.rule.id, f]));
  const strongestUseCase = Math.max(0, ...ranking.useCases.map((u) => u.ruleScore));
  // What makes a question about integration: a need, a named technology, or a warning the plan walks into.
  const warned = Math.max(0, ...ranking.warnings.map((w) => w.ruleScore));
  const integrationEvidence = Math.max(strongestUseCase, warned, ...named.filter((n) => n.entity.kind === 'technology').map((n) => n.score));

  // Small talk that goes on a little ("nice, that helped a lot! will take it to the review"): a thanks opening and
  // nothing about integration.
  if (phrases && integrationEvidence < evidenceTuning.listAt && opensWith(text, phrases.thanks)) return { ...decision, intent: 'chitchat' };
  // A short thanks that closes the matter ("cheers, we'll go the odata route then") asks nothing, whatever it names.
  if (phrases && opensWith(text, phrases.thanks) && !question.text.includes('?') && !has(text, phrases.howTo) && question.words.length <= tuning.closingWords) {
    return { ...decision, intent: 'chitchat' };
  }
  // Out of scope: nothing points at integration, or the question is about a topic the bot does not cover and
  // only weak integration evidence comes with it.
  // An integration word (an API, a sync) with some evidence keeps the question in scope even next to an
  // off-topic word: "on page load we call the maintenance API for each asset" is a service loop, not page styling.
  // Each further off-topic phrase ("nanoflow", "camera permission", "widget") asks for more integration evidence:
  // a native app that needs a widget fixed is not a mobile integration question because it says "native app", and
  // a data grid to "sync" after a popup closes is not data sync.
  const offTopic = phrases ? Math.min(3, count(text, phrases.outOfScope)) : 0;
  const integrationWord = phrases !== null && has(text, phrases.scope) && Math.max(strongestUseCase, warned) >= evidenceTuning.listAt * Math.max(1, offTopic * offTopic);
  // Two options of one written comparison ("Business Events, or a REST call from an after-commit event handler?")
  // make an integration question whatever else it mentions.
  // So do two integration technologies named ("fires SAP OData calls on every page load").
  const namedTechnologies = new Set(named.filter((n) => n.entity.kind === 'technology').map((n) => n.entity.id)).size;
  if (offTopic > 0 && integrationEvidence < outOfScopeUnless * offTopic && !integrationWord && !namesTwoOptions(phraseFirings) && namedTechnologies < 2) return { ...decision, intent: 'out-of-scope' };
  const vague = phrases !== null && has(text, phrases.vague);
  // No rule names a need: a question about integration gets the clarifying question, anything else is declined.
  // Two options of one written comparison named ("copy the data or query it live?") make an integration question.
  if (!ranking.inScope && !namesTwoOptions(phraseFirings)) {
    const integration = vague || (phrases !== null && (has(text, phrases.scope) || count(text, phrases.systems) >= 2));
    // A long description of a need between systems that no rule reads gets a guess (see below), not only a question.
    if (integration && !vague && contentWords >= tuning.describedWords) return { ...decision, guess: true };
    return { ...decision, intent: integration ? 'clarify' : 'out-of-scope' };
  }

  // Compare: the nearest things named on either side of "or" / "vs" are the options; a written comparison
  // holding both answers it, else the two are weighed against the need.
  const mentions = mentionsOf(parts, evidence, fired);
  const sides = optionsAround(question, mentions, phrases?.compare ?? []);
  // Conditions are read outside the words that name the options.
  const conditions = sides ? firingsOutside(parts, question, [...sides.left, ...sides.right]) : fired;
  // A comparison whose pick depends on the need, asked bare ("sync or async??"): ask what the need is.
  const bare = (c: Comparison, condition: MetCondition | null, holds: DefaultHolds | null) => c.dependsOnNeed === true && !condition && !holds && strongestUseCase < evidenceTuning.listAt;
  if (sides) {
    const refOf = (m: Mention) => `${m.entity.kind}:${m.entity.id}`;
    // Words a comparison lists as a name of its option name it for that comparison only: "straight from mendix"
    // is REST against a gateway, not REST against a nightly file.
    const holds = (c: Comparison, m: Mention) => (m.comparison === undefined ? c.options.some((o) => `${o.kind}:${o.id}` === refOf(m)) : m.comparison === c.id);
    // Of the comparisons holding one option of each side, one whose condition the question meets is the most
    // telling, then the narrowest (fewest options).
    // Among equals, the options named most specifically (a technology over its method), then in more words: "a
    // central data app with copies" is the central data app, not just "copies".
    const rank = (c: Comparison, left: Mention, right: Mention) =>
      Number(metCondition(c, question, conditions) !== null) * 100 -
      c.options.length -
      0.1 * (specificity[left.entity.kind] + specificity[right.entity.kind]) +
      0.001 * Math.min(50, left.end - left.at + (right.end - right.at));
    let found: { comparison: Comparison; left: Mention; right: Mention; rank: number } | null = null;
    for (const left of sides.left) {
      for (const right of sides.right) {
        if (refOf(left) === refOf(right)) continue;
        for (const comparison of parts.corpus.comparisons) {
          if (!holds(comparison, left) || !holds(comparison, right)) continue;
          const r = rank(comparison, left, right);
          if (!found || r > found.rank) found = { comparison, left, right, rank: r };
        }
      }
    }
    if (found) {
      const condition = metCondition(found.comparison, question, conditions);
      const holds = condition ? null : defaultHolds(found.comparison, question, conditions);
      if (bare(found.comparison, condition, holds)) return { ...decision, intent: 'clarify', comparison: found.comparison };
      return { ...decision, intent: 'compare', comparison: found.comparison, options: [found.left.entity, found.right.entity], condition, holds };
    }
  }
  // No written comparison around the joining word: one whose options the question names anywhere.
  const joined = phrases !== null && has(text, phrases.compare);
  if (joined) {
    const namedAt = (c: Comparison, o: { kind: string; id: string }) => {
      const key = `${o.kind}:${o.id}`;
      const byName = fired.get(`cmp:${c.id}:name:${key}`);
      return Math.min(evidence.byKey.get(key)?.namedAt ?? Infinity, byName ? byName.at : Infinity);
    };
    let best: { comparison: Comparison; present: Entity[] } | null = null;
    for (const comparison of parts.corpus.comparisons) {
      const present = comparison.options
        .map((o) => ({ o, at: namedAt(comparison, o) }))
        .filter((x) => x.at < Infinity)
        .sort((a, b) => a.at - b.at)
        .map((x) => parts.entityByKey.get(`${x.o.kind}:${x.o.id}`)!);
      if (present.length >= 2 && (!best || present.length > best.present.length)) best = { comparison, present };
    }
    if (best) {
      const condition = metCondition(best.comparison, question, conditions);
      const holds = condition ? null : defaultHolds(best.comparison, question, conditions);
      if (bare(best.comparison, condition, holds)) return { ...decision, intent: 'clarify', comparison: best.comparison };
      return { ...decision, intent: 'compare', comparison: best.comparison, options: best.present, condition, holds };
    }
  }
  if (sides) {
    const refOf = (m: Mention) => `${m.entity.kind}:${m.entity.id}`;
    const choice = (m: Mention) => m.entity.kind === 'technology' || m.entity.kind === 'method';
    const [left, right] = [sides.left.find(choice), sides.right.find(choice)];
    if (left && right && refOf(left) !== refOf(right)) return { ...decision, intent: 'compare', options: [left.entity, right.entity] };
  }

  // How-to: a how-to phrasing about one named technology, or a task of a technology.
  const technologies = named.filter((n) => n.entity.kind === 'technology').sort((a, b) => b.score - a.score || a.at - b.at);
  let task: IntentDecision['task'] = null;
  let taskSpan = { at: 0, end: 0 };
  // The longest task phrase is the most telling ("secure a published REST service" over "published REST service").
  const taskFirings = phraseFirings.filter((f) => f.rule.id.startsWith('task:')).sort((a, b) => b.end - b.at - (a.end - a.at) || a.at - b.at);
  for (const firing of taskFirings) {
    const [, ownerId, taskId] = firing.rule.id.split(':');
    const owner = parts.entityByKey.get(`technology:${ownerId}`);
    const found = owner?.guide.tasks.find((t) => t.id === taskId);
    if (!owner || !found) continue;
    // A task of a named technology wins; else the first task whose words the question holds (a task's
    // phrases are specific: "request headers" asks about the HTTP entities even in a "REST microflow").
    const ownerNamed = technologies.some((t) => t.entity.id === ownerId);
    if (ownerNamed) {
      task = { task: found, owner };
      taskSpan = firing;
      break;
    }
    if (!task) {
      task = { task: found, owner };
      taskSpan = firing;
    }
  }
  const howTo = phrases !== null && has(text, phrases.howTo);
  const check = phrases !== null && has(text, phrases.check);
  const warnings = ranking.warnings.filter((w) => w.ruleScore >= evidenceTuning.listAt);
  // A few words that name no task, compare nothing, give no number and walk into no warning ("salesforce
  // integration - ideas?", "what about security for our integrations"): too little to answer well, so the one
  // question that would settle it is asked back. A how-to about a named technology ("how do I expose data via
  // OData?") is answered, and so is a need with a number in it ("three apps need our customer data").
  const givesNumber = question.terms.some((t) => /^\d/.test(t));
  if (contentWords <= tuning.tooFewWords && !task && warnings.length === 0 && !givesNumber && !(howTo && technologies.length > 0)) {
    return { ...decision, intent: 'clarify', technology: technologies.length === 1 ? technologies[0].entity : null };
  }
  // A warning whose remedies include the technology asked about is not walked into: "how do I publish an OData
  // service so Excel can read our table" asks for the remedy of direct database access.
  const walkedInto = warnings.filter((w) => !technologies.some((t) => w.entity.guide.remedies.includes(t.entity.id)));
  if (howTo && !check && walkedInto.length === 0 && (technologies.length > 0 || task)) {
    // The technology the question names first is the one it asks about ("connect to Kafka ... with TLS"), except
    // a carrier named with something riding on it: "route the outgoing REST calls through the corporate proxy"
    // asks about the proxy.
    // A carrier's task that itself names the other technology ("fetch an OAuth client-credentials token") is about
    // that technology; one that does not ("publish a microflow as a REST operation with a JSON response") stays.
    const inOrder = [...technologies].sort((a, b) => Number(a.entity.guide.carrier === true) - Number(b.entity.guide.carrier === true) || a.at - b.at);
    const specific = inOrder[0]?.entity.guide.carrier === true ? undefined : inOrder[0];
    const taskIsAboutSpecific = specific !== undefined && task?.owner.guide.carrier === true && specific.at >= taskSpan.at && specific.at < taskSpan.end;
    const technology = (task && !taskIsAboutSpecific ? task.owner : undefined) ?? inOrder[0].entity;
    return { ...decision, intent: 'how-to', technology, task };
  }

  // Check: a plan to judge, or a question that walks into a warning (the warning leads either way).
  // A plan about a practice (versioning an API) is judged too, by the practice's page.
  const practice = ranking.topics.some((p) => p.ruleScore >= evidenceTuning.listAt);
  if (warnings.length > 0 || (check && (technologies.length > 0 || strongestUseCase >= evidenceTuning.listAt || practice))) {
    const technology = technologies[0]?.entity ?? null;
    const favoured = technology ? conditionFor(parts, question, technology, fired) : null;
    // A plan whose technology loses on a condition the question meets (REST for 20,000 readings a second).
    // A pick the plan already uses ("imports the csv from sftp, the other apps pull over REST") beats nothing.
    const namesPick = (m: MetCondition) => evidence.byKey.get(`${m.condition.pick.kind}:${m.condition.pick.id}`)?.named === true;
    const beatenBy = technology && !favoured ? conditionAgainst(parts, question, technology, fired) : null;
    const beaten = beatenBy && !namesPick(beatenBy) ? beatenBy : null;
    // A plan that picks the option a comparison keeps for special conditions, without meeting any of them
    // (Kafka for 50 orders a day), gets that comparison's default as the answer.
    const against = technology && !favoured && !beatenBy ? defaultOver(parts, technology, ranking, evidence, decision.attended, fired) : null;
    const holds = against ? defaultHolds(against, question, fired) : null;
    return { ...decision, intent: 'check', technology, shift: favoured, condition: beaten, comparison: against, holds, judged: check };
  }

  // Clarify: in scope, but no use case rests on rules and nothing specific is named or implied by a rule.
  // A topic the question's words point at strongly ("a proprietary socket protocol" is the integration-app topic)
  // is as telling as a technology.
  const implied = [...evidence.byKey].some(([key, e]) => (key.startsWith('technology:') && e.ruleScore >= evidenceTuning.listAt) || (key.startsWith('topic:') && e.ruleScore >= tuning.strongTopic));
  // A technology the question's words describe without naming it ("8000/sec" for Kafka): a need, not just a name.
  // Words that name something else ("integrate with SAP" names the SAP connectors) describe nothing more.
  const namedSpans = [...evidence.byKey.values()].filter((e) => e.named);
  const described = [...evidence.byKey].some(
    ([key, e]) => key.startsWith('technology:') && e.ruleScore >= evidenceTuning.listAt && !e.named && !namedSpans.some((n) => e.firstAt >= n.namedAt && e.firstAt < n.namedEnd),
  );
  // A vague question that names only a system or technology and no need ("best way to integrate with SAP?") is
  // asked back too: the need decides the route, not the name.
  if ((vague && strongestUseCase < 1.5 && !implied) || (vague && strongestUseCase < evidenceTuning.listAt && !howTo && !described) || (strongestUseCase < evidenceTuning.listAt && !implied && named.length === 0)) {
    // A long description of a need that no rule reads ("front desk marks a room as checked out; the housekeeping
    // app must then put it on the cleaning list") gets the closest need's advice as a guess, not only a question
    // back: the asker has said a lot already.
    if (!vague && contentWords >= tuning.describedWords) return { ...decision, guess: true };
    return { ...decision, intent: 'clarify' };
  }
  if (howTo && technologies.length > 0 && strongestUseCase < evidenceTuning.listAt) {
    return { ...decision, intent: 'how-to', technology: technologies[0].entity, task };
  }
  // A recommendation: does the question meet a condition under which the use case's usual lead loses?
  // A condition shifts the answer only to something the use case's verdict does not already cover: distribution's
  // verdict names business events, so "three apps" keeps it; it does not name Kafka, so "3,000 a second" shifts.
  const leads = ranking.useCases[0] ? adviceOf(ranking.useCases[0].entity, decision.attended).lead : [];
  const lead = leads.find((r) => r.kind === 'technology');
  const candidate = lead && technologies.length === 0 ? conditionAgainst(parts, question, lead, fired) : null;
  const shift = candidate && !leads.some((r) => r.kind === candidate.condition.pick.kind && r.id === candidate.condition.pick.id) ? candidate : null;
  // A named technology that loses on a condition the question meets ("REST for 20k readings a second") gives
  // way to the condition's pick, whatever the use case usually leads with.
  const namedTechnology = technologies[0]?.entity ?? null;
  const beaten = namedTechnology ? conditionAgainst(parts, question, namedTechnology, fired) : null;
  if (beaten) return { ...decision, technology: null, task, shift: beaten };
  return { ...decision, technology: namedTechnology, task, shift };
}
