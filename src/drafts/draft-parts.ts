import type { ClockState } from '../clocks/clock.types.ts';
import { clockStatus, startClock } from '../clocks/clocks.ts';
import { DEFAULT_CALENDARS, type CalendarSet } from '../clocks/holidays.ts';
import { DEADLINE_LABEL, type Regime } from '../clocks/regime.types.ts';
import type { DraftInput } from './draft.types.ts';
import { bullets, inline, orComplete, toComplete, utc } from './markdown.ts';

/** Sections several drafts share: the clock line, the timeline, the measures, the contact point. */

/**
 * The incident's clock for `regime`, or one computed from the breach
 * assessment's awareness time when the incident has not started it (so a
 * draft can say its deadline); undefined when neither is possible.
 */
export function clockFor(
  regime: Regime,
  input: DraftInput,
  now: Date,
  calendars: CalendarSet = DEFAULT_CALENDARS,
): ClockState | undefined {
  const kept = input.clocks.find((clock) => clock.regime === regime.id);
  if (kept || !input.breach || !bindsRole(regime, input)) return kept;
  // Only awareness is taken from the assessment: discovery or materiality are other facts, confirmed separately.
  const starts = { awareness: input.breach.awareAt };
  return startClock(
    regime,
    starts,
    { by: input.breach.setBy, reason: 'computed for this draft from the breach assessment' },
    now,
    calendars,
  );
}

/** False when the regime binds other roles than the assessment's (a processor under GDPR Art. 33(1)). */
export function bindsRole(regime: Regime, input: DraftInput): boolean {
  const roles = regime.appliesWhen.roles;
  return !roles || !input.breach || roles.includes(input.breach.role);
}

/** True when the notice is (or will be) later than the deadline: not notified and past it, or notified after it. */
export function isLate(clock: ClockState | undefined, now: Date): boolean {
  if (!clock || clock.noFixedDeadline) return false;
  return (clock.notifiedAt ?? now).getTime() > clock.deadline.getTime();
}

/** What starts the regime's clock, in words. */
export function triggerWords(regime: Regime): string {
  if (typeof regime.trigger !== 'string') return `notice under ${regime.trigger.after}`;
  const words = {
    awareness: 'becoming aware',
    materiality: 'materiality determination',
    classification: 'classification as major',
    discovery: 'discovery',
  };
  return words[regime.trigger];
}

/** The deadline block: start, deadline with its basis and label, and the current standing. */
export function deadlineLines(regime: Regime, clock: ClockState | undefined, now: Date, input?: DraftInput): string {
  if (!clock && input && !bindsRole(regime, input))
    return (
      `**Deadline:** none for a ${input.breach?.role ?? 'processor'}: ${regime.name} binds ` +
      `${(regime.appliesWhen.roles ?? []).join(' and ')}s. Tell the controller (the data owner) without undue delay; ` +
      `the deadline to the authority is theirs (${DEADLINE_LABEL}).`
    );
  if (!clock)
    return (
      `**Deadline:** ` +
      `${toComplete(`confirm the start time (${triggerWords(regime)}) so that the deadline can be computed`)}`
    );
  const status = clockStatus(clock, now);
  return [
    `**Clock started:** ${utc(clock.startedAt)} (${inline(clock.startedFrom)}, confirmed by ` +
      `${inline(clock.startedBy)})`,
    clock.noFixedDeadline
      ? `**Deadline:** none fixed: notify without undue delay, as soon as possible (${DEADLINE_LABEL})`
      : `**Deadline:** ${utc(clock.deadline)}: ${inline(clock.deadlineBasis)} (${DEADLINE_LABEL})`,
    `**Standing:** ${status.phrase}`,
  ].join('  \n');
}

/** The incident timeline as a bullet list, oldest first. */
export function timelineList(input: DraftInput): string {
  const entries = [...input.timeline].sort((a, b) => a.at.getTime() - b.at.getTime());
  return bullets(
    entries.map((entry) => `${utc(entry.at)}: ${entry.text}${entry.actor ? ` (${entry.actor})` : ''}`),
    'the timeline of the incident',
  );
}

/** The executed containment actions, oldest first. */
export function actionList(input: DraftInput): string {
  const actions = [...input.actions].sort((a, b) => a.at.getTime() - b.at.getTime());
  return actions.length
    ? actions.map((action) => `- ${utc(action.at)}: ${inline(action.type)} on ${inline(action.target)}`).join('\n')
    : `- ${toComplete('containment measures taken; none is recorded on the incident')}`;
}

/** The DPO or other contact point (GDPR Art. 33(3)(b)). */
export function contactPoint(input: DraftInput): string {
  const dpo = input.contacts.dpo;
  const company = input.contacts.company ? `${inline(input.contacts.company)}: ` : '';
  if (!dpo)
    return `${company}${toComplete('name and contact details of the data protection officer or other contact point')}`;
  return `${company}${inline(dpo.name)}, ${inline(dpo.email)}, ${orComplete(dpo.phone, 'phone number')}`;
}

/** Counts as written in a notice: `about 12,400` or the marker. */
export function approx(count: number | undefined, what: string): string {
  return count === undefined
    ? toComplete(`approximate number of ${what}`)
    : `approximately ${count.toLocaleString('en-US')}`;
}

/** The incident reference line. */
export function incidentLine(input: DraftInput): string {
  const { incident } = input;
  return (
    `**Incident:** ${inline(incident.id)}: ${inline(incident.title)} (severity ${inline(incident.severity)}, ` +
    `status ${inline(incident.status)}, declared ${utc(incident.declaredAt)})`
  );
}

/** The regime's caveats, as a list. */
export function notesList(regime: Regime): string {
  return regime.notes.map((note) => `- ${inline(note)}`).join('\n');
}
