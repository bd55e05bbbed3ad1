import { Redis } from 'ioredis';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const IN_CI = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI);

/** One attempt, short timeout: whether a Redis answers at `url`. */
export async function redisAnswers(url: string = REDIS_URL): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    await client.quit();
    return true;
  } catch {
    client.disconnect();
    return false;
  }
}

/**
 * Whether the tests of `what` run: always in CI (where a missing Redis fails
 * them), elsewhere only when Redis answers, saying loudly when they are skipped.
 */
export async function redisTestsRun(what: string): Promise<boolean> {
  const reachable = await redisAnswers();
  if (!reachable && !IN_CI) console.warn(`SKIPPED: ${what} need Redis at ${new URL(REDIS_URL).host} (start redis-server, or set REDIS_URL)`);
  return reachable || IN_CI;
}

/** host and port of REDIS_URL, for a proxy in front of it. */
export function redisTarget(): { host: string; port: number } {
  const url = new URL(REDIS_URL);
  return { host: url.hostname, port: Number(url.port || 6379) };
}
