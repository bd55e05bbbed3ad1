import { pino } from 'pino';
import type { Logger } from '../../src/ports/logger.port.ts';

/** Keys whose values never reach a log line, whatever object carries them. */
const REDACT = [
  '*.password',
  '*.token',
  '*.secret',
  '*.authorization',
  '*.Authorization',
  'headers.authorization',
  '*.headers.authorization',
  '*.clientSecret',
  '*.signingSecret',
];

/**
 * JSON lines on stderr (stdout belongs to the console chat). Config secrets are
 * `Secret` objects that print as [redacted]; the paths above catch raw ones.
 */
export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  const base = pino(
    { level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'incident-commander' } },
    destination,
  );
  const write =
    (method: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) => {
      if (fields) base[method](fields, message);
      else base[method](message);
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
