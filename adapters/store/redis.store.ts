import type { ChainableCommander, Redis } from 'ioredis';
import type { IncidentEvent } from '../../src/domain/event.types.ts';
import { serialiseEvent } from '../../src/domain/hash-chain.ts';
import { systemClock, type Clock } from '../../src/ports/clock.port.ts';
import type { AppendResult, DueAt, InboxEntry, IncidentStore } from '../../src/ports/store.port.ts';
import { Secret } from '../config/secret.ts';
import { connectRedis } from './redis.connect.ts';
import { storeErrorOf } from './redis.errors.ts';
import { redisKeys, type RedisKeys } from './redis.keys.ts';
import { APPEND_SCRIPT, CLAIM_SCRIPT, INBOX_PUT_SCRIPT, SET_DUE_SCRIPT, appendReply } from './redis.scripts.ts';
import {
  EMPTY_SUMMARY,
  INBOX_SEEN_MS,
  actionIdsOf,
  commandIdOf,
  roomKey,
  roomKeysOf,
  assertAppendable,
  assertClaim,
  assertClaimKey,
  assertIncidentId,
  openIdsOldestFirst,
  summarise,
  type LogSummary,
} from './store-common.ts';

/** Options for {@link RedisStore.open}. */
export interface RedisStoreOptions {
  /** Decides when claims expire; tests pass a fake clock. */
  clock?: Clock;
  /** Put before every key (default `ic:`): several deployments, or test runs, can share one Redis. */
  keyPrefix?: string;
  /** Hears connection trouble after the start. */
  onWarning?: (message: string) => void;
  /** How long the first connection may take (default 3 s). */
  connectTimeoutMs?: number;
  /** The name the connection shows in Redis' `CLIENT LIST` (default `incident-commander`). */
  connectionName?: string;
}

/** The store calls that reach Redis. */
const GUARDED = [
  'append',
  'setDue',
  'dueIncidents',
  'incidentOfRoom',
  'incidentOfAction',
  'load',
  'loadAfter',
  'loadRaw',
  'listOpen',
  'claim',
  'release',
  'getRecord',
  'putRecord',
  'inboxPut',
  'inboxDone',
  'inboxPending',
  'ping',
] as const satisfies ReadonlyArray<keyof IncidentStore>;

/**
 * How long a claim key outlives its expiry in Redis' own clock. Claims expire
 * by the store's clock (the injected `Clock`: so a fake clock drives them in
 * tests, and every replica judges by the same rule as the file and memory
 * stores); the Redis TTL of ttl + this margin only stops keys living forever.
 * The trade-off: replicas' clocks must agree to well within this margin. A
 * replica whose clock runs ahead by d takes a claim d early (work may run
 * twice); one whose clock lags sees it held up to the margin longer.
 */
export const CLAIM_TTL_MARGIN_MS = 60_000;

/**
 * The production store for many replicas (DESIGN.md, "The incident is an
 * event log"). Per incident: `<prefix>{<id>}:log`, a list of canonical JSON
 * lines exactly as `serialiseEvent` wrote them, and `<prefix>{<id>}:meta`,
 * written by the same Lua script that checks the length and appends. Both
 * share the `{<id>}` hash tag, so the script stays in one Redis Cluster slot.
 *
 * The open index `<prefix>open` lives in another slot, so it is NOT updated
 * by the script but by separate idempotent commands: `ZADD NX` before a first
 * append (a crash never hides a new incident), `ZADD` after it succeeds (the
 * winner's time), `ZREM` after a closing append. The index is therefore only a
 * hint: `listOpen` checks every entry against its meta, leaves out logs that
 * do not exist or are closed, and removes the closed ones from the index.
 *
 * Durability is Redis' own: run it with `appendonly yes` (and replicas).
 */
