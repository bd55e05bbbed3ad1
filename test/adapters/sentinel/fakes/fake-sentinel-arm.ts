import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeHttpServer, type RecordedCall, type Reply } from '../../../support/fake-http.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'sentinel', 'securityinsights');
type Json = Record<string, unknown>;
/** The `responses["200"].body` of a vendor example. */
export const example = (file: string, status = '200'): Json => (JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as { responses: Record<string, { body: Json }> }).responses[status]?.body ?? {};

const WORKSPACE = '/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.OperationalInsights/workspaces/([^/]+)/providers/Microsoft\\.SecurityInsights';
const INCIDENTS = new RegExp(`^${WORKSPACE}/incidents(?:/([^/]+)(?:/(comments|entities)(?:/([^/]+))?)?)?$`, 'i');
/** The filter grammar the poller speaks; anything else is a 400, as ARM answers an OData syntax error. */
const FILTER = /^properties\/createdTimeUtc (gt|ge) (\S+) and \((properties\/severity eq '\w+'(?: or properties\/severity eq '\w+')*)\)$/;
const ORDERBY = /^properties\/createdTimeUtc (asc|desc)$/;
const WRITABLE = ['title', 'description', 'severity', 'status', 'owner', 'labels', 'classification', 'classificationReason', 'classificationComment', 'firstActivityTimeUtc', 'lastActivityTimeUtc', 'providerName', 'providerIncidentId'];

export const armError = (status: number, code: string, message: string): Reply => ({ status, body: { error: { code, message } } });

/** Sentinel's times carry seven fractional digits; compare them at that precision. */
export function normaliseTime(value: string): string {
  const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(value);
  if (!match) throw new Error(`not a UTC time: ${value}`);
  return `${match[1]}.${(match[2] ?? '').padEnd(7, '0').slice(0, 7)}Z`;
}

export interface Workspace {
  subscriptionId: string;
  resourceGroup: string;
  workspaceName: string;
}

/**
 * A fake ARM for Microsoft.SecurityInsights: incidents list (`$filter`,
 * `$orderby`, paging by `nextLink`), get, createOrUpdate (checks the etag:
 * 412 when stale), comments createOrUpdate and listEntities (POST), in the
 * REST shapes of the vendor's examples. Every call is recorded.
 */
export class FakeSentinelArm extends FakeHttpServer {
  /** `<sub>/<rg>/<ws>/<name>`, lower case -> the incident resource. */
  readonly incidents = new Map<string, Json>();
  readonly entities = new Map<string, Json[]>();
  readonly comments: Array<{ incident: string; id: string; message: unknown }> = [];
  /** Incidents per list page. */
  pageSize = 50;
  #etags = 0;
  readonly #editAfterGet = new Set<string>();

  constructor(readonly workspace: Workspace) {
    super();
  }

