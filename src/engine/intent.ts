import type { Comparison, ComparisonCondition, Entity, IntentPhrases, Task } from '../knowledge/types';
import { words } from '../text/tokens';
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
  /** For compare: the comparison whose options the question names (null for two named things without one). */
  comparison: Comparison | null;
  /** For compare: the named options, in the order the question names them. */
  options: Entity[];
  /** For compare: the condition the question meets, and the words that show it. */
  condition: { condition: ComparisonCondition; quote: string } | null;
  /** For how-to: the technology and, when the question names one, its task. */
  technology: Entity | null;
  task: { task: Task; owner: Entity } | null;
  /** True when the question asks for options without saying the need. */
  vague: boolean;
  /** For recommend: a comparison condition the question meets against the usual lead ("3,000 a second"). */
  shift: { comparison: Comparison; condition: ComparisonCondition; quote: string } | null;
}

/** Lowercased words joined by single spaces, padded, so a phrase is found as whole words with `includes`. */
export const normalise = (text: string) => ` ${words(text).join(' ')} `;

const has = (normalised: string, phrases: readonly string[]) => phrases.some((p) => normalised.includes(` ${words(p).join(' ')} `));

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
export function conditionAgainst(parts: AnswerParts, question: QuestionText, option: { kind: string; id: string }, phraseFirings: Firing[]): { comparison: Comparison; condition: ComparisonCondition; quote: string } | null {
  const fired = new Map(phraseFirings.map((f) => [f.rule.id, f]));
  const methodsOf = (ref: { kind: string; id: string }) => {
    const e = parts.entityByKey.get(`${ref.kind}:${ref.id}`);
    return new Set(e ? (e.kind === 'method' ? [e.id] : e.methods) : []);
  };
  const own = methodsOf(option);
  for (const comparison of parts.corpus.comparisons) {
    if (comparison.default.kind !== option.kind || comparison.default.id !== option.id) continue;
    for (const [i, condition] of comparison.otherWins.entries()) {
      // Only a change of method changes a recommendation (REST to Kafka); OData instead of REST is a detail.
      if ([...methodsOf(condition.pick)].every((m) => own.has(m))) continue;
      const firing = fired.get(`cmp:${comparison.id}:when:${i}`);
      if (firing) return { comparison, condition, quote: question.quote(firing.at, firing.end) };
    }
  }
  return null;
}