export class RedisStore implements IncidentStore {
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly client: Redis,
    private readonly keys: RedisKeys,
    private readonly clock: Clock,
  ) {
    // Every call that fails because Redis is away says so (transient), at this depth: the core knows no Redis messages.
    for (const name of GUARDED) {
      const call = this[name].bind(this) as (...args: unknown[]) => Promise<unknown>;
      (this as unknown as Record<string, unknown>)[name] = (...args: unknown[]) =>
        call(...args).catch((error: unknown) => {
          throw storeErrorOf(error);
        });
    }
  }

  /** Connects (failing fast with a message naming the redacted URL) and returns the store. */
  static async open(url: string | Secret, options: RedisStoreOptions = {}): Promise<RedisStore> {
    const keys = redisKeys(options.keyPrefix);
    const text = url instanceof Secret ? url.reveal() : url;
    const { connectTimeoutMs, onWarning, connectionName } = options;
    const client = await connectRedis(text, { connectTimeoutMs, onWarning, connectionName });
    return new RedisStore(client, keys, options.clock ?? systemClock);
  }

  /**
   * Appends through one Lua script if the log holds exactly `expectedSeq`
   * lines; otherwise reports the conflict. The indexes live in other slots,
   * so they are written around the script, each step safe to lose: before
   * it, a new war room's entry and a due time that only moves earlier
   * (`ZADD LT`; unknown counts as due now); after it, the exact due time for
   * this seq. A crash in between leaves an incident due too early (it is read
   * and its time set again), never too late.
   */
  async append(
    incidentId: string,
    expectedSeq: number,
    events: readonly IncidentEvent[],
    dueAt?: DueAt,
  ): Promise<AppendResult> {
    this.assertOpen();
    assertIncidentId(incidentId);
    assertAppendable(incidentId, expectedSeq, events);
    const lines = events.map(serialiseEvent);
    const { firstAt, closed } = summarise(EMPTY_SUMMARY, events);
    const score = scoreOf(firstAt);
    // A pipeline, not MULTI: each command is idempotent on its own, so ioredis may re-send any of them after a
    // reconnect.
    const before = this.client.pipeline();
    if (expectedSeq === 0) before.zadd(this.keys.open, 'NX', score, incidentId);
    if (dueAt !== null && !closed) before.zadd(this.keys.due.at, 'LT', dueAt ?? 0, incidentId);
    for (const room of roomKeysOf(events)) before.hset(this.keys.rooms, room, incidentId);
    for (const actionId of actionIdsOf(events)) before.hset(this.keys.actions, actionId, incidentId);
    await run(before);
    const commandId = commandIdOf(events) ?? '';
    const reply = appendReply(
      await APPEND_SCRIPT.run(
        this.client,
        [this.keys.log(incidentId), this.keys.meta(incidentId), this.keys.commands(incidentId)],
        [expectedSeq, firstAt ?? '', closed ? '1' : '0', commandId, ...lines],
      ),
    );
    if (!reply.ok) return { ok: false, code: 'store.conflict', actualSeq: reply.length };
    if (reply.duplicate) return { ok: true, seq: reply.length, duplicate: true };
    if (closed) {
      await run(
        this.client
          .pipeline()
          .zrem(this.keys.open, incidentId)
          .zrem(this.keys.due.at, incidentId)
          .hdel(this.keys.due.seq, incidentId),
      );
    } else {
      if (expectedSeq === 0) await this.client.zadd(this.keys.open, score, incidentId);
      if (dueAt !== undefined) await this.setDue(incidentId, reply.length, dueAt);
    }
    return { ok: true, seq: reply.length };
  }

  /** One script over the due index's slot: ignored when a newer seq's time is kept. */
  async setDue(incidentId: string, seq: number, dueAt: number | null): Promise<void> {
    this.assertOpen();
    assertIncidentId(incidentId);
    await SET_DUE_SCRIPT.run(
      this.client,
      [this.keys.due.at, this.keys.due.seq],
      [incidentId, seq, dueAt === null ? 'none' : Math.max(0, Math.floor(dueAt))],
    );
  }

  /** `ZRANGEBYSCORE` on the due index: only what is due, whatever the number of open incidents. */
  async dueIncidents(now: number): Promise<string[]> {
    this.assertOpen();
    return this.client.zrangebyscore(this.keys.due.at, '-inf', Math.floor(now));
  }

  async incidentOfAction(actionId: string): Promise<string | undefined> {
    this.assertOpen();
    return (await this.client.hget(this.keys.actions, actionId)) ?? undefined;
  }

  async incidentOfRoom(platform: string, channelId: string): Promise<string | undefined> {
    this.assertOpen();
    return (await this.client.hget(this.keys.rooms, roomKey(platform, channelId))) ?? undefined;
  }

  /** The events, parsed from the stored lines; throws `store.corrupt` naming the key and line of a bad one. */
  async load(incidentId: string): Promise<IncidentEvent[]> {
    return this.#parse(incidentId, await this.loadRaw(incidentId), 0);
  }

  /** One `LRANGE` from `afterSeq`: seq n is the list's element n - 1. */
  async loadAfter(incidentId: string, afterSeq: number): Promise<IncidentEvent[]> {
    this.assertOpen();
    assertIncidentId(incidentId);
    return this.#parse(
      incidentId,
      await this.client.lrange(this.keys.log(incidentId), Math.max(0, afterSeq), -1),
      Math.max(0, afterSeq),
    );
  }

  #parse(incidentId: string, lines: readonly string[], offset: number): IncidentEvent[] {
    return lines.map((line, index) => {
      try {
        return JSON.parse(line) as IncidentEvent;
      } catch {
        throw new Error(`store.corrupt: line ${offset + index + 1} of ${this.keys.log(incidentId)} is not JSON`);
      }
    });
  }

  /** The stored lines as they are. */
  async loadRaw(incidentId: string): Promise<string[]> {
    this.assertOpen();
    assertIncidentId(incidentId);
    return this.client.lrange(this.keys.log(incidentId), 0, -1);
  }

  /** Ids in the open index whose log exists and is not closed, oldest first event first, ties by id. */
  async listOpen(): Promise<string[]> {
    this.assertOpen();
    const ids = await this.client.zrange(this.keys.open, '0', '-1');
    const summaries = await Promise.all(
      ids.map(async (id): Promise<[string, LogSummary]> => [id, await this.summaryOf(id)]),
    );
    const closed = summaries.filter(([, summary]) => summary.closed).map(([id]) => id);
    // A closing append whose ZREM was lost (crash, connection cut): tidy the index now. Closed is final.
    if (closed.length > 0) await this.client.zrem(this.keys.open, ...closed);
    return openIdsOldestFirst(summaries);
  }

  /** Takes `key` until now + `ttlMs` on the store's clock, unless an unexpired claim holds it (one Lua script). */
  async claim(key: string, ttlMs: number): Promise<boolean> {
    this.assertOpen();
    assertClaim(key, ttlMs);
    const now = this.clock.now().getTime();
    const taken = await CLAIM_SCRIPT.run(
      this.client,
      [this.keys.claim(key)],
      [now, now + ttlMs, ttlMs + CLAIM_TTL_MARGIN_MS],
    );
    return taken === 1;
  }

  /** Drops the claim on `key`, held or not. */
  async release(key: string): Promise<void> {
    this.assertOpen();
    assertClaimKey(key);
    await this.client.del(this.keys.claim(key));
  }

  /** The record under `key`, parsed, or undefined. */
  async getRecord(key: string): Promise<unknown> {
    this.assertOpen();
    assertClaimKey(key);
    const text = await this.client.get(this.keys.record(key));
    return text === null ? undefined : JSON.parse(text);
  }

  /** Replaces the record under `key` with its JSON; `undefined` deletes it. */
  async putRecord(key: string, value: unknown): Promise<void> {
    this.assertOpen();
    assertClaimKey(key);
    if (value === undefined) await this.client.del(this.keys.record(key));
    else await this.client.set(this.keys.record(key), JSON.stringify(value));
  }

  /** One Lua script: kept once per delivery id across replicas; the owner token recognises a re-sent script. */
  async inboxPut(entry: InboxEntry, owner: string): Promise<'kept' | 'duplicate'> {
    this.assertOpen();
    assertClaimKey(entry.id);
    const { pending, owners, seen } = this.keys.inbox;
    const kept = await INBOX_PUT_SCRIPT.run(
      this.client,
      [pending, owners, seen],
      [entry.id, JSON.stringify(entry), owner, this.clock.now().getTime(), INBOX_SEEN_MS],
    );
    return kept === 1 ? 'kept' : 'duplicate';
  }

  async inboxDone(id: string): Promise<void> {
    this.assertOpen();
    await this.client.hdel(this.keys.inbox.pending, id);
  }

  async inboxPending(): Promise<InboxEntry[]> {
    this.assertOpen();
    const entries = Object.values(await this.client.hgetall(this.keys.inbox.pending)).map(
      (text) => JSON.parse(text) as InboxEntry,
    );
    const order = (entry: InboxEntry) => `${entry.receivedAt} ${entry.id}`;
    return entries.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  }

  /** Resolves when Redis answers PING. */
  async ping(): Promise<void> {
    this.assertOpen();
    await this.client.ping();
  }

  /** Sends QUIT after the commands already sent; later calls reject. Closing twice is harmless. */
  close(): Promise<void> {
    this.closing ??= this.client.quit().then(
      () => undefined,
      // The connection was already gone: nothing left to flush.
      () => this.client.disconnect(),
    );
    return this.closing;
  }

  /** What `listOpen` needs of one log, read from its meta and length. */
  private async summaryOf(incidentId: string): Promise<LogSummary> {
    const [[first, closed], length] = await Promise.all([
      this.client.hmget(this.keys.meta(incidentId), 'first', 'closed'),
      this.client.llen(this.keys.log(incidentId)),
    ]);
    return { lastSeq: length, firstAt: first ?? undefined, closed: closed === '1' };
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('store.closed: the Redis store was closed');
  }
}

/** The open index's score: the first event's time in ms; an unparseable time sorts last, as in `openIdsOldestFirst`. */
function scoreOf(firstAt: string | undefined): number | string {
  const ms = firstAt === undefined ? Number.NaN : Date.parse(firstAt);
  return Number.isNaN(ms) ? '+inf' : ms;
}

/**
 * Runs a pipeline; the first command that failed fails it (a pipeline reports errors per command, it does not throw).
 */
async function run(pipeline: ChainableCommander): Promise<void> {
  for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
}
