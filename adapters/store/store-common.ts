import type { IncidentEvent } from '../../src/domain/event.types.ts';

/**
 * Rules every store shares (memory, file, redis), so that they
 * refuse the same inputs and answer `listOpen` in the same order.
 */

/** Ids a store accepts: safe as a file name and as a Redis key part (no `/`, no leading dot). */
export const STORE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Throws unless `incidentId` is safe to use as a file name: refuses path traversal. */
export function assertIncidentId(incidentId: string): void {
  if (typeof incidentId !== 'string' || !STORE_ID.test(incidentId)) {
    throw new Error(`store: refusing incident id ${JSON.stringify(incidentId)}: ids must match ${STORE_ID.source}`);
  }
}

/**
 * Throws when the events handed to `append` do not continue the log at
 * `expectedSeq` for this incident: that is a programming error, not a conflict.
 */
export function assertAppendable(incidentId: string, expectedSeq: number, events: readonly IncidentEvent[]): void {
  if (!Number.isSafeInteger(expectedSeq) || expectedSeq < 0) {
    throw new Error(`store: expectedSeq must be a non-negative integer, got ${String(expectedSeq)}`);
  }
  if (events.length === 0) throw new Error(`store: nothing to append to ${incidentId}`);
  events.forEach((event, index) => {
    const wanted = expectedSeq + index + 1;
    if (event.incidentId !== incidentId) {
      throw new Error(
        `store: event ${index} belongs to incident ${JSON.stringify(event.incidentId)}, not ${incidentId}`,
      );
    }
    if (event.seq !== wanted)
      throw new Error(`store: event ${index} for ${incidentId} carries seq ${String(event.seq)}, expected ${wanted}`);
  });
}

/** The command id of a batch: every event of one append carries the same one, or none does. */
export function commandIdOf(events: readonly IncidentEvent[]): string | undefined {
  const id = events[0]?.commandId;
  if (events.some((event) => event.commandId !== id))
    throw new Error('store: the events of one append must carry the same commandId');
  return id;
}

/** Command id -> the seq of the last event it appended, from a log's events. */
export function commandSeqs(
  events: readonly Pick<IncidentEvent, 'seq' | 'commandId'>[],
  into: Map<string, number> = new Map(),
): Map<string, number> {
  for (const event of events) if (event.commandId !== undefined) into.set(event.commandId, event.seq);
  return into;
}

/**
 * How long every store remembers the id of a done inbox entry, so a late retry of the same delivery is still a
 * duplicate.
 */
export const INBOX_SEEN_MS = 60 * 60 * 1000;

/** Throws unless `key` is a non-empty string. */
export function assertClaimKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) throw new Error('store: a claim key must be a non-empty string');
}

/** Throws on a claim that no store could honour the same way (Redis `SET PX` needs a positive integer). */
export function assertClaim(key: string, ttlMs: number): void {
  assertClaimKey(key);
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0)
    throw new Error(`store: claim ttlMs must be a positive integer, got ${String(ttlMs)}`);
}

/** What `listOpen` and the conflict check need to know about one log. */
export interface LogSummary {
  /** The seq of the last event; 0 for an empty log. */
  lastSeq: number;
  /** The `at` of the first event, which orders `listOpen`. */
  firstAt: string | undefined;
  /**
   * Whether the log is finished: an `IncidentClosed` with no notification obligation open, an `ObligationsMet`, or, for
   * a triage log, a `TriageDecided`.
   */
  closed: boolean;
}

/** Events after which a log is no longer open: the last obligation of a closed incident met, a triage item decided. */
const CLOSING_EVENTS: ReadonlySet<string> = new Set(['ObligationsMet', 'TriageDecided']);

/**
 * Whether `event` finishes its log. An incident closed while notification clocks run stays open for them (reminders
 * keep coming, notices are recorded) until its `ObligationsMet`.
 */
function finishes(event: Pick<IncidentEvent, 'type' | 'data'>): boolean {
  if (event.type === 'IncidentClosed') {
    const open = (event.data as { openObligations?: unknown }).openObligations;
    return !Array.isArray(open) || open.length === 0;
  }
  return CLOSING_EVENTS.has(event.type);
}

export const EMPTY_SUMMARY: LogSummary = Object.freeze({ lastSeq: 0, firstAt: undefined, closed: false });

/** The summary after `events` were appended to a log summarised by `summary`. */
export function summarise(
  summary: LogSummary,
  events: readonly Pick<IncidentEvent, 'seq' | 'at' | 'type' | 'data'>[],
): LogSummary {
  const last = events.at(-1);
  if (last === undefined) return summary;
  return {
    lastSeq: last.seq,
    firstAt: summary.firstAt ?? events[0]?.at,
    closed: summary.closed || events.some(finishes),
  };
}

