import { afterAll, beforeAll, beforeEach } from 'vitest';
import { SimulatedContainment } from '../../../adapters/azure/index.ts';
import { COSMOS_ID, NSG_ID, startAzureRig, STORAGE_ID, USER_ID, type AzureRig } from './azure.harness.ts';
import { containmentContract } from './containment.contract.ts';
import { cosmosCases } from './cosmos.cases.ts';
import { failureCases } from './failures.cases.ts';
import { identityCases } from './identity.cases.ts';
import { networkCases } from './network.cases.ts';
import { storageCases } from './storage.cases.ts';
import { supportCases } from './support.cases.ts';

/**
 * The real executor: the real SDKs (@azure/arm-storage, arm-network,
 * arm-cosmosdb, microsoft-graph-client) over real HTTP against the fake ARM
 * and fake Graph. One entry file, one rig: the SDKs take about a second to
 * load, paid once for every case below.
 */
let rig: AzureRig;
beforeAll(async () => {
  rig = await startAzureRig();
});
beforeEach(() => rig.reset());
afterAll(() => rig.close());
const use = () => rig;

storageCases(use);
networkCases(use);
cosmosCases(use);
identityCases(use);
failureCases(use);
supportCases(use);

const targets = { storageId: STORAGE_ID, nsgId: NSG_ID, cosmosId: COSMOS_ID, userId: USER_ID };
containmentContract('the real Azure executor against the fake ARM and Graph', () => ({ containment: rig.containment, targets }));
containmentContract('the simulated executor', () => ({ containment: new SimulatedContainment(), targets }));
