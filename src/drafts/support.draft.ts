import type { Severity } from '../domain/incident.types.ts';
import { actionList, timelineList } from './draft-parts.ts';
import type { DraftInput, SupportContact, SupportSeverity } from './draft.types.ts';
import { bullets, draftHeader, fenced, inline, join, toComplete, utc } from './markdown.ts';

/**
 * The Microsoft Support escalation (regulatory.md section 8): severity A/B/C
 * from the incident severity and the business impact, as markdown for the
 * humans and as the Support API ticket body (api-version 2024-04-01 shape).
 * Note: @azure/arm-support 2.1.0, installed here, pins api-version 2020-04-01,
 * which has no `advancedDiagnosticConsent`; the adapter that files the ticket
 * decides how to send it.
 */

const RANK: Record<SupportSeverity, number> = { minimal: 0, moderate: 1, critical: 2 };
const LETTER: Record<SupportSeverity, string> = { critical: 'A', moderate: 'B', minimal: 'C' };
const FROM_INCIDENT: Record<Severity, SupportSeverity> = {
  High: 'critical',
  Medium: 'moderate',
  Low: 'minimal',
  Informational: 'minimal',
};

/**
 * High gives A (`critical`), Medium B (`moderate`), Low and Informational C (`minimal`); a higher business impact
 * raises it, never lowers.
 */
export function supportSeverity(severity: Severity, businessImpact?: SupportSeverity): SupportSeverity {
  const fromIncident = FROM_INCIDENT[severity];
  return businessImpact && RANK[businessImpact] > RANK[fromIncident] ? businessImpact : fromIncident;
}

/** The Support API `contactDetails`. */
export interface SupportContactDetails {
  firstName: string;
  lastName: string;
  preferredContactMethod: 'email' | 'phone';
  primaryEmailAddress: string;
  phoneNumber?: string;
  preferredTimeZone: string;
  country: string;
  preferredSupportLanguage: string;
}

/** The Support API ticket body (`PUT .../supportTickets/{name}?api-version=2024-04-01`). */
export interface SupportTicketBody {
  properties: {
    description: string;
    problemClassificationId: string;
    serviceId: string;
    severity: SupportSeverity;
    advancedDiagnosticConsent: 'No';
    require24X7Response: boolean;
    contactDetails: SupportContactDetails;
    title: string;
    problemStartTime: string;
    technicalTicketDetails?: { resourceId: string };
  };
}

const CLASSIFICATION_PLACEHOLDER = toComplete(
  '/providers/Microsoft.Support/services/{serviceGuid}/problemClassifications/{problemClassificationGuid} from ' +
    'problemClassifications.list()',
);
const SERVICE_PLACEHOLDER = toComplete('/providers/Microsoft.Support/services/{serviceGuid} from services.list()');

function contactDetails(input: DraftInput, severity: SupportSeverity): SupportContactDetails {
  const contact = input.contacts.supportContact;
  const phone = contact?.phone;
  return {
    firstName: contact?.firstName ?? toComplete('first name'),
    lastName: contact?.lastName ?? toComplete('last name'),
    // Severity A commits the customer to 24x7 engagement: a phone is then the faster channel.
    preferredContactMethod: phone && severity === 'critical' ? 'phone' : 'email',
    primaryEmailAddress: contact?.email ?? toComplete('email address'),
    ...(phone ? { phoneNumber: phone } : {}),
    preferredTimeZone: contact?.timeZone ?? toComplete('Windows time zone name, e.g. Pacific Standard Time'),
    country: contact?.country ?? toComplete('ISO 3166-1 alpha-3 country, e.g. usa'),
    preferredSupportLanguage: contact?.language ?? 'en-US',
  };
}

function plainDescription(input: DraftInput): string {
  const { incident } = input;
  const lines = [
    `Security incident ${incident.id} (severity ${incident.severity}, status ${incident.status}, declared ` +
      `${utc(incident.declaredAt)}): ${incident.title}`,
    `Affected resources: ${input.resources.length ? input.resources.join(', ') : toComplete('affected resource ids')}`,
    ...[...input.timeline]
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map((entry) => `Timeline ${utc(entry.at)}: ${entry.text}`),
    `Containment executed: ` +
      (input.actions.length
        ? input.actions.map((action) => `${utc(action.at)} ${action.type} on ${action.target}`).join('; ')
        : 'none yet'),
    `What we ask of Microsoft: ` +
      (input.support?.ask ??
        toComplete(
          'what Microsoft should do, e.g. confirm platform-side logs, investigate access from Microsoft-hosted IPs, ' +
            'help restore',
        )),
  ];
  return lines.join('\n');
}

