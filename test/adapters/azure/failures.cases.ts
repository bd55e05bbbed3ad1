import { beforeEach, describe, expect, it } from 'vitest';
import { createContainment } from '../../../adapters/azure/index.ts';
import { COSMOS_ID, NSG_ID, RecordingLogger, STORAGE_ID, TEST_TUNING, USER_ID, type AzureRig } from './azure.harness.ts';
import { armError, authorizationFailed, throttled } from './fakes/fake-arm.ts';

/** Registers these cases against the rig the entry file (azure.executor.test.ts) starts. */
export function failureCases(use: () => AzureRig): void {
  let rig: AzureRig;
  beforeEach(() => {
    rig = use();
  });

  const STORAGE_PATH = /storageAccounts\/stprod01$/;

  describe('expected failures are values with a stable code and a hint', () => {
    it('a 403 AuthorizationFailed from ARM becomes azure.forbidden naming the missing operation, its scope and the role that grants it', async () => {
      rig.arm.script({ method: 'PATCH', path: STORAGE_PATH }, authorizationFailed('Microsoft.Storage/storageAccounts/write', STORAGE_ID));

      const outcome = await rig.containment.storage.isolate(STORAGE_ID);

      expect(outcome).toEqual({
        ok: false,
        failure: {
          status: 403,
          code: 'azure.forbidden',
          message: expect.stringContaining('AuthorizationFailed'),
          hint: `The bot's identity lacks Microsoft.Storage/storageAccounts/write on ${STORAGE_ID}; grant it the Storage Account Contributor role, or the Incident Commander custom role in deploy/azure.`,
        },
      });
    });

    it('names the operation ARM refused even when it was the read before the change', async () => {
      rig.arm.script({ method: 'GET', path: /securityRules\// }, authorizationFailed('Microsoft.Network/networkSecurityGroups/securityRules/read', NSG_ID));
      const outcome = await rig.containment.network.addDenyRule(NSG_ID, { name: 'ic-deny', priority: 100, sourceAddressPrefix: '203.0.113.7', destinationPortRange: '*' });
      expect(outcome).toMatchObject({ ok: false, failure: { code: 'azure.forbidden', hint: expect.stringMatching(/securityRules\/read .*Network Contributor/) } });
      expect(rig.arm.calls.map((call) => call.method)).toEqual(['GET']);
    });

    it('falls back to the operation the action needs when ARM does not name one', async () => {
      rig.arm.script({ method: 'POST', path: /regenerateKey$/ }, armError(403, 'Forbidden', 'Access denied.'));
      const outcome = await rig.containment.cosmos.rotateKey(COSMOS_ID, 'primary');
      expect(outcome).toMatchObject({ ok: false, failure: { hint: expect.stringContaining('Microsoft.DocumentDB/databaseAccounts/regenerateKey/action') } });
    });

    it('an Azure Policy denial says so, instead of asking for a role', async () => {
      rig.arm.script({ method: 'PATCH', path: STORAGE_PATH }, armError(403, 'RequestDisallowedByPolicy', "Resource 'stprod01' was disallowed by policy. Policy identifiers: '[{\"policyAssignment\":{\"name\":\"Deny public network changes\"}}]'."));
      const outcome = await rig.containment.storage.setSharedKeyAccess(STORAGE_ID, false);
      expect(outcome).toMatchObject({ ok: false, failure: { status: 403, code: 'azure.forbidden', hint: expect.stringContaining('Azure Policy') } });
    });

    it('a 404 says to check the id, and that read access may be missing', async () => {
      const outcome = await rig.containment.storage.rotateKey(STORAGE_ID.replace('stprod01', 'stgone01'), 'key1');
      expect(outcome).toMatchObject({ ok: false, failure: { status: 404, code: 'azure.not_found', message: expect.stringContaining('ResourceNotFound'), hint: expect.stringContaining("check the resource id; the bot's identity may also lack read access") } });
    });

    it('a 409 is azure.conflict; a resource lock is named', async () => {
      rig.arm.script({ method: 'PATCH', path: STORAGE_PATH }, armError(409, 'ScopeLocked', "The scope '/subscriptions/…/stprod01' cannot perform write operation because following scope(s) are locked: 'stprod01'."));
      const outcome = await rig.containment.storage.isolate(STORAGE_ID);
      expect(outcome).toMatchObject({ ok: false, failure: { status: 409, code: 'azure.conflict', hint: expect.stringContaining('lock') } });
    });

    it('a 429 with Retry-After then 200 succeeds after exactly one retry', async () => {
      rig.arm.script({ method: 'POST', path: /regenerateKey$/ }, throttled());
      const outcome = await rig.containment.storage.rotateKey(STORAGE_ID, 'key1');
      expect(outcome.ok).toBe(true);
      expect(rig.arm.calls.map((call) => call.method)).toEqual(['POST', 'POST']);
      expect(rig.arm.calls[1]?.authorization).toMatch(/^Bearer placeholder:/);
    });

    it('still throttled after the SDK\'s retries: azure.throttled', async () => {
      rig.arm.script({ method: 'POST', path: /regenerateKey$/ }, throttled(), throttled(), throttled(), throttled());
      const outcome = await rig.containment.storage.rotateKey(STORAGE_ID, 'key1');
      expect(outcome).toMatchObject({ ok: false, failure: { status: 429, code: 'azure.throttled' } });
      expect(rig.arm.calls).toHaveLength(4);
    });

    it('a transient 503 is retried by the SDK', async () => {
      rig.arm.script({ method: 'POST', path: /revokeUserDelegationKeys$/ }, armError(503, 'ServiceUnavailable', 'The service is temporarily unavailable.'));
      const outcome = await rig.containment.storage.revokeUserDelegationKeys(STORAGE_ID);
      expect(outcome.ok).toBe(true);
      expect(rig.arm.calls).toHaveLength(2);
    });

    it('an unreachable ARM is azure.unavailable, not an exception', async () => {
      const logger = new RecordingLogger();
      const offline = createContainment({ config: { allowInsecureEndpoints: true }, env: { ARM_ENDPOINT: 'http://127.0.0.1:9', GRAPH_ENDPOINT: 'http://127.0.0.1:9' }, logger, tuning: TEST_TUNING });
      const storage = await offline.storage.revokeUserDelegationKeys(STORAGE_ID);
      const graph = await offline.identity.revokeSessions(USER_ID);
      expect(storage).toMatchObject({ ok: false, failure: { code: 'azure.unavailable' } });
      expect(graph).toMatchObject({ ok: false, failure: { code: 'azure.unavailable' } });
    });

    it('a rejected token (401) and a missing credential say what to check', async () => {
      rig.arm.script({ method: 'POST', path: /regenerateKey$/ }, armError(401, 'InvalidAuthenticationTokenTenant', 'The access token is from the wrong issuer.'));
      expect(await rig.containment.storage.rotateKey(STORAGE_ID, 'key1')).toMatchObject({ ok: false, failure: { status: 401, code: 'azure.error', hint: expect.stringContaining('managed identity') } });

      const noIdentity = Object.assign(new Error('DefaultAzureCredential failed to retrieve a token from the included credentials.\nManagedIdentityCredential: no managed identity endpoint found.'), { name: 'CredentialUnavailableError' });
      const credential = { getToken: () => Promise.reject(noIdentity) };
      const blind = createContainment({ config: { allowInsecureEndpoints: true }, env: rig.env, logger: new RecordingLogger(), tuning: { ...TEST_TUNING, credential } });
      for (const outcome of [await blind.storage.rotateKey(STORAGE_ID, 'key1'), await blind.identity.revokeSessions(USER_ID)]) {
        expect(outcome).toMatchObject({ ok: false, failure: { code: 'azure.unavailable', message: expect.stringMatching(/^CredentialUnavailableError: DefaultAzureCredential failed/), hint: expect.stringContaining('managed identity') } });
      }
      expect(rig.arm.calls.filter((call) => call.method === 'POST')).toHaveLength(1);
    });

    it('never repeats a token or key that Azure echoes into an error message', async () => {
      rig.arm.script({ method: 'PATCH', path: STORAGE_PATH }, armError(400, 'InvalidRequest', 'Header Authorization: Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJvaWQiOiJ4In0.c2lnbmF0dXJl was rejected; AccountKey=abc123== is wrong'));
      const outcome = await rig.containment.storage.isolate(STORAGE_ID);
      const text = JSON.stringify(outcome) + JSON.stringify(rig.logger.lines);
      expect(outcome).toMatchObject({ ok: false, failure: { status: 400, code: 'azure.error' } });
      expect(text).not.toContain('eyJ');
      expect(text).not.toContain('abc123');
      expect(text).not.toContain('placeholder:');
    });
  });

  describe('targets are parsed strictly before any call', () => {
    const BAD = ['', 'stprod01', '/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stprod01', `${STORAGE_ID}/blobServices/default`, STORAGE_ID.replace('Microsoft.Storage', 'Microsoft.Sql'), STORAGE_ID.replace('stprod01', 'Bad_Name')];

    it.each(BAD)('refuses storage target %j with the expected shape in the hint, and calls nothing', async (id) => {
      const outcome = await rig.containment.storage.isolate(id);
      expect(outcome).toMatchObject({ ok: false, failure: { code: 'azure.invalid_target', hint: expect.stringContaining('/subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Storage/storageAccounts/<name>') } });
      expect(rig.arm.calls).toEqual([]);
    });

    it('refuses every kind of wrong target, for every capability, without a call', async () => {
      const { storage, network, cosmos, identity } = rig.containment;
      const outcomes = await Promise.all([
        storage.rotateKey(NSG_ID, 'key1'),
        storage.revokeUserDelegationKeys(COSMOS_ID),
        storage.restoreNetwork('x', { publicNetworkAccess: null, allowBlobPublicAccess: null, defaultAction: null, bypass: null }),
        storage.setSharedKeyAccess(`${STORAGE_ID}?api-version=1`, false),
        network.addDenyRule(STORAGE_ID, { name: 'r', priority: 100, sourceAddressPrefix: '203.0.113.7', destinationPortRange: '*' }),
        network.removeRule(`${NSG_ID}/securityRules/x`, 'x'),
        cosmos.rotateKey(STORAGE_ID, 'primary'),
        cosmos.isolate('/subscriptions/../databaseAccounts/x'),
        cosmos.restore(NSG_ID, { publicNetworkAccess: null, disableLocalAuth: null }),
        identity.revokeSessions('../../me'),
        identity.setAccountEnabled('alice', false),
      ]);
      for (const outcome of outcomes) expect(outcome).toMatchObject({ ok: false, failure: { code: 'azure.invalid_target' } });
      expect(rig.arm.calls).toEqual([]);
      expect(rig.graph.calls).toEqual([]);
    });
  });
}
