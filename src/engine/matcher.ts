import type { Entity, EntityKind, Rule } from '../knowledge/types';
import { determiners, plainWords, stopwords, terms } from '../text/tokens';

/**
 * The rule matcher: the rules of `knowledge/rules/*.yml` plus one implicit rule per entity whose phrases are
 * its title and synonyms. Matching works on stemmed content words, so "reads the app's database" meets
 * "read database", and runs in time linear in the question (phrases are indexed by their first word).
 */

export interface Firing {
  rule: Rule;
  /** The words of the question that made it fire, for the explanation. */
  matched: string;
  /** Word position in the question where the match starts, to tell which need a question names first. */
  at: number;
  /** Word position just after the match, so an answer can quote the question's own words (`at`..`end`). */
  end: number;
}

export interface Matcher {
  /**
   * The rules that fire on the question's terms. `asTyped` (the terms before typo correction) also count for
   * `unless`, so a veto word is not lost to a correction ("vlookup" read as "lookup").
   */
  match(questionTerms: string[], asTyped?: string[]): Firing[];
  /** Every word (unstemmed) the rules and names use: the vocabulary that typo correction should prefer. */
  readonly vocabulary: Set<string>;
}

interface CompiledPhrase {
  /** Stemmed words; determiners (`isStop`) match any determiner of the question, other words match exactly. */
  terms: string[];
  isStop: boolean[];
  /** Index of the first content word, by which the phrase is indexed. */
  anchor: number;
  text: string;
  rule: number;
}

/** Words of an `all` rule must sit within this many words of each other, so a long message cannot assemble them. */
const allWindow = 14;
/** Between two words of a phrase the question may hold this many extra determiners ("read the app's data"). */
const maxSkips = 1;

const kindLabels: Record<EntityKind, string> = {
  useCase: 'use case', method: 'method', technology: 'technology', warning: 'warning', topic: 'topic',
};

/** The implicit rules: an entity is pointed at when the question names it. */
export function nameRules(entities: readonly Entity[]): Rule[] {
  return entities.map((entity) => {
    const phrases = [...entity.synonyms];
    if (entity.kind === 'technology' || entity.kind === 'method') phrases.push(entity.title);
    if (entity.kind === 'technology' && !entity.id.includes('-')) phrases.push(entity.id);
    return {
      id: `name:${entity.kind}:${entity.id}`,
      phrases,
      all: [],
      unless: entity.unless,
      points: [{ kind: entity.kind, id: entity.id, weight: 1 }],
      why: `the question names ${entity.title} (${kindLabels[entity.kind]})`,
      file: entity.pageId,
    };
  });
}

/** Compiles rules once per corpus. */
export function createMatcher(rules: readonly Rule[]): Matcher {
  const byFirst = new Map<string, CompiledPhrase[]>();
  // An entry of several words ("azure ad", "log in", "sign-on", "data warehouse") stands for that phrase, in a
  // group as in a veto: "logs should land in azure" holds neither "log in" nor "azure ad". One word stands for
  // itself.
  const isPhrase = (w: string) => {
    const t = terms(w);
    return t.length > 1 && t.some((x) => !stopwords.has(x));
  };
  const phraseKey = (w: string) => `\u0000${terms(w).join(' ')}`;
  const groupPhrases = new Map<string, CompiledPhrase>();
  const groupKeys = (w: string): string[] => {
    if (!isPhrase(w)) return terms(w);
    const compiled = compilePhrase(w, -1);
    if (!compiled) return [];
    groupPhrases.set(phraseKey(w), compiled);
    return [phraseKey(w)];
  };
  const groups = rules.map((rule) => ({
    all: rule.all.map((group) => new Set(group.flatMap(groupKeys))),
    unless: new Set(rule.unless.filter((v) => !isPhrase(v)).flatMap((v) => terms(v))),
    unlessPhrases: rule.unless.filter(isPhrase).map((v) => compilePhrase(v, -1)).filter((p): p is CompiledPhrase => p !== null),
  }));
  const vocabulary = new Set<string>();
  const addVocabulary = (text: string) => {
    for (const w of plainWords(text)) if (w.length >= 3) vocabulary.add(w);
  };
  rules.forEach((rule, index) => {
    for (const phrase of rule.phrases) {
      addVocabulary(phrase);
      const compiled = compilePhrase(phrase, index);
      if (!compiled) continue;
      const list = byFirst.get(compiled.terms[compiled.anchor]) ?? [];
      list.push(compiled);
      byFirst.set(compiled.terms[compiled.anchor], list);
    }
    for (const group of rule.all) for (const w of group) addVocabulary(w);
  });

  return {
    vocabulary,
    match(q, asTyped = []) {
      const fired = new Map<number, { matched: string; at: number; end: number }>();
      for (let i = 0; i < q.length; i++) {
        for (const phrase of byFirst.get(q[i]) ?? []) {
          if (fired.has(phrase.rule)) continue;
          const end = phraseAt(phrase, q, i);
          if (end > 0) fired.set(phrase.rule, { matched: phrase.text, at: i - phrase.anchor, end });
        }
      }
      const positions = new Map<string, number[]>();
      q.forEach((t, i) => {
        const list = positions.get(t);
        if (list) list.push(i);
        else positions.set(t, [i]);
      });
      // Where the several-word entries of groups occur, under their own keys.
      for (const [key, phrase] of groupPhrases) {
        const starts = (positions.get(phrase.terms[phrase.anchor]) ?? []).filter((i) => phraseAt(phrase, q, i) > 0).map((i) => i - phrase.anchor);
        if (starts.length > 0) positions.set(key, starts);
      }
      rules.forEach((rule, index) => {
        if (fired.has(index) || rule.all.length === 0) return;
        const hits = allWithin(groups[index].all, positions);
        if (hits) fired.set(index, { matched: hits.words.map((w) => w.replace('\u0000', '')).join(' + '), at: hits.at, end: hits.end });
      });
      const out: Firing[] = [];
      for (const [index, { matched, at, end }] of fired) {
        const { unless: veto, unlessPhrases } = groups[index];
        if (veto.size > 0 && (q.some((t) => veto.has(t)) || asTyped.some((t) => veto.has(t)))) continue;
        if (unlessPhrases.some((p) => occurs(p, q) || occurs(p, asTyped))) continue;
        out.push({ rule: rules[index], matched, at, end });
      }
      return out;
    },
  };
}

