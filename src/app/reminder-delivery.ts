import { SYSTEM_ACTOR } from '../domain/actor.ts';
import { newEvent } from '../domain/event.types.ts';
import type { IncidentState } from '../incident/incident.state.ts';
import type { RolePools } from '../incident/roles.policy.ts';
import { reminderView } from '../clocks/clock.views.ts';
import { dueReminders, supersededSlots, type DueReminder } from '../clocks/reminders.ts';
import type { ClockConfig } from '../decision/decision.types.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { IncidentStore } from '../ports/store.port.ts';
import type { IncidentLog } from '../log/incident-log.ts';
import type { Effects } from './effects.ts';

export interface ReminderDeps {
  store: IncidentStore;
  clock: Clock;
  pools: RolePools;
  logger: Logger;
  clocks: ClockConfig;
  /** The legal contact's time zone, for the deadline shown beside UTC. */
  timeZone: string;
}

/**
 * A reminder's claim is a lease on sending it, not the record that it was
 * sent: `ReminderSent` in the log is that record. A replica that dies
 * mid-send lets the lease lapse (the file store drops it at open), and the
 * reminder is sent again by whoever takes it next.
 */
const LEASE_MS = 2 * 60 * 1000;

/** Who hears a clock: the incident's legal role, else the legal pool from config. */
function legalRecipients(state: IncidentState, pools: RolePools): string[] {
  const assigned = state.roles.legal;
  return assigned.length ? [...assigned] : [...(pools.legal ?? [])].filter((entry) => !entry.startsWith('group:'));
}

/**
 * Sends every due countdown reminder once: the pure `dueReminders` says what
 * is due, a claim per reminder makes it exactly once across replicas, and
 * `ReminderSent` records it (late when the bot was down at its time).
 */
export async function sendDueReminders(log: IncidentLog, effects: Effects, deps: ReminderDeps): Promise<number> {
  let sent = 0;
  const now = deps.clock.now();
  // Only incidents the store lists as due: a tick over 10,000 quiet incidents reads none of them.
  for (const incidentId of await log.due()) {
    const { state } = await log.load(incidentId);
    if (!state.exists || Object.keys(state.breach.clocks).length === 0) continue;
    const due = dueReminders(Object.values(state.breach.clocks), state.breach.remindersSent, now, deps.clocks.regimes, {
      incidentId,
    });
    for (const reminder of due) {
      const lease = `lease:${reminder.claimKey}`;
      if (!(await deps.store.claim(lease, LEASE_MS))) continue;
      try {
        if (await send(log, effects, deps, state, reminder)) sent++;
      } catch (error) {
        deps.logger.error('reminder failed; it is sent again on a later tick', {
          incidentId,
          regime: reminder.regime,
          offset: reminder.offset,
          error: String(error),
        });
      }
      await deps.store.release(lease);
    }
  }
  return sent;
}

/**
 * Sends one reminder and records it, only if somebody got it: the legal
 * contacts reached by DM and the war rooms it was posted in are the
 * recipients named in `ReminderSent`. Reaching nobody (chat down, no legal
 * contact and no room) records nothing, and a later tick tries again until
 * the next offset supersedes this one. Returns whether it was recorded.
 */
async function send(
  log: IncidentLog,
  effects: Effects,
  deps: ReminderDeps,
  state: IncidentState,
  reminder: DueReminder,
): Promise<boolean> {
  const clock = state.breach.clocks[reminder.regime];
  if (!clock) return false;
  const regime = deps.clocks.regimes.find((candidate) => candidate.id === reminder.regime);
  const view = reminderView(state, clock, regime, reminder, deps.clock.now(), deps.timeZone);
  const recipients = legalRecipients(state, deps.pools);
  const reached: string[] = [];
  for (const principal of recipients) if (await effects.notify(principal, view)) reached.push(principal);
  const rooms = await effects.postToRooms(state, view);
  if (recipients.length === 0)
    deps.logger.warn('no legal contact for a reminder: assign one with /ir assign legal <user>', {
      incidentId: state.id,
      regime: reminder.regime,
    });
  const heard = [...reached, ...rooms.map((room) => `room:${room.platform}:${room.channelId}`)];
  if (heard.length === 0) {
    deps.logger.warn('a reminder reached nobody; it is sent again on a later tick', {
      incidentId: state.id,
      regime: reminder.regime,
      offset: reminder.offset,
    });
    return false;
  }
  const event = newEvent('ReminderSent', {
    regime: reminder.regime,
    offset: reminder.offset,
    dueAt: reminder.dueAt.toISOString(),
    late: reminder.late,
    recipients: heard,
  });
  // One record per reminder, even if two replicas sent it (a lease that lapsed mid-send); the earlier ones it replaced
  // are recorded with it.
  const outcome = await log.decideAndAppend(
    state.id,
    (current) => {
      const handled = [...current.breach.remindersSent, ...current.breach.remindersSuperseded];
      const currentClock = current.breach.clocks[reminder.regime] ?? clock;
      const missed = supersededSlots(currentClock, regime, handled, reminder.dueAt.getTime()).map((slot) =>
        newEvent('ReminderSuperseded', {
          regime: reminder.regime,
          offset: slot.offset,
          dueAt: slot.dueAt.toISOString(),
          supersededBy: reminder.offset,
        }),
      );
      return { ok: true, events: [...missed, event] };
    },
    SYSTEM_ACTOR,
    `reminder:${reminder.claimKey}`,
  );
  return outcome.ok && !outcome.replayed;
}
