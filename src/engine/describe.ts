import type { Entity, EntityKind } from '../knowledge/types';
import { readQuestion } from './terms';
import type { Matcher } from './matcher';
import type { NameMatch, NameResolver } from './names';
import type { Speller } from './spell';

/** A description must gather at least this much rule evidence, and beat the runner-up, to name an entity. */
const minEvidence = 1;
/** The score a described entity gets: below a plain name, above the review's threshold. */
const describedScore = 0.7;
/** A name match at least this good (the review's own threshold) is taken as is; below it a clear description is read. */
const trustedName = 0.5;

/**
 * Reads a short description as an entity with the answer engine's own rules, so "share customers with 3 apps"
 * names the use case that the same words would rank first as a question, and "Kafka" names the method its
 * technology belongs to. Pure; built once per corpus.
 */
export function createDescriber(matcher: Matcher, speller: Speller, entityByKey: Map<string, Entity>) {
  return (kind: EntityKind, text: string): NameMatch | null => {
    const evidence = new Map<string, number>();
    const add = (k: EntityKind, id: string, weight: number) => {
      if (k === kind && entityByKey.has(`${k}:${id}`)) evidence.set(id, (evidence.get(id) ?? 0) + weight);
    };
    const technologies = new Map<string, number>();
    for (const firing of matcher.match(readQuestion(text.slice(0, 500), speller).terms)) {
      for (const point of firing.rule.points) {
        add(point.kind, point.id, point.weight);
        if (point.kind === 'technology') technologies.set(point.id, (technologies.get(point.id) ?? 0) + point.weight);
      }
    }
    if (kind === 'method') {
      // A technology stands for the method it belongs to ("Kafka" -> events / queues).
      for (const [id, weight] of technologies) {
        for (const method of entityByKey.get(`technology:${id}`)?.methods ?? []) add('method', method, weight);
      }
    }
    const ranked = [...evidence].sort((a, b) => b[1] - a[1]);
    if (ranked.length === 0 || ranked[0][1] < minEvidence || (ranked[1] && ranked[1][1] === ranked[0][1])) return null;
    return { id: ranked[0][0], score: describedScore, how: 'phrase' };
  };
}

/** A resolver that takes plain names first and, when a name is unclear, what the words describe. */
export function withDescriptions(names: NameResolver, describe: ReturnType<typeof createDescriber>): NameResolver {
  return {
    resolve(kind, text, options) {
      const named = names.resolve(kind, text, options);
      if (named && named.score >= trustedName) return named;
      return describe(kind, text) ?? named;
    },
    suggest: (kind, text, n) => names.suggest(kind, text, n),
  };
}
