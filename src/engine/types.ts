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

/** What kind of question this is; it decides what the answer leads with. */
export type Intent = 'recommend' | 'compare' | 'how-to' | 'check' | 'clarify' | 'chitchat' | 'out-of-scope';

/** Something the headline recommends: a technology, method, use case, topic or warning of the knowledge. */
export interface Recommendation {
  kind: import('../knowledge/types').EntityKind;
  id: string;
  title: string;
}

/** A sentence of the answer (a reason or a caveat) and the section it rests on. */
export interface Point {
  text: string;
  source?: SourceLink;
}

/** The one question that would settle a vague question, with full questions to pick from. */
export interface Clarify {
  question: string;
  options: { label: string; query: string }[];
}

export interface Answer {
  query: string;
  intent: Intent;
  /** One sentence that answers the question as asked; the first thing every surface shows. */
  headline: string;
  /** What the headline recommends, main one first. Empty for clarify, chitchat and out-of-scope. */
  recommendation: Recommendation[];
  /** One to three reasons in plain words, tied to what the question says. */
  reasons: Point[];
  /** What would change the answer, and the warnings that apply (a warning the question walks into first). */
  caveats: Point[];
  /** For how-to: the few concrete steps in Mendix terms (the page with the detail is the first source). */
  steps: string[];
  /** For clarify, and whenever the evidence is weak: the question to ask back and the options. */
  clarify: Clarify | null;
  /** The top use case's matrix row as one line, when a use case applies. */
  matrixRow: string | null;
  /** The thread's earlier question when this answer was read together with it (a follow-up), else null. */
  readWith: string | null;
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
