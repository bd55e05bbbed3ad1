import { SYSTEM_ACTOR } from '../domain/actor.ts';
import { newEvent } from '../domain/event.types.ts';
import type { IncidentState } from '../domain/incident.state.ts';
import type { RolePools } from '../domain/roles.policy.ts';
import { reminderView } from '../clocks/clock.views.ts';
import { dueReminders, type DueReminder } from '../clocks/reminders.ts';
import type { ClockConfig } from '../decide/clock.decide.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { IncidentStore } from '../ports/store.port.ts';
import type { Effects } from './effects.ts';
import type { IncidentService } from './incident.service.ts';

export interface ReminderDeps {
  store: IncidentStore;
  clock: Clock;
  pools: RolePools;
  logger: Logger;
  clocks: ClockConfig;
  /** The legal contact's time zone, for the deadline shown beside UTC. */
  timeZone: string;
}

/** A reminder's claim outlives any retry: a sent ping is never sent again, even after a restart. */
const CLAIM_MS = 400 * 24 * 3600 * 1000;

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
export async function sendDueReminders(service: IncidentService, effects: Effects, deps: ReminderDeps): Promise<number> {
  let sent = 0;
  const now = deps.clock.now();
  for (const incidentId of await deps.store.listOpen()) {
    const { state } = await service.load(incidentId);
    if (!state.exists || Object.keys(state.breach.clocks).length === 0) continue;
    const due = dueReminders(Object.values(state.breach.clocks), state.breach.remindersSent, now, deps.clocks.regimes, { incidentId });
    for (const reminder of due) {
      if (!(await deps.store.claim(reminder.claimKey, CLAIM_MS))) continue;
      try {
        await send(service, effects, deps, state, reminder);
        sent++;
      } catch (error) {
        deps.logger.error('reminder failed', { incidentId, regime: reminder.regime, offset: reminder.offset, error: String(error) });
      }
    }
  }
  return sent;
}

async function send(service: IncidentService, effects: Effects, deps: ReminderDeps, state: IncidentState, reminder: DueReminder): Promise<void> {
  const clock = state.breach.clocks[reminder.regime];
  if (!clock) return;
  const regime = deps.clocks.regimes.find((candidate) => candidate.id === reminder.regime);
  const view = reminderView(state, clock, regime, reminder, deps.clock.now(), deps.timeZone);
  const recipients = legalRecipients(state, deps.pools);
  const reached: string[] = [];
  for (const principal of recipients) if (await effects.notify(principal, view)) reached.push(principal);
  await effects.postToRooms(state, view);
  const event = newEvent('ReminderSent', { regime: reminder.regime, offset: reminder.offset, dueAt: reminder.dueAt.toISOString(), late: reminder.late, recipients: reached });
  await service.decideAndAppend(state.id, () => ({ ok: true, events: [event] }), SYSTEM_ACTOR);
  if (recipients.length === 0) deps.logger.warn('no legal contact for a reminder: assign one with /ir assign legal <user>', { incidentId: state.id, regime: reminder.regime });
}
