import type { IncidentEvent } from '../domain/event.types.ts';
import type { IncidentState } from '../incident/incident.state.ts';
import type { Block, View } from '../views/view.types.ts';
import type { ClockState } from './clock.types.ts';
import { clockStatus } from './clocks.ts';
import { DEADLINE_LABEL, type Regime } from './regime.types.ts';
import { buttonId } from '../views/interaction-ids.ts';

/** A deadline in the legal contact's time zone, e.g. `2026-11-23 10:15 Europe/Berlin`. */
export function inZone(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${timeZone}`;
}

/** One line per clock: the regime, its standing, the deadline in UTC and in the legal contact's zone. */
export function clockLines(
  clocks: readonly ClockState[],
  now: Date,
  timeZone: string,
): Array<{ label: string; value: string }> {
  return clocks.map((clock) => {
    const status = clockStatus(clock, now);
    const local = timeZone === 'UTC' ? '' : ` = ${inZone(clock.deadline, timeZone)}`;
    const updates = clock.updates?.length
      ? `; ${clock.updates.length} update${clock.updates.length === 1 ? '' : 's'}, the latest ` +
        `${clock.updates.at(-1)?.at.toISOString() ?? ''}`
      : '';
    const decision = clock.notRequired;
    const waiting = decision && !decision.stoppedAt ? ` once confirmed (decided by ${decision.decidedBy})` : '';
    const notice = clock.notifiedAt
      ? `; notified ${clock.notifiedAt.toISOString()} (${clock.reference ?? 'no reference'})${updates}`
      : decision
        ? `; not required${waiting}: ${decision.reason}`
        : '';
    const deadline = clock.noFixedDeadline
      ? `open since ${clock.startedAt.toISOString()} UTC`
      : `deadline ${clock.deadline.toISOString()} UTC${local}`;
    return { label: clock.regime, value: `${status.phrase}: ${deadline}; ${clock.deadlineBasis}${notice}` };
  });
}

/** The clocks section of the status view. */
export function clocksBlocks(state: IncidentState, now: Date, timeZone: string): Block[] {
  const clocks = Object.values(state.breach.clocks);
  if (clocks.length === 0) return [];
  return [
    { type: 'header', text: 'Notification clocks' },
    { type: 'fields', fields: clockLines(clocks, now, timeZone) },
    {
      type: 'context',
      text: `Every deadline is ${DEADLINE_LABEL}. Record a notice with /ir notified <regime> <reference>.`,
    },
  ];
}

/** A countdown ping to legal and the war room. */
export function reminderView(
  state: IncidentState,
  clock: ClockState,
  regime: Regime | undefined,
  reminder: { offset: string; late: boolean },
  now: Date,
  timeZone: string,
): View {
  const status = clockStatus(clock, now);
  const name = regime ? `${regime.name} (${regime.authority})` : clock.regime;
  const after = reminder.offset.replace(/^P(T?)/, '').toLowerCase();
  const when = clock.noFixedDeadline
    ? `open +${after}`
    : reminder.offset.startsWith('-')
      ? `T${reminder.offset.replace(/^-P(T?)/, '-').toLowerCase()}`
      : reminder.offset === 'PT0S'
        ? 'deadline'
        : `overdue +${after}`;
  return {
    summary: `${state.id} ${clock.regime}: ${status.phrase}${reminder.late ? ' (late reminder)' : ''}`,
    tone: status.state === 'overdue' ? 'error' : 'warning',
    blocks: [
      { type: 'header', text: `${when}: ${clock.regime} for ${state.id}` },
      { type: 'text', text: `${name}: ${status.phrase}.` },
      { type: 'fields', fields: clockLines([clock], now, timeZone) },
      ...(reminder.late
        ? [{ type: 'context' as const, text: 'This reminder is late: the bot was not running when it fell due.' }]
        : []),
      {
        type: 'actions',
        buttons: [{ id: buttonId({ kind: 'command', command: 'status' }), label: 'Status', command: '/ir status' }],
      },
      {
        type: 'context',
        text:
          `Draft it with /ir draft regulator ${clock.regime}; when filed, /ir notified ${clock.regime} ` +
          `<reference>. ${DEADLINE_LABEL}.`,
      },
    ],
  };
}

/**
 * The reply to a breach assessment: every clock it started or recomputed with its deadline, and every jurisdiction
 * that started none and why.
 */
export function breachAssessedView(appended: readonly IncidentEvent[]): View | undefined {
  const corrected = appended.find(
    (event): event is IncidentEvent<'AwarenessCorrected'> => event.type === 'AwarenessCorrected',
  );
  const assessed = appended.find((event): event is IncidentEvent<'BreachAssessed'> => event.type === 'BreachAssessed');
  if (!assessed && !corrected) return undefined;
  const clocks = appended
    .filter((event): event is IncidentEvent<'ClockStarted'> => event.type === 'ClockStarted')
    .map(({ data }) => ({
      text: data.noFixedDeadline
        ? `${data.regime}: no fixed deadline, notify without undue delay (reminders on a cadence; ${DEADLINE_LABEL})`
        : `${data.regime}: deadline ${data.deadline} (${data.deadlineBasis}; ${DEADLINE_LABEL})`,
    }));
  const none = (assessed?.data.withoutClock ?? []).map(({ jurisdiction, reason }) => `${jurisdiction}: ${reason}`);
  const summary = assessed
    ? `Recorded the breach assessment (aware at ${assessed.data.awareAt}, ` +
      `${assessed.data.jurisdictions.join(', ')}): ` +
      `${clocks.length} clock${clocks.length === 1 ? '' : 's'} started` +
      (none.length ? `; no clock for ${none.length} jurisdiction${none.length === 1 ? '' : 's'}` : '')
    : `Recorded the correction of the awareness time from ${corrected?.data.from ?? ''} to ` +
      `${corrected?.data.to ?? ''}: ${clocks.length} deadline${clocks.length === 1 ? '' : 's'} moved`;
  const blocks: Block[] = [{ type: 'text', text: summary }];
  if (clocks.length)
    blocks.push(
      { type: 'header', text: assessed ? 'Clocks started' : 'Deadlines moved' },
      { type: 'list', items: clocks },
    );
  if (none.length)
    blocks.push({ type: 'header', text: 'No clock' }, { type: 'list', items: none.map((text) => ({ text })) });
  return { summary, blocks, tone: 'success' };
}
