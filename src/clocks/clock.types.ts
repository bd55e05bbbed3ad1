import type { DEADLINE_LABEL, TriggerTimes } from './regime.types.ts';

/**
 * The clock state an incident keeps per regime, folded from its
 * `ClockStarted` and `AuthorityNotified` events. Times are `Date`s here; the
 * events carry them as ISO-8601 UTC strings.
 */

/**
 * The phases of a clock. `overdue` and `notified-late` depend on the deadline; `clockStatus` recomputes them for any
 * `now`.
 */
export const CLOCK_PHASES = ['running', 'notified', 'overdue', 'notified-late', 'not-required', 'open'] as const;
/**
 * `running` (deadline ahead), `overdue` (passed, not notified), `notified` (on time), `notified-late`, `not-required`
 * (a documented decision not to notify, confirmed where the regime needs a second person: the clock stops), `open`
 * (an obligation without a fixed deadline, not yet met: "without undue delay").
 */
export type ClockPhase = (typeof CLOCK_PHASES)[number];

/** One regime's clock on one incident. */
export interface ClockState {
  /** The regime id, e.g. `gdpr-art33`. */
  regime: string;
  /** The human-confirmed start the deadline counts from (e.g. the `--aware-at` time), not when it was typed. */
  startedAt: Date;
  /** Which trigger that was: `awareness`, `materiality`, ..., or `nis2-notification notified` for a chained clock. */
  startedFrom: string;
  /** Who confirmed the start, as a principal (`slack:U024BE7LH`). */
  startedBy: string;
  /** Why the clock started, in words (`breach assessed, aware-at confirmed by ...`). */
  startReason: string;
  /**
   * Every confirmed trigger time the deadline was computed from (DORA's initial report counts from classification
   * and from awareness): a trigger confirmed later recomputes the deadline from all of them.
   */
  triggers?: TriggerTimes;
  /**
   * The computed deadline. For an obligation without a fixed deadline (`noFixedDeadline`), the start: its reminders
   * count from it, and no view shows it as a deadline.
   */
  deadline: Date;
  /** The law sets no fixed deadline ("without undue delay"): reminded on a cadence, never overdue. */
  noFixedDeadline?: true;
  /** How the deadline was computed, e.g. `72 hours from awareness`. */
  deadlineBasis: string;
  /** Always "computed, not legal advice". */
  deadlineLabel: typeof DEADLINE_LABEL;
  /** When the authority was notified (the `notified` command). */
  notifiedAt?: Date;
  /** Who recorded the notice. */
  notifiedBy?: string;
  /** The authority's reference or the filing number. */
  reference?: string;
  /** Follow-up notices after the first (GDPR Art. 33(4) phases, DORA updated intermediate reports), in order. */
  updates?: ReadonlyArray<{ at: Date; by: string; reference: string }>;
  /** A decision that the notice is not required (GDPR Art. 33(5): documented, with its reasons). */
  notRequired?: NotRequiredDecision;
  /** The phase as of the last evaluation; `clockStatus` gives the phase for a given time. */
  state: ClockPhase;
}

/** `not-required <regime> --reason`: who decided and why; the clock stops once it is confirmed (or needs no one). */
export interface NotRequiredDecision {
  reason: string;
  decidedBy: string;
  decidedAt: Date;
  /** The person who must differ from `decidedBy` has confirmed it; absent while it waits. */
  confirmedBy?: string;
  confirmedAt?: Date;
  /** When the clock stopped: at the confirmation, or at the decision when the regime needs no second person. */
  stoppedAt?: Date;
}

/** A clock's standing at a given moment. */
export interface ClockStatus {
  regime: string;
  state: ClockPhase;
  deadline: Date;
  /** Milliseconds left until the deadline (0 once it has passed or the clock is notified). */
  msLeft: number;
  /**
   * Milliseconds past the deadline: now minus deadline while overdue, notice minus deadline when notified late; else 0.
   */
  msOverdue: number;
  /** The standing in words: `47h 59m left`, `overdue by 3h`, `notified 2h before the deadline`. */
  phrase: string;
  /** One line for a chat message: `47h 59m left (deadline 2026-11-23T09:15:00.000Z, computed, not legal advice)`. */
  summary: string;
}

/** A chained clock that may start now, because its parent regime has been notified. */
export interface ChainedStart {
  /** The regime to start, e.g. `nis2-final`. */
  regime: string;
  /** The parent regime, e.g. `nis2-notification`. */
  after: string;
  /** The parent's notice time: the chained clock's start. */
  startAt: Date;
  /** Who recorded the parent's notice, to attribute the start. */
  startedBy: string;
  /** Why, in words. */
  reason: string;
}
