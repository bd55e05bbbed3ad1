import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Containment } from '../../../src/ports/containment.port.ts';
import { createContainment } from '../../../adapters/azure/index.ts';
import { COSMOS_ID, NSG_ID, RecordingLogger, STORAGE_ID, USER_ID } from './azure.harness.ts';
import { FakeArm } from './fakes/fake-arm.ts';
import { FakeGraph } from './fakes/fake-graph.ts';

const arm = new FakeArm();
const graph = new FakeGraph();
let containment: Containment;
const logger = new RecordingLogger();

beforeAll(async () => {
  await arm.start();
  // Graph's endpoint alone does not configure Azure: no identity, no subscription, no ARM endpoint.
  containment = createContainment({ config: { allowInsecureEndpoints: true }, env: { GRAPH_ENDPOINT: await graph.start() }, logger });
});
afterAll(() => Promise.all([arm.close(), graph.close()]));

describe('the simulated executor (drills, and Azure not configured)', () => {
  it('is what the factory returns when Azure is not configured, and the log says so', () => {
    expect(containment.simulated).toBe(true);
    expect(logger.lines.map((line) => line.message).join('\n')).toMatch(/not configured.*simulated/);
  });

  it('changes nothing over HTTP and says "Simulated" in every detail', async () => {
    const outcomes = [
      await containment.storage.rotateKey(STORAGE_ID, 'key1'),
      await containment.storage.revokeUserDelegationKeys(STORAGE_ID),
      await containment.storage.isolate(STORAGE_ID),
      await containment.storage.restoreNetwork(STORAGE_ID, { publicNetworkAccess: 'Enabled', allowBlobPublicAccess: false, defaultAction: 'Allow', bypass: 'AzureServices' }),
      await containment.storage.setSharedKeyAccess(STORAGE_ID, false),
      await containment.identity.revokeSessions(USER_ID),
      await containment.identity.setAccountEnabled(USER_ID, false),
      await containment.network.addDenyRule(NSG_ID, { name: 'ic-deny', priority: 100, sourceAddressPrefix: '203.0.113.7', destinationPortRange: '22' }),
      await containment.network.removeRule(NSG_ID, 'ic-deny'),
      await containment.cosmos.rotateKey(COSMOS_ID, 'primary'),
      await containment.cosmos.isolate(COSMOS_ID),
      await containment.cosmos.restore(COSMOS_ID, { publicNetworkAccess: 'Enabled', disableLocalAuth: false }),
    ];
    for (const outcome of outcomes) {
      expect(outcome.ok).toBe(true);
      expect(outcome.ok && outcome.detail).toMatch(/^Simulated: /);
    }
    expect(arm.calls).toEqual([]);
    expect(graph.calls).toEqual([]);
  });

  it('keeps its model per instance and compares ARM ids case-insensitively', async () => {
    const drill = createContainment({ config: { allowInsecureEndpoints: false }, env: {}, logger });
    await drill.storage.isolate(STORAGE_ID);
    const upper = STORAGE_ID.replace('Microsoft.Storage/storageAccounts', 'microsoft.storage/STORAGEACCOUNTS');
    expect(await drill.storage.isolate(upper)).toMatchObject({ ok: true, before: { publicNetworkAccess: 'Disabled' } });
    expect(await createContainment({ config: { allowInsecureEndpoints: false }, env: {}, logger }).storage.isolate(STORAGE_ID)).toMatchObject({ ok: true, before: { publicNetworkAccess: 'Enabled' } });
  });
});
