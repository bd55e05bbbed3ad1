import { beforeEach, describe, expect, it } from 'vitest';
import { USER_ID, USER_UPN, type AzureRig } from './azure.harness.ts';
import { graphError, requestDenied } from './fakes/fake-graph.ts';

/** Registers these cases against the rig the entry file (azure.executor.test.ts) starts. */
export function identityCases(use: () => AzureRig): void {
  let rig: AzureRig;
  beforeEach(() => {
    rig = use();
  });

  describe('Entra user containment against the fake Graph, through @microsoft/microsoft-graph-client', () => {
    it('revokeSessions: one POST /v1.0/users/{id}/revokeSignInSessions carrying the bot\'s bearer token for Graph', async () => {
      const outcome = await rig.containment.identity.revokeSessions(USER_ID);

      expect(outcome).toMatchObject({ ok: true, before: null });
      expect(rig.graph.calls).toHaveLength(1);
      expect(rig.graph.calls[0]).toMatchObject({ method: 'POST', path: `/v1.0/users/${USER_ID}/revokeSignInSessions`, body: {} });
      // The Graph client only attaches tokens to known or custom hosts: the configured host is one.
      expect(rig.graph.calls[0]?.authorization).toBe(`Bearer placeholder:${rig.env.GRAPH_ENDPOINT}/.default`);
    });

    it('setAccountEnabled(false): reads accountEnabled, PATCHes {accountEnabled:false}, returns the previous value', async () => {
      const outcome = await rig.containment.identity.setAccountEnabled(USER_ID, false);

      expect(outcome).toMatchObject({ ok: true, before: { accountEnabled: true } });
      expect(rig.graph.calls.map((call) => [call.method, call.path, call.query.$select, call.body])).toEqual([
        ['GET', `/v1.0/users/${USER_ID}`, 'accountEnabled', undefined],
        ['PATCH', `/v1.0/users/${USER_ID}`, undefined, { accountEnabled: false }],
      ]);
      expect(rig.graph.users[0]?.accountEnabled).toBe(false);

      const undo = await rig.containment.identity.setAccountEnabled(USER_ID, true);
      expect(undo).toMatchObject({ ok: true, before: { accountEnabled: false } });
    });

    it('names users by UPN too, encoded in the path (a guest UPN carries #EXT#)', async () => {
      rig.graph.addUser({ id: '0f9c4b2e-8f6a-4c1d-9b7e-3a2d1c0b9a88', userPrincipalName: 'bob_fabrikam.com#EXT#@contoso.onmicrosoft.com', accountEnabled: true });
      expect((await rig.containment.identity.revokeSessions(USER_UPN)).ok).toBe(true);
      expect((await rig.containment.identity.setAccountEnabled('bob_fabrikam.com#EXT#@contoso.onmicrosoft.com', false)).ok).toBe(true);
      expect(rig.graph.calls.map((call) => call.path)).toContain('/v1.0/users/bob_fabrikam.com#EXT#@contoso.onmicrosoft.com');
    });

    it('a 403 Authorization_RequestDenied names the Graph application permission to grant', async () => {
      rig.graph.script({ method: 'POST', path: /revokeSignInSessions$/ }, requestDenied());
      const revoke = await rig.containment.identity.revokeSessions(USER_ID);
      expect(revoke).toMatchObject({ ok: false, failure: { status: 403, code: 'azure.forbidden', hint: expect.stringContaining('User.RevokeSessions.All') } });

      rig.graph.script({ method: 'PATCH', path: /\/users\// }, requestDenied());
      const disable = await rig.containment.identity.setAccountEnabled(USER_ID, false);
      expect(disable).toMatchObject({ ok: false, failure: { status: 403, code: 'azure.forbidden', hint: expect.stringContaining('User.EnableDisableAccount.All') } });
    });

    it('an unknown user is azure.not_found, and nothing is patched', async () => {
      const outcome = await rig.containment.identity.setAccountEnabled('nobody@contoso.com', false);
      expect(outcome).toMatchObject({ ok: false, failure: { status: 404, code: 'azure.not_found', hint: expect.stringContaining('object id or user principal name') } });
      expect(rig.graph.calls.map((call) => call.method)).toEqual(['GET']);
    });

    it('Graph throttling (429, Retry-After 0) is retried by the Graph client', async () => {
      rig.graph.script({ method: 'POST', path: /revokeSignInSessions$/ }, graphError(429, 'TooManyRequests', 'Too many requests.', { 'retry-after': '0' }));
      const outcome = await rig.containment.identity.revokeSessions(USER_ID);
      expect(outcome.ok).toBe(true);
      expect(rig.graph.calls).toHaveLength(2);
      expect(rig.graph.calls[1]?.authorization).toMatch(/^Bearer /);
    });
  });
}
