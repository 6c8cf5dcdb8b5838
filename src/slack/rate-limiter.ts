import type { RateDecision } from '../state/types';

/** The friendly sentence for a refused request. */
export function rateLimitText(decision: Extract<RateDecision, { ok: false }>): string {
  const seconds = Math.max(1, Math.ceil(decision.retryInMs / 1000));
  return decision.scope === 'user'
    ? `You're asking faster than I can keep up with. Please try again in ${seconds} s.`
    : `This channel is keeping me very busy right now. Please try again in ${seconds} s.`;
}
