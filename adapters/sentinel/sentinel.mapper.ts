import type { Incident } from '@azure/arm-securityinsight';
import type { z } from 'zod';
import type { SentinelIncident } from '../../src/ports/siem.port.ts';
import { mapRestEntities, mapSdkEntities, type EntityTarget } from './sentinel.entities.ts';
import { incidentResource, triggerBody, type IncidentResource } from './sentinel.schema.ts';

/**
 * Wire -> neutral for Sentinel incidents: the Logic Apps trigger body, the
 * plain incident resource, and the SDK's flattened `Incident`, each to the
 * core's `SentinelIncident`. Failures are values that name the field.
 */

/** Where a payload is wrong: the field's dotted path and what was expected. */
export interface MappingError {
  field: string;
  message: string;
}

export type Mapped<T> = { ok: true; value: T } | { ok: false; error: MappingError };

/** One delivery: the incident and the id that identifies this delivery of it. */
export interface Delivery {
  incident: SentinelIncident;
  /** The trigger's `eventUniqueId`, or `<name>:<lastModifiedTimeUtc or etag>` for a plain resource. */
  deliveryId: string;
  /** Which shape it came in. */
  shape: 'trigger' | 'resource';
}

const SHAPES_HINT =
  'Send the Microsoft Sentinel incident trigger body ({eventUniqueId, object: {id, name, properties}}) or an ' +
  'incident resource ({id, name, etag, properties}).';

const fail = (field: string, message: string): Mapped<never> => ({ ok: false, error: { field, message } });

/** The first issue names the field; the message lists every issue. */
function fromIssues(
  issues: readonly z.core.$ZodIssue[],
  rename: (path: string) => string = (path) => path,
): Mapped<never> {
  const described = issues.map((issue) => ({
    field: rename(issue.path.map(String).join('.')) || '(body)',
    message: issue.message,
  }));
  const first = described[0] ?? { field: '(body)', message: 'invalid' };
  return fail(first.field, described.map((issue) => `${issue.field}: ${issue.message}`).join('; '));
}

/** Parses a webhook body (raw bytes as text): a trigger body or a plain incident resource. */
export function parseWebhookBody(text: string): Mapped<Delivery> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return fail('(body)', `the body is not valid JSON. ${SHAPES_HINT}`);
  }
  return mapWebhookPayload(body);
}

/**
 * Maps a parsed webhook payload; a body with top-level `properties` and no `object` is a plain resource, anything else
 * a trigger body.
 */
export function mapWebhookPayload(body: unknown): Mapped<Delivery> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return fail('(body)', `expected a JSON object. ${SHAPES_HINT}`);
  const isResource = 'properties' in body && !('object' in body) && !('eventUniqueId' in body);
  return isResource ? mapIncidentResource(body) : mapTriggerBody(body);
}

/** The Logic Apps "Microsoft Sentinel incident" trigger body; the delivery id is its `eventUniqueId`. */
export function mapTriggerBody(body: unknown): Mapped<Delivery> {
  const parsed = triggerBody.safeParse(body);
  if (!parsed.success) return fromIssues(parsed.error.issues);
  const resource = parsed.data.object;
  const incident = toIncident(resource, mapRestEntities(resource.properties.relatedEntities ?? []));
  return { ok: true, value: { incident, deliveryId: parsed.data.eventUniqueId, shape: 'trigger' } };
}

/** A plain incident resource, as the REST API returns it; the delivery id is `<name>:<lastModifiedTimeUtc or etag>`. */
export function mapIncidentResource(body: unknown): Mapped<Delivery> {
  const parsed = incidentResource.safeParse(body);
  if (!parsed.success) return fromIssues(parsed.error.issues);
  const resource = parsed.data;
  const version = resource.properties.lastModifiedTimeUtc ?? resource.etag;
  // Without a version every update of the incident would look like the first delivery again.
  if (!version)
    return fail('properties.lastModifiedTimeUtc', 'required (or etag) so that a repeated delivery can be recognised');
  const incident = toIncident(resource, mapRestEntities(resource.properties.relatedEntities ?? []));
  return { ok: true, value: { incident, deliveryId: `${resource.name}:${version}`, shape: 'resource' } };
}

/**
 * The SDK's `Incident` (1.0.0-beta.6 flattens `properties` onto the model and
 * turns times into `Date`s) with its `incidents.listEntities` entities.
 */
export function mapSdkIncident(incident: Incident, entities: readonly unknown[] = []): Mapped<SentinelIncident> {
  const { id, name, etag, type: _type, ...properties } = incident;
  const parsed = incidentResource.safeParse({ id, name, etag, properties: withIsoTimes(properties) });
  // Flattened: the SDK's field is `title`, not `properties.title`.
  if (!parsed.success) return fromIssues(parsed.error.issues, (path) => path.replace(/^properties\./, ''));
  return { ok: true, value: toIncident(parsed.data, mapSdkEntities(entities)) };
}

/** The SDK's Dates back to the ISO strings the wire carried. */
function withIsoTimes(properties: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(properties).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]),
  );
}

/** Analytic rule names where the payload carries them: alert display names, then alert product names. */
function ruleNames(resource: IncidentResource): string[] {
  const alertNames = (resource.properties.alerts ?? [])
    .map((alert) => alert.properties?.alertDisplayName)
    .filter((name): name is string => typeof name === 'string' && name.trim() !== '');
  return [...new Set([...alertNames, ...(resource.properties.additionalData?.alertProductNames ?? [])])];
}

function toIncident(resource: IncidentResource, entities: EntityTarget[]): SentinelIncident {
  const props = resource.properties;
  const alertCount = props.additionalData?.alertsCount;
  return {
    armId: resource.id,
    name: resource.name,
    number: props.incidentNumber,
    title: props.title,
    ...(props.description ? { description: props.description } : {}),
    severity: props.severity,
    status: props.status,
    labels: (props.labels ?? []).map((label) => label.labelName),
    analyticRuleIds: props.relatedAnalyticRuleIds ?? [],
    analyticRuleNames: ruleNames(resource),
    tactics: props.additionalData?.tactics ?? [],
    ...(props.incidentUrl ? { url: props.incidentUrl } : {}),
    entities,
    ...(alertCount !== undefined ? { alertCount } : {}),
    ...(props.createdTimeUtc ? { createdAt: props.createdTimeUtc } : {}),
  };
}
