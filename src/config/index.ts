import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors';

/** How the Slack side connects: Socket Mode, HTTP (Events API), or no Slack at all (local console). */
export type Transport = 'socket' | 'http' | 'console';

export interface Config {
  transport: Transport;
  slack: {
    botToken?: string;
    appToken?: string;
    signingSecret?: string;
    /** Passed to Bolt as `clientOptions.slackApiUrl` (GovSlack, proxies, local end-to-end tests). */
    apiUrl?: string;
  };
  port: number;
  /** Host the HTTP receiver binds to. */
  host: string;
  /** One or more folders of markdown knowledge. */
  knowledgeDirs: string[];
  /** Base URL for pages whose front matter has no absolute `url`. */
  baseUrl: string;
  dataDir: string;
  /** Answer later messages in a thread where the bot has answered, without a new mention. */
  followUps: boolean;
  /** Questions longer than this are cut (and the answer says so). */
  maxQuestionChars: number;
  rateLimit: { perUser: number; perChannel: number; windowMs: number };
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Watch the knowledge folders and reload on change. */
  watch: boolean;
  /**
   * Where conversation state lives: in this process (the default), or in Redis (`REDIS_URL`) so that several
   * instances share de-duplication, thread memory, rate limits, channel modes and feedback.
   */
  state: { redisUrl?: string; keyPrefix: string };
  /** Where parsed pages and the built index are kept between starts (`DATA_DIR/cache` by default); null: no cache. */
  cacheDir: string | null;
}

/** Defaults, frozen: `readConfig` merges the environment over them. */
export const defaults: Readonly<Omit<Config, 'transport' | 'slack' | 'knowledgeDirs' | 'cacheDir'>> = Object.freeze({
  port: 3000,
  host: '0.0.0.0',
  baseUrl: 'https://docs.mendix.com',
  dataDir: './data',
  followUps: true,
  maxQuestionChars: 4000,
  rateLimit: Object.freeze({ perUser: 10, perChannel: 30, windowMs: 60_000 }),
  logLevel: 'info' as const,
  watch: true,
  state: Object.freeze({ keyPrefix: 'integration-bot' }),
});

/** The folder of knowledge shipped with the bot (works from `src/` under ts-jest and from `dist/src/`). */
export function shippedKnowledgeDir(): string {
  const candidates = [path.resolve(__dirname, '../../knowledge'), path.resolve(__dirname, '../../../knowledge')];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'rules'))) ?? candidates[0];
}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${name} must be a whole number of at least ${min} (got "${raw}")`);
  }
  return value;
}

function boolVar(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false (got "${env[name]}")`);
}

function checkPrefix(name: string, value: string | undefined, prefix: string, hint: string): void {
  if (value !== undefined && !value.startsWith(prefix)) {
    // Never echo the value: it may be a real secret pasted into the wrong variable.
    throw new ConfigError(`${name} must start with ${prefix}; ${hint}`);
  }
}

const blank = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : undefined);

/** The part of the configuration the answer engine needs; CLI commands that never talk to Slack read only this. */
export type KnowledgeSettings = Pick<Config, 'knowledgeDirs' | 'baseUrl' | 'maxQuestionChars' | 'cacheDir'>;

/**
 * Reads where the knowledge lives and how links are made, without looking at Slack settings.
 * `KNOWLEDGE_DIR` may list several folders separated by commas (or the platform's path delimiter).
 */
export function readKnowledgeSettings(env: NodeJS.ProcessEnv = process.env): KnowledgeSettings {
  const dirs = blank(env.KNOWLEDGE_DIR);
  const separator = path.delimiter === ';' ? /[;,]/ : /[:,]/;
  const knowledgeDirs = dirs
    ? dirs.split(separator).map((d) => d.trim()).filter(Boolean).map((d) => path.resolve(d))
    : [shippedKnowledgeDir()];
  const missing = knowledgeDirs.find((d) => !fs.existsSync(d));
  if (missing) {
    throw new ConfigError(
      `KNOWLEDGE_DIR names ${missing}, which does not exist: set KNOWLEDGE_DIR to a folder of markdown pages (several separated by commas), or unset it to use the knowledge/ folder that ships with the bot`,
    );
  }
  const baseUrl = (blank(env.KNOWLEDGE_BASE_URL) ?? defaults.baseUrl).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s]+$/.test(baseUrl)) {
    throw new ConfigError(`KNOWLEDGE_BASE_URL must be an absolute http(s) URL (got "${baseUrl}")`);
  }
  return { knowledgeDirs, baseUrl, maxQuestionChars: intVar(env, 'MAX_QUESTION_CHARS', defaults.maxQuestionChars, 100), cacheDir: readCacheDir(env) };
}

