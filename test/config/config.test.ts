import path from 'node:path';
import { readConfig, readKnowledgeSettings } from '../../src/config';
import { ConfigError } from '../../src/errors';

describe('When the configuration is read from the environment', () => {
  it('picks Socket Mode, HTTP mode or the console from the credentials present', () => {
    expect(readConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).transport).toBe('socket');
    expect(readConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's3cr3t' }).transport).toBe('http');
    expect(readConfig({}).transport).toBe('console');
  });

  it('fails fast with advice, never echoing the value', () => {
    expect(() => readConfig({ SLACK_BOT_TOKEN: 'xoxp-secret-value', SLACK_APP_TOKEN: 'xapp-1' })).toThrow(/SLACK_BOT_TOKEN must start with xoxb-/);
    expect(() => readConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-oops' })).toThrow(/App-Level Tokens/);
    expect(() => readConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/neither SLACK_APP_TOKEN .* nor SLACK_SIGNING_SECRET/);
    expect(() => readConfig({ SLACK_APP_TOKEN: 'xapp-1' })).toThrow(ConfigError);
    try {
      readConfig({ SLACK_BOT_TOKEN: 'xoxp-secret-value', SLACK_APP_TOKEN: 'xapp-1' });
    } catch (error) {
      expect((error as Error).message).not.toContain('secret-value');
    }
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT must be a whole number/);
    expect(() => readConfig({ FOLLOW_UPS: 'maybe' })).toThrow(/FOLLOW_UPS must be true or false/);
  });

  it('passes SLACK_API_URL through and keeps defaults for what is unset', () => {
    const config = readConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'http://127.0.0.1:9999/api/' });
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:9999/api/');
    expect(config.port).toBe(3000);
    expect(config.rateLimit).toEqual({ perUser: 10, perChannel: 30, windowMs: 60000 });
  });

  it('reads one or more knowledge folders and the base URL', () => {
    const [a, b] = [path.join(__dirname, '..', '..', 'knowledge', 'methods'), path.join(__dirname, '..', '..', 'knowledge', 'warnings')];
    const settings = readKnowledgeSettings({ KNOWLEDGE_DIR: `${a}, ${b}`, KNOWLEDGE_BASE_URL: 'https://docs.example.com/' });
    expect(settings.knowledgeDirs).toEqual([path.resolve(a), path.resolve(b)]);
    expect(settings.baseUrl).toBe('https://docs.example.com');
    expect(() => readKnowledgeSettings({ KNOWLEDGE_BASE_URL: 'docs.example.com' })).toThrow(/absolute http\(s\) URL/);
  });

  it('refuses a knowledge folder that does not exist, with the fix', () => {
    expect(() => readKnowledgeSettings({ KNOWLEDGE_DIR: '/nonexistent/knowledge' })).toThrow(
      expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(/KNOWLEDGE_DIR names \/nonexistent\/knowledge, which does not exist: set KNOWLEDGE_DIR to a folder/) }),
    );
  });
});