/** Ids of logs that exist and are not closed, oldest first event first; ties by id so the order is stable. */
export function openIdsOldestFirst(summaries: Iterable<[string, LogSummary]>): string[] {
  // Each time is parsed once, not in the comparator: 10,000 open incidents sort in a few milliseconds.
  const open: Array<{ id: string; time: number }> = [];
  for (const [id, summary] of summaries) {
    if (summary.lastSeq === 0 || summary.closed) continue;
    const parsed = summary.firstAt === undefined ? Number.NaN : Date.parse(summary.firstAt);
    open.push({ id, time: Number.isNaN(parsed) ? Number.POSITIVE_INFINITY : parsed });
  }
  open.sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return open.map((entry) => entry.id);
}

/** Ids of logs that exist and are not closed, in no particular order (what the due index filters). */
export function openIds(summaries: Iterable<[string, LogSummary]>): string[] {
  const open: string[] = [];
  for (const [id, summary] of summaries) if (summary.lastSeq > 0 && !summary.closed) open.push(id);
  return open;
}

/** `<platform>:<channelId>` of the war rooms these events open: the store's room index. */
export function roomKeysOf(events: readonly Pick<IncidentEvent, 'type' | 'data'>[]): string[] {
  return events
    .filter((event) => event.type === 'WarRoomOpened')
    .map((event) =>
      roomKey(
        String((event.data as { platform?: unknown }).platform),
        String((event.data as { channelId?: unknown }).channelId),
      ),
    );
}

export const roomKey = (platform: string, channelId: string): string => `${platform}:${channelId}`;

/** The action ids these events request: the store's action index. */
export function actionIdsOf(events: readonly Pick<IncidentEvent, 'type' | 'data'>[]): string[] {
  return events
    .filter((event) => event.type === 'ActionRequested')
    .map((event) => String((event.data as { actionId?: unknown }).actionId));
}

/** Events the store's indexes are built from: war rooms and containment requests. */
export const INDEXED_EVENTS: ReadonlySet<string> = new Set(['WarRoomOpened', 'ActionRequested']);

/**
 * The due index and the room index of a store that lives in one process
 * (memory, file). Rebuilt at start: rooms from the logs, due times unknown
 * until the scheduler reads each open incident once.
 */
export class LocalIndexes {
  /** Incident id -> its next due time and the seq it was computed at; absent: unknown. */
  readonly #due = new Map<string, { seq: number; dueAt: number | null }>();
  readonly #rooms = new Map<string, string>();
  readonly #actions = new Map<string, string>();

  /** After an append that made the log end at `seq`. */
  appended(
    incidentId: string,
    seq: number,
    events: readonly Pick<IncidentEvent, 'type' | 'data'>[],
    dueAt: number | null | undefined,
  ): void {
    for (const key of roomKeysOf(events)) this.#rooms.set(key, incidentId);
    for (const actionId of actionIdsOf(events)) this.#actions.set(actionId, incidentId);
    if (dueAt === undefined) this.#due.delete(incidentId);
    else this.#due.set(incidentId, { seq, dueAt });
  }

  setDue(incidentId: string, seq: number, dueAt: number | null): void {
    const kept = this.#due.get(incidentId);
    if (kept && kept.seq > seq) return;
    this.#due.set(incidentId, { seq, dueAt });
  }

  /** Of `openIds`, those due at `now` or not known. */
  due(openIds: readonly string[], now: number): string[] {
    return openIds.filter((id) => {
      const kept = this.#due.get(id);
      return !kept || (kept.dueAt !== null && kept.dueAt <= now);
    });
  }

  room(platform: string, channelId: string): string | undefined {
    return this.#rooms.get(roomKey(platform, channelId));
  }

  action(actionId: string): string | undefined {
    return this.#actions.get(actionId);
  }

  /** The known due times, to be kept across a clean restart. */
  snapshot(): Array<[string, { seq: number; dueAt: number | null }]> {
    return [...this.#due];
  }

  /** Due times kept before: each is taken only if its log still ends at the seq it was computed at. */
  restore(
    entries: Iterable<[string, { seq: number; dueAt: number | null }]>,
    lastSeqOf: (incidentId: string) => number | undefined,
  ): number {
    let restored = 0;
    for (const [id, entry] of entries) {
      if (lastSeqOf(id) !== entry.seq || this.#due.has(id)) continue;
      this.#due.set(id, entry);
      restored++;
    }
    return restored;
  }
}
