import type { Entity, EntityKind } from '../knowledge/types';

/** What a use case advises: its verdict and what the answer leads with. */
export interface Advice {
  verdict?: string;
  lead: { kind: EntityKind; id: string }[];
  /** True when this is the use case's `unattended` variant. */
  unattended: boolean;
}

/**
 * A use case's advice for this question: its `unattended` variant when no person takes part and the use case
 * has one (an approved order that starts picking in the warehouse app by itself is not handed over by a deep
 * link), else its usual verdict and lead. Pure.
 */
export function adviceOf(useCase: Entity, attended: boolean): Advice {
  const { unattended, verdict, lead } = useCase.guide;
  return !attended && unattended ? { ...unattended, unattended: true } : { verdict, lead, unattended: false };
}
