import { clockStatus } from '../clocks/clocks.ts';
import type { ClockState } from '../clocks/clock.types.ts';
import { DEADLINE_LABEL } from '../clocks/regime.types.ts';
import { actionList, approx, incidentLine } from './draft-parts.ts';
import type { DraftInput } from './draft.types.ts';
import { bullets, draftHeader, inline, join, orComplete, toComplete, utc } from './markdown.ts';

/**
 * The breach register entry (GDPR Art. 33(5): "the controller shall document any personal data breaches, comprising
 * the facts relating to the personal data breach, its effects and the remedial action taken"), with every
 * notification decision: sent (when, reference, by whom), not required (the reasons, who decided and who confirmed),
 * or still open. A breach not notified is documented here as much as one that was.
 */

function decisionLine(clock: ClockState, now: Date): string {
  const decision = clock.notRequired;
  if (clock.notifiedAt) {
    const updates = clock.updates?.length
      ? `; ${clock.updates.length} update(s), the latest ${utc(clock.updates.at(-1)!.at)}`
      : '';
    return (
      `notified ${utc(clock.notifiedAt)}, reference ${inline(clock.reference ?? 'none')}, recorded by ` +
      `${inline(clock.notifiedBy ?? clock.startedBy)} (${clockStatus(clock, now).phrase})${updates}`
    );
  }
  if (decision?.stoppedAt)
    return (
      `not required: ${inline(decision.reason)}. Decided by ${inline(decision.decidedBy)} ` +
      `${utc(decision.decidedAt)}${decision.confirmedBy ? `, confirmed by ${inline(decision.confirmedBy)}` : ''}`
    );
  if (decision)
    return (
      `not required, awaiting a second person's confirmation: ${inline(decision.reason)} (decided by ` +
      `${inline(decision.decidedBy)} ${utc(decision.decidedAt)}); ${clockStatus(clock, now).phrase}`
    );
  return `open: ${clockStatus(clock, now).phrase}`;
}

/** The Art. 33(5) register entry for the incident's breach, or the reason there is none yet. */
export function registerDraft(input: DraftInput, now: Date): string {
  const breach = input.breach;
  const title = 'Breach register entry (GDPR Art. 33(5))';
  if (!breach)
    return join([
      draftHeader(title, input.incident.id, now),
      'No breach assessment is recorded on this incident. Record one (`breach --aware-at ...`) first; an incident ' +
        'that is not a personal-data breach needs no register entry.',
    ]);
  const decisions = [...input.clocks].sort((a, b) => a.regime.localeCompare(b.regime));
  return join([
    draftHeader(title, input.incident.id, now),
    incidentLine(input),
    [
      '## The facts',
      `**Became aware:** ${utc(breach.awareAt)} (confirmed by ${inline(breach.setBy)})`,
      `**Role:** ${breach.role}`,
      `**People concerned:** ${approx(breach.subjects, 'people concerned')}`,
      `**Records concerned:** ${approx(breach.records, 'records concerned')}`,
      `**Where they are:** ${breach.jurisdictions.map(inline).join(', ')}`,
      '**Categories of personal data:**',
      bullets(breach.categories, 'the categories of personal data concerned'),
    ].join('\n\n'),
    ['## Its effects', orComplete(input.facts?.consequences, 'the likely consequences for the people concerned')].join(
      '\n\n',
    ),
    ['## Remedial action taken', actionList(input), toComplete('other measures taken or planned')].join('\n\n'),
    [
      `## Notification decisions (${DEADLINE_LABEL})`,
      decisions.length
        ? decisions.map((clock) => `- **${inline(clock.regime)}:** ${decisionLine(clock, now)}`).join('\n')
        : `- ${toComplete('no notification clock started: say why no notification is required')}`,
    ].join('\n\n'),
  ]);
}
