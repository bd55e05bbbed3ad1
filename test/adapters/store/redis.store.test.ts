import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../adapters/config/app.config.ts';
import { Secret } from '../../../adapters/config/secret.ts';
import { RedisUnreachableError, createStore } from '../../../adapters/store/index.ts';
import { redactRedisUrl } from '../../../adapters/store/redis.connect.ts';
import { CLAIM_TTL_MARGIN_MS, RedisStore } from '../../../adapters/store/redis.store.ts';
import { newEvent, type IncidentEvent } from '../../../src/domain/event.types.ts';
import { serialiseEvent, verifyLines } from '../../../src/domain/hash-chain.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { chainedAfter, declaredAt, describeStoreContract } from './store.contract.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SHOWN = redactRedisUrl(REDIS_URL);
const T0 = new Date('2026-11-29T09:00:00.000Z');
const ID = 'ir-20261129-k7q2x9';

/** One attempt, short timeout: whether a Redis answers at `url`. */
async function redisAnswers(url: string): Promise<boolean> {
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

const reachable = await redisAnswers(REDIS_URL);
const inCi = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI);
if (!reachable && !inCi) console.warn(`SKIPPED: the Redis store tests need Redis at ${SHOWN} (start redis-server, or set REDIS_URL)`);

/** A key prefix no other test or run uses, so tests share the Redis server without touching each other's keys. */
const freshPrefix = (): string => `ic-test:${process.pid}-${randomBytes(6).toString('hex')}:`;

