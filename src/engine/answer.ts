import type { Corpus, Entity, EntityKind, Level, Page, SourceLink } from '../knowledge/types';
import { stem, stopwords, terms, words } from '../text/tokens';
import { cleanQuestion } from './clean';
import type { Matcher } from './matcher';
import type { SearchIndex } from './search';
import type { Speller } from './spell';
import type { Answer, AskContext, RankedMethod, Reason } from './types';

/** Everything `answer` needs, built once per corpus by `createEngine`. */
export interface AnswerParts {
  corpus: Corpus;
  matcher: Matcher;
  index: SearchIndex;
  /** The example questions of `corpus.examples`, indexed the same way as sections. */
  exampleIndex: SearchIndex;
  speller: Speller;
  entityByKey: Map<string, Entity>;
  /** Section index -> entity key of its page (when the page defines one). */
  sectionEntity: (string | undefined)[];
  pageById: Map<string, Page>;
  maxQuestionChars: number;
}

/** Tuning, in one place. Evidence is summed per entity; a firing rule usually adds 1. */
const tuning = Object.freeze({
  /** An entity needs this much evidence to be listed. */
  listAt: 0.75,
  /** Search adds at most this to a use case or technology; it ranks them but never makes a question in scope. */
  searchWeight: 1.5,
  /** What a use case's own usual method weighs when ordering methods of the same level. */
  homeMethod: 0.25,
  /** Example questions: how many nearest ones vote, and what the nearest one's vote is worth. */
  examples: { neighbours: 5, weight: 1.5 },
  /** A named technology adds this to the use cases it usually serves. */
  relatedWeight: 0.25,
  /** A named technology adds this to its methods: enough to order equally preferred methods, not to list one. */
  methodOfTechnology: 0.5,
  /** When the question is in scope but no use case has enough evidence, the best one is still shown if it has this much. */
  fallbackUseCaseAt: 0.3,
  /** Evidence from the thread's earlier question counts this much. */
  previousWeight: 0.5,
  /** A follow-up with at most this many content words borrows the earlier question. */
  shortFollowUp: 6,
  /** Confidence = 1 - exp(-evidence / scale): one rule gives about 0.63, two about 0.86. */
  confidenceScale: 1,
  inScopeAt: 0.5,
  /** When two use cases are this close (runner-up/top) and both rest on this much rule evidence, word order decides. */
  twoNeeds: { ratio: 0.8, minRule: 1.5 },
  maxUseCases: 3,
  maxSources: 6,
  relatedTechnologies: 2,
  /** Share of the question's words a section must hold to be offered as a source without any rule firing. */
  coverageForSources: 0.5,
  coverageWithoutRules: 0.2,
});

interface Evidence {
  score: number;
  /** Earliest word position of a rule that pointed here (Infinity when only search did). */
  firstAt: number;
  /** The part of `score` that comes from rules (not from search): what confidence, warnings and topics rest on. */
  ruleScore: number;
  reasons: Reason[];
}

const methodOrder = ['ui', 'rpc', 'events', 'batch', 'central', 'gateways'];
/** At most this many unknown words of a question are looked up for typos, and none longer than this. */
const maxCorrections = 24;
const maxTypoLength = 20;

/** Question text -> corrected, stemmed terms. */
export function questionTerms(text: string, speller: Speller): { terms: string[]; original: string[]; corrections: string[] } {
  const corrections: string[] = [];
  const out: string[] = [];
  const original: string[] = [];
  // Unknown words cost a lookup each; a message of random letters must not cost hundreds of them.
  let lookups = 0;
  for (const word of words(text)) {
    const unknown = !stopwords.has(word) && !speller.has(word) && word.length >= 4 && word.length <= maxTypoLength;
    const fixed = unknown && lookups++ < maxCorrections ? speller.correct(word) : word;
    if (fixed !== word) corrections.push(`${word} → ${fixed}`);
    out.push(stem(fixed));
    original.push(stem(word));
  }
  return { terms: out, original, corrections };
}

