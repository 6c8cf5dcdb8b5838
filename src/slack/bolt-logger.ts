import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger, LogLevel as OurLevel } from '../log';

const levels: Record<OurLevel, LogLevel> = { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR };

function partText(part: unknown): string {
  if (part instanceof Error) return part.message;
  if (typeof part === 'string') return part;
  try {
    return JSON.stringify(part) ?? String(part);
  } catch {
    return String(part);
  }
}

/**
 * Adapts the project's logger to the interface Bolt, the WebClient and the Socket Mode client expect, so their
 * lines are JSON like ours and go through the same secret redaction.
 */
export function toBoltLogger(log: Logger, level: OurLevel): BoltLogger {
  let source = 'bolt';
  const text = (parts: unknown[]) => parts.map(partText).join(' ');
  return {
    debug: (...parts: unknown[]) => log.debug(text(parts), { source }),
    info: (...parts: unknown[]) => log.info(text(parts), { source }),
    warn: (...parts: unknown[]) => log.warn(text(parts), { source }),
    error: (...parts: unknown[]) => log.error(text(parts), { source }),
    // Bolt and the Socket Mode client set levels on loggers they are given; the configured level wins.
    setLevel: () => undefined,
    getLevel: () => levels[level],
    setName: (name: string) => {
      source = name;
    },
  };
}
