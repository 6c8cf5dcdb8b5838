import type { Entity, EntityKind } from '../knowledge/types';
import type { Answer, Engine, Lookup, Review } from '../engine/types';
import { channelModes, type ChannelMode } from '../state/channel-modes';
import { converse, type Place } from './index';

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
  | { kind: 'channel'; mode?: string }
  | { kind: 'ask'; question: string };

/** What the engine made of a request; the renderers turn it into blocks or terminal text. */
export type Outcome =
  | { kind: 'help' }
  | { kind: 'matrix'; useCaseIds?: string[] }
  | { kind: 'entity'; entity: Entity }
  | { kind: 'unknown-name'; label: string; name: string; lookup: Lookup; known: string[] }
  | { kind: 'review'; review: Review }
  | { kind: 'channel'; mode: ChannelMode | null; asked?: string }
  | { kind: 'chitchat'; text: string | null }
  | { kind: 'answer'; answer: Answer; previous?: string };

const subcommands: Record<string, (rest: string) => Request> = {
  help: () => ({ kind: 'help' }),
  '?': () => ({ kind: 'help' }),
  matrix: (rest) => (rest ? { kind: 'matrix', name: rest } : { kind: 'matrix' }),
  usecase: (rest) => (rest ? { kind: 'usecase', name: rest } : { kind: 'matrix' }),
  'use-case': (rest) => (rest ? { kind: 'usecase', name: rest } : { kind: 'matrix' }),
  tech: (rest) => (rest ? { kind: 'tech', name: rest } : { kind: 'help' }),
  technology: (rest) => (rest ? { kind: 'tech', name: rest } : { kind: 'help' }),
  review: (rest) => (rest ? { kind: 'review', snippet: rest } : { kind: 'help' }),
  channel: (rest) => (rest ? { kind: 'channel', mode: rest } : { kind: 'channel' }),
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
  if (lookup.entity) return { kind: 'entity', entity: lookup.entity };
  // Every known name of the kind, so the user can pick one even when nothing is close.
  const known = engine.corpus.entities.filter((e) => e.kind === kind).map((e) => e.title).sort((a, b) => a.localeCompare(b));
  return { kind: 'unknown-name', label, name, lookup, known };
}

/** Where a request came from, for the conversation rules: the place and the thread's earlier question. */
export interface RequestContext {
  place?: Place;
  previous?: string;
}

/**
 * Runs a request against the engine. A question goes through the conversation rules (`converse`): a snippet is
 * reviewed, small talk gets one line, anything else an answer.
 */
export function resolveRequest(engine: Engine, request: Request, context: RequestContext = {}): Outcome {
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
    case 'channel': {
      if (request.mode === undefined) return { kind: 'channel', mode: null };
      const mode = channelModes.find((m) => m === request.mode!.trim().toLowerCase());
      return mode ? { kind: 'channel', mode } : { kind: 'channel', mode: null, asked: request.mode };
    }
    case 'ask': {
      const reply = converse(engine, { text: request.question, place: context.place ?? 'command', addressed: true, ...(context.previous ? { previous: context.previous } : {}) });
      switch (reply.kind) {
        case 'snippet':
          return { kind: 'review', review: reply.review };
        case 'chitchat':
          return { kind: 'chitchat', text: reply.text };
        case 'question':
          return { kind: 'answer', answer: reply.answer };
        case 'follow-up':
          return { kind: 'answer', answer: reply.answer, previous: reply.previous };
        default:
          return { kind: 'help' };
      }
    }
  }
}

/** Answers below this confidence are treated as out of scope and logged for `integration-bot gaps`. */
export const lowConfidence = 0.5;
