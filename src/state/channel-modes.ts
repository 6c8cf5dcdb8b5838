import { createMemoryChannelModes } from './memory';
import type { ChannelModes } from './types';

/**
 * Per-channel answer mode (`/integration channel mentions|all`). The types live with the rest of the state
 * (`types.ts`); on Redis the modes are part of the shared store (`redis.ts`).
 */
export { channelModes, type ChannelMode, type ChannelModes } from './types';

/** The in-process channel modes, bounded to `maxChannels` (least recently used forgotten first) and by age. */
export function createChannelModes(options: { maxChannels?: number } = {}): ChannelModes {
  return createMemoryChannelModes(options.maxChannels);
}
