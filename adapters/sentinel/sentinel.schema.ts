import { z } from 'zod';
import { pick, SEVERITIES } from '../../src/domain/incident.types.ts';

/**
 * The wire shapes Sentinel sends, as zod schemas: the incident resource
 * (`{id, name, etag, type, properties}`, as the REST API and the playbook's
 * trigger carry it) and the Logic Apps "Microsoft Sentinel incident" trigger
 * body around it. Required fields fail with their path named; optional fields
 * that arrive malformed are dropped, never fatal (Sentinel adds fields over
 * time, and a delivery must not be lost to an odd label).
 */

/** Sentinel's incident statuses (`IncidentStatus`). */
export const SENTINEL_STATUSES = ['New', 'Active', 'Closed'] as const;

/** A workspace's ARM id, then the incident under it (`ARM_ID_EXAMPLE`): subscription, group, workspace, name. */
export const INCIDENT_ARM_ID = new RegExp(
  '^/subscriptions/([^/]+)/resourceGroups/([^/]+)' +
    '/providers/Microsoft\\.OperationalInsights/workspaces/([^/]+)' +
    '/providers/Microsoft\\.SecurityInsights/incidents/([^/]+)$',
  'i',
);
const INCIDENT_NAME = /^[A-Za-z0-9][-\w.]{0,127}$/;
const ARM_ID_EXAMPLE =
  '/subscriptions/<subscription>/resourceGroups/<group>' +
  '/providers/Microsoft.OperationalInsights/workspaces/<workspace>' +
  '/providers/Microsoft.SecurityInsights/Incidents/<name>';

const requiredOr = (expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'required' : expected;

/** A required non-empty string. */
const text = z
  .string({ error: requiredOr('expected a string') })
  .trim()
  .min(1, 'expected a non-empty string');

/** Accepts `high` for `High`, as Sentinel's enums are case-insensitive on input. */
const oneOf = <T extends string>(values: readonly [T, ...T[]]) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? (pick(values, value.trim()) ?? value) : value),
    z.enum(values, { error: requiredOr(`expected one of ${values.join(', ')}`) }),
  );

/** The incident number: a JSON number, or its digits in a string (both are seen in trigger bodies). */
const wholeNumber = 'expected a positive whole number';
const incidentNumber = z
  .preprocess(
    (value) => (typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value) ? Number(value) : value),
    z
      .number({ error: requiredOr(wholeNumber) })
      .int(wholeNumber)
      .positive(wholeNumber),
  )
  .transform((value) => String(value));

/** An optional field: kept when well formed, dropped otherwise. */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const strings = lenient(z.array(z.string()));
/** Links are shown to people: https only. */
const httpsUrl = lenient(z.url({ protocol: /^https$/ }));

const additionalData = z.object({
  alertsCount: lenient(z.number().int().nonnegative()),
  tactics: strings,
  alertProductNames: strings,
});

/** An entity or alert in REST shape: `{kind, properties}`. */
const resourceItem = z.object({ kind: lenient(z.string()), properties: lenient(z.record(z.string(), z.unknown())) });

/** `properties` of an incident resource (`IncidentProperties`), plus the trigger's `alerts` and `relatedEntities`. */
export const incidentProperties = z.object(
  {
    incidentNumber,
    title: text,
    severity: oneOf(SEVERITIES),
    status: oneOf(SENTINEL_STATUSES),
    description: lenient(z.string()),
    labels: lenient(z.array(z.object({ labelName: z.string() }))),
    relatedAnalyticRuleIds: strings,
    incidentUrl: httpsUrl,
    additionalData: lenient(additionalData),
    createdTimeUtc: lenient(z.string()),
    lastModifiedTimeUtc: lenient(z.string()),
    alerts: lenient(z.array(resourceItem.catch({}))),
    relatedEntities: lenient(z.array(resourceItem.catch({}))),
  },
  { error: requiredOr('expected an object') },
);

/** An incident resource: `{id, name, etag, type, properties}`. */
export const incidentResource = z
  .object(
    {
      id: text.regex(INCIDENT_ARM_ID, `expected an incident ARM id (${ARM_ID_EXAMPLE})`),
      name: text.regex(INCIDENT_NAME, 'expected the incident name (a GUID)'),
      etag: lenient(z.string()),
      properties: incidentProperties,
    },
    { error: requiredOr('expected an object') },
  )
  .refine((incident) => incident.id.split('/').pop()?.toLowerCase() === incident.name.toLowerCase(), {
    path: ['name'],
    message: 'must be the last segment of id',
  });

/** The Logic Apps "Microsoft Sentinel incident" trigger body. */
export const triggerBody = z.object({
  eventUniqueId: text,
  objectSchemaType: lenient(z.string()).pipe(
    z
      .literal('Incident', { error: 'expected Incident (this endpoint takes incident triggers, not alert triggers)' })
      .optional(),
  ),
  objectEventType: lenient(z.string()),
  object: incidentResource,
});

export type IncidentResource = z.infer<typeof incidentResource>;
export type TriggerBody = z.infer<typeof triggerBody>;
export type ResourceItem = z.infer<typeof resourceItem>;
