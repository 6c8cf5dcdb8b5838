import type { Corpus, Entity, Rule } from '../knowledge/types';
import { answerQuestion, type AnswerParts } from './answer';
import { cleanQuestion } from './clean';
import { createMatcher, nameRules } from './matcher';
import { createDescriber, withDescriptions } from './describe';
import { createNameResolver, normalizeName } from './names';
import { looksLikeSnippet, reviewSnippet } from './review';
import { buildSearchIndex, searchIndexFromData, type SearchIndex, type SearchIndexData } from './search';
import { createSpeller } from './spell';
import { editDistance } from '../text/distance';
import { englishWords } from '../text/english';
import { plainWords } from '../text/tokens';
import type { Engine } from './types';

export type { Engine, Answer, Review } from './types';

export interface EngineOptions {
  /** Questions longer than this are cut before matching (the answer says so). */
  maxQuestionChars?: number;
  /**
   * The indexes of an engine built earlier over the same corpus (`engineSnapshot`), so that start-up restores them
   * instead of indexing again. Ignored when its sizes do not match the corpus.
   */
  snapshot?: EngineSnapshot;
}

/** What `createEngine` builds that is worth keeping between processes: its search indexes, as plain data. */
export interface EngineSnapshot {
  sections: SearchIndexData;
  examples: SearchIndexData;
}

const snapshots = new WeakMap<Engine, () => EngineSnapshot>();

/**
 * The indexes of an engine (built now if no question needed them yet), as plain data for a start-up cache:
 * `createEngine(corpus, { snapshot })` over the same corpus gives an engine that answers exactly the same.
 */
export function engineSnapshot(engine: Engine): EngineSnapshot | undefined {
  return snapshots.get(engine)?.();
}

/**
 * The phrases the intent stage looks for, as rules of a second matcher (stemmed, determiners skipped, like
 * every rule): the extra names of comparison options, the words of their conditions, and how-to tasks.
 */
function phraseRules(corpus: Corpus): Rule[] {
  const rule = (id: string, phrases: string[], file: string): Rule => ({ id, phrases, all: [], unless: [], points: [], why: '', file });
  const out: Rule[] = [];
  for (const c of corpus.comparisons) {
    for (const [key, names] of Object.entries(c.names)) out.push(rule(`cmp:${c.id}:name:${key}`, names, c.file));
    c.otherWins.forEach((w, i) => out.push(rule(`cmp:${c.id}:when:${i}`, w.words, c.file)));
    if (c.defaultWhen) out.push(rule(`cmp:${c.id}:default`, c.defaultWhen.words, c.file));
  }
  for (const e of corpus.entities) for (const t of e.guide.tasks) out.push(rule(`task:${e.id}:${t.id}`, t.phrases, e.pageId));
  return out;
}

/** How much more the words of rules and names count than ordinary words when correcting typos. */
const domainWeight = 1_000_000;
/** In large corpora, heading words become typo targets only when they head at least this many sections. */
const headingMinimum = 3;

/**
 * Builds the answer engine over a corpus: rule matcher, search index, typo corrector and name resolver,
 * each built once. Everything it returns is pure and synchronous.
 * @example createEngine(loadCorpus(['knowledge'], { baseUrl })).answer('can power bi read our app?')
 */
