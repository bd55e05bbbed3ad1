import { isStopped } from '../clocks/clocks.ts';
import { isFinished, type IncidentState } from '../incident/incident.state.ts';
import type { Regime } from '../clocks/regime.types.ts';
import { latestDueSlot, nextReminderAt } from '../clocks/reminders.ts';
import { parseIsoDuration } from '../clocks/duration.ts';

/**
 * When the scheduler next has something to do for this incident, epoch ms,
 * or null when nothing will be due until it changes: the earliest of a
 * countdown reminder whose time has come and that is not recorded as sent
 * (due again on every tick until it is, or until the next offset supersedes
 * it), the next reminder of each open clock, and an approved action without
 * an outcome (due at once: a crash left it, or its executor is still on it).
 * A closed incident stays due while a notification clock runs.
 */
export function nextDueAt(state: IncidentState, regimes: readonly Regime[], now: Date): number | null {
  if (!state.exists || isFinished(state)) return null;
  let due = Number.POSITIVE_INFINITY;
  for (const action of Object.values(state.actions)) {
    if (action.status === 'approved') due = Math.min(due, Date.parse(action.approvedAt ?? '') || now.getTime());
  }
  for (const clock of Object.values(state.breach.clocks)) {
    if (isStopped(clock)) continue;
    const regime = regimes.find((candidate) => candidate.id === clock.regime);
    const slot = latestDueSlot(clock, regime, now);
    const sent =
      slot &&
      state.breach.remindersSent.some(
        (entry) => entry.regime === clock.regime && parseIsoDuration(entry.offset) === slot.offsetMs,
      );
    if (slot && !sent) due = Math.min(due, slot.dueAt);
    const next = nextReminderAt(clock, regime, now);
    if (next) due = Math.min(due, next.getTime());
  }
  return Number.isFinite(due) ? due : null;
}
