import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { register as registerActions } from '../src/slack/listeners/actions';
import { register as registerCommands } from '../src/slack/listeners/commands';
import { register as registerEvents } from '../src/slack/listeners/events';
import { handledChannelTypes } from '../src/slack/listeners/events/message';
import type { Bot } from '../src/slack/bot';

interface Manifest {
  _metadata: { major_version: number };
  features: { slash_commands: { command: string; should_escape?: boolean }[]; app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean } };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
}

const manifest = yaml.load(fs.readFileSync(path.join(__dirname, '..', 'manifest.yml'), 'utf8')) as Manifest;

/** Registers the real listeners on a recorder and returns what the code subscribes to. */
function registered() {
  const recorded = { commands: [] as string[], events: [] as string[], actions: [] as string[] };
  const app = {
    command: (name: string) => recorded.commands.push(name),
    event: (name: string) => recorded.events.push(name),
    message: () => recorded.events.push('message'),
    action: (id: string) => recorded.actions.push(id),
  };
  const bot = {} as Bot;
  for (const register of [registerCommands, registerEvents, registerActions]) register(app as never, bot);
  return recorded;
}

/** The Events API event behind each message channel type, and the scope each event needs. */
const messageEvent: Record<string, string> = { channel: 'message.channels', group: 'message.groups', im: 'message.im', mpim: 'message.mpim' };
const scopeFor: Record<string, string | null> = {
  app_mention: 'app_mentions:read',
  'message.channels': 'channels:history',
  'message.groups': 'groups:history',
  'message.im': 'im:history',
  'message.mpim': 'mpim:history',
  app_home_opened: null,
};

describe('manifest.yml against the code', () => {
  const code = registered();

  test('is a version 1 manifest with Socket Mode on by default', () => {
    expect(manifest._metadata.major_version).toBe(1);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  test('declares exactly the slash commands the code registers', () => {
    expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual([...code.commands].sort());
    // Mentions must reach the bot as <@U…>/<!channel> so they can be escaped, not resolved to names first.
    expect(manifest.features.slash_commands.every((c) => c.should_escape === false)).toBe(true);
  });

  test('subscribes to exactly the events the code listens to', () => {
    const expected = code.events.flatMap((e) => (e === 'message' ? handledChannelTypes.map((t) => messageEvent[t]) : [e]));
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...new Set(expected)].sort());
  });

  test('asks for exactly the scopes those events, the command and posting need', () => {
    const needed = new Set<string>(['chat:write']);
    if (code.commands.length > 0) needed.add('commands');
    for (const event of manifest.settings.event_subscriptions.bot_events) {
      expect(event in scopeFor).toBe(true);
      const scope = scopeFor[event];
      if (scope) needed.add(scope);
    }
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });

  test('enables interactivity for the buttons and the Home tab for app_home_opened', () => {
    expect(code.actions.length).toBeGreaterThan(0);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(code.events.includes('app_home_opened'));
    expect(manifest.features.app_home.messages_tab_enabled).toBe(handledChannelTypes.includes('im'));
  });
});

describe("manifest.yml against Slack's JSON schema", () => {
  const schemaFile = path.resolve(__dirname, '../../shared/slack-manifest-schema/manifest.schema.1.0.0.json');
  const available = fs.existsSync(schemaFile);
  if (!available) {
    // eslint-disable-next-line no-console -- the skip must be visible in the test output
    console.log(`Skipping the manifest schema check: ${schemaFile} not found.`);
  }

  (available ? test : test.skip)('validates', async () => {
    const { default: Ajv } = await import('ajv');
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as object);
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });
});
