import { createLogger, redact } from '../src/log';

describe('When something secret reaches the logger', () => {
  const secrets = ['8f14e45fceea167a5a36dedd4bea2543'];

  it('redacts the configured secrets and anything shaped like a Slack token', () => {
    expect(redact('token xoxb-1234-5678-abcdefgh and xapp-1-A0-123-abcdef', [])).toBe('token [redacted] and [redacted]');
    expect(redact('signing secret 8f14e45fceea167a5a36dedd4bea2543 leaked', secrets)).toBe('signing secret [redacted] leaked');
    expect(redact('Authorization: Bearer abc.def.ghijklmnop', [])).toBe('Authorization: [redacted]');
  });

  it('never writes them, whether in the message, the fields or an error', () => {
    const lines: string[] = [];
    const log = createLogger('debug', secrets, (line) => lines.push(line));
    log.error('call failed with xoxb-1111-2222-zzzzzzzz', { error: new Error('bad secret 8f14e45fceea167a5a36dedd4bea2543'), headers: { authorization: 'Bearer xoxb-3333-4444-yyyyyyyy' } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/xoxb-|8f14e45f/);
    expect(JSON.parse(lines[0])).toEqual(expect.objectContaining({ level: 'error', message: 'call failed with [redacted]' }));
  });

  it('drops entries below the configured level', () => {
    const lines: string[] = [];
    const log = createLogger('warn', [], (line) => lines.push(line));
    log.info('quiet');
    log.warn('loud');
    expect(lines.map((l) => JSON.parse(l).message)).toEqual(['loud']);
  });
});
