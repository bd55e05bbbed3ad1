import { randomBytes } from 'node:crypto';

/**
 * The one correlation id of an unexpected failure, minted at every boundary
 * (HTTP server, Slack, Teams, console): `err-<time, base 36>-<6 hex>`. The
 * person is told the id, never the error; the log carries the stack under it.
 */
export function correlationId(): string {
  return `err-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}
