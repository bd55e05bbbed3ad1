import { expect } from 'vitest';
import type { Actor } from '../../src/domain/actor.ts';
import type { DomainError, ErrorCode } from '../../src/domain/errors.ts';
import type { EventDataMap, EventType, IncidentEvent, NewEvent } from '../../src/domain/event.types.ts';
import { GENESIS_HASH, chainEvents } from '../../src/domain/hash-chain.ts';
import { foldEvents, type IncidentState } from '../../src/incident/incident.state.ts';
import { decide, type WriteCommand } from '../../src/decision/decide.ts';
import type { DecideContext, Decision } from '../../src/decision/decision.types.ts';
import { SHIPPED_REGIMES } from '../../src/clocks/regimes.ts';
import { DEFAULT_CALENDARS } from '../../src/clocks/holidays.ts';

/**
 * Deciders specified directly: `given(history).when(command, context).then(events)` or `.refused(code)`. The
 * history is folded into the state the decider sees exactly as the log folds it (chained, hashed, in order); the
 * command goes through `decide`, the one entry point, so its guards (no incident, closed) hold here too.
 */

export const INCIDENT = 'ir-20261207-0001';
export const T0 = new Date('2026-12-07T09:00:00.000Z');

export const person = (id: string, platform: Actor['platform'] = 'slack'): Actor => ({ platform, id, name: id });
export const alice = person('U0ALICE');
export const bob = person('U0BOB');
export const carol = person('U0CAROL');
export const mallory = person('U0MALLORY');

/** The pools most specs run under: Alice and Carol may command, Bob responds, Carol is also legal. */
export const POOLS = {
  commander: ['slack:U0ALICE', 'slack:U0CAROL'],
  responder: ['slack:U0BOB'],
  legal: ['slack:U0CAROL'],
} as const;

/** One past event: what happened, who did it, when (default: Alice, at T0 plus a minute per event). */
export interface Past {
  event: NewEvent;
  actor?: Actor;
  at?: Date;
}

/** A past event of a type, with its data, for `given`. */
export function past<T extends EventType>(type: T, data: EventDataMap[T], actor?: Actor, at?: Date): Past {
  return { event: { type, data } as NewEvent, ...(actor ? { actor } : {}), ...(at ? { at } : {}) };
}

/** Alice declared the incident and commands it; Bob responds. The usual start of a history. */
export const DECLARED: readonly Past[] = [
  past('IncidentDeclared', { title: 'Leaked SAS token', severity: 'High', commander: 'slack:U0ALICE' }),
  past('RoleAssigned', { role: 'responder', principal: 'slack:U0BOB' }),
];

export function contextOf(overrides: Partial<DecideContext> = {}): DecideContext {
  return {
    actor: alice,
    now: new Date(T0.getTime() + 60 * 60 * 1000),
    pools: { ...POOLS },
    newActionId: 'act-new0001',
    approvalTtlMs: 15 * 60 * 1000,
    clocks: { regimes: SHIPPED_REGIMES, calendars: DEFAULT_CALENDARS, organisation: {} },
    runbooks: [],
    people: [],
    simulated: false,
    ...overrides,
  };
}

/** The events of a history as the log stores them. */
export function historyOf(history: readonly Past[]): IncidentEvent[] {
  const events: IncidentEvent[] = [];
  history.forEach((entry, index) => {
    const head = events.at(-1);
    const at = entry.at ?? new Date(T0.getTime() + index * 60_000);
    events.push(
      ...chainEvents(
        { incidentId: INCIDENT, seq: head?.seq ?? 0, hash: head?.hash ?? GENESIS_HASH },
        [entry.event],
        entry.actor ?? alice,
        at,
      ),
    );
  });
  return events;
}

/** What a spec expects of an event: its type, and the data it must hold (a subset). */
type Expected = { [T in EventType]: { type: T; data?: Partial<EventDataMap[T]> | Record<string, unknown> } }[EventType];

export interface Outcome {
  decision: Decision;
  state: IncidentState;
  /** Accepted, with exactly these events in this order (data compared as a subset). */
  then(...expected: Expected[]): NewEvent[];
  /**
   * Refused with this code; `recorded: true` when the refusal goes on the record as a PermissionDenied naming the
   * rule (and only then: a malformed or impossible command records nothing).
   */
  refused(code: ErrorCode, options?: { recorded?: boolean; message?: string | RegExp }): DomainError;
}

export function given(...history: Array<Past | readonly Past[]>) {
  const events = historyOf(history.flat());
  const state = foldEvents(INCIDENT, events);
  return {
    state,
    events,
    when(command: WriteCommand, overrides: Partial<DecideContext> = {}): Outcome {
      return outcomeOf(decide(state, command, contextOf(overrides)), state);
    },
    /** A decider that is not a command (an executor's outcome), run on the same state. */
    whenDecided(run: (state: IncidentState) => Decision): Outcome {
      return outcomeOf(run(state), state);
    },
  };
}

function outcomeOf(decision: Decision, state: IncidentState): Outcome {
  return {
    decision,
    state,
    then(...expected) {
      if (!decision.ok) throw new Error(`expected events, got the refusal ${decision.error.code}: ${decision.error.message}`);
      expect(decision.events.map((event) => event.type)).toEqual(expected.map((event) => event.type));
      expected.forEach((want, index) => {
        if (want.data) expect(decision.events[index]?.data).toMatchObject(want.data);
      });
      return decision.events;
    },
    refused(code, options = {}) {
      if (decision.ok) throw new Error(`expected the refusal ${code}, got ${JSON.stringify(decision.events.map((event) => event.type))}`);
      expect(decision.error.code).toBe(code);
      if (options.message !== undefined) expect(decision.error.message).toMatch(options.message);
      if (options.recorded) expect(decision.record).toMatchObject({ type: 'PermissionDenied', data: { rule: code, reason: decision.error.message } });
      else expect(decision.record).toBeUndefined();
      return decision.error;
    },
  };
}
