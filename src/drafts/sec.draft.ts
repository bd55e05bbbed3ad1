import type { ClockState } from '../clocks/clock.types.ts';
import type { Regime } from '../clocks/regime.types.ts';
import { actionList, deadlineLines, incidentLine, isLate, notesList } from './draft-parts.ts';
import type { DraftInput } from './draft.types.ts';
import { draftHeader, inline, join, orComplete, toComplete, utc } from './markdown.ts';

/**
 * Form 8-K Item 1.05 (Material Cybersecurity Incidents), Release 33-11216
 * (regulatory.md section 4): the material aspects of the nature, scope and
 * timing, and the material impact. Technical detail that would impede the
 * response is not required; missing information is stated and later filed
 * on an 8-K/A.
 */

/** The SEC Form 8-K Item 1.05 draft. */
export function sec8kDraft(regime: Regime, input: DraftInput, clock: ClockState | undefined, now: Date): string {
  const determined = clock
    ? `${utc(clock.startedAt)} (recorded by ${inline(clock.startedBy)})`
    : toComplete('date and time the registrant determined the incident to be material');
  return join([
    draftHeader('Form 8-K, Item 1.05 Material Cybersecurity Incidents', input.incident.id, now),
    `**Registrant:** ${orComplete(input.contacts.company, 'registrant name, commission file number')}`,
    incidentLine(input),
    `**Materiality determined:** ${determined}`,
    deadlineLines(regime, clock, now, input),
    [
      '## Item 1.05(a): material aspects of the nature, scope and timing of the incident',
      `**Nature:** ${inline(input.incident.title)}. ` +
        toComplete(
          'material aspects of the nature of the incident, without technical detail that would impede the response ' +
            'or remediation',
        ),
      `**Scope:** ${toComplete('systems, data and operations affected, at the level of material aspects')}`,
      `**Timing:** ${toComplete('when the incident occurred and was discovered, and whether it is ongoing')}; the ` +
        `incident was declared ${utc(input.incident.declaredAt)}.`,
    ].join('\n\n'),
    [
      '## Item 1.05(a): material impact or reasonably likely material impact',
      `${toComplete('impact on the registrant, incl. its financial condition and results of operations')}`,
    ].join('\n\n'),
    ['## Response to date (for counsel; disclose only material aspects)', actionList(input)].join('\n\n'),
    [
      '## Information not yet determined',
      `${toComplete('state which required information is not determined or is unavailable at the time of filing')}`,
      'File an amendment (Form 8-K/A) within 4 business days after that information is determined or becomes ' +
        'available.',
    ].join('\n\n'),
    isLate(clock, now) && clock
      ? [
          '## Filing after the due date',
          `The due date was ${utc(clock.deadline)}. ` +
            `${toComplete('whether an Attorney General delay applies, or the reasons')}`,
        ].join('\n\n')
      : undefined,
    ['## Notes', notesList(regime)].join('\n\n'),
  ]);
}