export function createEngine(corpus: Corpus, options: EngineOptions = {}): Engine {
  const entityByKey = new Map<string, Entity>(corpus.entities.map((e) => [`${e.kind}:${e.id}`, e]));
  const matcher = createMatcher([...corpus.rules, ...nameRules(corpus.entities)]);
  const restored = options.snapshot?.sections.size === corpus.sections.length && options.snapshot.examples.size === corpus.examples.length ? options.snapshot : undefined;
  // The indexes are built (or restored) at the first question: a matrix, a review or a name lookup needs none.
  let sectionIndex: SearchIndex | undefined;
  let examplesIndex: SearchIndex | undefined;
  const indexes = {
    get index() {
      return (sectionIndex ??= restored ? searchIndexFromData(restored.sections) : buildSearchIndex(corpus.sections));
    },
    get exampleIndex() {
      // Examples are read the way questions are: Slack markup and entities removed first.
      return (examplesIndex ??= restored
        ? searchIndexFromData(restored.examples)
        : buildSearchIndex(corpus.examples.map((e) => ({ title: '', trail: [], text: cleanQuestion(e.text, 4000).text }))));
    },
  };

  // Typos are corrected towards the words of rules, names and recurring headings; any word of the corpus or
  // of everyday English is known and never corrected (the index already read every word). Example questions
  // do not count: they are written as people type, typos included.
  const split = (text: string) => plainWords(text).filter((w) => w.length >= 4 && w.length <= 30);
  // Words of the trade (IDoc, CICS, OIDC) are never "corrected" into everyday words.
  const trade = new Set<string>();
  for (const w of corpus.vocabulary) for (const part of split(w)) trade.add(part);
  for (const w of corpus.vocabulary) if (/^[\p{L}\p{N}]{2,30}$/u.test(w)) trade.add(w);
  // English is read at the first word that needs it, so a start that never checks a word never loads the list.
  const known = { has: (w: string) => trade.has(w) || englishWords().has(w) || (w.length >= 4 && indexes.index.vocabulary.has(w)) };
  const targets = new Map<string, number>();
  const headingCounts = new Map<string, number>();
  for (const section of corpus.sections) for (const w of split(section.title)) headingCounts.set(w, (headingCounts.get(w) ?? 0) + 1);
  // A heading word seen once is as likely a name as a term people will misspell; keep the corrector small.
  for (const [w, count] of headingCounts) if (count >= headingMinimum || corpus.sections.length < 2000) targets.set(w, count);
  for (const entity of corpus.entities) for (const w of split([entity.title, ...entity.synonyms].join(' '))) targets.set(w, (targets.get(w) ?? 0) + domainWeight);
  for (const w of matcher.vocabulary) targets.set(w, (targets.get(w) ?? 0) + domainWeight);
  const speller = createSpeller(targets, known);

  const pageEntity = new Map<string, string>();
  for (const e of corpus.entities) pageEntity.set(e.pageId, `${e.kind}:${e.id}`);
  const parts: AnswerParts = {
    corpus,
    matcher,
    phrases: createMatcher(phraseRules(corpus)),
    get index() {
      return indexes.index;
    },
    get exampleIndex() {
      return indexes.exampleIndex;
    },
    speller,
    entityByKey,
    sectionEntity: corpus.sections.map((s) => pageEntity.get(s.pageId)),
    pageById: new Map(corpus.pages.map((p) => [p.id, p])),
    maxQuestionChars: options.maxQuestionChars ?? 4000,
  };
  const names = withDescriptions(createNameResolver(corpus), createDescriber(matcher, speller, entityByKey));

  const engine: Engine = {
    corpus,
    answer: (question, context) => answerQuestion(parts, question, context),
    review: (snippet) => reviewSnippet(corpus, names, snippet),
    looksLikeSnippet: (text) => looksLikeSnippet(text, names, corpus),
    lookup(kind, name) {
      const match = names.resolve(kind, name);
      const entity = match && match.score >= 0.5 ? entityByKey.get(`${kind}:${match.id}`) ?? null : null;
      if (entity) return { entity, suggestions: [] };
      // "Did you mean" offers only close names: a typo of a name or synonym, or a name sharing a word with the input.
      const close = names.suggest(kind, name, 3).filter((s) => isCloseName(name, entityByKey.get(`${kind}:${s.id}`)));
      return { entity: null, suggestions: close };
    },
  };
  snapshots.set(engine, () => ({ sections: indexes.index.data, examples: indexes.exampleIndex.data }));
  return engine;
}

/** True when `input` is a typo of one of the entity's names, or shares a whole word of five letters or more with one. */
function isCloseName(input: string, entity: Entity | undefined): boolean {
  if (!entity) return false;
  const typed = normalizeName(input);
  const typedWords = new Set(typed.split(' ').filter((w) => w.length >= 5));
  return [entity.id.replace(/-/g, ' '), entity.title, ...entity.synonyms].some((raw) => {
    const known = normalizeName(raw);
    const max = Math.max(1, Math.floor(Math.min(known.length, typed.length) / 4));
    return editDistance(typed, known, max) <= max || known.split(' ').some((w) => typedWords.has(w));
  });
}
