import type { IncidentEvent } from '../domain/event.types.ts';

/**
 * The outcome of an append: a conflict means someone else appended first;
 * reload and decide again. `duplicate` means the log already holds the
 * events of this command (their `commandId`): nothing was written, and `seq`
 * is the seq of the last event that command appended.
 */
export type AppendResult = { ok: true; seq: number; duplicate?: true } | { ok: false; code: 'store.conflict'; actualSeq: number };

/**
 * The incident store (DESIGN.md, "The incident is an event log"). One contract
 * suite runs against every implementation: memory, file, redis.
 */
export interface IncidentStore {
  /**
   * Appends events if the log's last seq is `expectedSeq` (0 for a new
   * incident). Durable before it resolves. Idempotent per command: when the
   * events carry a `commandId` the log already holds, nothing is written and
   * the first append's result comes back as `duplicate`, whatever `expectedSeq`.
   */
  append(incidentId: string, expectedSeq: number, events: readonly IncidentEvent[]): Promise<AppendResult>;
  /** The incident's events in order; empty when it does not exist. */
  load(incidentId: string): Promise<IncidentEvent[]>;
  /** The stored lines exactly as kept (canonical JSON), for `verify`: the evidence, not a re-serialisation. */
  loadRaw(incidentId: string): Promise<string[]>;
  /** Ids of logs still open (no `IncidentClosed`, no `TriageDecided`), oldest first. */
  listOpen(): Promise<string[]>;
  /** Takes `key` for `ttlMs` if nobody holds it: exactly-once work across replicas and restarts. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Gives a claim back early (the work failed and may be retried). */
  release(key: string): Promise<void>;
  /** A small JSON record outside any incident (poller checkpoints, chat conversation references); undefined when absent. */
  getRecord(key: string): Promise<unknown>;
  /** Writes a record durably, replacing any previous value; `undefined` deletes it. */
  putRecord(key: string, value: unknown): Promise<void>;
  /** Resolves when the store answers; rejects otherwise (readiness). */
  ping(): Promise<void>;
  /** Flushes and lets go of files, locks and connections. */
  close(): Promise<void>;
}
