import type { Corpus, EntityKind, IntentPhrases } from '../knowledge/types';
import { words } from '../text/tokens';
import type { Firing } from './matcher';
import type { AnswerParts } from './parts';
import type { QuestionText } from './terms';
import type { Reason } from './types';

/**
 * The evidence stage: what in the question points at which entity, and how strongly. Rules (and the names of
 * entities) give the main evidence; the thread's earlier question, related technologies, search and example
 * questions add to it. Pure.
 */

export interface Evidence {
  score: number;
  /** Earliest word position of a rule that pointed here (Infinity when only search did). */
  firstAt: number;
  /** The part of `score` that comes from rules (not from search or examples): what confidence rests on. */
  ruleScore: number;
  /** True when the question names the entity itself (its title or a synonym), not only describes it. */
  named: boolean;
  /** Where the question first names it (word positions, `end` exclusive); Infinity when it is not named. */
  namedAt: number;
  namedEnd: number;
  reasons: Reason[];
  /** The rules' own explanations with the words of the question that made them fire, best first. */
  because: { quote: string; why: string }[];
}

export interface EvidenceMap {
  byKey: Map<string, Evidence>;
  /** Sections that match the question's words, best first. */
  hits: { section: number; score: number }[];
  /** True when the thread's earlier question was read together with this one and pointed at something. */
  usedPrevious: boolean;
}

/** Tuning of the evidence stage. A firing rule usually adds 1. */
export const evidenceTuning = Object.freeze({
  /** Search adds at most this to a use case or technology; it ranks them but never makes a question in scope. */
  searchWeight: 1.5,
  /** Example questions: how many nearest ones vote, and what the nearest one's vote is worth. */
  examples: { neighbours: 5, weight: 1.5 },
  /** A named technology adds this to the use cases it usually serves. */
  relatedWeight: 0.25,
  /** A named technology adds this to its methods: enough to order equally preferred methods, not to list one. */
  methodOfTechnology: 0.5,
  /** Evidence from the thread's earlier question counts this much. */
  previousWeight: 0.5,
  /** A follow-up with at most this many content words borrows the earlier question. */
  shortFollowUp: 6,
  /** An entity needs this much evidence to count as pointed at. */
  listAt: 0.75,
  /**
   * A warning in a question that does not ask for a judgement is stated as sure only when its rule evidence, times
   * this, is at least the strongest need's: one warning phrase in a long description of a need may be a misreading.
   */
  warningOverNeed: 3,
});

/**
 * Collects the evidence for one question, and for a follow-up (`previous` given) the thread's earlier
 * question at a lower weight. `questionFirings`, when the caller matched the question's rules already, are used
 * instead of matching again.
 */
