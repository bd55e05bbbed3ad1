import { beforeEach, describe, expect, it } from 'vitest';
import { STORAGE_ID, type AzureRig } from './azure.harness.ts';

/** Registers these cases against the rig the entry file (azure.executor.test.ts) starts. */
export function storageCases(use: () => AzureRig): void {
  let rig: AzureRig;
  beforeEach(() => {
    rig = use();
  });

  const ACCOUNT_PATH = STORAGE_ID;
  const bearer = () => `Bearer placeholder:${rig.env.ARM_ENDPOINT}/.default`;

  describe('storage containment against the fake ARM, through @azure/arm-storage', () => {
    it('isolate: reads the account, then makes exactly one PATCH that denies public network access, and returns the state read before', async () => {
      rig.arm.addStorageAccount(STORAGE_ID, { publicNetworkAccess: 'Enabled', allowBlobPublicAccess: true, networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices, Logging', ipRules: [{ value: '198.51.100.0/24', action: 'Allow' }], virtualNetworkRules: [] } });

      const outcome = await rig.containment.storage.isolate(STORAGE_ID);

      expect(outcome).toMatchObject({ ok: true, before: { publicNetworkAccess: 'Enabled', allowBlobPublicAccess: true, defaultAction: 'Allow', bypass: 'AzureServices, Logging' } });
      expect(rig.arm.calls.map((call) => `${call.method} ${call.path}`)).toEqual([`GET ${ACCOUNT_PATH}`, `PATCH ${ACCOUNT_PATH}`]);
      const patch = rig.arm.calls[1];
      // The full body arrives (arm-storage 20.0.0 sent an empty one for networkRuleSet): REST calls it networkAcls.
      expect(patch?.body).toEqual({
        properties: {
          publicNetworkAccess: 'Disabled',
          allowBlobPublicAccess: false,
          networkAcls: { defaultAction: 'Deny', bypass: 'None', ipRules: [{ value: '198.51.100.0/24', action: 'Allow' }], virtualNetworkRules: [] },
        },
      });
      expect(patch?.apiVersion).toBe('2025-06-01');
      expect(rig.arm.calls.every((call) => call.authorization === bearer())).toBe(true);
      expect(rig.arm.storage.get(STORAGE_ID.toLowerCase())?.properties).toMatchObject({ publicNetworkAccess: 'Disabled', networkAcls: { defaultAction: 'Deny' } });
    });

    it('restoreNetwork: PATCHes the recorded settings back and returns the isolated state it replaced', async () => {
      const isolated = await rig.containment.storage.isolate(STORAGE_ID);
      if (!isolated.ok) throw new Error(isolated.failure.message);
      rig.arm.calls.length = 0;

      const outcome = await rig.containment.storage.restoreNetwork(STORAGE_ID, isolated.before);

      expect(outcome).toMatchObject({ ok: true, before: { publicNetworkAccess: 'Disabled', defaultAction: 'Deny', bypass: 'None', allowBlobPublicAccess: false } });
      const patches = rig.arm.calls.filter((call) => call.method === 'PATCH');
      expect(patches).toHaveLength(1);
      expect(patches[0]?.body).toMatchObject({ properties: { publicNetworkAccess: 'Enabled', allowBlobPublicAccess: false, networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' } } });
    });

    it('restoreNetwork leaves anonymous blob access off when it was never set, and public access as Azure\'s default', async () => {
      await rig.containment.storage.restoreNetwork(STORAGE_ID, { publicNetworkAccess: null, allowBlobPublicAccess: null, defaultAction: null, bypass: null });
      const body = rig.arm.calls.find((call) => call.method === 'PATCH')?.body as { properties: Record<string, unknown> };
      expect(body.properties).not.toHaveProperty('allowBlobPublicAccess');
      expect(body.properties).toMatchObject({ publicNetworkAccess: 'Enabled', networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' } });
    });

    it('rotateKey: one POST …/regenerateKey with {keyName}; the new key never reaches the outcome', async () => {
      const outcome = await rig.containment.storage.rotateKey(STORAGE_ID, 'key2');

      expect(rig.arm.calls.map((call) => `${call.method} ${call.path}`)).toEqual([`POST ${ACCOUNT_PATH}/regenerateKey`]);
      expect(rig.arm.calls[0]?.body).toEqual({ keyName: 'key2' });
      expect(outcome).toMatchObject({ ok: true, before: null });
      expect(JSON.stringify(outcome)).not.toContain('<value>');
    });

    it('revokeUserDelegationKeys: one POST …/revokeUserDelegationKeys', async () => {
      const outcome = await rig.containment.storage.revokeUserDelegationKeys(STORAGE_ID);
      expect(outcome.ok).toBe(true);
      expect(rig.arm.calls.map((call) => `${call.method} ${call.path}`)).toEqual([`POST ${ACCOUNT_PATH}/revokeUserDelegationKeys`]);
    });

    it('setSharedKeyAccess: PATCHes allowSharedKeyAccess and returns the previous setting', async () => {
      const first = await rig.containment.storage.setSharedKeyAccess(STORAGE_ID, false);
      const second = await rig.containment.storage.setSharedKeyAccess(STORAGE_ID, true);

      expect(first).toMatchObject({ ok: true, before: { allowSharedKeyAccess: true } });
      expect(second).toMatchObject({ ok: true, before: { allowSharedKeyAccess: false } });
      expect(rig.arm.calls.filter((call) => call.method === 'PATCH').map((call) => call.body)).toEqual([{ properties: { allowSharedKeyAccess: false } }, { properties: { allowSharedKeyAccess: true } }]);
    });

    it('acts in the subscription the id names, whatever AZURE_SUBSCRIPTION_ID says', async () => {
      const other = STORAGE_ID.replace(/subscriptions\/[^/]+/, 'subscriptions/5d7e6a3f-2c1b-4e8d-9f0a-abcdefabcdef');
      rig.arm.addStorageAccount(other);
      expect((await rig.containment.storage.rotateKey(other, 'key1')).ok).toBe(true);
      expect((await rig.containment.storage.rotateKey(STORAGE_ID, 'key1')).ok).toBe(true);
      expect(rig.arm.calls.map((call) => call.path.split('/')[2])).toEqual(['5d7e6a3f-2c1b-4e8d-9f0a-abcdefabcdef', STORAGE_ID.split('/')[2]]);
    });

    it('accepts provider segments in any case, as ARM does', async () => {
      const shouted = STORAGE_ID.replace('Microsoft.Storage/storageAccounts', 'MICROSOFT.STORAGE/STORAGEACCOUNTS').replace('resourceGroups', 'resourcegroups');
      const outcome = await rig.containment.storage.revokeUserDelegationKeys(shouted);
      expect(outcome.ok).toBe(true);
    });
  });
}