function serviceIdOf(input: DraftInput): string {
  const given = input.support?.serviceId;
  if (given) return given;
  const fromClassification = input.support?.problemClassificationId?.split('/problemClassifications/')[0];
  return fromClassification && fromClassification !== input.support?.problemClassificationId
    ? fromClassification
    : SERVICE_PLACEHOLDER;
}

/**
 * The Support API ticket body; unknown values are `[TO COMPLETE: ...]` strings, which the API rejects, so nothing
 * half-filled can be filed.
 */
export function supportTicketBody(input: DraftInput): SupportTicketBody {
  const severity = supportSeverity(input.incident.severity, input.businessImpact);
  const resourceId = input.resources[0];
  return {
    properties: {
      description: plainDescription(input),
      problemClassificationId: input.support?.problemClassificationId ?? CLASSIFICATION_PLACEHOLDER,
      serviceId: serviceIdOf(input),
      severity,
      advancedDiagnosticConsent: 'No',
      require24X7Response: severity === 'critical',
      contactDetails: contactDetails(input, severity),
      title: `Security incident ${input.incident.id}: ${input.incident.title}`.replace(/\s+/g, ' ').trim(),
      problemStartTime: (input.support?.problemStartTime ?? input.incident.declaredAt).toISOString(),
      ...(resourceId ? { technicalTicketDetails: { resourceId } } : {}),
    },
  };
}

function contactLine(person: SupportContact | undefined, details: SupportContactDetails): string {
  if (!person)
    return toComplete(
      'the person Microsoft should contact: name, email, phone, country, time zone, language ' +
        '(contacts.supportContact in IC_CONFIG)',
    );
  const phone = person.phone ? `, ${inline(person.phone)}` : '';
  return (
    `${inline(person.firstName)} ${inline(person.lastName)}, ${inline(person.email)}${phone} (prefers ` +
    `${details.preferredContactMethod}; ${inline(person.timeZone)}; ${inline(person.country)}; ` +
    `${inline(person.language)})`
  );
}

/** The escalation as markdown for the humans, ending with the ticket body as a JSON block. */
export function supportDraft(input: DraftInput, now?: Date): string {
  const body = supportTicketBody(input);
  const { severity } = body.properties;
  const raised =
    input.businessImpact && severity !== supportSeverity(input.incident.severity)
      ? `, raised by the business impact (${input.businessImpact})`
      : '';
  const contact = body.properties.contactDetails;
  const person = input.contacts.supportContact;
  return join([
    draftHeader('Microsoft Support escalation', input.incident.id, now),
    `**Severity:** ${LETTER[severity]} (\`${severity}\`), from incident severity ` +
      `${inline(input.incident.severity)}${raised}. ` +
      (severity === 'critical'
        ? 'Severity A requires 24x7 engagement from us, or Microsoft may downgrade it to B.'
        : ''
      ).trim(),
    `**Title:** ${inline(body.properties.title)}`,
    [
      '## Description',
      `${inline(input.incident.title)} (incident ${inline(input.incident.id)}, severity ` +
        `${inline(input.incident.severity)}, status ${inline(input.incident.status)}, declared ` +
        `${utc(input.incident.declaredAt)})`,
      `Problem start: ` +
        `${body.properties.problemStartTime}` +
        `${input.support?.problemStartTime ? '' : ' (the declaration time; set the real start if known)'}`,
    ].join('\n\n'),
    ['## Affected resources', bullets(input.resources, 'affected Azure resource ids')].join('\n\n'),
    ['## Timeline', timelineList(input)].join('\n\n'),
    ['## Containment executed', actionList(input)].join('\n\n'),
    [
      '## What we ask of Microsoft',
      input.support?.ask ? inline(input.support.ask) : toComplete('what Microsoft should do'),
    ].join('\n\n'),
    ['## Contact', contactLine(person, contact)].join('\n\n'),
    [
      '## Support API ticket body (api-version 2024-04-01)',
      'Filing it is an approved action; it needs a support plan that allows API tickets and Owner, Contributor or ' +
        'Support Request Contributor on the subscription.',
      fenced(JSON.stringify(body, null, 2), 'json'),
    ].join('\n\n'),
  ]);
}
