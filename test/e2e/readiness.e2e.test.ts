import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/cli.ts';
import { redisTarget, redisTestsRun } from '../support/redis.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';

const runs = await redisTestsRun('the readiness tests over Redis');

describe.runIf(runs)('/readyz while Redis hangs', () => {
  let server: RunningServer | undefined;
  let proxy: TcpProxy | undefined;
  afterEach(async () => {
    proxy?.resume();
    await server?.stop('SIGKILL');
    await proxy?.close();
  });

  it('answers 503 with the reason within a second while Redis is paused, and 200 once it is back', async () => {
    proxy = await TcpProxy.start(redisTarget());
    server = await startServer({ IC_STORE: 'redis', REDIS_URL: proxy.url });
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

    proxy.pause();
    const started = performance.now();
    const paused = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(5_000) });
    const tookMs = performance.now() - started;
    expect(paused.status).toBe(503);
    expect(await paused.json()).toEqual({ status: 'store unavailable', message: expect.stringMatching(/did not answer within \d+ ms/) });
    expect(tookMs).toBeLessThan(1_000);

    proxy.resume();
    await expect.poll(async () => (await fetch(`${server!.url}/readyz`)).status, { timeout: 5_000 }).toBe(200);
  });
});