/**
 * Answers one question: the rule matcher gives the main evidence, the search index adds ranking and sources,
 * and the matrix turns the top use cases into methods. Pure and synchronous.
 */
export function answerQuestion(parts: AnswerParts, question: string, context: AskContext = {}): Answer {
  const { corpus, matcher, index, speller, entityByKey, sectionEntity } = parts;
  const cleaned = cleanQuestion(question, parts.maxQuestionChars);
  const notes: string[] = [];
  if (cleaned.truncated) notes.push(`Only the first ${parts.maxQuestionChars.toLocaleString('en-US')} characters of the question were read.`);
  const { terms: qTerms, original, corrections } = questionTerms(cleaned.text, speller);

  const evidence = new Map<string, Evidence>();
  const add = (kind: EntityKind, id: string, weight: number, reason: Reason, at = Infinity) => {
    const key = `${kind}:${id}`;
    if (!entityByKey.has(key)) return;
    const entry = evidence.get(key) ?? { score: 0, ruleScore: 0, firstAt: Infinity, reasons: [] };
    if (at < entry.firstAt) entry.firstAt = at;
    entry.score += weight;
    if (reason.kind !== 'search' && reason.kind !== 'example') entry.ruleScore += weight;
    if (entry.reasons.length < 4 && !entry.reasons.some((r) => r.text === reason.text)) entry.reasons.push(reason);
    evidence.set(key, entry);
  };

  const applyFirings = (termsToMatch: string[], asTyped: string[], factor: number, kind: Reason['kind']) => {
    for (const firing of matcher.match(termsToMatch, asTyped)) {
      for (const point of firing.rule.points) {
        const why = firing.rule.why || `matches rule ${firing.rule.id}`;
        add(point.kind, point.id, point.weight * factor, { kind, text: `"${firing.matched}": ${why}` }, kind === 'rule' ? firing.at : Infinity);
      }
    }
  };
  applyFirings(qTerms, original, 1, 'rule');

  const contentCount = qTerms.filter((t) => !stopwords.has(t)).length;
  if (context.previous && contentCount <= tuning.shortFollowUp) {
    const previous = questionTerms(cleanQuestion(context.previous, parts.maxQuestionChars).text, speller);
    applyFirings(previous.terms, previous.original, tuning.previousWeight, 'context');
  }

  // Technologies count a little towards the use cases they usually serve and the methods they belong to.
  for (const [key, entry] of [...evidence]) {
    const entity = entityByKey.get(key);
    if (!entity || entity.kind !== 'technology' || entry.score < tuning.listAt) continue;
    for (const related of entity.related) {
      add('useCase', related, tuning.relatedWeight, { kind: 'rule', text: `${entity.title} usually serves this use case` });
    }
    for (const method of entity.methods) {
      add('method', method, tuning.methodOfTechnology, { kind: 'rule', text: `the question names ${entity.title}, a technology of this method` });
    }
  }

  const hits = index.search(qTerms, 24);
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
    add(kind, id, tuning.searchWeight * (hit.score / top), { kind: 'search', text: `the section "${section.trail.join(' › ')}" matches the question's words` });
  }

  // Nearest example questions vote for their use cases, in proportion to how close each is to the best one.
  const near = parts.exampleIndex.search(qTerms, tuning.examples.neighbours);
  const nearest = near[0]?.score ?? 0;
  for (const hit of near) {
    const example = corpus.examples[hit.section];
    const quoted = example.text.length > 90 ? `${example.text.slice(0, 89)}…` : example.text;
    add('useCase', example.useCase, (tuning.examples.weight * hit.score) / nearest, { kind: 'example', text: `close to the example "${quoted}"` });
  }

  const ranked = (kind: EntityKind, needsRule = false) =>
    [...evidence]
      .filter(([key, e]) => key.startsWith(kind + ':') && (needsRule ? e.ruleScore : e.score) >= tuning.listAt)
      .sort((a, b) => b[1].score - a[1].score || a[0].localeCompare(b[0]))
      .map(([key, e]) => ({ entity: entityByKey.get(key)!, ...e }));

  const strongest = Math.max(0, ...[...evidence.values()].map((e) => e.ruleScore));
  const confidence = round(1 - Math.exp(-strongest / tuning.confidenceScale));
  const inScope = confidence >= tuning.inScopeAt;

  let useCases = inScope ? ranked('useCase').slice(0, tuning.maxUseCases) : [];
  // Two needs in one question: when the runner-up is nearly as strong and both rest on rules, the need the
  // question names first leads (people put the main need first).
  if (useCases.length >= 2) {
    const [a, b] = useCases;
    if (b.ruleScore >= tuning.twoNeeds.minRule && a.ruleScore >= tuning.twoNeeds.minRule && b.score >= a.score * tuning.twoNeeds.ratio && b.firstAt < a.firstAt) {
      useCases[0] = b;
      useCases[1] = a;
    }
  }
  if (inScope && useCases.length === 0) {
    // In scope (a technology, topic or warning fired) but no use case stands out: show the closest one, if any.
    const best = [...evidence]
      .filter(([key, e]) => key.startsWith('useCase:') && e.score >= tuning.fallbackUseCaseAt)
      .sort((a, b) => b[1].score - a[1].score)[0];
    if (best) useCases = [{ entity: entityByKey.get(best[0])!, ...best[1] }];
  }
  const matrix = corpus.matrix;
  const rowOf = (id: string): Record<string, Level> => matrix?.cells[id] ?? {};

  const methodEvidence = ranked('method', true);
  const methodScore = (id: string) => evidence.get(`method:${id}`)?.score ?? 0;
  const methods: RankedMethod[] = [];
  const methodTitle = (id: string) => entityByKey.get(`method:${id}`)?.title ?? id;
  const pushMethod = (id: string, level: RankedMethod['level'], reason: Reason) => {
    const existing = methods.find((m) => m.id === id);
    if (existing) {
      if (existing.reasons.length < 4) existing.reasons.push(reason);
      return;
    }
    methods.push({ id, title: methodTitle(id), level, reasons: [reason] });
  };
  // Among methods of the same level, the one the question points at comes first; then the matrix's column order.
  // A use case may name its usual methods (front matter `methods`), which decide among equals when the
  // question does not: export/import is "possible" everywhere in the matrix but is batch work first.
  const home = new Set(useCases.flatMap((uc) => uc.entity.methods));
  const methodRank = (id: string) => methodScore(id) + (home.has(id) ? tuning.homeMethod : 0);
  const byPreference = (ids: string[]) =>
    [...ids].sort((a, b) => methodRank(b) - methodRank(a) || methodOrder.indexOf(a) - methodOrder.indexOf(b));
  const cellReason = (useCase: Entity, method: string, level: Level): Reason => ({
    kind: 'matrix',
    text: `matrix: ${useCase.title} × ${methodTitle(method)} = ${level}`,
  });
  if (inScope && matrix && useCases.length > 0) {
    // The top use case's row leads: its preferred methods, or its best possible one when it has none; then
    // the preferred methods of a strong second need; then the rest of the top row.
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
  if (inScope) {
    for (const m of methodEvidence) {
      if (!methods.some((x) => x.id === m.entity.id)) methods.push({ id: m.entity.id, title: m.entity.title, level: 'mentioned', reasons: m.reasons });
      else methods.find((x) => x.id === m.entity.id)!.reasons.push(...m.reasons.slice(0, 2));
    }
  }

  const technologies = inScope ? ranked('technology', true).map((t) => ({ id: t.entity.id, title: t.entity.title, reasons: t.reasons })) : [];
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
  const warnings = inScope ? ranked('warning', true).map((w) => ({ id: w.entity.id, title: w.entity.title, text: w.entity.summary })) : [];
  const topics = inScope ? ranked('topic', true).map((t) => ({ id: t.entity.id, title: t.entity.title })) : [];

  // Sources, best first: what backs the top use case and the matrix, then the named technologies and
  // warnings, then the best-matching sections.
  const sources: SourceLink[] = [];
  const seen = new Set<string>();
  const addSource = (link: SourceLink | undefined) => {
    if (!link || seen.has(link.url) || sources.length >= tuning.maxSources) return;
    seen.add(link.url);
    sources.push(link);
  };
  if (inScope) {
    if (useCases[0]) addSource(useCases[0].entity.sources[0]);
    if (useCases.length > 0 && matrix) addSource(matrix.source);
    for (const w of warnings) addSource(entityByKey.get(`warning:${w.id}`)?.sources[0]);
    for (const t of technologies.slice(0, 3)) addSource(entityByKey.get(`technology:${t.id}`)?.sources[0]);
    for (const uc of useCases.slice(1)) addSource(uc.entity.sources[0]);
    for (const t of topics) addSource(entityByKey.get(`topic:${t.id}`)?.sources[0]);
  }
  // Without rules (a plain documentation tree) search is all there is, so a looser match still earns links.
  const needed = corpus.rules.length === 0 ? tuning.coverageWithoutRules : tuning.coverageForSources;
  const covered = hits.length > 0 && coverage(qTerms, corpus.sections[hits[0].section]) >= needed;
  if (inScope || covered) {
    const pagesSeen = new Set<string>();
    for (const hit of hits) {
      const section = corpus.sections[hit.section];
      if (hit.score < top * 0.35 || pagesSeen.has(section.pageId)) continue;
      pagesSeen.add(section.pageId);
      const page = parts.pageById.get(section.pageId);
      const key = sectionEntity[hit.section];
      const entity = key ? entityByKey.get(key) : undefined;
      if (entity) addSource(entity.sources[0]);
      else if (page && page.sources.length > 0) addSource(page.sources[0]);
      else addSource({ title: section.depth > 1 ? `${section.trail[0]}: ${section.title}` : section.title, url: section.url });
    }
  }

  if (!inScope && corpus.rules.length === 0 && corpus.entities.length === 0) {
    // A documentation tree without rules: there is nothing to recommend, only pages to point at.
    notes.push(sources.length > 0 ? 'The pages below match the question best.' : 'No page of this documentation matches the question.');
  } else if (!inScope) {
    notes.push(
      covered
        ? 'This does not look like an integration-architecture question, so there is no recommendation; the pages below match its words.'
        : 'This does not look like a Mendix integration question, so I have no recommendation. Ask about how apps or systems should exchange data (for example "how should three apps get the customer master data?"), or try `/integration help`.',
    );
  }
  if (corrections.length > 0 && inScope) notes.push(`Read as: ${corrections.slice(0, 5).join(', ')}.`);

  return {
    query: cleaned.text,
    intent: inScope ? 'recommend' : 'out-of-scope',
    headline: notes[0] ?? (useCases[0] ? `${useCases[0].entity.title}: ${methods[0]?.title ?? ''}` : ''),
    recommendation: inScope && methods[0] ? [{ kind: 'method', id: methods[0].id, title: methods[0].title }] : [],
    reasons: [],
    caveats: warnings.map((w) => ({ text: `${w.title}: ${w.text}` })),
    steps: [],
    clarify: null,
    matrixRow: null,
    readWith: null,
    confidence,
    useCases: useCases.map((uc) => ({
      id: uc.entity.id,
      title: uc.entity.title,
      score: round(uc.score),
      methods: rowOf(uc.entity.id),
      reasons: uc.reasons,
    })),
    methods,
    technologies,
    warnings,
    topics,
    sources,
    notes,
  };
}

/** Share of the question's content words found in a section (title and text). */
function coverage(qTerms: string[], section: { title: string; text: string; trail: string[] }): number {
  const wanted = [...new Set(qTerms.filter((t) => !stopwords.has(t)))];
  if (wanted.length === 0) return 0;
  const have = new Set(terms(`${section.trail.join(' ')} ${section.text.slice(0, 20_000)}`));
  return wanted.filter((t) => have.has(t)).length / wanted.length;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
