import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/ports/logger.port.ts';

const ORDER: readonly LogLevel[] = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

/**
 * Bolt's and the Web API client's log lines, into the project's JSON logger.
 * Bolt's debug lines carry request bodies, so they pass only when Bolt is
 * explicitly set to debug (never by default).
 */
export function boltLogger(logger: Logger, name = 'slack'): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  let component = name;
  const write =
    (at: LogLevel, method: keyof Logger) =>
    (...parts: unknown[]) => {
      if (ORDER.indexOf(at) < ORDER.indexOf(level)) return;
      logger[method](
        parts
          .map((part) => (part instanceof Error ? part.message : typeof part === 'string' ? part : safeJson(part)))
          .join(' '),
        { component },
      );
    };
  return {
    debug: write(LogLevel.DEBUG, 'debug'),
    info: write(LogLevel.INFO, 'info'),
    warn: write(LogLevel.WARN, 'warn'),
    error: write(LogLevel.ERROR, 'error'),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next: string) => {
      component = next;
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
