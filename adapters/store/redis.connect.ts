import { Redis } from 'ioredis';

/** How {@link connectRedis} connects. */
export interface RedisConnectOptions {
  /** How long the first connection may take before the start is refused (default 3 s). */
  connectTimeoutMs?: number;
  /** Hears connection trouble after the start (lost, back); the URL in it never carries the password. */
  onWarning?: (message: string) => void;
  /** The name the connection shows in `CLIENT LIST` (default `incident-commander`). */
  connectionName?: string;
}

/** Redis did not answer at the start; the message names the URL without its password, the reason and the fix. */
export class RedisUnreachableError extends Error {
  readonly code = 'store.unreachable';
}

/** Retries per command while the connection is down, before the command fails (ioredis' default is 20). */
const MAX_RETRIES_PER_REQUEST = 2;

/**
 * `url` as it may be printed: the password (in the userinfo or a `password`
 * query parameter, which ioredis also reads) left out.
 */
export function redactRedisUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(an unparseable REDIS_URL)';
  }
  parsed.password = '';
  parsed.searchParams.delete('password');
  return parsed.toString();
}

/** `text` with every occurrence of the URL's password cut out, in case a driver message ever echoes it. */
function scrub(text: string, url: string): string {
  let secrets: string[];
  try {
    const parsed = new URL(url);
    secrets = [parsed.password, decodeURIComponent(parsed.password), parsed.searchParams.get('password') ?? ''].filter(
      (secret) => secret.length > 0,
    );
  } catch {
    secrets = [];
  }
  return secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}

/**
 * Connects to Redis at `url` and resolves once it answers. Fails fast at the
 * start: one attempt, no retry loop, and a {@link RedisUnreachableError}
 * naming the redacted URL, the reason and the fix. Once connected, a lost
 * connection is retried with backoff and reported through `onWarning`.
 */
export async function connectRedis(url: string, options: RedisConnectOptions = {}): Promise<Redis> {
  const shown = redactRedisUrl(url);
  let connected = false;
  let lastError: string | undefined;
  const client = new Redis(url, {
    lazyConnect: true,
    connectionName: options.connectionName ?? 'incident-commander',
    connectTimeout: options.connectTimeoutMs ?? 3_000,
    maxRetriesPerRequest: MAX_RETRIES_PER_REQUEST,
    // Before the first success, give up at once (null): the start must fail, not hang. After it, back off up to 2 s.
    retryStrategy: (times) => (connected ? Math.min(times * 200, 2_000) : null),
  });
  // Only messages are kept, never the error objects: ioredis' errors carry the failed command's arguments, AUTH's
  // password among them.
  client.on('error', (error: Error) => {
    lastError = scrub(error.message, url);
  });
  try {
    await client.connect();
  } catch {
    client.disconnect();
    throw new RedisUnreachableError(
      `cannot reach Redis at ${shown}: ${lastError ?? 'the connection closed'}. Start Redis, or unset REDIS_URL to ` +
        `use the file store.`,
    );
  }
  connected = true;
  reportOutages(client, shown, () => lastError, options.onWarning ?? (() => undefined));
  return client;
}

/** Warns once when the connection is lost (ioredis reconnects on its own) and once when it is back. */
function reportOutages(
  client: Redis,
  shown: string,
  lastError: () => string | undefined,
  warn: (message: string) => void,
): void {
  let down = false;
  client.on('reconnecting', () => {
    if (down) return;
    down = true;
    const reason = lastError();
    warn(
      `Lost the connection to Redis at ${shown}${reason ? ` (${reason})` : ''}. Reconnecting; store calls fail ` +
        `until it is back.`,
    );
  });
  client.on('ready', () => {
    if (down) warn(`The connection to Redis at ${shown} is back.`);
    down = false;
  });
}
