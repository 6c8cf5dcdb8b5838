import type { SourceLink } from '../knowledge/types';
import { stopwords, terms } from '../text/tokens';
import type { EvidenceMap } from './evidence';
import type { AnswerParts } from './parts';
import type { Ranking } from './rank';

/** The sources stage: the links an answer shows, best first, the one its headline rests on leading. Pure. */

const tuning = Object.freeze({
  maxSources: 6,
  /** Share of the question's words a section must hold to be offered as a source without any rule firing. */
  coverageForSources: 0.5,
  coverageWithoutRules: 0.2,
});

export interface PickedSources {
  sources: SourceLink[];
  /** True when the best section holds enough of the question's words to be worth a link on its own. */
  covered: boolean;
}

/**
 * Sources, best first: the link the headline rests on, the pages of what the answer recommends, what backs the
 * top use case and the matrix, the warnings and technologies, then the best-matching sections.
 */
export function pickSources(
  parts: AnswerParts,
  questionTerms: string[],
  evidence: EvidenceMap,
  ranking: Ranking,
  lead: SourceLink | null,
  recommended: readonly (SourceLink | undefined)[],
  answering: boolean,
): PickedSources {
  const { corpus, entityByKey, sectionEntity } = parts;
  const sources: SourceLink[] = [];
  const seen = new Set<string>();
  const add = (link: SourceLink | undefined | null) => {
    if (!link || seen.has(link.url) || sources.length >= tuning.maxSources) return;
    seen.add(link.url);
    sources.push(link);
  };
  const { useCases, warnings, technologies, topics } = ranking;
  if (answering) {
    add(lead);
    // The page of what the answer recommends comes before pages of things it merely relates to.
    for (const link of recommended) add(link);
    if (useCases[0]) add(useCases[0].entity.sources[0]);
    if (useCases.length > 0 && corpus.matrix) add(corpus.matrix.source);
    for (const w of warnings) add(w.entity.sources[0]);
    for (const t of technologies.slice(0, 3)) add(entityByKey.get(`technology:${t.id}`)?.sources[0]);
    for (const uc of useCases.slice(1)) add(uc.entity.sources[0]);
    for (const t of topics) add(t.entity.sources[0]);
  }
  // Without rules (a plain documentation tree) search is all there is, so a looser match still earns links.
  const { hits } = evidence;
  const top = hits[0]?.score ?? 0;
  const needed = corpus.rules.length === 0 ? tuning.coverageWithoutRules : tuning.coverageForSources;
  const covered = hits.length > 0 && coverage(questionTerms, corpus.sections[hits[0].section]) >= needed;
  if (answering || covered) {
    const pagesSeen = new Set<string>();
    for (const hit of hits) {
      const section = corpus.sections[hit.section];
      if (hit.score < top * 0.35 || pagesSeen.has(section.pageId)) continue;
      pagesSeen.add(section.pageId);
      const page = parts.pageById.get(section.pageId);
      const key = sectionEntity[hit.section];
      const entity = key ? entityByKey.get(key) : undefined;
      if (entity) add(entity.sources[0]);
      else if (page && page.sources.length > 0) add(page.sources[0]);
      else add({ title: section.depth > 1 ? `${section.trail[0]}: ${section.title}` : section.title, url: section.url });
    }
  }
  return { sources, covered };
}

/** Share of the question's content words found in a section (title and text). */
function coverage(qTerms: string[], section: { title: string; text: string; trail: string[] }): number {
  const wanted = [...new Set(qTerms.filter((t) => !stopwords.has(t)))];
  if (wanted.length === 0) return 0;
  const have = new Set(terms(`${section.trail.join(' ')} ${section.text.slice(0, 20_000)}`));
  return wanted.filter((t) => have.has(t)).length / wanted.length;
}