  #key(workspace: Workspace, name: string): string {
    return `${workspace.subscriptionId}/${workspace.resourceGroup}/${workspace.workspaceName}/${name}`.toLowerCase();
  }

  #etag(): string {
    this.#etags += 1;
    return `"0300bf09-0000-0000-0000-${String(this.#etags).padStart(12, '0')}"`;
  }

  /** An incident shaped like the GetIncidentById example, with these properties. */
  addIncident(name: string, properties: Json, workspace: Workspace = this.workspace): Json {
    const base = example('GetIncidentById.json');
    const id = `/subscriptions/${workspace.subscriptionId}/resourceGroups/${workspace.resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/${workspace.workspaceName}/providers/Microsoft.SecurityInsights/incidents/${name}`;
    const defaults = { status: 'New', classification: undefined, classificationComment: undefined, classificationReason: undefined, owner: { objectId: null, email: null, assignedTo: null, userPrincipalName: null } };
    const incident = { ...base, id, name, etag: this.#etag(), properties: { ...(base.properties as Json), ...defaults, incidentUrl: `https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident${id}`, ...properties } };
    this.incidents.set(this.#key(workspace, name), JSON.parse(JSON.stringify(incident)) as Json);
    return incident;
  }

  /** The incident's entities, in REST shape (`{id, name, type, kind, properties}`). */
  setEntities(name: string, entities: Json[], workspace: Workspace = this.workspace): void {
    this.entities.set(this.#key(workspace, name), entities);
  }

  /** Someone edits the incident in the portal right after our next read: the etag we read goes stale. */
  editAfterNextGet(name: string, workspace: Workspace = this.workspace): void {
    this.#editAfterGet.add(this.#key(workspace, name));
  }

  incident(name: string, workspace: Workspace = this.workspace): Json | undefined {
    return this.incidents.get(this.#key(workspace, name));
  }

  protected handle(call: RecordedCall, origin: string): Reply {
    const match = INCIDENTS.exec(call.path);
    if (!match) return armError(404, 'NotFound', `No fake route for ${call.method} ${call.path}.`);
    const [, subscriptionId = '', resourceGroup = '', workspaceName = '', name, sub, subId] = match;
    const workspace = { subscriptionId, resourceGroup, workspaceName };
    if (!name) return call.method === 'GET' ? this.#list(call, workspace, origin) : armError(405, 'MethodNotAllowed', call.method);
    const key = this.#key(workspace, name);
    if (sub === 'comments' && subId && call.method === 'PUT') return this.#comment(call, key, subId);
    if (sub === 'entities' && call.method === 'POST') return this.#entities(key);
    if (!sub && call.method === 'GET') return this.#get(key, name);
    if (!sub && call.method === 'PUT') return this.#put(call, key, name);
    return armError(405, 'MethodNotAllowed', `${call.method} ${call.path}`);
  }

  #list(call: RecordedCall, workspace: Workspace, origin: string): Reply {
    const filter = FILTER.exec(call.query.$filter ?? '');
    const order = ORDERBY.exec(call.query.$orderby ?? 'properties/createdTimeUtc asc');
    if ((call.query.$filter && !filter) || !order) return armError(400, 'BadRequest', `Invalid OData: $filter=${call.query.$filter ?? ''} $orderby=${call.query.$orderby ?? ''}`);
    const prefix = this.#key(workspace, '');
    let matching = [...this.incidents.entries()].filter(([key]) => key.startsWith(prefix)).map(([, incident]) => incident);
    if (filter) {
      const [, op, since = '', severityTerms = ''] = filter;
      const severities = new Set([...severityTerms.matchAll(/'(\w+)'/g)].map((term) => term[1]));
      const bound = normaliseTime(since);
      matching = matching.filter((incident) => {
        const props = incident.properties as Json;
        const created = normaliseTime(String(props.createdTimeUtc));
        return (op === 'gt' ? created > bound : created >= bound) && severities.has(String(props.severity));
      });
    }
    const created = (incident: Json) => normaliseTime(String((incident.properties as Json).createdTimeUtc));
    matching.sort((a, b) => (order[1] === 'asc' ? 1 : -1) * created(a).localeCompare(created(b)));
    const offset = Number(call.query.$skipToken ?? 0);
    const page = matching.slice(offset, offset + this.pageSize);
    const next = offset + this.pageSize < matching.length ? offset + this.pageSize : undefined;
    const query = new URLSearchParams({ ...call.query, $skipToken: String(next) });
    return { status: 200, body: { value: page, ...(next !== undefined ? { nextLink: `${origin}${call.path}?${query.toString()}` } : {}) } };
  }

  #get(key: string, name: string): Reply {
    const incident = this.incidents.get(key);
    if (!incident) return armError(404, 'NotFound', `Incident ${name} was not found.`);
    const reply = { status: 200, body: JSON.parse(JSON.stringify(incident)) as Json };
    if (this.#editAfterGet.delete(key)) incident.etag = this.#etag();
    return reply;
  }

  #put(call: RecordedCall, key: string, name: string): Reply {
    const incident = this.incidents.get(key);
    const body = (call.body ?? {}) as Json;
    const props = (body.properties ?? {}) as Json;
    const sent = call.headers['if-match'] ?? body.etag;
    if (incident && sent !== undefined && sent !== incident.etag) return armError(412, 'PreconditionFailed', `The etag ${String(sent)} does not match the incident's current etag.`);
    const missing = ['title', 'severity', 'status'].filter((field) => props[field] === undefined);
    if (!incident || missing.length > 0) return armError(400, 'BadRequest', `Incident ${name}: missing ${missing.join(', ') || 'incident'}.`);
    const current = incident.properties as Json;
    for (const field of WRITABLE) current[field] = props[field];
    current.lastModifiedTimeUtc = new Date().toISOString();
    incident.etag = this.#etag();
    return { status: 200, body: JSON.parse(JSON.stringify(incident)) as Json };
  }

  #comment(call: RecordedCall, key: string, id: string): Reply {
    const incident = this.incidents.get(key);
    if (!incident) return armError(404, 'NotFound', 'Incident not found.');
    const message = ((call.body ?? {}) as { properties?: { message?: unknown } }).properties?.message;
    this.comments.push({ incident: key, id, message });
    const shape = example('CreateIncidentComment.json', '201');
    return { status: 201, body: { ...shape, id: `${String(incident.id)}/comments/${id}`, name: id, properties: { ...(shape.properties as Json), message } } };
  }

  #entities(key: string): Reply {
    if (!this.incidents.has(key)) return armError(404, 'NotFound', 'Incident not found.');
    const entities = this.entities.get(key) ?? [];
    const counts = new Map<string, number>();
    for (const entity of entities) counts.set(String(entity.kind), (counts.get(String(entity.kind)) ?? 0) + 1);
    return { status: 200, body: { entities, metaData: [...counts].map(([entityKind, count]) => ({ entityKind, count })) } };
  }
}
