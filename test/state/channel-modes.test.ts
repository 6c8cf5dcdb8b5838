import { createChannelModes } from '../../src/state/channel-modes';

describe('The channel modes', () => {
  test('a channel answers mentions only until someone sets it to all, and back', async () => {
    const modes = createChannelModes();
    expect(await modes.get('C1')).toBe('mentions');
    await modes.set('C1', 'all');
    expect(await modes.get('C1')).toBe('all');
    expect(await modes.get('C2')).toBe('mentions');
    await modes.set('C1', 'mentions');
    expect(await modes.get('C1')).toBe('mentions');
  });

  test('remembers at most maxChannels channels set to all, forgetting the oldest first', async () => {
    const modes = createChannelModes({ maxChannels: 2 });
    for (const channel of ['C1', 'C2', 'C3']) await modes.set(channel, 'all');
    expect(await Promise.all(['C1', 'C2', 'C3'].map((c) => modes.get(c)))).toEqual(['mentions', 'all', 'all']);
  });
});
