/**
 * A small structured logger that writes one JSON line per entry to stderr and redacts secrets.
 * Every log line goes through `redact`, so a token that slips into an error message never reaches the log.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Slack token shapes (bot, user, app-level, refresh, config) and anything after "Bearer ". */
const tokenPattern = /\b(?:xox[abprsoe]|xapp|xoxe\.xox[bp])-[A-Za-z0-9-]{6,}|Bearer\s+[A-Za-z0-9._~+/=-]{8,}/g;

/**
 * Replaces known secrets and anything shaped like a Slack token with `[redacted]`.
 * @example redact('token xoxb-123-abc', []) === 'token [redacted]'
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text.replace(tokenPattern, '[redacted]');
  for (const secret of secrets) {
    if (secret && secret.length >= 6) out = out.split(secret).join('[redacted]');
  }
  return out;
}

function serialise(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, code: (value as { code?: unknown }).code };
  return value;
}

/** Creates a logger; `write` defaults to stderr so stdout stays clean for `--json` output. */
export function createLogger(
  level: LogLevel = 'info',
  secrets: readonly string[] = [],
  write: (line: string) => void = (line) => void process.stderr.write(line + '\n'),
): Logger {
  const emit = (at: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (order[at] < order[level]) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level: at, message };
    for (const [key, value] of Object.entries(fields ?? {})) entry[key] = serialise(value);
    let line: string;
    try {
      line = JSON.stringify(entry);
    } catch {
      line = JSON.stringify({ time: entry.time, level: at, message });
    }
    write(redact(line, secrets));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

/** A logger that drops everything, for tests and one-shot CLI commands. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
