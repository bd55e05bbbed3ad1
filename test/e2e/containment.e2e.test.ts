import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../adapters/config/app.config.ts';
import { buildApp, runConsole, type App } from '../../adapters/main.ts';
import { silentLogger } from '../../src/ports/logger.port.ts';
import { FakeArm, authorizationFailed } from '../adapters/azure/fakes/fake-arm.ts';
import { FakeGraph } from '../adapters/azure/fakes/fake-graph.ts';

const SUB = '0b1f6471-1bf0-4dda-aec3-111122223333';
const STORAGE_ID = `/subscriptions/${SUB}/resourceGroups/rg-prod/providers/Microsoft.Storage/storageAccounts/stprod01`;
const USER_ID = '6e7b768e-07e2-4810-8459-485f84f8f204';

let arm: FakeArm;
let graph: FakeGraph;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  arm = new FakeArm();
  graph = new FakeGraph();
  const configFile = join(mkdtempSync(join(tmpdir(), 'ic-e2e-cfg-')), 'ic.yaml');
  writeFileSync(configFile, 'roles:\n  commander: [console:alice]\n  responder: [console:bob]\n');
  env = { ARM_ENDPOINT: await arm.start(), GRAPH_ENDPOINT: await graph.start(), AZURE_SUBSCRIPTION_ID: SUB, ALLOW_INSECURE_ENDPOINTS: 'true', NODE_ENV: 'test', IC_CONFIG: configFile, LOG_LEVEL: 'silent' };
});

afterAll(async () => {
  await arm.close();
  await graph.close();
});

beforeEach(() => {
  arm.reset();
  arm.storage.clear();
  arm.addStorageAccount(STORAGE_ID, { publicNetworkAccess: 'Enabled' });
  graph.users.length = 0;
  graph.addUser({ id: USER_ID, userPrincipalName: 'mallory@contoso.com', accountEnabled: true });
});

/** The real composition root with the file store, the real Azure adapter on the fakes, driven through the console. */
async function consoleSession() {
  const dataDir = mkdtempSync(join(tmpdir(), 'ic-e2e-data-'));
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const app: App = await buildApp(loadConfig({ ...env, DATA_DIR: dataDir }), { logger: silentLogger, stdout: output, env: { ...env, DATA_DIR: dataDir }, defaultMetrics: false });
  const done = runConsole(app, input, output);
  let mark = 0;
  /** Types lines and waits until the console has printed `until`; returns what was printed since. */
  const type = async (lines: string[], until: RegExp): Promise<string> => {
    const from = printed.length;
    input.write(`${lines.join('\n')}\n`);
    await expect.poll(() => until.test(printed.slice(from)), { timeout: 10_000 }).toBe(true);
    mark = printed.length;
    return printed.slice(from);
  };
  const events = async () => app.store.load((await app.store.listOpen())[0]!);
  const close = async () => {
    input.end();
    await done;
    await app.store.close();
  };
  return { type, events, close, printed: () => printed.slice(mark) };
}

const actionIdIn = (text: string) => /\b(act-[a-z0-9]+)\b/.exec(text)?.[1] ?? '';

describe('gated containment end to end: console, core, real Azure SDKs, fake ARM and Graph', () => {
  it('records the request, refuses the requester approving it, and isolates the account once on the commander approval', async () => {
    const s = await consoleSession();
    await s.type([':as alice', '/ir declare Exfiltration from stprod01 --severity High'], /Exfiltration from stprod01/);
    const requested = await s.type([':as bob', `/ir request storage.deny-public-network ${STORAGE_ID}`], /Approval needed/);
    const actionId = actionIdIn(requested);
    expect(actionId).toMatch(/^act-/);
    expect((await s.events()).at(-1)).toMatchObject({ type: 'ActionRequested', data: { actionId, simulated: false } });
    await s.type([`/ir approve ${actionId}`], /person who requested it/);
    expect((await s.events()).at(-1)).toMatchObject({ type: 'PermissionDenied', data: { rule: 'policy.four_eyes', actionId } });
    expect(arm.operations.filter((call) => call.method !== 'GET')).toEqual([]);
    await s.type([':as alice', `/ir approve ${actionId}`], /Done: storage.deny-public-network/);
    const patches = arm.operations.filter((call) => call.method === 'PATCH');
    expect(patches).toHaveLength(1);
    expect(patches[0]!.path.toLowerCase()).toBe(STORAGE_ID.toLowerCase());
    expect(patches[0]!.body).toMatchObject({ properties: { networkAcls: { defaultAction: 'Deny' }, publicNetworkAccess: 'Disabled' } });
    expect((await s.events()).slice(-3).map((event) => event.type)).toEqual(['ActionApproved', 'ActionStarted', 'ActionExecuted']);
    await s.close();
  });

  it('rotates a key and revokes sessions with one call each, however often approve is pressed', async () => {
    const s = await consoleSession();
    await s.type([':as alice', '/ir declare Leaked SAS token for stprod01 --severity High'], /Leaked SAS token/);
    const rotate = actionIdIn(await s.type([':as bob', `/ir request storage.rotate-key ${STORAGE_ID} --keyName key1`], /Approval needed/));
    const revoke = actionIdIn(await s.type([`/ir request entra.revoke-sessions ${USER_ID}`], /Approval needed/));
    await s.type([':as alice', `/ir approve ${rotate}`, `/ir approve ${rotate}`], /Done: storage\.rotate-key[\s\S]*already executed/);
    await s.type([`/ir approve ${revoke}`, `/ir approve ${revoke}`], /Done: entra\.revoke-sessions[\s\S]*already executed/);
    await expect.poll(() => graph.operations.filter((call) => call.method === 'POST').length).toBe(1);
    expect(arm.operations.filter((call) => call.method === 'POST').map((call) => call.path.toLowerCase())).toEqual([`${STORAGE_ID.toLowerCase()}/regeneratekey`]);
    expect(graph.operations.filter((call) => call.method === 'POST').map((call) => call.path)).toEqual([`/v1.0/users/${USER_ID}/revokeSignInSessions`]);
    await s.close();
  });

  it('refuses a principal with no role, and turns a 403 into ActionFailed naming the missing permission', async () => {
    const s = await consoleSession();
    await s.type([':as alice', '/ir declare Exfiltration from stprod01 --severity High'], /Exfiltration/);
    await s.type([':as mallory', `/ir request storage.deny-public-network ${STORAGE_ID}`], /not a responder/);
    expect((await s.events()).at(-1)).toMatchObject({ type: 'PermissionDenied', data: { rule: 'policy.not_responder' } });
    arm.script({ method: 'PATCH', path: /storageAccounts\/stprod01$/i }, authorizationFailed('Microsoft.Storage/storageAccounts/write', STORAGE_ID));
    const actionId = actionIdIn(await s.type([':as bob', `/ir request storage.deny-public-network ${STORAGE_ID}`], /Approval needed/));
    const failed = await s.type([':as alice', `/ir approve ${actionId}`], /Failed: storage.deny-public-network/);
    expect(failed).toContain('Microsoft.Storage/storageAccounts/write');
    const last = (await s.events()).at(-1);
    expect(last).toMatchObject({ type: 'ActionFailed', data: { actionId, status: 403, code: 'azure.forbidden', hint: expect.stringMatching(/Storage Account Contributor|Microsoft\.Storage\/storageAccounts\/write/) } });
    await s.close();
  });
});