/** A TCP port on which nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const note = (text: string) => newEvent('NoteAdded', { text });

describe('REDIS_URL and IC_STORE=redis in the configuration', () => {
  const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return error.problems.map((p) => `${p.variable}: ${p.problem}`);
      throw error;
    }
  };

  it('picks the Redis store when REDIS_URL is set and IC_STORE is not, keeping the URL secret', () => {
    const config = loadConfig({ REDIS_URL: 'rediss://:hunter2@cache.example:6380/0' });
    expect(config.store).toBe('redis');
    expect(config.redisUrl?.reveal()).toBe('rediss://:hunter2@cache.example:6380/0');
    expect(`${inspect(config)} ${JSON.stringify(config)}`).not.toContain('hunter2');
  });

  it('keeps the file store by default, for an empty REDIS_URL, and when IC_STORE says so', () => {
    expect(loadConfig({}).store).toBe('file');
    expect(loadConfig({ REDIS_URL: '' }).store).toBe('file');
    const file = loadConfig({ REDIS_URL: 'redis://redis:6379', IC_STORE: 'file' });
    expect(file.store).toBe('file');
    expect(file.redisUrl).toBeUndefined();
    expect(loadConfig({ REDIS_URL: 'redis://redis:6379', IC_STORE: 'redis' }).store).toBe('redis');
  });

  it('refuses IC_STORE=redis without REDIS_URL, and a REDIS_URL that is not redis:// or rediss://, without echoing it', () => {
    expect(problemsOf({ IC_STORE: 'redis' })).toEqual([expect.stringMatching(/^REDIS_URL: is required when IC_STORE=redis/)]);
    for (const bad of ['http://:hunter2@cache.example:6379', 'cache.example:6379', 'redis://']) {
      const problems = problemsOf({ REDIS_URL: bad });
      expect(problems).toEqual([expect.stringMatching(/^REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/)]);
      expect(problems.join()).not.toContain('hunter2');
    }
    expect(problemsOf({ IC_STORE: 'postgres' })).toEqual([expect.stringMatching(/^IC_STORE: must be "file".*"redis"/)]);
  });
});

describe('RedisStore when Redis does not answer', () => {
  it('fails fast with a message naming the URL without its password, the reason and the fix', async () => {
    const port = await closedPort();
    const attempt = createStore({ kind: 'redis', url: new Secret(`redis://:s3cret-pw@127.0.0.1:${port}/0`) });
    const error = await attempt.then(
      () => undefined,
      (reason: unknown) => reason as Error,
    );
    expect(error).toBeInstanceOf(RedisUnreachableError);
    expect(error).toMatchObject({ code: 'store.unreachable' });
    expect(error?.message).toBe(`cannot reach Redis at redis://127.0.0.1:${port}/0: connect ECONNREFUSED 127.0.0.1:${port}. Start Redis, or unset REDIS_URL to use the file store.`);
    expect(inspect(error, { depth: 10 })).not.toContain('s3cret-pw');
  });

  it('prints a URL without the password in the userinfo or the query', () => {
    expect(redactRedisUrl('rediss://bob:pa%40ss@cache.example:6380/2?password=other&family=6')).toBe('rediss://bob@cache.example:6380/2?family=6');
    expect(redactRedisUrl('not a url :pw@')).not.toContain('pw');
  });
});

describe.skipIf(!reachable && !inCi)(`RedisStore against the Redis at ${SHOWN}`, () => {
  let admin: Redis;
  beforeAll(async () => {
    if (!reachable) throw new Error(`CI is set, and the Redis store tests need Redis at ${SHOWN}, which does not answer: start a Redis service in CI, or set REDIS_URL`);
    admin = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    await admin?.quit();
  });

  /** Every key under `prefix`, found with SCAN (never KEYS or FLUSHDB: the server is shared). */
  async function keysUnder(prefix: string): Promise<string[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      found.push(...keys);
      cursor = next;
    } while (cursor !== '0');
    return found.sort();
  }

  async function dropPrefix(prefix: string): Promise<void> {
    const keys = await keysUnder(prefix);
    if (keys.length > 0) await admin.del(...keys);
  }

  describeStoreContract('RedisStore', async () => {
    const prefix = freshPrefix();
    const clock = new FakeClock();
    const store = await RedisStore.open(REDIS_URL, { clock, keyPrefix: prefix });
    return {
      store,
      clock,
      cleanup: async () => {
        await store.close();
        await dropPrefix(prefix);
      },
    };
  });

  describe('across replicas', () => {
    let prefix: string;
    let clock: FakeClock;
    let replicas: RedisStore[];
    beforeAll(async () => {
      prefix = freshPrefix();
      clock = new FakeClock(T0);
      replicas = await Promise.all([RedisStore.open(REDIS_URL, { clock, keyPrefix: prefix }), RedisStore.open(REDIS_URL, { clock, keyPrefix: prefix })]);
    });
    afterAll(async () => {
      await Promise.all((replicas ?? []).map((replica) => replica.close()));
      await dropPrefix(prefix);
    });

    it('lets exactly one replica win each seq of a raced append, and the log stays one valid chain', async () => {
      const [a, b] = replicas as [RedisStore, RedisStore];
      await a.append(ID, 0, declaredAt(ID, T0));
      let seq = 1;
      for (let round = 1; round <= 15; round++) {
        const [fromA, fromB] = await Promise.all([a.load(ID), b.load(ID)]);
        const results = await Promise.all([
          a.append(ID, seq, chainedAfter(fromA, [note(`a ${round}`)], T0)),
          b.append(ID, seq, chainedAfter(fromB, [note(`b ${round}`), note(`b ${round} again`)], T0)),
        ]);
        const winner = results.find((result) => result.ok);
        expect(results.filter((result) => result.ok)).toHaveLength(1);
        seq = winner?.ok ? winner.seq : Number.NaN;
        expect(results.find((result) => !result.ok)).toEqual({ ok: false, code: 'store.conflict', actualSeq: seq });
      }
      const lines = await b.loadRaw(ID);
      expect(verifyLines(ID, lines)).toMatchObject({ intact: true, count: lines.length });
    });

    it('keeps the chain valid when many writers on two replicas retry on conflict until they land', async () => {
      const [a, b] = replicas as [RedisStore, RedisStore];
      const id = 'ir-20261129-many';
      await a.append(id, 0, declaredAt(id, T0));
      const writer = async (store: RedisStore, name: string): Promise<number> => {
        for (let attempt = 1; ; attempt++) {
          const log = await store.load(id);
          const result = await store.append(id, log.length, chainedAfter(log, [note(name)], T0));
          if (result.ok) return attempt;
        }
      };
      const names = Array.from({ length: 10 }, (_, index) => `writer ${index}`);
      await Promise.all(names.map((name, index) => writer(index % 2 === 0 ? a : b, name)));
      const lines = await a.loadRaw(id);
      expect(verifyLines(id, lines)).toMatchObject({ intact: true, count: 11 });
      const texts = (await b.load(id)).slice(1).map((event) => (event.data as { text: string }).text);
      expect(texts.sort()).toEqual([...names].sort());
    });

    it('gives a claim to one replica only, and a release on one frees it for the other', async () => {
      const [a, b] = replicas as [RedisStore, RedisStore];
      const results = await Promise.all(Array.from({ length: 16 }, (_, index) => (index % 2 === 0 ? a : b).claim('action:act-7', 60_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await a.claim('action:act-7', 60_000)).toBe(false);
      await b.release('action:act-7');
      expect(await a.claim('action:act-7', 60_000)).toBe(true);
      expect(await b.claim('action:act-7', 60_000)).toBe(false);
      // The key also dies on Redis' own clock, a margin after the claim's TTL, so it cannot live forever.
      const pttl = await admin.pttl(`${prefix}claim:action:act-7`);
      expect(pttl).toBeGreaterThan(60_000);
      expect(pttl).toBeLessThanOrEqual(60_000 + CLAIM_TTL_MARGIN_MS);
    });

    it('indexes a new incident by its winner when two replicas declare the same id at once', async () => {
      const [a, b] = replicas as [RedisStore, RedisStore];
      const id = 'ir-20261129-twice';
      const early = declaredAt(id, new Date(T0.getTime() - 3_600_000));
      const late = declaredAt(id, new Date(T0.getTime() + 3_600_000));
      const results = await Promise.all([a.append(id, 0, early), b.append(id, 0, late)]);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      const winner = results[0]?.ok ? early : late;
      expect(await admin.zscore(`${prefix}open`, id)).toBe(String(Date.parse(winner[0]?.at ?? '')));
      expect(await b.load(id)).toEqual(winner);
    });
  });

  describe('on the Redis server', () => {
    let prefix: string;
    let store: RedisStore;
    beforeAll(async () => {
      prefix = freshPrefix();
      store = await RedisStore.open(new Secret(REDIS_URL), { clock: new FakeClock(T0), keyPrefix: prefix });
    });
    afterAll(async () => {
      await store?.close();
      await dropPrefix(prefix);
    });

    it('writes only hash-tagged incident keys, the open and due indexes, claims and records under its prefix', async () => {
      const events = declaredAt(ID, T0);
      await store.append(ID, 0, events);
      await store.claim('reminder:x', 1_000);
      await store.putRecord('teams:user:29:1', { serviceUrl: 'https://smba.example/' });
      expect(await keysUnder(prefix)).toEqual([`${prefix}claim:reminder:x`, `${prefix}open`, `${prefix}record:teams:user:29:1`, `${prefix}{${ID}}:log`, `${prefix}{${ID}}:meta`, `${prefix}{due}:at`].sort());
      // Appended without a due time: not known, so due at once.
      expect(await admin.zrange(`${prefix}{due}:at`, '0', '-1', 'WITHSCORES')).toEqual([ID, '0']);
      expect(await admin.type(`${prefix}{${ID}}:log`)).toBe('list');
      expect(await admin.hgetall(`${prefix}{${ID}}:meta`)).toEqual({ first: T0.toISOString() });
      expect(await admin.zrange(`${prefix}open`, '0', '-1', 'WITHSCORES')).toEqual([ID, String(T0.getTime())]);
      expect(await admin.get(`${prefix}record:teams:user:29:1`)).toBe('{"serviceUrl":"https://smba.example/"}');
    });

    it('returns from loadRaw the exact stored bytes, not a re-serialisation', async () => {
      const id = 'ir-20261129-bytes';
      const first = declaredAt(id, T0);
      const more = chainedAfter(first, [note('Zoë saw 東京 sign-ins 🚨 "quoted" \\ back')], T0);
      await store.append(id, 0, first);
      await store.append(id, 1, more);
      const stored = await admin.lrangeBuffer(`${prefix}{${id}}:log`, 0, -1);
      expect(stored).toEqual([...first, ...more].map((event) => Buffer.from(serialiseEvent(event), 'utf8')));
      expect((await store.loadRaw(id)).map((line) => Buffer.from(line, 'utf8'))).toEqual(stored);
      // A line that is not canonical comes back as it is, for verify to catch.
      const tampered = ' {"seq": 3}';
      await admin.rpush(`${prefix}{${id}}:log`, tampered);
      expect((await store.loadRaw(id)).at(-1)).toBe(tampered);
      expect(verifyLines(id, await store.loadRaw(id))).toMatchObject({ intact: false, brokenSeq: 3 });
    });

    it('leaves out, and tidies, index entries whose log is closed or was never written', async () => {
      const id = 'ir-20261129-closed';
      const first: IncidentEvent[] = declaredAt(id, new Date(T0.getTime() - 60_000));
      await store.append(id, 0, first);
      expect(await store.listOpen()).toContain(id);
      await store.append(id, 1, chainedAfter(first, [newEvent('IncidentClosed', { classification: 'FalsePositive', from: 'investigating' })], T0));
      expect(await admin.zscore(`${prefix}open`, id)).toBeNull();
      // A replica died after its script closed the log but before its ZREM, and another before its first append.
      await admin.zadd(`${prefix}open`, '1', id, '2', 'ir-20261129-ghost');
      expect(await store.listOpen()).not.toContain(id);
      expect(await store.listOpen()).not.toContain('ir-20261129-ghost');
      expect(await admin.zscore(`${prefix}open`, id)).toBeNull();
    });

    it('reconnects by itself after Redis drops the connection, and says so twice: lost, then back', async () => {
      const warnings: string[] = [];
      const name = `ic-test-${randomBytes(4).toString('hex')}`;
      const replica = await RedisStore.open(REDIS_URL, { keyPrefix: prefix, connectionName: name, onWarning: (message) => warnings.push(message) });
      try {
        const id = String(await admin.client('LIST')).split('\n').find((line) => line.includes(` name=${name} `))?.match(/^id=(\d+) /)?.[1];
        expect(id).toBeDefined();
        await admin.client('KILL', 'ID', id ?? '');
        await expect.poll(() => warnings.length).toBe(2);
        expect(warnings[0]).toMatch(new RegExp(`^Lost the connection to Redis at ${SHOWN.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}.*Reconnecting`));
        expect(warnings[1]).toBe(`The connection to Redis at ${SHOWN} is back.`);
        await expect(replica.ping()).resolves.toBeUndefined();
      } finally {
        await replica.close();
      }
    });

    it('names the URL without its password when Redis refuses the credentials', async () => {
      const url = new URL(REDIS_URL);
      url.username = 'no-such-user';
      url.password = 's3cret-pw';
      const error = await RedisStore.open(url.toString()).then(
        () => undefined,
        (reason: unknown) => reason as Error,
      );
      expect(error?.message).toMatch(/^cannot reach Redis at redis:\/\/no-such-user@.*: WRONGPASS .*\. Start Redis, or unset REDIS_URL to use the file store\.$/);
      // ioredis' own error holds the AUTH arguments: none of it may travel with ours.
      expect(inspect(error, { depth: 10 })).not.toContain('s3cret-pw');
    });
  });
});
