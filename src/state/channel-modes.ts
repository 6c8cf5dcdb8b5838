/**
 * Per-channel answer mode: `mentions` (the default) answers only messages that mention the bot; `all` answers every
 * question posted in the channel. Kept in process for now; the interface is async so a shared store (Redis) can
 * replace it without touching the listeners.
 */
export type ChannelMode = 'mentions' | 'all';

export const channelModes: readonly ChannelMode[] = Object.freeze(['mentions', 'all']);

export interface ChannelModes {
  get(channel: string): Promise<ChannelMode>;
  set(channel: string, mode: ChannelMode): Promise<void>;
}

/** An in-process store of channel modes, bounded to `maxChannels` (least recently set forgotten first). */
export function createChannelModes(options: { maxChannels?: number } = {}): ChannelModes {
  const maxChannels = options.maxChannels ?? 10_000;
  const modes = new Map<string, ChannelMode>();
  return {
    async get(channel) {
      return modes.get(channel) ?? 'mentions';
    },
    async set(channel, mode) {
      modes.delete(channel);
      if (mode !== 'mentions') modes.set(channel, mode);
      while (modes.size > maxChannels) modes.delete(modes.keys().next().value as string);
    },
  };
}