/** A phrase as the matcher reads it; null for a phrase of small words only ("how do we"), which would fire everywhere. */
function compilePhrase(text: string, rule: number): CompiledPhrase | null {
  const t = terms(text);
  const anchor = t.findIndex((w) => !stopwords.has(w));
  if (anchor < 0) return null;
  return { terms: t, isStop: t.map((w) => determiners.has(w)), anchor, text, rule };
}

/** Does the phrase occur anywhere in the question? */
function occurs(phrase: CompiledPhrase, q: string[]): boolean {
  for (let i = 0; i < q.length; i++) if (q[i] === phrase.terms[phrase.anchor] && phraseAt(phrase, q, i) > 0) return true;
  return false;
}

/**
 * Does the phrase occur with its first content word at question position `i`? Words must match in order;
 * a determiner of the phrase matches any determiner ("the"/"our"/"a"); the question may hold one extra
 * determiner between two phrase words. Returns the position after the match, or 0 when it does not occur.
 */
function phraseAt(phrase: CompiledPhrase, q: string[], i: number): number {
  const matches = (k: number, t: string | undefined) =>
    t !== undefined && (phrase.isStop[k] ? determiners.has(t) : t === phrase.terms[k]);
  // Leading small words, right before the anchor.
  for (let k = phrase.anchor - 1, j = i - 1; k >= 0; k--, j--) if (!matches(k, q[j])) return 0;
  let j = i + 1;
  for (let k = phrase.anchor + 1; k < phrase.terms.length; k++) {
    let skips = 0;
    while (!matches(k, q[j]) && skips < maxSkips && q[j] !== undefined && determiners.has(q[j])) {
      j++;
      skips++;
    }
    if (!matches(k, q[j])) return 0;
    j++;
  }
  return j;
}

/** The words that satisfy every group within `allWindow` words of each other (one word per group), and where they start; or null. */
function allWithin(groups: Set<string>[], positions: Map<string, number[]>): { words: string[]; at: number; end: number } | null {
  // Most rules fail on some group; find that out before building any lists.
  for (const group of groups) {
    let present = false;
    for (const t of group) {
      if (positions.has(t)) {
        present = true;
        break;
      }
    }
    if (!present) return null;
  }
  const perGroup = groups.map((group) => [...group].flatMap((t) => (positions.get(t) ?? []).map((p) => ({ t, p }))));
  if (perGroup.some((list) => list.length === 0)) return null;
  const starts = perGroup.flat().sort((a, b) => a.p - b.p);
  for (const start of starts) {
    const picked: string[] = [];
    // Each group needs a word of its own: a group listed twice ("calls", "calls") asks for the word twice.
    const used = new Set<number>();
    let last = start.p;
    for (const list of perGroup) {
      const hit = list.find((h) => h.p >= start.p && h.p <= start.p + allWindow && !used.has(h.p));
      if (!hit) break;
      used.add(hit.p);
      picked.push(hit.t);
      last = Math.max(last, hit.p);
    }
    if (picked.length === groups.length) return { words: picked, at: start.p, end: last + 1 };
  }
  return null;
}