/** Decides the intent of a question from what the earlier stages found. */
export function decideIntent(parts: AnswerParts, question: QuestionText, evidence: EvidenceMap, ranking: Ranking, phraseFirings: Firing[]): IntentDecision {
  const phrases = parts.corpus.intents;
  const decision: IntentDecision = { intent: 'recommend', comparison: null, options: [], condition: null, technology: null, task: null, vague: false, shift: null };
  if (isChitchat(question.text, phrases)) return { ...decision, intent: 'chitchat' };
  const text = normalise(question.text);
  const named = [...evidence.byKey]
    .filter(([, e]) => e.named)
    .map(([key, e]) => ({ entity: parts.entityByKey.get(key)!, at: e.firstAt, score: e.ruleScore }))
    .filter((n) => n.entity.kind === 'technology' || n.entity.kind === 'method' || n.entity.kind === 'warning' || n.entity.kind === 'topic');
  const fired = new Map(phraseFirings.map((f) => [f.rule.id, f]));
  const strongestUseCase = Math.max(0, ...ranking.useCases.map((u) => u.ruleScore));
  const integrationEvidence = Math.max(strongestUseCase, ...named.map((n) => n.score));

  // Out of scope: nothing points at integration, or the question is about a topic the bot does not cover and
  // only weak integration evidence comes with it.
  if (phrases && has(text, phrases.outOfScope) && integrationEvidence < 1.5) return { ...decision, intent: 'out-of-scope' };
  const vague = phrases !== null && has(text, phrases.vague);
  if (!ranking.inScope) return { ...decision, intent: vague ? 'clarify' : 'out-of-scope', vague };

  // Compare: a comparison whose options the question names (by entity name or the comparison's own names).
  const namedKeys = new Map(named.map((n) => [`${n.entity.kind}:${n.entity.id}`, n.at]));
  const optionAt = (c: Comparison, ref: { kind: string; id: string }) => {
    const key = `${ref.kind}:${ref.id}`;
    const byName = fired.get(`cmp:${c.id}:name:${key}`);
    const at = Math.min(namedKeys.get(key) ?? Infinity, byName ? byName.at : Infinity);
    return at;
  };
  const joined = phrases !== null && has(text, phrases.compare);
  let best: { comparison: Comparison; present: number; at: number[] } | null = null;
  for (const comparison of parts.corpus.comparisons) {
    const at = comparison.options.map((o) => optionAt(comparison, o));
    const present = at.filter((a) => a < Infinity).length;
    if (present >= 2 && (!best || present > best.present)) best = { comparison, present, at };
  }
  if (best && joined) {
    const { comparison } = best;
    const options = comparison.options
      .map((o, i) => ({ entity: parts.entityByKey.get(`${o.kind}:${o.id}`)!, at: best!.at[i] }))
      .filter((o) => o.at < Infinity)
      .sort((a, b) => a.at - b.at)
      .map((o) => o.entity);
    let condition: IntentDecision['condition'] = null;
    comparison.otherWins.forEach((c, i) => {
      const firing = fired.get(`cmp:${comparison.id}:when:${i}`);
      if (firing && !condition) condition = { condition: c, quote: question.quote(firing.at, firing.end) };
    });
    return { ...decision, intent: 'compare', comparison, options, condition };
  }
  const namedChoices = named.filter((n) => n.entity.kind === 'technology' || n.entity.kind === 'method').sort((a, b) => a.at - b.at);
  if (joined && namedChoices.length >= 2 && has(text, ['or', 'vs', 'versus', 'rather than', 'instead of', 'compared to', 'compared with'])) {
    return { ...decision, intent: 'compare', options: namedChoices.map((n) => n.entity) };
  }

  // How-to: a how-to phrasing about one named technology, or a task of a technology.
  const technologies = named.filter((n) => n.entity.kind === 'technology').sort((a, b) => b.score - a.score || a.at - b.at);
  let task: IntentDecision['task'] = null;
  for (const firing of phraseFirings) {
    if (!firing.rule.id.startsWith('task:')) continue;
    const [, ownerId, taskId] = firing.rule.id.split(':');
    const owner = parts.entityByKey.get(`technology:${ownerId}`);
    const found = owner?.guide.tasks.find((t) => t.id === taskId);
    if (!owner || !found) continue;
    // A task counts when its technology is named too, or when the task's words are all the question needs.
    const ownerNamed = technologies.some((t) => t.entity.id === ownerId);
    if (ownerNamed || (technologies.length === 0 && !task)) {
      if (!task || ownerNamed) task = { task: found, owner };
      if (ownerNamed) break;
    }
  }
  const howTo = phrases !== null && has(text, phrases.howTo);
  const check = phrases !== null && has(text, phrases.check);
  const warnings = ranking.warnings.filter((w) => w.ruleScore >= evidenceTuning.listAt);
  if (howTo && !check && warnings.length === 0 && (technologies.length > 0 || task)) {
    const technology = task?.owner ?? technologies[0].entity;
    return { ...decision, intent: 'how-to', technology, task };
  }

  // Check: a plan to judge, or a question that walks into a warning (the warning leads either way).
  if (warnings.length > 0 || (check && (technologies.length > 0 || strongestUseCase >= evidenceTuning.listAt))) {
    return { ...decision, intent: 'check', technology: technologies[0]?.entity ?? null };
  }

  // Clarify: in scope, but no use case rests on rules and nothing specific is named.
  if ((vague && strongestUseCase < 1.5 && technologies.length === 0) || (strongestUseCase < evidenceTuning.listAt && technologies.length === 0 && named.length === 0)) {
    return { ...decision, intent: 'clarify', vague };
  }
  if (howTo && technologies.length > 0 && strongestUseCase < evidenceTuning.listAt) {
    return { ...decision, intent: 'how-to', technology: technologies[0].entity, task };
  }
  // A recommendation: does the question meet a condition under which the use case's usual lead loses?
  const lead = ranking.useCases[0]?.entity.guide.lead.find((r) => r.kind === 'technology');
  const shift = lead && technologies.length === 0 ? conditionAgainst(parts, question, lead, phraseFirings) : null;
  return { ...decision, technology: technologies[0]?.entity ?? null, task, shift };
}
