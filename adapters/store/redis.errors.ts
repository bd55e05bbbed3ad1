/**
 * ioredis after a cut connection, and Redis' own "try again" replies
 * (loading, failover, a busy script, an interrupted transaction).
 */
const TRANSIENT_MESSAGES = [
  /Connection is closed|Stream isn't writeable|max retries per request/i,
  /^(LOADING|READONLY|TRYAGAIN|CLUSTERDOWN|MASTERDOWN|BUSY|EXECABORT)\b/i,
  /EXEC without MULTI/i,
];

/** Redis did not answer now: nothing is known to have been written, and the caller may try again later. */
export class StoreUnavailableError extends Error {
  readonly code = 'store.unreachable';
  readonly transient = true;
}

/** The error a store call failed with, marked transient when Redis says "not now" rather than "no". */
export function storeErrorOf(error: unknown): unknown {
  if (!(error instanceof Error) || !TRANSIENT_MESSAGES.some((pattern) => pattern.test(error.message))) return error;
  return new StoreUnavailableError(`store.unreachable: Redis did not answer (${error.message}); try again`, {
    cause: error,
  });
}
