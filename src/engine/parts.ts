import type { Corpus, Entity, Page } from '../knowledge/types';
import type { Matcher } from './matcher';
import type { SearchIndex } from './search';
import type { Speller } from './spell';

/** Everything the answer stages need, built once per corpus by `createEngine`. */
export interface AnswerParts {
  corpus: Corpus;
  matcher: Matcher;
  /** Matches the phrases of comparisons (option names, the words of conditions and how-to tasks). */
  phrases: Matcher;
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