/** `KNOWLEDGE_CACHE_DIR`, else `DATA_DIR/cache`; `off` (or `false`, `none`) keeps no cache. */
function readCacheDir(env: NodeJS.ProcessEnv): string | null {
  const raw = blank(env.KNOWLEDGE_CACHE_DIR);
  if (raw && ['off', 'false', 'none', '0'].includes(raw.toLowerCase())) return null;
  return path.resolve(raw ?? path.join(blank(env.DATA_DIR) ?? defaults.dataDir, 'cache'));
}

/**
 * Reads where conversation state lives; `integration-bot gaps` reads only this (and `DATA_DIR`).
 * @example readStateSettings({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl === 'redis://127.0.0.1:6379'
 */
export function readStateSettings(env: NodeJS.ProcessEnv = process.env): Config['state'] {
  const redisUrl = blank(env.REDIS_URL);
  if (redisUrl && !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) {
    // Never echo the value: a Redis URL may hold a password.
    throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379 (or leave it empty to keep state in the process)');
  }
  const keyPrefix = blank(env.REDIS_KEY_PREFIX) ?? defaults.state.keyPrefix;
  if (!/^[\w.:-]+$/.test(keyPrefix)) throw new ConfigError(`REDIS_KEY_PREFIX may hold letters, digits, '.', ':', '_' and '-' only (got "${keyPrefix}")`);
  return { ...(redisUrl ? { redisUrl } : {}), keyPrefix };
}

/**
 * Reads and validates the configuration; the only reader of the environment.
 * @example readConfig({ SLACK_BOT_TOKEN: 'xoxb-…', SLACK_APP_TOKEN: 'xapp-…' }).transport === 'socket'
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const botToken = blank(env.SLACK_BOT_TOKEN);
  const appToken = blank(env.SLACK_APP_TOKEN);
  const signingSecret = blank(env.SLACK_SIGNING_SECRET);
  checkPrefix('SLACK_BOT_TOKEN', botToken, 'xoxb-', 'copy the Bot User OAuth Token from OAuth & Permissions.');
  checkPrefix('SLACK_APP_TOKEN', appToken, 'xapp-', 'create one under Basic Information > App-Level Tokens with the connections:write scope.');

  let transport: Transport = 'console';
  if (botToken || appToken || signingSecret) {
    if (!botToken) {
      throw new ConfigError('SLACK_BOT_TOKEN is missing; copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions, or unset the other SLACK_ variables to run the local console.');
    }
    if (appToken) transport = 'socket';
    else if (signingSecret) transport = 'http';
    else {
      throw new ConfigError('SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is; set one of them.');
    }
  }

  const level = (blank(env.LOG_LEVEL) ?? defaults.logLevel) as Config['logLevel'];
  if (!['debug', 'info', 'warn', 'error'].includes(level)) {
    throw new ConfigError(`LOG_LEVEL must be one of debug, info, warn, error (got "${level}")`);
  }
  const apiUrl = blank(env.SLACK_API_URL);
  if (apiUrl && !/^https?:\/\//.test(apiUrl)) {
    throw new ConfigError('SLACK_API_URL must be an http(s) URL ending in /api/, e.g. https://slack.com/api/');
  }

  return {
    ...defaults,
    transport,
    slack: { botToken, appToken, signingSecret, apiUrl },
    port: intVar(env, 'PORT', defaults.port, 0),
    host: blank(env.HOST) ?? defaults.host,
    ...readKnowledgeSettings(env),
    dataDir: path.resolve(blank(env.DATA_DIR) ?? defaults.dataDir),
    followUps: boolVar(env, 'FOLLOW_UPS', defaults.followUps),
    rateLimit: {
      perUser: intVar(env, 'RATE_LIMIT_PER_USER', defaults.rateLimit.perUser, 1),
      perChannel: intVar(env, 'RATE_LIMIT_PER_CHANNEL', defaults.rateLimit.perChannel, 1),
      windowMs: intVar(env, 'RATE_LIMIT_WINDOW_MS', defaults.rateLimit.windowMs, 1000),
    },
    logLevel: level,
    watch: boolVar(env, 'WATCH_KNOWLEDGE', defaults.watch),
    state: readStateSettings(env),
  };
}
