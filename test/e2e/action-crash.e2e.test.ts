import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeArm } from '../adapters/azure/fakes/fake-arm.ts';
import { FakeGraph } from '../adapters/azure/fakes/fake-graph.ts';
import { startServer, type RunningServer } from '../support/cli.ts';

const SUB = '0b1f6471-1bf0-4dda-aec3-111122223333';
const STORAGE_ID = `/subscriptions/${SUB}/resourceGroups/rg-prod/providers/Microsoft.Storage/storageAccounts/stprod01`;
const ACCOUNT_PATH = /\/storageAccounts\/stprod01$/;
const COSMOS_ID = `/subscriptions/${SUB}/resourceGroups/rg-prod/providers/Microsoft.DocumentDB/databaseAccounts/cosmosprod01`;

let arm: FakeArm;
let graph: FakeGraph;
let baseEnv: Record<string, string>;
let servers: RunningServer[] = [];

beforeAll(async () => {
  arm = new FakeArm();
  graph = new FakeGraph();
  const configFile = join(mkdtempSync(join(tmpdir(), 'ic-actcrash-cfg-')), 'ic.yaml');
  writeFileSync(configFile, 'roles:\n  commander: [console:alice]\n  responder: [console:bob]\n');
  baseEnv = { ARM_ENDPOINT: await arm.start(), GRAPH_ENDPOINT: await graph.start(), AZURE_SUBSCRIPTION_ID: SUB, ALLOW_INSECURE_ENDPOINTS: 'true', NODE_ENV: 'test', IC_CONFIG: configFile };
});
afterAll(async () => {
  await arm.close();
  await graph.close();
});
beforeEach(() => {
  arm.reset();
  arm.storage.clear();
  arm.addStorageAccount(STORAGE_ID, { publicNetworkAccess: 'Enabled' });
  arm.cosmos.clear();
  arm.addCosmosAccount(COSMOS_ID);
});
afterEach(async () => {
  for (const server of servers) await server.stop('SIGKILL');
  servers = [];
});

type Event = { type: string; data: Record<string, unknown> };

function eventsIn(dataDir: string): Event[] {
  const [file] = readdirSync(dataDir).filter((name) => name.endsWith('.jsonl'));
  if (!file) return [];
  return readFileSync(join(dataDir, file), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Event);
}

/** The bot, approved containment in flight against the fake ARM at `held`, killed with -9; then started again. */
async function killMidCall(request: string, held: { method: string; path: RegExp }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ic-actcrash-'));
  const env = { ...baseEnv, DATA_DIR: dataDir };
  const first = await startServer(env, { keepStdinOpen: true });
  servers.push(first);
  const hold = arm.hold(held);
  first.child.stdin!.write([':as alice', '/ir declare Exfiltration from stprod01 --severity High', ':as bob', request, ''].join('\n'));
  await expect.poll(() => eventsIn(dataDir).find((event) => event.type === 'ActionRequested')?.data.actionId, { timeout: 10_000 }).toBeTruthy();
  const actionId = String(eventsIn(dataDir).find((event) => event.type === 'ActionRequested')?.data.actionId);
  first.child.stdin!.write([':as alice', `/ir approve ${actionId}`, ''].join('\n'));
  await expect.poll(() => hold.held(), { timeout: 10_000 }).toBe(1);
  await first.stop('SIGKILL');
  // What Azure received is applied even though nobody waits for the answer any more.
  hold.release();
  const second = await startServer(env);
  servers.push(second);
  const outcome = () => eventsIn(dataDir).filter((event) => event.data.actionId === actionId && ['ActionExecuted', 'ActionFailed', 'ActionOutcomeUnknown'].includes(event.type));
  await expect.poll(() => outcome().length, { timeout: 15_000 }).toBeGreaterThan(0);
  return { dataDir, actionId, outcome: outcome(), second };
}

describe('an approved action whose process died before its outcome was recorded', () => {
  it('is recorded executed, with no second call, when Azure had received it (read back from the account)', async () => {
    const { outcome, dataDir } = await killMidCall(`/ir request storage.deny-public-network ${STORAGE_ID}`, { method: 'PATCH', path: ACCOUNT_PATH });
    expect(outcome.map((event) => event.type)).toEqual(['ActionExecuted']);
    expect(String(outcome[0]?.data.detail)).toMatch(/Azure shows the change in place, so it was not sent again/);
    expect(arm.operations.filter((call) => call.method === 'PATCH')).toHaveLength(1);
    expect(arm.storage.get(STORAGE_ID.toLowerCase())?.properties).toMatchObject({ publicNetworkAccess: 'Disabled' });
    expect(eventsIn(dataDir).filter((event) => event.type === 'ActionExecuted')).toHaveLength(1);
  });

  it('is sent once and recorded executed when Azure had not received the change', async () => {
    // The read of the state before is in flight: the PATCH was never sent.
    const { outcome } = await killMidCall(`/ir request storage.deny-public-network ${STORAGE_ID}`, { method: 'GET', path: ACCOUNT_PATH });
    expect(outcome.map((event) => event.type)).toEqual(['ActionExecuted']);
    expect(arm.operations.filter((call) => call.method === 'PATCH')).toHaveLength(1);
    expect(arm.storage.get(STORAGE_ID.toLowerCase())?.properties).toMatchObject({ publicNetworkAccess: 'Disabled' });
  });

  it('is recorded executed, with no second rotation, when the storage key\'s creation time shows Azure rotated it', async () => {
    const { outcome, dataDir } = await killMidCall(`/ir request storage.rotate-key ${STORAGE_ID} --keyName key1`, { method: 'POST', path: /storageAccounts\/stprod01\/regenerateKey$/ });
    expect(outcome.map((event) => event.type)).toEqual(['ActionExecuted']);
    expect(String(outcome[0]?.data.detail)).toMatch(/Azure shows the change in place, so it was not sent again/);
    expect(arm.operations.filter((call) => call.method === 'POST' && /regenerateKey$/.test(call.path))).toHaveLength(1);
    expect(eventsIn(dataDir).filter((event) => event.type === 'ActionExecuted')).toHaveLength(1);
  });

  it('is shown as unknown, with the reason, when the change cannot be read back or sent twice safely (a Cosmos DB key rotation)', async () => {
    const { outcome, dataDir, second } = await killMidCall(`/ir request cosmos.rotate-key ${COSMOS_ID} --keyKind primary`, { method: 'POST', path: /databaseAccounts\/cosmosprod01\/regenerateKey$/ });
    expect(outcome.map((event) => event.type)).toEqual(['ActionOutcomeUnknown']);
    expect(String(outcome[0]?.data.reason)).toMatch(/whether it took effect cannot be read back/);
    expect(arm.operations.filter((call) => call.method === 'POST' && /regenerateKey$/.test(call.path))).toHaveLength(1);
    await expect.poll(() => second.stdout(), { timeout: 5_000 }).toMatch(/outcome unknown/);
    expect(eventsIn(dataDir).some((event) => event.type === 'ActionExecuted')).toBe(false);
  });
});
