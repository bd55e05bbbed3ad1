import type { ClockState } from '../clocks/clock.types.ts';
import type { Regime } from '../clocks/regime.types.ts';
import { actionList, approx, contactPoint, deadlineLines, incidentLine, isLate, timelineList } from './draft-parts.ts';
import type { DraftInput } from './draft.types.ts';
import { bullets, draftHeader, inline, join, orComplete, toComplete, utc } from './markdown.ts';

/**
 * The GDPR Art. 33 notice to the supervisory authority (and the same for
 * UK GDPR and the ICO): the four parts of Art. 33(3), the phasing note of
 * 33(4), and the reasons for the delay that 33(1) demands once 72 hours have
 * passed (regulatory.md section 1).
 */

function natureSection(input: DraftInput): string {
  const breach = input.breach;
  return [
    '## (a) Nature of the personal data breach',
    `**What happened:** ${inline(input.incident.title)}. ` +
      toComplete(
        'describe how the breach occurred (confidentiality, integrity and/or availability) and how it was detected',
      ),
    `**When the controller became aware:** ` +
      `${breach ? `${utc(breach.awareAt)} (confirmed by ${inline(breach.setBy)})` : toComplete('time of awareness')}`,
    `**Categories of personal data concerned:**`,
    bullets(breach?.categories ?? [], 'categories of personal data concerned'),
    `**Categories of data subjects concerned:** ${toComplete('e.g. customers, employees, children')}`,
    `**Approximate number of data subjects concerned:** ${approx(breach?.subjects, 'data subjects concerned')}`,
    `**Approximate number of personal data records concerned:** ` +
      `${approx(breach?.records, 'personal data records concerned')}`,
    `**Jurisdictions of the data subjects:** ` +
      (breach?.jurisdictions.length
        ? breach.jurisdictions.map(inline).join(', ')
        : toComplete('where the data subjects are')),
    `**Our role:** ` +
      (breach
        ? breach.role === 'controller'
          ? 'controller'
          : 'processor (the controller notifies the authority; Art. 33(2))'
        : toComplete('controller or processor')),
    '**Timeline:**',
    timelineList(input),
  ].join('\n\n');
}

function consequencesSection(input: DraftInput): string {
  const risk =
    input.breach?.highRisk === undefined
      ? toComplete(
          'whether the breach is likely to result in a high risk to the rights and freedoms of natural persons',
        )
      : input.breach.highRisk
        ? 'The breach is assessed as likely to result in a high risk to data subjects; they are being informed ' +
          'under Art. 34.'
        : 'The breach is assessed as not likely to result in a high risk to data subjects; they are not being ' +
          'informed under Art. 34.';
  return [
    '## (c) Likely consequences of the breach',
    orComplete(
      input.facts?.consequences,
      'likely consequences for the data subjects, e.g. identity theft, fraud, loss of confidentiality',
    ),
    risk,
  ].join('\n\n');
}

function measuresSection(input: DraftInput): string {
  return [
    '## (d) Measures taken or proposed',
    'Measures taken to address the breach, from the incident record:',
    actionList(input),
    `Measures proposed, incl. to mitigate possible adverse effects: ` +
      `${toComplete('further measures, e.g. password resets, monitoring, informing data subjects')}`,
  ].join('\n\n');
}

function delaySection(clock: ClockState | undefined, now: Date): string | undefined {
  if (!clock || !isLate(clock, now)) return undefined;
  return [
    '## Reasons for the delay (Art. 33(1))',
    `This notification is made after the deadline of ${utc(clock.deadline)}. ` +
      `${toComplete('the reasons for the delay')}`,
  ].join('\n\n');
}

/** The GDPR / UK GDPR Art. 33 notice in markdown. */
export function gdprDraft(regime: Regime, input: DraftInput, clock: ClockState | undefined, now: Date): string {
  return join([
    draftHeader(`Personal data breach notification: ${regime.name}`, input.incident.id, now),
    `**To:** ${inline(regime.authority)}: ${toComplete('name of the authority and its reporting channel')}  ` +
      `\n**From:** ${orComplete(input.contacts.company, 'controller name and address')}`,
    incidentLine(input),
    deadlineLines(regime, clock, now, input),
    natureSection(input),
    ['## (b) Data protection officer or other contact point', contactPoint(input)].join('\n\n'),
    consequencesSection(input),
    measuresSection(input),
    [
      '## Phased notification (Art. 33(4))',
      'Where it is not possible to provide all the information at the same time, the information is provided in ' +
        'phases without undue further delay.',
      `Information to follow: ` +
        `${toComplete('what will follow in a later phase, and when; delete this section if nothing will')}`,
    ].join('\n\n'),
    delaySection(clock, now),
  ]);
}
