import { principalOf } from '../domain/actor.ts';
import type { IncidentEvent } from '../domain/event.types.ts';
import type { ClockState } from './clock.types.ts';
import { phaseAt } from './clocks.ts';
import { DEADLINE_LABEL, TRIGGER_KINDS, type TriggerKind, type TriggerTimes } from './regime.types.ts';
import { own } from '../domain/own.ts';

/** What an incident knows of its breach and its clocks. */
export interface BreachState {
  breach?: IncidentEvent<'BreachAssessed'>['data'] & { setBy: string; setAt: string };
  /** Clocks by regime id. */
  clocks: Readonly<Record<string, ClockState>>;
  /** Reminders already sent, for `dueReminders`. */
  remindersSent: ReadonlyArray<{ regime: string; offset: string }>;
  /** Reminders recorded as superseded (never sent, a later one took their place). */
  remindersSuperseded: ReadonlyArray<{ regime: string; offset: string }>;
}

export const EMPTY_BREACH_STATE: BreachState = { clocks: {}, remindersSent: [], remindersSuperseded: [] };

/** Applies one breach or clock event; other events leave the state as it is. */
export function foldBreach(state: BreachState, event: IncidentEvent): BreachState {
  switch (event.type) {
    case 'BreachAssessed':
      return {
        ...state,
        breach: {
          ...event.data,
          setBy: principalOf(event.actor),
          setAt: event.at,
        },
      };
    case 'AwarenessCorrected':
      return state.breach ? { ...state, breach: { ...state.breach, awareAt: event.data.to } } : state;
    case 'ClockStarted': {
      const data = event.data;
      const clock: ClockState = {
        regime: data.regime,
        startedAt: new Date(data.startedAt),
        startedFrom: data.startedFrom,
        startedBy: principalOf(event.actor),
        startReason: data.reason,
        ...(data.triggers ? { triggers: triggersFrom(data.triggers) } : {}),
        deadline: new Date(data.deadline),
        deadlineBasis: data.deadlineBasis,
        deadlineLabel: DEADLINE_LABEL,
        ...(data.noFixedDeadline ? { noFixedDeadline: true as const } : {}),
        state: data.noFixedDeadline ? 'open' : 'running',
      };
      return { ...state, clocks: { ...state.clocks, [data.regime]: clock } };
    }
    case 'AuthorityNotified': {
      const { regime, reference, sentAt, update } = event.data;
      const clock = own(state.clocks, regime);
      if (!clock) return state;
      const at = new Date(sentAt ?? event.at);
      const by = principalOf(event.actor);
      if (update || clock.notifiedAt) {
        const updates = [...(clock.updates ?? []), { at, by, reference }];
        return { ...state, clocks: { ...state.clocks, [regime]: { ...clock, updates } } };
      }
      const notified = { ...clock, notifiedAt: at, notifiedBy: by, reference };
      return {
        ...state,
        clocks: { ...state.clocks, [regime]: { ...notified, state: phaseAt(notified, at) } },
      };
    }
    case 'NotRequiredDecided': {
      const { regime, reason, confirmationNeeded } = event.data;
      const clock = own(state.clocks, regime);
      if (!clock) return state;
      const at = new Date(event.at);
      const notRequired = {
        reason,
        decidedBy: principalOf(event.actor),
        decidedAt: at,
        ...(confirmationNeeded ? {} : { stoppedAt: at }),
      };
      const decided = { ...clock, notRequired };
      return { ...state, clocks: { ...state.clocks, [regime]: { ...decided, state: phaseAt(decided, at) } } };
    }
    case 'NotRequiredConfirmed': {
      const clock = state.clocks[event.data.regime];
      if (!clock?.notRequired) return state;
      const at = new Date(event.at);
      const notRequired = {
        ...clock.notRequired,
        confirmedBy: principalOf(event.actor),
        confirmedAt: at,
        stoppedAt: at,
      };
      const confirmed = { ...clock, notRequired };
      return {
        ...state,
        clocks: { ...state.clocks, [event.data.regime]: { ...confirmed, state: phaseAt(confirmed, at) } },
      };
    }
    case 'ReminderSent': {
      const { regime, offset } = event.data;
      return { ...state, remindersSent: [...state.remindersSent, { regime, offset }] };
    }
    case 'ReminderSuperseded': {
      const { regime, offset } = event.data;
      return { ...state, remindersSuperseded: [...state.remindersSuperseded, { regime, offset }] };
    }
    default:
      return state;
  }
}

function triggersFrom(recorded: Record<string, string>): TriggerTimes {
  const triggers: TriggerTimes = {};
  for (const [kind, at] of Object.entries(recorded))
    if ((TRIGGER_KINDS as readonly string[]).includes(kind)) triggers[kind as TriggerKind] = new Date(at);
  return triggers;
}
