import { run as serve } from '../../src/cli/commands/serve';
import { main } from '../../src/cli/main';
import { readConfig } from '../../src/config';
import { ConfigError } from '../../src/errors';
import { silentLogger } from '../../src/log';
import { createSlackApp } from '../../src/slack';
import { shippedEngine } from '../fixtures/slack/engine';
import { SlackEmulator } from '../fixtures/slack/emulator';
import { appToken, botToken, startHarness } from '../fixtures/slack/harness';
import { directMessage, eventCallback, sign } from '../fixtures/slack/payloads';
import { recordingIo } from '../fixtures/cli-io';

/** The shared recording io, with the environment first as these tests read best. */
const io = (env: NodeJS.ProcessEnv, stdin = '') => recordingIo(stdin, env);

describe('Starting with bad configuration', () => {
  test('a user token in SLACK_BOT_TOKEN fails fast with a fix-it message that does not print the token', async () => {
    const secret = 'xoxp-1234567890-secretvalue';
    const error = await serve([], io({ SLACK_BOT_TOKEN: secret, SLACK_APP_TOKEN: 'xapp-1-abc-123456' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/SLACK_BOT_TOKEN must start with xoxb-/);
    expect((error as Error).message).not.toContain(secret);
  });

  test('a bot token without an app token or signing secret says which to set', async () => {
    await expect(serve([], io({ SLACK_BOT_TOKEN: botToken }))).rejects.toThrow(/neither SLACK_APP_TOKEN .* nor SLACK_SIGNING_SECRET/);
  });

  test('a token Slack rejects (invalid_auth) becomes advice, without the token', async () => {
    const emulator = new SlackEmulator();
    await emulator.start();
    try {
      emulator.failNext('auth.test', { status: 200, body: { ok: false, error: 'invalid_auth' } });
      const config = readConfig({ SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: 'secret-123456', SLACK_API_URL: emulator.apiUrl, PORT: '0', HOST: '127.0.0.1' });
      const slack = createSlackApp(config, { engine: shippedEngine, log: silentLogger });
      const error = await slack.start().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/Slack rejected SLACK_BOT_TOKEN \(invalid_auth\): copy the Bot User OAuth Token/);
      expect((error as Error).message).not.toContain(botToken);
    } finally {
      await emulator.close();
    }
  });
});

describe('A connection lost for good', () => {
  test('Socket Mode whose app token is revoked while running (invalid_auth on reconnect) exits 78 with advice, not 0', async () => {
    const emulator = new SlackEmulator();
    await emulator.start({ socketMode: true });
    try {
      const cli = io({ SLACK_BOT_TOKEN: botToken, SLACK_APP_TOKEN: appToken, SLACK_API_URL: emulator.apiUrl, WATCH_KNOWLEDGE: 'false', LOG_LEVEL: 'error' });
      const exit = main(['serve'], cli);
      await emulator.waitFor(() => emulator.socket, 15_000, 'the Socket Mode connection');
      emulator.failNext('apps.connections.open', { status: 200, body: { ok: false, error: 'invalid_auth' } });
      emulator.sendEnvelope({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'emulator' } });
      // The client waits its ping timeout (5 s) before reconnecting; then the revoked token ends the process.
      expect(await exit).toBe(78);
      expect(cli.stderr()).toMatch(/Slack rejected SLACK_APP_TOKEN \(invalid_auth\)/);
      expect(cli.stderr()).not.toContain(appToken);
    } finally {
      await emulator.close();
    }
  }, 40_000);
});

describe('serve without Slack credentials', () => {
  test('runs the local console on piped stdin and exits 0 at the end of input', async () => {
    const cli = io({ WATCH_KNOWLEDGE: 'false', LOG_LEVEL: 'error' }, 'How do I expose data via OData?\n/integration help\n');
    expect(await serve([], cli)).toBe(0);
    expect(cli.stderr()).toContain('To connect to Slack set SLACK_BOT_TOKEN');
    expect(cli.stdout()).toContain('> How do I expose data via OData?');
    expect(cli.stdout()).toContain('/integration help | matrix');
  });
});

describe('Shutdown', () => {
  async function postDm(port: number, event: Record<string, unknown>, eventId?: string): Promise<number> {
    const body = JSON.stringify(eventCallback(event, eventId));
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': sign('test-signing-secret-5f2c9a', timestamp, body) },
      body,
    });
    await response.text();
    return response.status;
  }

  test('waits for a reply in flight, stops listening, and reports nothing abandoned', async () => {
    const h = await startHarness('http');
    try {
      h.emulator.delayNext('chat.postMessage', 400);
      await postDm(h.port!, directMessage('How do I expose data via OData?', { channel: 'DSLOW' }));
      await h.emulator.waitFor(() => h.emulator.callsTo('chat.postMessage')[0], 5000, 'the reply to start');
      const result = await h.slack.stop(5000);
      expect(result).toEqual({ unfinished: 0 });
      await expect(fetch(`http://127.0.0.1:${h.port}/healthz`)).rejects.toThrow();
    } finally {
      await h.close();
    }
  });

  test('gives up on replies still in flight after the timeout', async () => {
    const h = await startHarness('http');
    try {
      h.emulator.delayNext('chat.postMessage', 1500);
      await postDm(h.port!, directMessage('How do I expose data via OData?', { channel: 'DSTUCK' }), 'EvSTUCK');
      await h.emulator.waitFor(() => h.emulator.callsTo('chat.postMessage')[0], 5000, 'the reply to start');
      const started = performance.now();
      const result = await h.slack.stop(200);
      expect(result).toEqual({ unfinished: 1 });
      expect(performance.now() - started).toBeLessThan(1000);
      // Let the abandoned reply finish before the emulator goes away, so nothing runs after the test: its delivery is
      // marked done once the listener has returned, after the post's response was read. (The thread is remembered
      // before the post, so it says nothing about the post.)
      const done = async () => (await h.slack.bot.state.claims.claim('event:EvSTUCK', 1000)) === 'done';
      for (let i = 0; i < 200 && !(await done()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await done()).toBe(true);
      expect(await h.slack.bot.threads.question('DSTUCK', 'top')).toBeDefined();
    } finally {
      await h.close();
    }
  });
});
