import { actionList, contactPoint } from './draft-parts.ts';
import type { DraftInput } from './draft.types.ts';
import { bullets, draftHeader, inline, join, orComplete, toComplete, utc } from './markdown.ts';

/**
 * The GDPR Art. 34 communication to data subjects, in clear and plain
 * language: what happened, who to contact, the likely consequences and what
 * is being done (Art. 34(2), regulatory.md section 1). Only required when the
 * breach is likely to result in a high risk; otherwise the draft says why
 * there is none.
 */

function notRequired(input: DraftInput, now: Date | undefined): string {
  const reason = input.breach
    ? input.breach.highRisk === false
      ? 'The breach assessment says the breach is not likely to result in a high risk to the people concerned, so ' +
        'Art. 34(1) does not require telling them.'
      : 'The breach assessment does not say whether the breach is likely to result in a high risk to the people ' +
        'concerned. Decide that first (Art. 34(1)); record it on the incident and ask for this draft again.'
    : 'No breach assessment is recorded on this incident. Record one (`breach --aware-at ...`) with the high-risk ' +
      'decision first.';
  return join([
    draftHeader('Communication to the people affected (GDPR Art. 34): not drafted', input.incident.id, now),
    reason,
    'The supervisory authority may still require a communication (Art. 34(4)); informing people voluntarily is ' +
      'always possible.',
  ]);
}

/** The Art. 34 communication, or an explanation when the assessment does not say high risk. */
export function dataSubjectDraft(input: DraftInput, now?: Date): string {
  const breach = input.breach;
  if (!breach?.highRisk) return notRequired(input, now);
  const company = orComplete(input.contacts.company, 'our organisation name');
  return join([
    draftHeader('Communication to the people affected (GDPR Art. 34)', input.incident.id, now),
    `**Subject:** ${toComplete('a plain subject line, e.g. "Important: your personal information"')}`,
    `Dear ${toComplete('name or "customer"')},`,
    [
      '## What happened',
      `On ${utc(breach.awareAt)} ${company} learned of a security incident: ${inline(input.incident.title)}. ` +
        `${toComplete('in one or two plain sentences, what happened and when')}`,
    ].join('\n\n'),
    [
      '## What information was involved',
      bullets(breach.categories, 'the kinds of information involved, in everyday words'),
    ].join('\n\n'),
    [
      '## What this could mean for you',
      orComplete(
        input.facts?.consequences,
        'the likely consequences, in everyday words, e.g. phishing emails or fraud attempts',
      ),
    ].join('\n\n'),
    [
      '## What we have done',
      actionList(input),
      toComplete('the same measures in everyday words, and what else we are doing'),
    ].join('\n\n'),
    [
      '## What you can do',
      toComplete('concrete steps, e.g. change your password, watch for suspicious emails, check bank statements'),
    ].join('\n\n'),
    ['## Who to contact', contactPoint(input)].join('\n\n'),
    [
      '## Before sending',
      '- No exemption of Art. 34(3) applies: (a) the data was not unintelligible to others (e.g. encrypted), (b) ' +
        'later measures have not made the high risk unlikely, (c) individual messages are not disproportionate ' +
        'effort (else a public communication instead).',
      '- Clear and plain language: no legal or technical jargon.',
    ].join('\n\n'),
  ]);
}
