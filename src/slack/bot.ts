import type { Engine } from '../engine/types';
import type { Logger } from '../log';
import type { FeedbackStore } from '../store/feedback-log';
import type { RateLimiter } from './rate-limiter';
import type { SlackCall } from './retry';
import type { ChannelModes } from '../state/channel-modes';
import type { ThreadMemory } from '../state/thread-memory';

/**
 * What every listener gets: the engine (through a getter, because a knowledge reload swaps it), the logger, the
 * feedback store, the rate limiter, the thread memory, the channel modes and the retrying Web API caller.
 */
export interface Bot {
  /** The current engine; read it at use time, never keep it. */
  engine(): Engine;
  log: Logger;
  store: FeedbackStore;
  limiter: RateLimiter;
  threads: ThreadMemory;
  /** Per-channel answer mode (`/integration channel mentions|all`). */
  channels: ChannelModes;
  /** Runs a Web API or `respond()` call with bounded retries (see `retry.ts`). */
  call: SlackCall;
  /** Answer later messages in threads the bot answered in, without a new mention. */
  followUps: boolean;
  /** The slash command the bot registers, for help texts. */
  command: string;
}
