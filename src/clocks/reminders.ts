import { isStopped } from './clocks.ts';
import type { ClockState } from './clock.types.ts';
import { formatIsoDuration, parseIsoDuration } from './duration.ts';
import { DEFAULT_OVERDUE_EVERY, DEFAULT_REMINDER_OFFSETS, type Regime } from './regime.types.ts';

/**
 * The pure core of the reminder scheduler (DESIGN.md, "Notification clocks").
 * Each tick (default 15 s) the scheduler asks which reminders are due, claims
 * each `claimKey` in the store, posts, and records `ReminderSent`. Because
 * the answer is computed from state and the sent list, nothing is lost on a
 * restart and nothing is sent twice; after downtime only the latest missed
 * reminder of each clock goes out (marked late), never a burst of stale ones.
 */

/** A reminder already recorded (`ReminderSent` carries `data.regime` and `data.offset`). */
export interface SentReminder {
  regime: string;
  /** The offset as recorded, e.g. `-PT1H`; any spelling of the same duration matches. */
  offset: string;
}

/** A reminder to send now. */
export interface DueReminder {
  regime: string;
  /** Canonical signed ISO-8601 offset from the deadline: `-PT1H`, `PT0S`, `PT6H`, `PT12H`, ... */
  offset: string;
  /** When it was due: the deadline plus the offset. */
  dueAt: Date;
  /** True when `now` is past `dueAt` by more than the tolerance (sent after downtime). */
  late: boolean;
  /** True for the overdue repeats after the deadline (`PT6H`, `PT12H`, ...): the deadline has passed unmet. */
  pastDeadline: boolean;
  /** The store key to claim before sending: `reminder:<incidentId>:<regime>:<offset>`. */
  claimKey: string;
}

/** Options of `dueReminders`. */
export interface ReminderOptions {
  /** The incident the clocks belong to; part of every claim key. */
  incidentId: string;
  /** How far past its time a reminder may go out and still not be "late"; default 30 s (two 15 s ticks). */
  toleranceMs?: number;
}

/** Two ticks of the default 15 s scheduler. */
export const DEFAULT_TOLERANCE_MS = 30_000;

/** The claim key of one reminder: `reminder:<incidentId>:<regime>:<offset>`. */
export function reminderClaimKey(incidentId: string, regime: string, offset: string): string {
  return `reminder:${incidentId}:${regime}:${offset}`;
}

/** One reminder time of a clock. */
export interface ReminderSlot {
  /** Offset from the deadline in milliseconds (negative before it). */
  offsetMs: number;
  /** Epoch milliseconds when it is due. */
  dueAt: number;
}

function offsetsOf(regime: Regime | undefined): { listed: number[]; every: number } {
  const listed = (regime?.reminderOffsets ?? DEFAULT_REMINDER_OFFSETS)
    .map((offset) => parseIsoDuration(offset))
    .filter((ms): ms is number => ms !== undefined);
  const every = parseIsoDuration(regime?.overdueEvery ?? DEFAULT_OVERDUE_EVERY) ?? 0;
  return { listed, every };
}

/**
 * The latest reminder slot of `clock` whose time has come, or undefined. Slots before the clock's start are skipped.
 */
export function latestDueSlot(clock: ClockState, regime: Regime | undefined, now: Date): ReminderSlot | undefined {
  const deadline = clock.deadline.getTime();
  const { listed, every } = offsetsOf(regime);
  const slots: ReminderSlot[] = listed.map((offsetMs) => ({ offsetMs, dueAt: deadline + offsetMs }));
  if (every > 0 && now.getTime() >= deadline + every) {
    const repeats = Math.floor((now.getTime() - deadline) / every);
    slots.push({ offsetMs: repeats * every, dueAt: deadline + repeats * every });
  }
  const due = slots.filter((slot) => slot.dueAt <= now.getTime() && slot.dueAt >= clock.startedAt.getTime());
  return due.sort((a, b) => b.dueAt - a.dueAt)[0];
}

/** The next reminder of an open clock after `now`, e.g. to show "next ping at ...". */
export function nextReminderAt(clock: ClockState, regime: Regime | undefined, now: Date): Date | undefined {
  if (isStopped(clock)) return undefined;
  const deadline = clock.deadline.getTime();
  const { listed, every } = offsetsOf(regime);
  const future = listed
    .map((offsetMs) => deadline + offsetMs)
    .filter((at) => at > now.getTime() && at >= clock.startedAt.getTime());
  if (every > 0) future.push(deadline + Math.max(1, Math.floor((now.getTime() - deadline) / every) + 1) * every);
  const next = Math.min(...future);
  return Number.isFinite(next) ? new Date(next) : undefined;
}

/**
 * The reminders due now: for each clock without a recorded notice, the
 * latest offset whose time has come, unless that offset was already sent
 * (then nothing: older missed offsets are stale). Overdue clocks repeat every
 * `overdueEvery` (`PT6H`, `PT12H`, ...). Notified clocks get nothing.
 */
export function dueReminders(
  clocks: readonly ClockState[],
  sent: readonly SentReminder[],
  now: Date,
  regimes: readonly Regime[],
  options: ReminderOptions,
): DueReminder[] {
  const tolerance = options.toleranceMs ?? DEFAULT_TOLERANCE_MS;
  const result: DueReminder[] = [];
  for (const clock of clocks) {
    if (isStopped(clock)) continue;
    const slot = latestDueSlot(
      clock,
      regimes.find((regime) => regime.id === clock.regime),
      now,
    );
    if (!slot) continue;
    const alreadySent = sent.some(
      (entry) => entry.regime === clock.regime && parseIsoDuration(entry.offset) === slot.offsetMs,
    );
    if (alreadySent) continue;
    const offset = formatIsoDuration(slot.offsetMs);
    result.push({
      regime: clock.regime,
      offset,
      dueAt: new Date(slot.dueAt),
      late: now.getTime() - slot.dueAt > tolerance,
      pastDeadline: !clock.noFixedDeadline && slot.offsetMs > 0,
      claimKey: reminderClaimKey(options.incidentId, clock.regime, offset),
    });
  }
  return result.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.regime.localeCompare(b.regime));
}

/** A reminder slot that was due and never sent: a later one took its place. */
export interface SupersededSlot {
  offset: string;
  dueAt: Date;
}

/**
 * The slots of `clock` that came due (after the clock started) before
 * `beforeMs` and are neither sent nor recorded superseded in `handled`: the
 * bot was down, or chat failed, until a later offset took their place. They
 * are recorded beside the reminder that superseded them, so the log says
 * which countdown pings legal never got.
 */
export function supersededSlots(
  clock: ClockState,
  regime: Regime | undefined,
  handled: readonly SentReminder[],
  beforeMs: number,
): SupersededSlot[] {
  const deadline = clock.deadline.getTime();
  const { listed, every } = offsetsOf(regime);
  const offsets = new Set(listed);
  if (every > 0) for (let offsetMs = every; deadline + offsetMs < beforeMs; offsetMs += every) offsets.add(offsetMs);
  const isHandled = (offsetMs: number) =>
    handled.some((entry) => entry.regime === clock.regime && parseIsoDuration(entry.offset) === offsetMs);
  return [...offsets]
    .filter(
      (offsetMs) =>
        deadline + offsetMs < beforeMs && deadline + offsetMs >= clock.startedAt.getTime() && !isHandled(offsetMs),
    )
    .sort((a, b) => a - b)
    .map((offsetMs) => ({ offset: formatIsoDuration(offsetMs), dueAt: new Date(deadline + offsetMs) }));
}
