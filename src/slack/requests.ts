import type { Entity, EntityKind } from '../knowledge/types';
import type { Answer, AskContext, Engine, Lookup, Review } from '../engine/types';

/**
 * What a user asked for, whatever the surface: the `/integration` subcommands, a question, or a snippet.
 * Shared by the Slack listeners and the local console so both answer the same way. Pure; no Bolt in here.
 */
export type Request =
  | { kind: 'help' }
  | { kind: 'matrix'; name?: string }
  | { kind: 'usecase'; name: string }
  | { kind: 'tech'; name: string }
  | { kind: 'review'; snippet: string }
  | { kind: 'ask'; question: string };

/** What the engine made of a request; the renderers turn it into blocks or terminal text. */
export type Outcome =
  | { kind: 'help' }
  | { kind: 'matrix'; useCaseIds?: string[] }
  | { kind: 'entity'; entity: Entity }
  | { kind: 'unknown-name'; label: string; name: string; lookup: Lookup }
  | { kind: 'review'; review: Review }
  | { kind: 'answer'; answer: Answer };

const subcommands: Record<string, (rest: string) => Request> = {
  help: () => ({ kind: 'help' }),
  '?': () => ({ kind: 'help' }),
  matrix: (rest) => (rest ? { kind: 'matrix', name: rest } : { kind: 'matrix' }),
  usecase: (rest) => (rest ? { kind: 'usecase', name: rest } : { kind: 'matrix' }),
  'use-case': (rest) => (rest ? { kind: 'usecase', name: rest } : { kind: 'matrix' }),
  tech: (rest) => (rest ? { kind: 'tech', name: rest } : { kind: 'help' }),
  technology: (rest) => (rest ? { kind: 'tech', name: rest } : { kind: 'help' }),
  review: (rest) => (rest ? { kind: 'review', snippet: rest } : { kind: 'help' }),
};

/**
 * Parses the text after `/integration`: a known first word is a subcommand, anything else is a question, and
 * empty text is help. A question that holds a matrix snippet is reviewed (see `resolveRequest`).
 * @example parseCommandText('tech odata') // { kind: 'tech', name: 'odata' }
 */
export function parseCommandText(text: string): Request {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'help' };
  const match = /^(\S+)(?:[ \t]+|\n|$)([\s\S]*)$/.exec(trimmed);
  const first = match?.[1].toLowerCase() ?? '';
  const rest = (match?.[2] ?? '').trim();
  const sub = subcommands[first];
  // "matrix" alone, or "help", are subcommands; "help me choose between REST and OData" is a question.
  if (sub && (first !== 'help' || rest === '')) return sub(rest);
  return { kind: 'ask', question: trimmed };
}

function lookupOutcome(engine: Engine, kind: EntityKind, label: string, name: string): Outcome {
  const lookup = engine.lookup(kind, name);
  return lookup.entity ? { kind: 'entity', entity: lookup.entity } : { kind: 'unknown-name', label, name, lookup };
}

/**
 * Runs a request against the engine. A question that holds a snippet (`engine.looksLikeSnippet`) is reviewed
 * instead of answered.
 */
export function resolveRequest(engine: Engine, request: Request, context: AskContext = {}): Outcome {
  switch (request.kind) {
    case 'help':
      return { kind: 'help' };
    case 'matrix': {
      if (!request.name) return { kind: 'matrix' };
      const found = lookupOutcome(engine, 'useCase', 'use case', request.name);
      return found.kind === 'entity' ? { kind: 'matrix', useCaseIds: [found.entity.id] } : found;
    }
    case 'usecase':
      return lookupOutcome(engine, 'useCase', 'use case', request.name);
    case 'tech':
      return lookupOutcome(engine, 'technology', 'technology', request.name);
    case 'review':
      return { kind: 'review', review: engine.review(request.snippet) };
    case 'ask':
      if (engine.looksLikeSnippet(request.question)) return { kind: 'review', review: engine.review(request.question) };
      return { kind: 'answer', answer: engine.answer(request.question, context) };
  }
}

/** Answers below this confidence are treated as out of scope and logged for `integration-bot gaps`. */
export const lowConfidence = 0.5;

/**
 * True for a follow-up that only makes sense with the earlier question: a few words, or one that starts like
 * "and …", "what about …".
 * @example isShortFollowUp('and for mobile?') === true
 */
export function isShortFollowUp(text: string): boolean {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return false;
  if (/^(and|or|but|also|what about|how about|same for|instead)\b/i.test(text.trim())) return true;
  return words.length <= 5;
}
