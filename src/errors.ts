/** The project's coded errors: one place for their names and the advice they carry. */

export type ErrorCode = 'CONFIG' | 'KNOWLEDGE' | 'INPUT' | 'SLACK_API';

export class BotError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad or missing configuration: the message says what to set. */
export class ConfigError extends BotError {
  constructor(message: string) {
    super('CONFIG', message);
  }
}

/** A knowledge folder that cannot be used at all (missing, empty, unreadable). */
export class KnowledgeError extends BotError {
  constructor(message: string) {
    super('KNOWLEDGE', message);
  }
}

/** Input the bot refuses (too large, not text): the message is shown to the user as is. */
export class InputError extends BotError {
  constructor(message: string) {
    super('INPUT', message);
  }
}
