import type { Level, SourceLink } from '../knowledge/types';

/** Why something was recommended: the rule or words that fired, or the matrix cell behind it. */
export interface Reason {
  kind: 'rule' | 'matrix' | 'search' | 'example' | 'context';
  text: string;
}

export interface RankedUseCase {
  id: string;
  title: string;
  score: number;
  /** The use case's matrix row: method id -> level (methods the matrix leaves empty are absent). */
  methods: Record<string, Level>;
  reasons: Reason[];
}

export interface RankedMethod {
  id: string;
  title: string;
  level: Level | 'mentioned';
  reasons: Reason[];
}

export interface RankedTechnology {
  id: string;
  title: string;
  reasons: Reason[];
}

export interface Answer {
  query: string;
  /** 0..1; below 0.5 the question is treated as out of scope. */
  confidence: number;
  useCases: RankedUseCase[];
  methods: RankedMethod[];
  technologies: RankedTechnology[];
  warnings: { id: string; title: string; text: string }[];
  topics: { id: string; title: string }[];
  sources: SourceLink[];
  /** Short guidance when nothing applies, or notes such as "only the first 4,000 characters were read". */
  notes: string[];
}

export type Verdict = 'preferred' | 'possible' | 'not-recommended' | 'unknown';

export interface ReviewRow {
  input: string;
  useCase: string | null;
  method: string | null;
  verdict: Verdict;
  preferred: string[];
  sources: SourceLink[];
  /** Human explanation: the matrix cell, or the closest guesses when unknown. */
  explanation: string;
  guesses?: { useCases: string[]; methods: string[] };
}

export interface Review {
  rows: ReviewRow[];
  summary: string;
  notes: string[];
}

/** What a caller can hand the engine besides the question. */
export interface AskContext {
  /** The earlier question of the same thread, used when the new one is short ("and for mobile?"). */
  previous?: string;
}

/** A name lookup for subcommands (`usecase <name>`, `tech <name>`): the match, or the closest names. */
export interface Lookup {
  entity: import('../knowledge/types').Entity | null;
  suggestions: { id: string; title: string }[];
}

/** The answer engine over one loaded corpus; pure and synchronous. */
export interface Engine {
  answer(question: string, context?: AskContext): Answer;
  review(snippet: string): Review;
  /** True when the text holds a matrix snippet worth reviewing (a table or "use case -> method" lines). */
  looksLikeSnippet(text: string): boolean;
  lookup(kind: import('../knowledge/types').EntityKind, name: string): Lookup;
  readonly corpus: import('../knowledge/types').Corpus;
}
