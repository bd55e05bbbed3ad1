import { createHash } from 'node:crypto';
import type { Actor } from '../domain/actor.ts';
import { domainError, type DomainError, type ErrorCode } from '../domain/errors.ts';
import { isEventOf, type IncidentEvent, type NewEvent } from '../domain/event.types.ts';
import { chainEvents } from '../domain/hash-chain.ts';
import { applyEvent, emptyState, isFinished, type IncidentState } from '../incident/incident.state.ts';
import type { Regime } from '../clocks/regime.types.ts';
import type { Decision } from '../decision/decision.types.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { IncidentStore } from '../ports/store.port.ts';
import { KeyedMutex } from './keyed-mutex.ts';
import { nextDueAt } from './next-due.ts';

/**
 * Concurrent appends by other replicas are retried this often, with a growing random pause, before the command is
 * handed back to the inbox.
 */
const MAX_CONFLICT_RETRIES = 20;

/** The store record that says with which reminder offsets the kept due times were computed. */
const DUE_FINGERPRINT = 'index:due-reminders';

/** Incidents whose folded state is kept in memory (least recently used go first). */
const DEFAULT_CACHE_SIZE = 2000;

/**
 * The incident kept changing under a command (many replicas writing at
 * once): nothing was recorded, and the delivery is retried later from the
 * inbox rather than answered with an error. Transient by nature.
 */
export class StoreBusyError extends Error {
  readonly code = 'store.conflict';
  readonly transient = true;
}

/** What an append did: the events it wrote (or wrote the first time, `replayed`) and the state after them. */
export type AppendOutcome =
  | { ok: true; appended: IncidentEvent[]; state: IncidentState; replayed?: true }
  | { ok: false; error: DomainError; appended: IncidentEvent[] };

/** One incident as this process last saw it. */
interface Cached {
  state: IncidentState;
  events: IncidentEvent[];
  /** The command ids in `events`: a replayed command is found without a scan. */
  commands: Set<string>;
}

export interface IncidentLogDeps {
  store: IncidentStore;
  clock: Clock;
  /** The regimes whose reminder offsets decide when an incident is next due. */
  regimes: readonly Regime[];
  /** How many incidents' folded state to keep (default 2000). */
  cacheSize?: number;
}

/**
 * The kernel every use case writes through: load an incident (from a cache
 * of its folded state, refreshed with only the events after the cached seq),
 * decide against it, and append with the expected seq, reloading on a
 * conflict. Each append also tells the store when the incident is next due,
 * so the scheduler touches only incidents with something to do.
 * Depends on the domain, the decisions' types and the store port: nothing in
 * `src/app` (the use cases depend on it, never the other way).
 */
export class IncidentLog {
  readonly #mutex = new KeyedMutex();
  readonly #cache = new Map<string, Cached>();
  readonly #cacheSize: number;
  #learned: Promise<void> | undefined;

  constructor(private readonly deps: IncidentLogDeps) {
    this.#cacheSize = deps.cacheSize ?? DEFAULT_CACHE_SIZE;
  }

  /**
   * The incident's state and events as stored now. The events array is the
   * cache's own, which only grows: callers must not change it, and events
   * after `state.seq` may appear in it when the incident changes later.
   */
  async load(incidentId: string): Promise<{ state: IncidentState; events: readonly IncidentEvent[] }> {
    const cached = await this.#refresh(incidentId);
    return { state: cached.state, events: cached.events };
  }

  /**
   * Appends what `decideFn` decides, retrying on a concurrent append. With a
   * `commandId`, the append is the command's: if the log already holds it
   * (a replay), nothing is written and the events it appended the first time
   * come back, marked `replayed`.
   */
  decideAndAppend(
    incidentId: string,
    decideFn: (state: IncidentState) => Decision,
    actor: Actor,
    commandId?: string,
  ): Promise<AppendOutcome> {
    return this.#mutex.run(incidentId, () => this.#decideAndAppend(incidentId, decideFn, actor, commandId));
  }

