import type { Entity, Level } from '../knowledge/types';
import { evidenceTuning, rankedOf, type Evidence, type EvidenceMap } from './evidence';
import type { AnswerParts } from './parts';
import type { RankedMethod, RankedTechnology, Reason } from './types';

/**
 * The rank stage: use cases, the methods of their matrix rows, technologies, warnings and topics, best first,
 * from the evidence. Pure.
 */

export type RankedEntity = Evidence & { entity: Entity };

export interface Ranking {
  /** True when rule evidence makes the question an integration question at all. */
  inScope: boolean;
  /** The strongest rule evidence of any entity: what the old confidence rested on. */
  strongest: number;
  useCases: RankedEntity[];
  methods: RankedMethod[];
  technologies: RankedTechnology[];
  warnings: RankedEntity[];
  topics: RankedEntity[];
}

const tuning = Object.freeze({
  /** What a use case's own usual method weighs when ordering methods of the same level. */
  homeMethod: 0.25,
  /** When the question is in scope but no use case has enough evidence, the best one is still shown if it has this much. */
  fallbackUseCaseAt: 0.3,
  inScopeAt: 0.5,
  /** When two use cases are this close (runner-up/top) and both rest on this much rule evidence, word order decides. */
  twoNeeds: { ratio: 0.8, minRule: 1.5 },
  maxUseCases: 3,
  relatedTechnologies: 2,
});

/** Ranks what the evidence points at. */
export function rank(parts: AnswerParts, evidence: EvidenceMap): Ranking {
  const { entityByKey } = parts;
  const strongest = Math.max(0, ...[...evidence.byKey.values()].map((e) => e.ruleScore));
  const inScope = 1 - Math.exp(-strongest) >= tuning.inScopeAt;

  let useCases = inScope ? rankedOf(evidence, parts, 'useCase').slice(0, tuning.maxUseCases) : [];
  // Two needs in one question: when the runner-up is nearly as strong and both rest on rules, the need the
  // question names first leads (people put the main need first).
  if (useCases.length >= 2) {
    const [a, b] = useCases;
    // The runner-up must rest on words of its own: the same words read two ways are not two needs.
    const aWords = new Set(a.because.map((x) => x.quote));
    const ownWords = b.because.some((x) => x.quote !== '' && !aWords.has(x.quote));
    if (ownWords && b.ruleScore >= tuning.twoNeeds.minRule && a.ruleScore >= tuning.twoNeeds.minRule && b.score >= a.score * tuning.twoNeeds.ratio && b.firstAt < a.firstAt) {
      useCases[0] = b;
      useCases[1] = a;
    }
  }
  if (inScope && useCases.length === 0) {
    // In scope (a technology, topic or warning fired) but no use case stands out: show the closest one, if any.
    const best = [...evidence.byKey]
      .filter(([key, e]) => key.startsWith('useCase:') && e.score >= tuning.fallbackUseCaseAt)
      .sort((a, b) => b[1].score - a[1].score)[0];
    if (best) useCases = [{ entity: entityByKey.get(best[0])!, ...best[1] }];
  }

  const methods = inScope ? rankMethods(parts, evidence, useCases) : [];
  const technologies: RankedTechnology[] = inScope
    ? rankedOf(evidence, parts, 'technology', true).map((t) => ({ id: t.entity.id, title: t.entity.title, reasons: t.reasons }))
    : [];
  if (inScope && useCases.length > 0) {
    let added = 0;
    for (const id of useCases[0].entity.related) {
      if (added >= tuning.relatedTechnologies || technologies.some((t) => t.id === id)) continue;
      const tech = entityByKey.get(`technology:${id}`);
      if (!tech) continue;
      technologies.push({ id, title: tech.title, reasons: [{ kind: 'rule', text: `commonly used for ${useCases[0].entity.title}` }] });
      added++;
    }
  }
  return {
    inScope,
    strongest,
    useCases,
    methods,
    technologies,
    warnings: inScope ? rankedOf(evidence, parts, 'warning', true) : [],
    topics: inScope ? rankedOf(evidence, parts, 'topic', true) : [],
  };
}

/**
 * The methods of the top use case's matrix row: its preferred methods (or its best possible one when it has
 * none), then the preferred methods of a strong second need, then the rest of the top row, then methods the
 * question names. Among equals the one the question points at comes first, then the matrix's column order.
 */
function rankMethods(parts: AnswerParts, evidence: EvidenceMap, useCases: RankedEntity[]): RankedMethod[] {
  const { corpus, entityByKey } = parts;
  const matrix = corpus.matrix;
  const rowOf = (id: string): Record<string, Level> => matrix?.cells[id] ?? {};
  const methods: RankedMethod[] = [];
  const methodTitle = (id: string) => entityByKey.get(`method:${id}`)?.title ?? id;
  const methodScore = (id: string) => evidence.byKey.get(`method:${id}`)?.score ?? 0;
  const columnOrder = (id: string) => {
    const at = matrix?.methods.indexOf(id) ?? -1;
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  const pushMethod = (id: string, level: RankedMethod['level'], reason: Reason) => {
    const existing = methods.find((m) => m.id === id);
    if (existing) {
      if (existing.reasons.length < 4) existing.reasons.push(reason);
      return;
    }
    methods.push({ id, title: methodTitle(id), level, reasons: [reason] });
  };
  // A use case may name its usual methods (front matter `methods`), which decide among equals when the
  // question does not: export/import is "possible" everywhere in the matrix but is batch work first.
  const home = new Set(useCases.flatMap((uc) => uc.entity.methods));
  const methodRank = (id: string) => methodScore(id) + (home.has(id) ? tuning.homeMethod : 0);
  const byPreference = (ids: string[]) => [...ids].sort((a, b) => methodRank(b) - methodRank(a) || columnOrder(a) - columnOrder(b));
  const cellReason = (useCase: Entity, method: string, level: Level): Reason => ({
    kind: 'matrix',
    text: `matrix: ${useCase.title} × ${methodTitle(method)} = ${level}`,
  });
  if (matrix && useCases.length > 0) {
    const [first, ...others] = useCases;
    const row = rowOf(first.entity.id);
    const ofLevel = (r: Record<string, Level>, level: Level) => byPreference(Object.keys(r).filter((m) => r[m] === level));
    const lead = ofLevel(row, 'preferred');
    const possible = ofLevel(row, 'possible');
    for (const id of lead.length > 0 ? lead : possible.slice(0, 1)) pushMethod(id, row[id], cellReason(first.entity, id, row[id]));
    for (const uc of others) {
      if (uc.score < first.score * 0.5) continue;
      for (const id of ofLevel(rowOf(uc.entity.id), 'preferred')) pushMethod(id, 'preferred', cellReason(uc.entity, id, 'preferred'));
    }
    for (const id of possible) pushMethod(id, 'possible', cellReason(first.entity, id, 'possible'));
  }
  for (const m of rankedOf(evidence, parts, 'method', true)) {
    const existing = methods.find((x) => x.id === m.entity.id);
    if (!existing) methods.push({ id: m.entity.id, title: m.entity.title, level: 'mentioned', reasons: m.reasons });
    else existing.reasons.push(...m.reasons.slice(0, 2));
  }
  return methods;
}

export { evidenceTuning };
