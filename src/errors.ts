/** The project's coded errors: one place for their names and the advice they carry. */

export type ErrorCode = 'CONFIG' | 'KNOWLEDGE' | 'INPUT' | 'SLACK_API' | 'HANDED_OVER';

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

/**
 * Not a failure: a reply this instance was waiting to send when it began to stop was handed to another instance
 * (the Redis outbox), which sends it. Listeners must not apologise for it.
 */
export class HandedOverError extends BotError {
  constructor(what: string) {
    super('HANDED_OVER', `${what} was handed over to another instance while this one stops`);
  }
}

/** Input the bot refuses (too large, not text): the message is shown to the user as is. */
export class InputError extends BotError {
  constructor(message: string) {
    super('INPUT', message);
  }
}
