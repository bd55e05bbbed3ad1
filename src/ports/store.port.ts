import type { IncidentEvent } from '../domain/event.types.ts';

/**
 * The outcome of an append: a conflict means someone else appended first;
 * reload and decide again. `duplicate` means the log already holds the
 * events of this command (their `commandId`): nothing was written, and `seq`
 * is the seq of the last event that command appended.
 */
export type AppendResult =
  { ok: true; seq: number; duplicate?: true } | { ok: false; code: 'store.conflict'; actualSeq: number };

/**
 * A command kept before the platform is acknowledged (the durable inbox): a
 * Slack slash command, a button press, a Sentinel delivery. Whatever is in
 * the inbox and not done is processed, after a crash by the next start or by
 * another replica; its id is the delivery id, so the same delivery is kept once.
 */
export interface InboxEntry {
  /** The delivery id (Slack's trigger or event id, a webhook delivery id): one entry per delivery. */
  id: string;
  /** Which adapter processes it: `slack`, `sentinel`, ... */
  source: string;
  /** When it was received, ISO-8601 UTC: ids minted for it derive from it, so a replay mints the same ones. */
  receivedAt: string;
  /** The delivery as its adapter needs it to run again. */
  payload: unknown;
}

/**
 * When an incident next has something due, epoch ms: a countdown reminder,
 * an approved action without an outcome. `null`: nothing will be due until
 * the incident changes. Left out (`undefined`): not known, so the incident
 * counts as due and the scheduler reads it.
 */
export type DueAt = number | null | undefined;

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
  append(
    incidentId: string,
    expectedSeq: number,
    events: readonly IncidentEvent[],
    dueAt?: DueAt,
  ): Promise<AppendResult>;
  /**
   * Records when the incident next has something due (see {@link DueAt}) as
   * of its event `seq`; a value for an older seq than the one kept is ignored,
   * so a slow replica cannot overwrite a newer answer.
   */
  setDue(incidentId: string, seq: number, dueAt: number | null): Promise<void>;
  /**
   * Open incidents with something due at `now` (epoch ms), and those whose
   * next due time is not known (the scheduler reads them and calls `setDue`).
   * A tick touches only these, not every open incident.
   */
  dueIncidents(now: number): Promise<string[]>;
  /**
   * The incident that opened this war room (`WarRoomOpened`), if the store
   * has seen one: a hint the caller checks against the incident's state.
   */
  incidentOfRoom(platform: string, channelId: string): Promise<string | undefined>;
  /**
   * The incident that holds this containment request (`ActionRequested`):
   * an approval card in a DM names only the action. A hint, checked by the caller.
   */
  incidentOfAction(actionId: string): Promise<string | undefined>;
  /** The incident's events in order; empty when it does not exist. */
  load(incidentId: string): Promise<IncidentEvent[]>;
  /**
   * The events after `afterSeq`, in order: what a cached copy of the log up
   * to `afterSeq` lacks. Empty when nothing is newer (the file store answers
   * that from its index, with no read).
   */
  loadAfter(incidentId: string, afterSeq: number): Promise<IncidentEvent[]>;
  /** The stored lines exactly as kept (canonical JSON), for `verify`: the evidence, not a re-serialisation. */
  loadRaw(incidentId: string): Promise<string[]>;
  /** Ids of logs still open (no `IncidentClosed`, no `TriageDecided`), oldest first. */
  listOpen(): Promise<string[]>;
  /** Takes `key` for `ttlMs` if nobody holds it: exactly-once work across replicas and restarts. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Gives a claim back early (the work failed and may be retried). */
  release(key: string): Promise<void>;
  /**
   * A small JSON record outside any incident (poller checkpoints, chat conversation references); undefined when absent.
   */
  getRecord(key: string): Promise<unknown>;
  /** Writes a record durably, replacing any previous value; `undefined` deletes it. */
  putRecord(key: string, value: unknown): Promise<void>;
  /**
   * Keeps an inbox entry durably before it resolves. `kept` the first time
   * (and again for the same `owner`: a client re-sending after a reconnect is
   * not told that its own entry is a duplicate); `duplicate` when another
   * receipt of this delivery id was kept before (Slack retries, replays),
   * for as long as done ids are remembered (an hour at least).
   */
  inboxPut(entry: InboxEntry, owner: string): Promise<'kept' | 'duplicate'>;
  /** Marks an inbox entry processed: it is no longer pending; its id is still remembered as seen. */
  inboxDone(id: string): Promise<void>;
  /** Every inbox entry kept and not yet done, oldest first. */
  inboxPending(): Promise<InboxEntry[]>;
  /** Resolves when the store answers; rejects otherwise (readiness). */
  ping(): Promise<void>;
  /** Flushes and lets go of files, locks and connections. */
  close(): Promise<void>;
}
