import { beforeEach, describe, expect, it } from 'vitest';
import { COSMOS_ID, SUB, type AzureRig } from './azure.harness.ts';

/** Registers these cases against the rig the entry file (azure.executor.test.ts) starts. */
export function cosmosCases(use: () => AzureRig): void {
  let rig: AzureRig;
  beforeEach(() => {
    rig = use();
  });

  const shape = (rigCalls: AzureRig['arm']['calls']) => rigCalls.map((call) => `${call.method} ${call.path.replace(/op-\d+/, 'op')}`);

  describe('Cosmos DB containment against the fake ARM, through @azure/arm-cosmosdb', () => {
    it('rotateKey: POST …/regenerateKey with {keyKind}, then polls the Location until it stops answering 202', async () => {
      const outcome = await rig.containment.cosmos.rotateKey(COSMOS_ID, 'primaryReadonly');

      expect(outcome).toMatchObject({ ok: true, before: null });
      expect(rig.arm.calls[0]?.body).toEqual({ keyKind: 'primaryReadonly' });
      expect(rig.arm.calls[0]?.apiVersion).toBe('2025-10-15');
      expect(shape(rig.arm.calls)).toEqual([
        `POST ${COSMOS_ID}/regenerateKey`,
        `GET /subscriptions/${SUB}/providers/Microsoft.DocumentDB/locations/westus/operationResults/op`,
        `GET /subscriptions/${SUB}/providers/Microsoft.DocumentDB/locations/westus/operationResults/op`,
      ]);
    });

    it('isolate: reads the before-state, PATCHes public access off and local auth off, follows Azure-AsyncOperation to the end', async () => {
      const outcome = await rig.containment.cosmos.isolate(COSMOS_ID);

      expect(outcome).toMatchObject({ ok: true, before: { publicNetworkAccess: 'Enabled', disableLocalAuth: false } });
      expect(shape(rig.arm.calls)).toEqual([
        `GET ${COSMOS_ID}`,
        `PATCH ${COSMOS_ID}`,
        `GET /subscriptions/${SUB}/providers/Microsoft.DocumentDB/locations/westus/operationsStatus/op`,
        `GET /subscriptions/${SUB}/providers/Microsoft.DocumentDB/locations/westus/operationsStatus/op`,
        `GET ${COSMOS_ID}`,
      ]);
      expect(rig.arm.calls[1]?.body).toEqual({ properties: { publicNetworkAccess: 'Disabled', disableLocalAuth: true } });
    });

    it('restore: PATCHes the recorded settings back and returns the isolated state it replaced', async () => {
      const isolated = await rig.containment.cosmos.isolate(COSMOS_ID);
      if (!isolated.ok) throw new Error(isolated.failure.message);
      rig.arm.calls.length = 0;

      const outcome = await rig.containment.cosmos.restore(COSMOS_ID, isolated.before);

      expect(outcome).toMatchObject({ ok: true, before: { publicNetworkAccess: 'Disabled', disableLocalAuth: true } });
      expect(rig.arm.calls.find((call) => call.method === 'PATCH')?.body).toEqual({ properties: { publicNetworkAccess: 'Enabled', disableLocalAuth: false } });
    });

    it('an unknown account is azure.not_found, explained', async () => {
      const outcome = await rig.containment.cosmos.isolate(COSMOS_ID.replace('cosmos-orders', 'cosmos-gone'));
      expect(outcome).toMatchObject({ ok: false, failure: { status: 404, code: 'azure.not_found', hint: expect.stringContaining('check the resource id') } });
    });
  });
}
