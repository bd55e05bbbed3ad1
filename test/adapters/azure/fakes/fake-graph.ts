import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeHttpServer, type RecordedCall, type Reply } from '../../../support/fake-http.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'azure', 'graph');
const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;

export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
/** The Graph service principal's object id in the fake tenant (from the docs' appRoleAssignments example). */
export const GRAPH_SP_ID = 'fea94d6d-b5bf-44d2-a887-4f72a8d74f44';

/** Graph's error body. */
export const graphError = (status: number, code: string, message: string, headers?: Record<string, string>): Reply => ({
  status,
  body: { error: { code, message, innerError: { date: '2026-01-01T00:00:00', 'request-id': 'fake-request', 'client-request-id': 'fake-client' } } },
  ...(headers ? { headers } : {}),
});

export const requestDenied = (): Reply => graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');

export interface FakeUser {
  id: string;
  userPrincipalName: string;
  accountEnabled: boolean;
}

/** A Graph app role as the Microsoft Graph service principal lists it. */
export interface FakeAppRole {
  id: string;
  value: string;
}

/** A fake Microsoft Graph v1.0: users (get, patch, revokeSignInSessions) and the service principals preflight reads. */
export class FakeGraph extends FakeHttpServer {
  readonly users: FakeUser[] = [];
  /** Microsoft Graph's app roles (id -> permission name). */
  appRoles: FakeAppRole[] = [];
  /** The bot's service principal: its appId and the Graph app role ids assigned to it. */
  bot: { appId: string; id: string; assigned: string[]; otherApi?: string[] } | undefined;

  addUser(user: FakeUser): void {
    this.users.push(user);
  }

  protected override requireBearer = true;

  protected override unauthenticated(): Reply {
    return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
  }

  protected handle(call: RecordedCall): Reply {
    const path = call.path.replace(/^\/v1\.0/, '');
    let match: RegExpExecArray | null;
    if ((match = /^\/users\/([^/]+)\/revokeSignInSessions$/.exec(path)) && call.method === 'POST') return this.#withUser(match[1] ?? '', () => ({ status: 200, body: fixture('user-revokesigninsessions.response.body.json') }));
    if ((match = /^\/users\/([^/]+)$/.exec(path))) return this.#user(call, match[1] ?? '');
    if ((match = /^\/servicePrincipals\(appId='([^']+)'\)$/.exec(path))) return this.#servicePrincipal(match[1] ?? '', call);
    if ((match = /^\/servicePrincipals\/([^/]+)\/appRoleAssignments$/.exec(path))) return this.#assignments(match[1] ?? '');
    return graphError(400, 'BadRequest', `Resource not found for the segment '${path.split('/')[1] ?? ''}'.`);
  }

  #find(key: string): FakeUser | undefined {
    const wanted = key.toLowerCase();
    return this.users.find((user) => user.id.toLowerCase() === wanted || user.userPrincipalName.toLowerCase() === wanted);
  }

  #withUser(key: string, reply: (user: FakeUser) => Reply): Reply {
    const user = this.#find(key);
    return user ? reply(user) : graphError(404, 'Request_ResourceNotFound', `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`);
  }

  #user(call: RecordedCall, key: string): Reply {
    return this.#withUser(key, (user) => {
      if (call.method === 'PATCH') {
        const body = call.body as Partial<FakeUser>;
        if (typeof body.accountEnabled === 'boolean') user.accountEnabled = body.accountEnabled;
        return { status: 204 };
      }
      const select = call.query.$select?.split(',') ?? ['id', 'userPrincipalName', 'accountEnabled'];
      const fields = Object.fromEntries(select.map((field) => [field, (user as unknown as Record<string, unknown>)[field]]));
      return { status: 200, body: { '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#users(${select.join(',')})/$entity`, ...fields } };
    });
  }

  #servicePrincipal(appId: string, call: RecordedCall): Reply {
    if (appId === MICROSOFT_GRAPH_APP_ID) {
      const all = { id: GRAPH_SP_ID, appId, displayName: 'Microsoft Graph', appRoles: this.appRoles.map((role) => ({ allowedMemberTypes: ['Application'], id: role.id, isEnabled: true, value: role.value })) };
      return { status: 200, body: selectFields(all, call) };
    }
    if (this.bot?.appId !== appId) return graphError(404, 'Request_ResourceNotFound', `Resource 'servicePrincipals(appId='${appId}')' does not exist.`);
    return { status: 200, body: selectFields({ id: this.bot.id, appId, displayName: 'Incident Commander' }, call) };
  }

  #assignments(spId: string): Reply {
    if (this.bot?.id !== spId) return graphError(404, 'Request_ResourceNotFound', `Resource '${spId}' does not exist.`);
    const example = (fixture('serviceprincipal-list-approleassignments.response.body.json').value as Array<Record<string, unknown>>)[0] ?? {};
    const value = this.bot.assigned.map((appRoleId, index) => ({ ...example, id: `assignment-${index}`, appRoleId, principalId: spId, principalDisplayName: 'Incident Commander', resourceId: GRAPH_SP_ID }));
    // Roles of another API (not Microsoft Graph): they must not count as Graph permissions.
    for (const appRoleId of this.bot.otherApi ?? []) value.push({ ...example, id: `other-${appRoleId}`, appRoleId, principalId: spId, principalDisplayName: 'Incident Commander', resourceId: '11111111-2222-3333-4444-555555555555' });
    return { status: 200, body: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#appRoleAssignments', value } };
  }
}

function selectFields(entity: Record<string, unknown>, call: RecordedCall): Record<string, unknown> {
  const select = call.query.$select?.split(',');
  return select ? Object.fromEntries(select.map((field) => [field, entity[field]])) : entity;
}