  /**
   * Open incidents with something due now (reminders, approved actions
   * without an outcome), and those whose due time the store does not know:
   * each of these is read once and its due time written back.
   */
  async due(): Promise<string[]> {
    // Once per process; a store that failed meanwhile makes the next tick try again.
    this.#learned ??= this.#relearnIfRemindersChanged().catch((error: unknown) => {
      this.#learned = undefined;
      throw error;
    });
    await this.#learned;
    const now = this.deps.clock.now();
    const ids = await this.deps.store.dueIncidents(now.getTime());
    const due: string[] = [];
    for (const id of ids) {
      const { state } = await this.load(id);
      const at = nextDueAt(state, this.deps.regimes, now);
      if (at !== null && at <= now.getTime()) due.push(id);
      else await this.deps.store.setDue(id, state.seq, at);
    }
    return due;
  }

  /**
   * Due times kept in the store were computed with the reminder offsets of
   * their day: when the configured regimes changed since, every open
   * incident is read once and its due time computed again.
   */
  async #relearnIfRemindersChanged(): Promise<void> {
    const { store, regimes, clock } = this.deps;
    const fingerprint = createHash('sha256')
      .update(
        JSON.stringify(
          regimes.map((regime) => [regime.id, regime.reminderOffsets ?? null, regime.overdueEvery ?? null]),
        ),
      )
      .digest('hex');
    if ((await store.getRecord(DUE_FINGERPRINT)) === fingerprint) return;
    for (const id of await store.listOpen()) {
      const { state } = await this.load(id);
      await store.setDue(id, state.seq, nextDueAt(state, regimes, clock.now()));
    }
    await store.putRecord(DUE_FINGERPRINT, fingerprint);
  }

  /**
   * After work on a due incident that appended nothing (a reminder that reached nobody stays due; one superseded does
   * not).
   */
  async refreshDue(incidentId: string): Promise<void> {
    const { state } = await this.load(incidentId);
    if (state.exists)
      await this.deps.store.setDue(incidentId, state.seq, nextDueAt(state, this.deps.regimes, this.deps.clock.now()));
  }

  /**
   * The open incident whose war room this conversation is: from the store's room index, checked against the incident.
   */
  async incidentForRoom(platform: string, channelId: string): Promise<string | undefined> {
    const hint = await this.deps.store.incidentOfRoom(platform, channelId);
    return this.#openAnd(hint, (state) =>
      state.warRooms.some((room) => room.platform === platform && room.channelId === channelId),
    );
  }

  /**
   * The open incident that holds this containment request: from the store's action index, checked against the incident.
   */
  async incidentForAction(actionId: string): Promise<string | undefined> {
    return this.#openAnd(await this.deps.store.incidentOfAction(actionId), (state) => actionId in state.actions);
  }

  /**
   * An index's hint, if the incident it names is not finished (open, or closed with a notification obligation still
   * open) and `holds` what the index said.
   */
  async #openAnd(hint: string | undefined, holds: (state: IncidentState) => boolean): Promise<string | undefined> {
    if (!hint) return undefined;
    const { state } = await this.load(hint);
    return !isFinished(state) && holds(state) ? hint : undefined;
  }

  async #refresh(incidentId: string): Promise<Cached> {
    const cached = this.#cache.get(incidentId);
    const newer = await this.deps.store.loadAfter(incidentId, cached?.state.seq ?? 0);
    if (cached && newer.length === 0) return this.#keep(incidentId, cached);
    // Newer events must continue the cached chain; anything else (a store restored from a backup) is read whole.
    const continues = cached && newer[0]?.seq === cached.state.seq + 1 && newer[0]?.prevHash === cached.state.headHash;
    if (cached && !continues) {
      this.#cache.delete(incidentId);
      return this.#refresh(incidentId);
    }
    const base: Cached = cached ?? { state: emptyState(incidentId), events: [], commands: new Set() };
    return this.#keep(incidentId, extend(base, newer));
  }

  #keep(incidentId: string, entry: Cached): Cached {
    this.#cache.delete(incidentId);
    if (entry.events.length === 0) return entry;
    this.#cache.set(incidentId, entry);
    if (this.#cache.size > this.#cacheSize) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
    return entry;
  }

  async #decideAndAppend(
    incidentId: string,
    decideFn: (state: IncidentState) => Decision,
    actor: Actor,
    commandId: string | undefined,
  ): Promise<AppendOutcome> {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      const current = await this.#refresh(incidentId);
      const { state } = current;
      if (commandId !== undefined && current.commands.has(commandId)) return replayedOutcome(current, commandId);
      const decision = decideFn(state);
      const toAppend: NewEvent[] = decision.ok ? decision.events : decision.record ? [decision.record] : [];
      if (toAppend.length === 0)
        return decision.ok ? { ok: true, appended: [], state } : { ok: false, error: decision.error, appended: [] };
      const now = this.deps.clock.now();
      const stamped = chainEvents(
        { incidentId, seq: state.seq, hash: state.headHash },
        toAppend,
        actor,
        now,
        commandId,
      );
      const after = stamped.reduce(applyEvent, state);
      const result = await this.deps.store.append(
        incidentId,
        state.seq,
        stamped,
        nextDueAt(after, this.deps.regimes, now),
      );
      if (result.ok && result.duplicate && commandId !== undefined)
        return replayedOutcome(await this.#refresh(incidentId), commandId);
      if (!result.ok) {
        // A log shorter than the cache (a store restored from a backup under a running bot): read it whole again.
        if (result.actualSeq < state.seq) this.#cache.delete(incidentId);
        // Replicas that collide back off apart, so that one of them wins the next round.
        await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 5 * (attempt + 1))));
        continue;
      }
      this.#keep(incidentId, extend(current, stamped));
      if (!decision.ok) return { ok: false, error: decision.error, appended: stamped };
      return { ok: true, appended: stamped, state: after };
    }
    throw new StoreBusyError(
      `store.conflict: incident ${incidentId} kept changing while a command was decided ${MAX_CONFLICT_RETRIES} ` +
        `times; nothing was recorded`,
    );
  }
}

/**
 * The cached incident with `newer` events after it. The events array and the
 * command set only grow, so they are extended in place: a note on a
 * 20,000-event incident costs what one on a 20-event incident does. A holder
 * of an earlier `events` may therefore see later events appended to it.
 */
function extend(base: Cached, newer: readonly IncidentEvent[]): Cached {
  if (newer.length === 0) return base;
  // `newer` continues `base.state`; a concurrent read may have pushed some of it already (the array is shared).
  const held = base.events.at(-1)?.seq ?? 0;
  for (const event of newer) {
    if (event.seq <= held) continue;
    base.events.push(event);
    if (event.commandId !== undefined) base.commands.add(event.commandId);
  }
  return { state: newer.reduce(applyEvent, base.state), events: base.events, commands: base.commands };
}

/** What a command appended the first time, found by its id: a replay answers with it and writes nothing. */
function replayedOutcome(current: Cached, commandId: string): AppendOutcome {
  const appended = current.events.filter((event) => event.commandId === commandId);
  const refused = appended.find((event) => isEventOf(event, 'PermissionDenied'));
  if (refused) {
    const { reason, rule } = refused.data;
    return { ok: false, error: domainError(rule as ErrorCode, reason), appended };
  }
  return { ok: true, appended, state: current.state, replayed: true };
}
