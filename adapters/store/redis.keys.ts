/**
 * The Redis key layout of the incident store. Every key of one incident
 * carries the `{incidentId}` hash tag, so Redis Cluster puts the log and its
 * meta in one slot and the append script may touch both atomically.
 */

/**
 * Prefixes a store accepts: no `{`/`}` (they would move the hash tag) and no glob characters (cleanup uses SCAN MATCH).
 */
export const KEY_PREFIX = /^[A-Za-z0-9:._-]{1,64}$/;

/** The default prefix of every key the store writes. */
export const DEFAULT_KEY_PREFIX = 'ic:';

/** The names of the keys under one prefix. */
export interface RedisKeys {
  /** The list of canonical JSON lines of one incident, oldest first. */
  log(incidentId: string): string;
  /**
   * A hash beside the log: `first` (the first event's `at`) and `closed` (`1` once closed), written by the same script.
   */
  meta(incidentId: string): string;
  /** A hash beside the log: command id -> seq of the last event that command appended (idempotent appends). */
  commands(incidentId: string): string;
  /**
   * The sorted set of incidents that may be open, scored by their first event's time in ms: a hint, checked against
   * `meta`.
   */
  readonly open: string;
  /**
   * The due index, in one hash slot: incident id -> next due time in ms (sorted set), and the seq each was computed at
   * (hash).
   */
  readonly due: { at: string; seq: string };
  /** `<platform>:<channelId>` -> the incident whose war room it is (a hint, checked by the caller). */
  readonly rooms: string;
  /** Action id -> the incident that requested it (a hint, checked by the caller). */
  readonly actions: string;
  /** A claim: holds the expiry in epoch ms by the store's clock. */
  claim(key: string): string;
  /**
   * The inbox, in one hash slot: pending entries (hash id -> JSON), owners of seen ids (hash), seen ids by time (sorted
   * set).
   */
  readonly inbox: { pending: string; owners: string; seen: string };
  /** A small JSON record outside any incident. */
  record(key: string): string;
}

/** The key names under `prefix`; throws on a prefix that would break the hash tag or cleanup. */
export function redisKeys(prefix: string = DEFAULT_KEY_PREFIX): RedisKeys {
  if (!KEY_PREFIX.test(prefix))
    throw new Error(`store: a Redis key prefix must match ${KEY_PREFIX.source}, got ${JSON.stringify(prefix)}`);
  return {
    log: (incidentId) => `${prefix}{${incidentId}}:log`,
    meta: (incidentId) => `${prefix}{${incidentId}}:meta`,
    commands: (incidentId) => `${prefix}{${incidentId}}:cmds`,
    open: `${prefix}open`,
    due: { at: `${prefix}{due}:at`, seq: `${prefix}{due}:seq` },
    rooms: `${prefix}rooms`,
    actions: `${prefix}actions`,
    claim: (key) => `${prefix}claim:${key}`,
    record: (key) => `${prefix}record:${key}`,
    inbox: { pending: `${prefix}{inbox}:pending`, owners: `${prefix}{inbox}:owners`, seen: `${prefix}{inbox}:seen` },
  };
}
