import type { ChainedStart, ClockPhase, ClockState, ClockStatus } from './clock.types.ts';
import { deadlineFor, type StartTimes } from './deadline.ts';
import { describeSpan } from './duration.ts';
import { DEFAULT_CALENDARS, type CalendarSet } from './holidays.ts';
import { DEADLINE_LABEL, TRIGGER_KINDS, type Regime, type TriggerKind, type TriggerTimes } from './regime.types.ts';
import { SHIPPED_REGIMES } from './regimes.ts';

/**
 * Pure operations on clock state: start, record the notice, read the status,
 * and find chained clocks ready to start. A deadline is met when the notice
 * is recorded at or before it ("not later than 72 hours").
 */

/** Who started a clock and why, as recorded in `ClockStarted`. */
export interface StartAttribution {
  /** The principal who confirmed the start time. */
  by: string;
  /** Why, in words. */
  reason: string;
}

/**
 * A new clock for `regime` from the confirmed starts, or undefined when
 * none of the regime's triggers is confirmed yet (e.g. SEC before the
 * materiality determination). The phase is evaluated at `now`.
 */
export function startClock(
  regime: Regime,
  starts: StartTimes,
  who: StartAttribution,
  now: Date,
  calendars: CalendarSet = DEFAULT_CALENDARS,
): ClockState | undefined {
  const computed = deadlineFor(regime, starts, calendars);
  if (!computed) return undefined;
  const clock: ClockState = {
    regime: regime.id,
    startedAt: computed.startedAt,
    startedFrom: computed.startedFrom,
    startedBy: who.by,
    startReason: who.reason,
    triggers: triggersOf(starts),
    deadline: computed.at,
    deadlineBasis: computed.basis,
    deadlineLabel: DEADLINE_LABEL,
    ...(hasFixedDeadline(regime) ? {} : { noFixedDeadline: true as const }),
    state: 'running',
  };
  return { ...clock, state: phaseAt(clock, now) };
}

/**
 * The notification obligations still open: the regimes whose clock runs or is overdue (not notified). They outlive
 * the incident's technical closure: legal still has to notify, and the reminders keep coming.
 */
export function openObligations(clocks: Readonly<Record<string, ClockState>>): string[] {
  return Object.values(clocks)
    .filter((clock) => !isStopped(clock))
    .map((clock) => clock.regime);
}

/** True when the clock no longer runs: the authority was notified, or the notice was decided not required. */
export function isStopped(clock: Pick<ClockState, 'notifiedAt' | 'notRequired'>): boolean {
  return clock.notifiedAt !== undefined || clock.notRequired?.stoppedAt !== undefined;
}

/** False for a regime whose law sets no fixed deadline ("without undue delay"): its clock is an open obligation. */
export function hasFixedDeadline(regime: Pick<Regime, 'deadline'>): boolean {
  return regime.deadline.unit !== 'withoutUndueDelay';
}

/** The phase of `clock` at `now`. An obligation without a fixed deadline is `open` until met, never overdue. */
export function phaseAt(
  clock: Pick<ClockState, 'deadline' | 'notifiedAt' | 'notRequired' | 'noFixedDeadline'>,
  now: Date,
): ClockPhase {
  if (!clock.notifiedAt && clock.notRequired?.stoppedAt) return 'not-required';
  if (clock.noFixedDeadline) return clock.notifiedAt ? 'notified' : 'open';
  if (clock.notifiedAt) return clock.notifiedAt.getTime() > clock.deadline.getTime() ? 'notified-late' : 'notified';
  return now.getTime() > clock.deadline.getTime() ? 'overdue' : 'running';
}

/** `clock` with the notice recorded; the clock stops. A second notice keeps the first one. */
export function recordNotified(clock: ClockState, notice: { at: Date; by: string; reference?: string }): ClockState {
  if (clock.notifiedAt) return clock;
  const notified = {
    ...clock,
    notifiedAt: notice.at,
    notifiedBy: notice.by,
    ...(notice.reference ? { reference: notice.reference } : {}),
  };
  return { ...notified, state: phaseAt(notified, notice.at) };
}

