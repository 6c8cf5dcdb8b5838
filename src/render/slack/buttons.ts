import type { ActionsBlock, Button } from '@slack/types';
import type { Clarify } from '../../engine/types';
import { limits, plain } from './kit';

/** Action ids of the buttons the renderers add; the action listeners match on these. */
export const actionIds = Object.freeze({
  share: 'share_answer',
  matrix: 'show_matrix',
  details: 'answer_details',
  helpful: 'feedback_helpful',
  notHelpful: 'feedback_not_helpful',
  /** Clarify options carry their index: `clarify_option_0`, `clarify_option_1`, … (ids are unique per block). */
  clarifyPrefix: 'clarify_option_',
});

/** Matches the action id of any clarify option button. */
export const clarifyActionPattern = new RegExp(`^${actionIds.clarifyPrefix}\\d+$`);

/** What a button carries so a click can be answered without server-side state. */
export interface ButtonPayload {
  /** The question, as asked. */
  q: string;
  /** The thread's earlier question, when the answer used it. */
  p?: string;
}

/**
 * Serialises what a button needs to re-create its answer, within the 2,000-character value limit: the question is
 * cut first, then the earlier question.
 */
export function encodeButtonPayload(payload: ButtonPayload): string {
  let q = payload.q.slice(0, 1500);
  let p = payload.p?.slice(0, 400);
  for (;;) {
    const value = JSON.stringify(p ? { q, p } : { q });
    if (value.length <= limits.buttonValue) return value;
    if (p && p.length > 0) p = p.slice(0, Math.floor(p.length / 2));
    else q = q.slice(0, Math.floor(q.length * 0.8));
  }
}

/** Reads a button value back; anything malformed becomes `null` (the value comes from Slack, but trust nothing). */
export function decodeButtonPayload(value: string | undefined): ButtonPayload | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as unknown;
    if (!parsed || typeof parsed !== 'object') return null;
    const { q, p } = parsed as Record<string, unknown>;
    if (typeof q !== 'string' || q.trim() === '') return null;
    return typeof p === 'string' && p.trim() !== '' ? { q, p } : { q };
  } catch {
    return null;
  }
}

const button = (actionId: string, label: string, value: string, style?: 'primary'): Button => ({
  type: 'button',
  action_id: actionId,
  text: plain(label),
  value,
  ...(style ? { style } : {}),
});

/** The buttons under an answer: Share (ephemeral only), Details, Show matrix (when a use case applies), feedback. */
export function answerButtons(payload: ButtonPayload, options: { share: boolean; matrix: boolean }): ActionsBlock {
  const value = encodeButtonPayload(payload);
  const elements: Button[] = [];
  if (options.share) elements.push(button(actionIds.share, 'Share in channel', value, 'primary'));
  elements.push(button(actionIds.details, 'Details', value));
  if (options.matrix) elements.push(button(actionIds.matrix, 'Show matrix', value));
  elements.push(button(actionIds.helpful, '👍 Helpful', value), button(actionIds.notHelpful, '👎 Not helpful', value));
  return { type: 'actions', block_id: 'answer_actions', elements };
}

/** One button per clarify option; a click answers that option's full question in the same place. */
export function clarifyButtons(clarify: Clarify): ActionsBlock {
  return {
    type: 'actions',
    block_id: 'clarify_options',
    elements: clarify.options.slice(0, 5).map((option, i) => button(`${actionIds.clarifyPrefix}${i}`, option.label, encodeButtonPayload({ q: option.query }))),
  };
}
