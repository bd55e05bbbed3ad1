import type { ClockState } from '../clocks/clock.types.ts';
import type { Regime } from '../clocks/regime.types.ts';
import {
  actionList,
  contactPoint,
  deadlineLines,
  incidentLine,
  isLate,
  notesList,
  timelineList,
} from './draft-parts.ts';
import type { DraftInput } from './draft.types.ts';
import { bullets, draftHeader, inline, join, toComplete, utc } from './markdown.ts';

/**
 * The NIS2 Art. 23(4) early warning (24 h) and incident notification (72 h)
 * to the CSIRT or competent authority (regulatory.md section 2).
 */

function yesNo(value: boolean | undefined, what: string): string {
  return value === undefined ? toComplete(what) : value ? 'Yes' : 'No';
}

function lateNote(clock: ClockState | undefined, now: Date): string | undefined {
  if (!clock || !isLate(clock, now)) return undefined;
  return [
    '## Late submission',
    `This report is submitted after the deadline of ${utc(clock.deadline)}. ${toComplete('the reasons for the delay')}`,
  ].join('\n\n');
}

function opening(regime: Regime, input: DraftInput, clock: ClockState | undefined, now: Date): string[] {
  return [
    draftHeader(`${inline(regime.name)} (NIS2 Art. 23(4))`, input.incident.id, now),
    `**To:** ${inline(regime.authority)}: ` +
      `${toComplete('national CSIRT or competent authority and its reporting channel')}  \n**Entity:** ` +
      (input.contacts.company
        ? inline(input.contacts.company)
        : toComplete('entity name, sector and type (essential or important)')),
    incidentLine(input),
    deadlineLines(regime, clock, now, input),
    `**Became aware:** ` +
      (input.breach
        ? utc(input.breach.awareAt)
        : toComplete('when the entity became aware of the significant incident')),
  ];
}

/** The NIS2 early warning: is the incident suspected to be malicious, could it have a cross-border impact? */
export function nis2EarlyWarningDraft(
  regime: Regime,
  input: DraftInput,
  clock: ClockState | undefined,
  now: Date,
): string {
  return join([
    ...opening(regime, input, clock, now),
    [
      '## Suspected unlawful or malicious acts',
      yesNo(
        input.facts?.suspectedMalicious,
        'is the incident suspected of being caused by unlawful or malicious acts?',
      ),
    ].join('\n\n'),
    [
      '## Possible cross-border impact',
      yesNo(input.facts?.crossBorder, 'could the incident have a cross-border impact? which Member States?'),
    ].join('\n\n'),
    ['## Short description', `${inline(input.incident.title)}. ${toComplete('what is known so far')}`].join('\n\n'),
    ['## Contact point', contactPoint(input)].join('\n\n'),
    ['## Notes', notesList(regime)].join('\n\n'),
    lateNote(clock, now),
  ]);
}

/**
 * The NIS2 incident notification: update of the early warning, initial assessment (severity, impact), indicators of
 * compromise.
 */
export function nis2NotificationDraft(
  regime: Regime,
  input: DraftInput,
  clock: ClockState | undefined,
  now: Date,
): string {
  const indicators = input.facts?.indicators ?? [];
  return join([
    ...opening(regime, input, clock, now),
    [
      '## Update of the early warning',
      `Suspected unlawful or malicious acts: ${yesNo(input.facts?.suspectedMalicious, 'suspected malicious cause?')}`,
      `Possible cross-border impact: ${yesNo(input.facts?.crossBorder, 'cross-border impact?')}`,
      toComplete('what changed since the early warning'),
    ].join('\n\n'),
    [
      '## Initial assessment',
      `**Severity:** ${inline(input.incident.severity)} (incident severity) ` +
        toComplete('severity in the terms of Art. 23(3): operational disruption, financial loss, damage to others'),
      `**Impact:** ${toComplete('services affected, users affected, duration, geographic spread')}`,
      `**Affected resources:**`,
      bullets(input.resources, 'affected systems'),
      '**Timeline:**',
      timelineList(input),
      '**Mitigation so far:**',
      actionList(input),
    ].join('\n\n'),
    [
      '## Indicators of compromise',
      indicators.length ? bullets(indicators, '') : `- ${toComplete('indicators of compromise, where available')}`,
    ].join('\n\n'),
    ['## Contact point', contactPoint(input)].join('\n\n'),
    ['## Notes', notesList(regime)].join('\n\n'),
    lateNote(clock, now),
  ]);
}
