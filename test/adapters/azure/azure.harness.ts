import type { Containment } from '../../../src/ports/containment.port.ts';
import type { Logger } from '../../../src/ports/logger.port.ts';
import { createContainment, type AzureTuning } from '../../../adapters/azure/index.ts';
import { FakeArm } from './fakes/fake-arm.ts';
import { FakeGraph } from './fakes/fake-graph.ts';

export const SUB = '0b1f6471-1bf0-4dda-aec3-111122223333';
export const RG = `/subscriptions/${SUB}/resourceGroups/rg-prod`;
export const STORAGE_ID = `${RG}/providers/Microsoft.Storage/storageAccounts/stprod01`;
export const NSG_ID = `${RG}/providers/Microsoft.Network/networkSecurityGroups/nsg-web`;
export const COSMOS_ID = `${RG}/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-orders`;
export const USER_ID = '6e7b768e-07e2-4810-8459-485f84f8f204';
export const USER_UPN = 'alice@contoso.com';

/** Fast and waitless: LRO polls every millisecond, transient-5xx retries back off 1 ms. */
export const TEST_TUNING: AzureTuning = { lroIntervalMs: 1, retryDelayMs: 1 };

/** Every log line, for asserting that nothing secret is logged. */
export class RecordingLogger implements Logger {
  readonly lines: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
  debug = (message: string, fields?: Record<string, unknown>) => this.lines.push({ level: 'debug', message, ...(fields ? { fields } : {}) });
  info = (message: string, fields?: Record<string, unknown>) => this.lines.push({ level: 'info', message, ...(fields ? { fields } : {}) });
  warn = (message: string, fields?: Record<string, unknown>) => this.lines.push({ level: 'warn', message, ...(fields ? { fields } : {}) });
  error = (message: string, fields?: Record<string, unknown>) => this.lines.push({ level: 'error', message, ...(fields ? { fields } : {}) });
}

/** A running fake ARM and fake Graph, and the real containment pointed at them. */
export interface AzureRig {
  arm: FakeArm;
  graph: FakeGraph;
  env: NodeJS.ProcessEnv;
  logger: RecordingLogger;
  containment: Containment;
  /** Forgets calls and scripts, and restores the seeded resources. */
  reset(): void;
  close(): Promise<void>;
}

function seed(arm: FakeArm, graph: FakeGraph): void {
  arm.storage.clear();
  arm.rules.clear();
  arm.cosmos.clear();
  arm.permissions.clear();
  arm.pollsBeforeDone = 1;
  arm.rulePutMode = 'async';
  arm.failNextOperation = undefined;
  arm.addStorageAccount(STORAGE_ID, { publicNetworkAccess: 'Enabled' });
  arm.addNsg(NSG_ID);
  arm.addCosmosAccount(COSMOS_ID, { publicNetworkAccess: 'Enabled', disableLocalAuth: false });
  graph.users.length = 0;
  graph.addUser({ id: USER_ID, userPrincipalName: USER_UPN, accountEnabled: true });
}

/** Starts the fakes; the real SDKs reach them over http through ALLOW_INSECURE_ENDPOINTS's redirect. */
export async function startAzureRig(): Promise<AzureRig> {
  const arm = new FakeArm();
  const graph = new FakeGraph();
  const env = { ARM_ENDPOINT: await arm.start(), GRAPH_ENDPOINT: await graph.start(), AZURE_SUBSCRIPTION_ID: SUB };
  const logger = new RecordingLogger();
  seed(arm, graph);
  const containment = createContainment({ config: { allowInsecureEndpoints: true }, env, logger, tuning: TEST_TUNING });
  return {
    arm,
    graph,
    env,
    logger,
    containment,
    reset() {
      arm.reset();
      graph.reset();
      seed(arm, graph);
    },
    async close() {
      await Promise.all([arm.close(), graph.close()]);
    },
  };
}