export function gatherEvidence(parts: AnswerParts, question: QuestionText, previous: QuestionText | null, questionFirings?: readonly Firing[]): EvidenceMap {
  const { corpus, matcher, index, entityByKey, sectionEntity } = parts;
  const byKey = new Map<string, Evidence>();
  const add = (kind: EntityKind, id: string, weight: number, reason: Reason, at = Infinity, because?: { quote: string; why: string }) => {
    const key = `${kind}:${id}`;
    if (!entityByKey.has(key)) return;
    const entry = byKey.get(key) ?? { score: 0, ruleScore: 0, firstAt: Infinity, named: false, namedAt: Infinity, namedEnd: Infinity, reasons: [], because: [] };
    if (at < entry.firstAt) entry.firstAt = at;
    entry.score += weight;
    if (reason.kind !== 'search' && reason.kind !== 'example') entry.ruleScore += weight;
    if (entry.reasons.length < 4 && !entry.reasons.some((r) => r.text === reason.text)) entry.reasons.push(reason);
    if (because && entry.because.length < 4 && !entry.because.some((b) => b.why === because.why)) entry.because.push(because);
    byKey.set(key, entry);
  };

  const questionDenied = deniedAt(corpus, question);
  const applyFirings = (text: QuestionText, factor: number, kind: Reason['kind'], known?: readonly Firing[]): number => {
    const firings = known ?? matcher.match(text.terms, text.original);
    const isDenied = text === question ? questionDenied : deniedAt(corpus, text);
    for (const firing of firings) {
      // "They won't build APIs", "don't want to hammer their API": a technology, method or warning named or implied
      // right after a negation is not what the question asks about or walks into.
      const negated = isDenied(firing.at);
      const quote = text.quote(firing.at, firing.end);
      const isName = firing.rule.id.startsWith('name:') || firing.rule.names === true;
      for (const point of firing.rule.points) {
        if (negated && (point.kind === 'technology' || point.kind === 'method' || point.kind === 'warning')) continue;
        const why = firing.rule.why || `matches rule ${firing.rule.id}`;
        add(point.kind, point.id, point.weight * factor, { kind, text: `"${quote}": ${why}` }, kind === 'rule' ? firing.at : Infinity, firing.rule.id.startsWith('name:') ? undefined : { quote, why });
        const entry = byKey.get(`${point.kind}:${point.id}`);
        // A naming rule names only the technologies, methods, warnings and topics it points at, not use cases.
        if (isName && kind === 'rule' && entry && point.kind !== 'useCase') {
          entry.named = true;
          if (firing.at < entry.namedAt) [entry.namedAt, entry.namedEnd] = [firing.at, firing.end];
        }
      }
    }
    return firings.length;
  };
  applyFirings(question, 1, 'rule', questionFirings);
  const usedPrevious = previous !== null && applyFirings(previous, evidenceTuning.previousWeight, 'context') > 0;

  // Technologies count a little towards the use cases they usually serve and the methods they belong to.
  for (const [key, entry] of [...byKey]) {
    const entity = entityByKey.get(key);
    if (!entity || entity.kind !== 'technology' || entry.score < evidenceTuning.listAt) continue;
    for (const related of entity.related) {
      add('useCase', related, evidenceTuning.relatedWeight, { kind: 'rule', text: `${entity.title} usually serves this use case` });
    }
    for (const method of entity.methods) {
      add('method', method, evidenceTuning.methodOfTechnology, { kind: 'rule', text: `the question names ${entity.title}, a technology of this method` });
    }
  }

  const hits = index.search(question.terms, 24);
  const top = hits[0]?.score ?? 0;
  const searchSeen = new Set<string>();
  for (const hit of hits.slice(0, 8)) {
    const key = sectionEntity[hit.section];
    if (!key || searchSeen.has(key) || top === 0) continue;
    searchSeen.add(key);
    const [kind, id] = key.split(':') as [EntityKind, string];
    // Search ranks use cases and technologies; warnings and topics need a rule to speak.
    if (kind !== 'useCase' && kind !== 'technology') continue;
    const section = corpus.sections[hit.section];
    add(kind, id, evidenceTuning.searchWeight * (hit.score / top), { kind: 'search', text: `the section "${section.trail.join(' › ')}" matches the question's words` });
  }

  // Nearest example questions vote for their use cases, in proportion to how close each is to the best one.
  const near = parts.exampleIndex.search(question.terms, evidenceTuning.examples.neighbours);
  const nearest = near[0]?.score ?? 0;
  for (const hit of near) {
    const example = corpus.examples[hit.section];
    add('useCase', example.useCase, (evidenceTuning.examples.weight * hit.score) / nearest, { kind: 'example', text: 'close to example questions of this use case' });
  }
  return { byKey, hits, usedPrevious };
}

/** The entities of one kind with enough evidence, strongest first. */
export function rankedOf(evidence: EvidenceMap, parts: AnswerParts, kind: EntityKind, needsRule = false) {
  return [...evidence.byKey]
    .filter(([key, e]) => key.startsWith(kind + ':') && (needsRule ? e.ruleScore : e.score) >= evidenceTuning.listAt)
    .sort((a, b) => b[1].score - a[1].score || a[0].localeCompare(b[0]))
    .map(([key, e]) => ({ entity: parts.entityByKey.get(key)!, ...e }));
}

/** The negation lists as word sets, built once per corpus (the lists are data, read once). */
const negationWords = new WeakMap<IntentPhrases, { negations: Set<string>; pairs: Set<string> }>();
function negationWordsOf(intents: IntentPhrases) {
  let sets = negationWords.get(intents);
  if (!sets) {
    sets = { negations: new Set(intents.negations.flatMap((n) => words(n))), pairs: new Set(intents.notNegations.map((p) => words(p).join(' '))) };
    negationWords.set(intents, sets);
  }
  return sets;
}

/** How far back a negation reaches: "won't build any APIs" denies the APIs, a negation a sentence earlier does not. */
const negationReach = 3;

/**
 * A test of whether the word at a position is denied by a negation word (from `intents.yml`) at most
 * `negationReach` words before it, in the same sentence part; "why not" and its kind do not deny.
 */
function deniedAt(corpus: Corpus, text: QuestionText): (at: number) => boolean {
  const intents = corpus.intents;
  if (!intents || intents.negations.length === 0) return () => false;
  const { negations, pairs } = negationWordsOf(intents);
  const w = text.words;
  // A negation reaches no further than its part of the sentence: "won't build APIs, CSV is the max" denies the
  // APIs, not the CSV. Parts end at punctuation followed by a space (so "3,000" and "1.5k" stay whole).
  const part: number[] = [];
  text.text.split(/[,.;:!?()—–]+(?:\s+|$)|\s[-–—]\s/).forEach((piece, i) => {
    for (let n = words(piece).length; n > 0; n--) part.push(i);
  });
  const samePart = part.length === w.length ? (a: number, b: number) => part[a] === part[b] : () => true;
  return (at) => {
    for (let k = Math.max(0, at - negationReach); k < at; k++) {
      if (!negations.has(w[k]) || !samePart(k, at)) continue;
      const before = k > 0 ? `${w[k - 1]} ${w[k]}` : '';
      const after = `${w[k]} ${w[k + 1] ?? ''}`;
      if (!pairs.has(before) && !pairs.has(after)) return true;
    }
    return false;
  };
}