/** Time left or overdue, and a one-line summary that carries the "computed, not legal advice" label. */
export function clockStatus(clock: ClockState, now: Date): ClockStatus {
  const state = phaseAt(clock, now);
  const deadline = clock.deadline.getTime();
  const msLeft = state === 'running' ? deadline - now.getTime() : 0;
  const msOverdue =
    state === 'overdue'
      ? now.getTime() - deadline
      : state === 'notified-late' && clock.notifiedAt
        ? clock.notifiedAt.getTime() - deadline
        : 0;
  const when = clock.noFixedDeadline
    ? `no fixed deadline, ${DEADLINE_LABEL}`
    : `deadline ${clock.deadline.toISOString()}, ${DEADLINE_LABEL}`;
  const since = (at: Date) => describeSpan(Math.max(0, at.getTime() - clock.startedAt.getTime()));
  const words: Record<ClockPhase, string> = {
    running: `${describeSpan(msLeft)} left`,
    overdue: `overdue by ${describeSpan(msOverdue)}`,
    open: `open for ${since(now)}: notify without undue delay`,
    notified: clock.noFixedDeadline
      ? `notified ${since(clock.notifiedAt ?? now)} after the start`
      : `notified ${describeSpan(deadline - (clock.notifiedAt?.getTime() ?? deadline))} before the deadline`,
    'notified-late': `notified ${describeSpan(msOverdue)} after the deadline`,
    'not-required': `not required: decided by ${clock.notRequired?.decidedBy ?? 'nobody'}${
      clock.notRequired?.confirmedBy ? `, confirmed by ${clock.notRequired.confirmedBy}` : ''
    }`,
  };
  return {
    regime: clock.regime,
    state,
    deadline: clock.deadline,
    msLeft,
    msOverdue,
    phrase: words[state],
    summary: `${clock.regime}: ${words[state]} (${when})`,
  };
}

/**
 * Chained regimes ready to start: the parent's notice is recorded and the
 * chained regime has no clock yet (NIS2 final one month after the
 * notification, DORA intermediate 72 h after the initial notice, ...).
 */
export function startableChained(
  clocks: readonly ClockState[],
  regimes: readonly Regime[] = SHIPPED_REGIMES,
): ChainedStart[] {
  const started = new Set(clocks.map((clock) => clock.regime));
  const result: ChainedStart[] = [];
  for (const regime of regimes) {
    if (typeof regime.trigger === 'string' || started.has(regime.id)) continue;
    const { after } = regime.trigger;
    const parent = clocks.find((clock) => clock.regime === after && clock.notifiedAt);
    if (!parent?.notifiedAt) continue;
    result.push({
      regime: regime.id,
      after,
      startAt: parent.notifiedAt,
      startedBy: parent.notifiedBy ?? parent.startedBy,
      reason:
        `${after} notified at ` +
        `${parent.notifiedAt.toISOString()}${parent.reference ? ` (reference ${parent.reference})` : ''}`,
    });
  }
  return result;
}

/** The confirmed trigger times among `starts` (a chained clock's parent notice is not one). */
function triggersOf(starts: StartTimes): TriggerTimes {
  const triggers: TriggerTimes = {};
  for (const kind of TRIGGER_KINDS) {
    const at = starts[kind];
    if (at) triggers[kind] = at;
  }
  return triggers;
}

/**
 * The trigger times a running clock was computed from. A clock recorded before they were kept counts from its
 * start alone.
 */
export function confirmedTriggers(clock: ClockState): TriggerTimes {
  if (clock.triggers) return clock.triggers;
  return (TRIGGER_KINDS as readonly string[]).includes(clock.startedFrom)
    ? { [clock.startedFrom as TriggerKind]: clock.startedAt }
    : {};
}

/**
 * A running clock recomputed with a newly confirmed trigger, when its regime counts from that trigger too and the
 * clock was not computed with it (DORA's initial report: 4 h from classification, no later than 24 h from
 * awareness); undefined when the trigger changes nothing the regime counts from.
 */
export function recomputedWith(
  clock: ClockState,
  regime: Regime,
  trigger: TriggerKind,
  at: Date,
  who: StartAttribution,
  now: Date,
  calendars: CalendarSet = DEFAULT_CALENDARS,
): ClockState | undefined {
  if (isStopped(clock)) return undefined;
  const counts = regime.trigger === trigger || regime.noLaterThan?.trigger === trigger;
  const known = confirmedTriggers(clock);
  if (!counts || known[trigger]) return undefined;
  const recomputed = startClock(regime, { ...known, [trigger]: at }, who, now, calendars);
  if (!recomputed) return undefined;
  return { ...recomputed, startReason: `${who.reason}; deadline recomputed (was ${clock.deadline.toISOString()})` };
}
