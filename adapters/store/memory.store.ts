import type { IncidentEvent } from '../../src/domain/event.types.ts';
import { serialiseEvent } from '../../src/domain/hash-chain.ts';
import { systemClock, type Clock } from '../../src/ports/clock.port.ts';
import type { AppendResult, DueAt, InboxEntry, IncidentStore } from '../../src/ports/store.port.ts';
import {
  EMPTY_SUMMARY,
  LocalIndexes,
  commandIdOf,
  commandSeqs,
  assertAppendable,
  assertClaim,
  assertClaimKey,
  assertIncidentId,
  openIds,
  openIdsOldestFirst,
  summarise,
  type LogSummary,
} from './store-common.ts';

interface MemoryLog {
  /** Canonical JSON, one event per line: what `loadRaw` returns and `load` parses. */
  lines: string[];
  summary: LogSummary;
  /** Command id -> seq of its last event. */
  commands: Map<string, number>;
}

/** Options for a {@link MemoryStore}. */
export interface MemoryStoreOptions {
  /** Measures claim TTLs; tests pass a fake clock. */
  clock?: Clock;
}

/**
 * The incident store for tests and the console demo: everything in this
 * process, nothing survives a restart. Behaves like the file store in every
 * way the contract suite checks.
 */
export class MemoryStore implements IncidentStore {
  private readonly logs = new Map<string, MemoryLog>();
  /** Claim key -> expiry in epoch milliseconds. */
  private readonly claims = new Map<string, number>();
  /** Record key -> JSON text. */
  private readonly records = new Map<string, string>();
  private readonly clock: Clock;
  private closed = false;
  /** Inbox: pending entries (JSON) by id, and the owner of every id seen. */
  private readonly inbox = new Map<string, string>();
  private readonly inboxSeen = new Map<string, string>();
  private readonly indexes = new LocalIndexes();

  /** A fresh, empty store. */
  constructor(options: MemoryStoreOptions = {}) {
    this.clock = options.clock ?? systemClock;
  }

  /** Appends if the last seq is `expectedSeq`; otherwise reports the conflict and writes nothing. */
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
    // Yield once, as a real store would; the check and the write below run without a gap.
    await Promise.resolve();
    this.assertOpen();
    const log = this.logs.get(incidentId) ?? { lines: [], summary: EMPTY_SUMMARY, commands: new Map<string, number>() };
    const commandId = commandIdOf(events);
    const done = commandId === undefined ? undefined : log.commands.get(commandId);
    if (done !== undefined) return { ok: true, seq: done, duplicate: true };
    if (log.summary.lastSeq !== expectedSeq)
      return { ok: false, code: 'store.conflict', actualSeq: log.summary.lastSeq };
    this.logs.set(incidentId, {
      lines: [...log.lines, ...lines],
      summary: summarise(log.summary, events),
      commands: commandSeqs(events, log.commands),
    });
    this.indexes.appended(incidentId, expectedSeq + events.length, events, dueAt);
    return { ok: true, seq: expectedSeq + events.length };
  }

  async setDue(incidentId: string, seq: number, dueAt: number | null): Promise<void> {
    this.assertOpen();
    assertIncidentId(incidentId);
    this.indexes.setDue(incidentId, seq, dueAt);
  }

  async dueIncidents(now: number): Promise<string[]> {
    this.assertOpen();
    return this.indexes.due(openIds([...this.logs].map(([id, entry]) => [id, entry.summary])), now);
  }

  async incidentOfRoom(platform: string, channelId: string): Promise<string | undefined> {
    this.assertOpen();
    return this.indexes.room(platform, channelId);
  }

  async incidentOfAction(actionId: string): Promise<string | undefined> {
    this.assertOpen();
    return this.indexes.action(actionId);
  }

  /** The events, parsed afresh from the kept lines, so callers cannot change the log. */
  async load(incidentId: string): Promise<IncidentEvent[]> {
    const lines = await this.loadRaw(incidentId);
    return lines.map((line) => JSON.parse(line) as IncidentEvent);
  }

  /** The events after `afterSeq`, parsed afresh. */
  async loadAfter(incidentId: string, afterSeq: number): Promise<IncidentEvent[]> {
    this.assertOpen();
    assertIncidentId(incidentId);
    return (this.logs.get(incidentId)?.lines ?? [])
      .slice(Math.max(0, afterSeq))
      .map((line) => JSON.parse(line) as IncidentEvent);
  }

  /** A copy of the kept lines. */
  async loadRaw(incidentId: string): Promise<string[]> {
    this.assertOpen();
    assertIncidentId(incidentId);
    return [...(this.logs.get(incidentId)?.lines ?? [])];
  }

  /** Ids with no `IncidentClosed`, oldest first event first. */
  async listOpen(): Promise<string[]> {
    this.assertOpen();
    return openIdsOldestFirst([...this.logs].map(([id, log]) => [id, log.summary]));
  }

  /** Takes `key` until now + `ttlMs` on the clock, unless an unexpired claim holds it. */
  async claim(key: string, ttlMs: number): Promise<boolean> {
    this.assertOpen();
    assertClaim(key, ttlMs);
    const now = this.clock.now().getTime();
    const expiresAt = this.claims.get(key);
    if (expiresAt !== undefined && expiresAt > now) return false;
    this.claims.set(key, now + ttlMs);
    return true;
  }

  /** Drops the claim on `key`, held or not. */
  async release(key: string): Promise<void> {
    this.assertOpen();
    assertClaimKey(key);
    this.claims.delete(key);
  }

  /** A copy of the record under `key`, or undefined. */
  async getRecord(key: string): Promise<unknown> {
    this.assertOpen();
    assertClaimKey(key);
    const text = this.records.get(key);
    return text === undefined ? undefined : JSON.parse(text);
  }

  /** Keeps a JSON copy, so later changes to `value` do not leak in; `undefined` deletes. */
  async putRecord(key: string, value: unknown): Promise<void> {
    this.assertOpen();
    assertClaimKey(key);
    if (value === undefined) this.records.delete(key);
    else this.records.set(key, JSON.stringify(value));
  }

  async inboxPut(entry: InboxEntry, owner: string): Promise<'kept' | 'duplicate'> {
    this.assertOpen();
    assertClaimKey(entry.id);
    const seen = this.inboxSeen.get(entry.id);
    if (seen !== undefined) return seen === owner ? 'kept' : 'duplicate';
    this.inboxSeen.set(entry.id, owner);
    this.inbox.set(entry.id, JSON.stringify(entry));
    return 'kept';
  }

  async inboxDone(id: string): Promise<void> {
    this.assertOpen();
    this.inbox.delete(id);
  }

  async inboxPending(): Promise<InboxEntry[]> {
    this.assertOpen();
    return [...this.inbox.values()].map((text) => JSON.parse(text) as InboxEntry);
  }

  /** Resolves until the store is closed. */
  async ping(): Promise<void> {
    this.assertOpen();
  }

  /** Refuses every later call; the data is gone with the object. */
  async close(): Promise<void> {
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('store.closed: the memory store was closed');
  }
}
