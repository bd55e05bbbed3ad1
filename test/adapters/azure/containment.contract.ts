import { describe, expect, it } from 'vitest';
import type { Containment } from '../../../src/ports/containment.port.ts';

/** The targets a contract run acts on; each implementation must know them as fresh, exposed resources. */
export interface ContractTargets {
  storageId: string;
  nsgId: string;
  cosmosId: string;
  userId: string;
}

/**
 * What every Containment implementation must do (the port's contract):
 * before-states are coherent with what was changed, undo returns the state
 * it replaced, and a bad target is a value, never an exception.
 */
export function containmentContract(name: string, setup: () => { containment: Containment; targets: ContractTargets }): void {
  describe(`Containment contract: ${name}`, () => {
    it('isolate returns the exposure before; a second isolate sees the isolated state; restore puts the first state back', async () => {
      const { containment, targets } = setup();
      const first = await containment.storage.isolate(targets.storageId);
      if (!first.ok) throw new Error(first.failure.message);
      expect(first.before).toMatchObject({ publicNetworkAccess: 'Enabled', defaultAction: 'Allow' });

      const second = await containment.storage.isolate(targets.storageId);
      expect(second).toMatchObject({ ok: true, before: { publicNetworkAccess: 'Disabled', defaultAction: 'Deny', bypass: 'None', allowBlobPublicAccess: false } });

      const restored = await containment.storage.restoreNetwork(targets.storageId, first.before);
      expect(restored).toMatchObject({ ok: true, before: { publicNetworkAccess: 'Disabled', defaultAction: 'Deny' } });
      const again = await containment.storage.isolate(targets.storageId);
      expect(again).toMatchObject({ ok: true, before: { publicNetworkAccess: first.before.publicNetworkAccess, defaultAction: first.before.defaultAction, bypass: first.before.bypass } });
    });

    it('shared key access and account enabled return the previous setting each time', async () => {
      const { containment, targets } = setup();
      expect(await containment.storage.setSharedKeyAccess(targets.storageId, false)).toMatchObject({ ok: true, before: { allowSharedKeyAccess: true } });
      expect(await containment.storage.setSharedKeyAccess(targets.storageId, true)).toMatchObject({ ok: true, before: { allowSharedKeyAccess: false } });
      expect(await containment.identity.setAccountEnabled(targets.userId, false)).toMatchObject({ ok: true, before: { accountEnabled: true } });
      expect(await containment.identity.setAccountEnabled(targets.userId, true)).toMatchObject({ ok: true, before: { accountEnabled: false } });
    });

    it('a deny rule exists after it is added, and not after it is removed', async () => {
      const { containment, targets } = setup();
      const rule = { name: 'ic-deny-contract', priority: 120, sourceAddressPrefix: '198.51.100.0/24', destinationPortRange: '*' };
      expect(await containment.network.addDenyRule(targets.nsgId, rule)).toMatchObject({ ok: true, before: { existed: false } });
      expect(await containment.network.addDenyRule(targets.nsgId, rule)).toMatchObject({ ok: true, before: { existed: true } });
      expect(await containment.network.removeRule(targets.nsgId, rule.name)).toMatchObject({ ok: true });
      expect(await containment.network.addDenyRule(targets.nsgId, rule)).toMatchObject({ ok: true, before: { existed: false } });
    });

    it('Cosmos isolate and restore are coherent; key rotations and revocations succeed with a detail', async () => {
      const { containment, targets } = setup();
      const isolated = await containment.cosmos.isolate(targets.cosmosId);
      if (!isolated.ok) throw new Error(isolated.failure.message);
      expect(isolated.before).toEqual({ publicNetworkAccess: 'Enabled', disableLocalAuth: false });
      expect(await containment.cosmos.restore(targets.cosmosId, isolated.before)).toMatchObject({ ok: true, before: { publicNetworkAccess: 'Disabled', disableLocalAuth: true } });
      for (const outcome of [
        await containment.cosmos.rotateKey(targets.cosmosId, 'secondary'),
        await containment.storage.rotateKey(targets.storageId, 'key1'),
        await containment.storage.revokeUserDelegationKeys(targets.storageId),
        await containment.identity.revokeSessions(targets.userId),
      ]) {
        expect(outcome).toMatchObject({ ok: true, before: null, detail: expect.any(String) });
      }
    });

    it('a wrong target is azure.invalid_target with the expected shape, never an exception', async () => {
      const { containment, targets } = setup();
      expect(await containment.storage.isolate(targets.nsgId)).toMatchObject({ ok: false, failure: { code: 'azure.invalid_target', hint: expect.stringContaining('Microsoft.Storage/storageAccounts') } });
      expect(await containment.cosmos.isolate(targets.storageId)).toMatchObject({ ok: false, failure: { code: 'azure.invalid_target', hint: expect.stringContaining('Microsoft.DocumentDB/databaseAccounts') } });
      expect(await containment.identity.revokeSessions('not a user')).toMatchObject({ ok: false, failure: { code: 'azure.invalid_target' } });
    });
  });
}
