import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { createPreflight, formatPreflight, type AzureTuning, type PreflightReport } from '../../../adapters/azure/index.ts';
import { allArmOperations } from '../../../adapters/azure/azure.permissions.ts';
import { preflightMain } from '../../../adapters/azure/preflight.cli.ts';
import { RecordingLogger, RG, startAzureRig, SUB, TEST_TUNING, type AzureRig } from './azure.harness.ts';
import { requestDenied } from './fakes/fake-graph.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'azure');
const CLIENT_ID = '3c1a2b4d-0000-4000-8000-000000000001';
const BOT_SP = '9a8b7c6d-0000-4000-8000-0000000000aa';
const ROLES = { revoke: 'f7e3c1a0-0000-4000-8000-000000000001', enableDisable: 'f7e3c1a0-0000-4000-8000-000000000002', readAll: 'f7e3c1a0-0000-4000-8000-000000000003', mail: 'f7e3c1a0-0000-4000-8000-000000000004' };

let rig: AzureRig;
beforeAll(async () => {
  rig = await startAzureRig();
});
beforeEach(() => {
  rig.reset();
  rig.graph.appRoles = [
    { id: ROLES.revoke, value: 'User.RevokeSessions.All' },
    { id: ROLES.enableDisable, value: 'User.EnableDisableAccount.All' },
    { id: ROLES.readAll, value: 'User.Read.All' },
    { id: ROLES.mail, value: 'Mail.Read' },
  ];
  rig.graph.bot = { appId: CLIENT_ID, id: BOT_SP, assigned: [ROLES.revoke, ROLES.mail], otherApi: [ROLES.enableDisable] };
  rig.arm.setPermissions(RG, (JSON.parse(readFileSync(join(FIXTURES, 'authorization', 'permissions-list.json'), 'utf8')) as { value: Record<string, unknown>[] }).value);
});
afterAll(() => rig.close());

function preflight(env: NodeJS.ProcessEnv = { ...rig.env, AZURE_CLIENT_ID: CLIENT_ID }, tuning: AzureTuning = TEST_TUNING) {
  return createPreflight({ config: { allowInsecureEndpoints: true }, env, logger: new RecordingLogger(), tuning });
}

const statusOf = (report: PreflightReport) => Object.fromEntries(report.actions.map((action) => [action.type, action.status]));

/** A credential whose Graph token carries `roles`, as an app-only Entra token does. */
function tokenWithRoles(roles: string[]): TokenCredential {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return { getToken: async (): Promise<AccessToken> => ({ token: `${part({ typ: 'JWT' })}.${part({ roles, oid: BOT_SP })}.c2ln`, expiresOnTimestamp: Date.now() + 60_000 }) };
}

describe('preflight: what the bot\'s identity may do', () => {
  it('reads ARM permissions with wildcards and notActions, and the Graph app roles, then judges each action', async () => {
    const report = await preflight().runPreflight({ scopes: [RG] });

    expect(statusOf(report)).toEqual({
      'storage.rotate-key': 'missing', // Microsoft.Storage/* but notActions regenerateKey/action
      'storage.revoke-user-delegation-keys': 'ready',
      'storage.deny-public-network': 'ready',
      'storage.disable-shared-key': 'ready',
      'entra.revoke-sessions': 'ready',
      'entra.disable-user': 'missing', // the EnableDisable role is assigned on another API, not Microsoft Graph
      'network.nsg-deny-inbound': 'missing', // */read only
      'cosmos.rotate-key': 'missing',
      'cosmos.disable-public-network': 'missing',
      'support.create-ticket': 'ready', // Microsoft.Support/* comes with the role, as with Reader and Contributor
    });
    expect(report.exitCode).toBe(1);
    expect(report.graph).toEqual({ roles: ['User.RevokeSessions.All', 'Mail.Read'], source: 'appRoleAssignments' });
    const nsg = report.actions.find((action) => action.type === 'network.nsg-deny-inbound');
    expect(nsg?.missing.map((gap) => gap.permission)).toEqual(['Microsoft.Network/networkSecurityGroups/securityRules/write', 'Microsoft.Network/networkSecurityGroups/securityRules/delete']);
    expect(nsg?.missing[0]?.grant).toContain('Network Contributor');
    const rotate = report.actions.find((action) => action.type === 'storage.rotate-key');
    expect(rotate?.missing[0]).toMatchObject({ permission: 'Microsoft.Storage/storageAccounts/regenerateKey/action', scope: RG, grant: expect.stringContaining('Storage Account Key Operator Service Role') });
  });

  it('asks ARM and Graph exactly as documented, with the bot\'s bearer tokens', async () => {
    await preflight().runPreflight({ scopes: [RG] });
    expect(rig.arm.calls).toEqual([expect.objectContaining({ method: 'GET', path: `${RG}/providers/Microsoft.Authorization/permissions`, apiVersion: '2022-04-01', authorization: `Bearer placeholder:${rig.env.ARM_ENDPOINT}/.default` })]);
    expect(rig.graph.calls.map((call) => [call.path, call.query.$select])).toEqual([
      [`/v1.0/servicePrincipals(appId='${CLIENT_ID}')`, 'id'],
      ["/v1.0/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')", 'id,appRoles'],
      [`/v1.0/servicePrincipals/${BOT_SP}/appRoleAssignments`, undefined],
    ]);
    expect(rig.graph.calls.every((call) => call.authorization === `Bearer placeholder:${rig.env.GRAPH_ENDPOINT}/.default`)).toBe(true);
  });

  it('reports every action ready, exit 0, when the custom role and the Graph permissions are granted', async () => {
    rig.arm.setPermissions(`/subscriptions/${SUB}`, [{ actions: allArmOperations(), notActions: [], dataActions: [], notDataActions: [] }]);
    rig.graph.bot = { appId: CLIENT_ID, id: BOT_SP, assigned: [ROLES.revoke, ROLES.enableDisable, ROLES.readAll] };
    const report = await preflight().runPreflight({ scopes: [`/subscriptions/${SUB}`] });
    expect(new Set(Object.values(statusOf(report)))).toEqual(new Set(['ready']));
    expect(report.exitCode).toBe(0);
    expect(formatPreflight(report)).toContain('10 of 10 containment actions ready.');
  });

  it('needs every scope: an operation missing on one resource group is missing', async () => {
    const other = `/subscriptions/${SUB}/resourceGroups/rg-data`;
    rig.arm.setPermissions(RG, [{ actions: ['*'], notActions: [] }]);
    rig.arm.setPermissions(other, [{ actions: ['Microsoft.Storage/*'], notActions: [] }]);
    const report = await preflight().runPreflight({ scopes: [RG, other] });
    expect(statusOf(report)['storage.rotate-key']).toBe('ready');
    expect(report.actions.find((action) => action.type === 'cosmos.rotate-key')?.missing).toEqual([expect.objectContaining({ scope: other })]);
  });

  it('follows nextLink pages of the permissions list', async () => {
    const twin = rig.env.ARM_ENDPOINT?.replace('http:', 'https:');
    rig.arm.script({ path: /permissions$/ }, { status: 200, body: { value: [{ actions: ['Microsoft.Storage/*'], notActions: [] }], nextLink: `${twin}${RG}/providers/Microsoft.Authorization/permissions?api-version=2022-04-01&$skiptoken=2` } });
    rig.arm.setPermissions(RG, [{ actions: ['Microsoft.Network/*', 'Microsoft.DocumentDB/*'], notActions: [] }]);
    const report = await preflight().runPreflight({ scopes: [RG] });
    expect(rig.arm.calls).toHaveLength(2);
    expect(rig.arm.calls[1]?.query.$skiptoken).toBe('2');
    expect(['storage.rotate-key', 'network.nsg-deny-inbound', 'cosmos.rotate-key'].map((type) => statusOf(report)[type])).toEqual(['ready', 'ready', 'ready']);
  });

  it('does not follow a nextLink to another host (the bearer token would go with it)', async () => {
    rig.arm.script({ path: /permissions$/ }, { status: 200, body: { value: [{ actions: ['*'], notActions: [] }], nextLink: 'https://attacker.example/collect?api-version=2022-04-01' } });
    const report = await preflight().runPreflight({ scopes: [RG] });
    expect(report.scopes[0]?.error).toContain('nextLink to another host (attacker.example)');
    expect(report.exitCode).toBe(2);
  });

  it('falls back to the roles claim of the bot\'s token when the assignments cannot be read, and says why', async () => {
    rig.graph.script({ path: /appRoleAssignments$/ }, requestDenied());
    const report = await preflight({ ...rig.env, AZURE_CLIENT_ID: CLIENT_ID }, { ...TEST_TUNING, credential: tokenWithRoles(['User.RevokeSessions.All', 'User.EnableDisableAccount.All', 'User.Read.All']) }).runPreflight({ scopes: [RG] });
    expect(report.graph).toMatchObject({ source: 'token', roles: ['User.RevokeSessions.All', 'User.EnableDisableAccount.All', 'User.Read.All'], note: expect.stringContaining('403') });
    expect(statusOf(report)['entra.disable-user']).toBe('ready');
    expect(formatPreflight(report)).toMatch(/from the claims of the bot's current token/);
  });

  it('without AZURE_CLIENT_ID (system-assigned identity) it reads the token directly', async () => {
    const report = await preflight(rig.env, { ...TEST_TUNING, credential: tokenWithRoles(['User.RevokeSessions.All']) }).runPreflight({ scopes: [RG] });
    expect(report.graph).toMatchObject({ source: 'token', note: expect.stringContaining('AZURE_CLIENT_ID is not set') });
    expect(rig.graph.calls).toEqual([]);
  });

  it('an unreachable ARM, a bad scope or unreadable Graph roles make the action unknown, exit 2', async () => {
    const offline = { ...rig.env, ARM_ENDPOINT: 'http://127.0.0.1:9' };
    const report = await preflight(offline).runPreflight({ scopes: [RG, 'rg-prod'] });
    expect(report.scopes.map((scope) => scope.error)).toEqual([expect.stringContaining('could not reach Azure'), expect.stringContaining('not a subscription or resource group id')]);
    expect(statusOf(report)['storage.disable-shared-key']).toBe('unknown');
    expect(report.exitCode).toBe(2);
    expect(formatPreflight(report)).toMatch(/storage\.disable-shared-key\s+unknown: /);

    rig.graph.bot = undefined; // the placeholder token has no roles claim either
    const graphless = await preflight().runPreflight({ scopes: [RG] });
    expect(graphless.graph.roles).toBeUndefined();
    expect(statusOf(graphless)['entra.revoke-sessions']).toBe('unknown');
  });

  it('not configured: nothing is asked, exit 2, and the text says how to configure', async () => {
    const check = createPreflight({ config: { allowInsecureEndpoints: true }, env: {}, logger: new RecordingLogger() });
    const report = await check.runPreflight({ scopes: [RG] });
    expect(check.configured).toBe(false);
    expect(report.exitCode).toBe(2);
    expect(formatPreflight(report)).toMatch(/^Azure is not configured/);
    expect(rig.arm.calls).toEqual([]);
  });

  it('prints one line per gap, naming the permission, the scope and what grants it', async () => {
    const text = formatPreflight(await preflight().runPreflight({ scopes: [RG] }));
    expect(text).toMatch(/\n {2}storage\.revoke-user-delegation-keys {2}ready\n/);
    expect(text).toContain(`  network.nsg-deny-inbound             missing Microsoft.Network/networkSecurityGroups/securityRules/write on ${RG}: grant the bot's identity the Network Contributor role, or the Incident Commander custom role in deploy/azure\n`);
    expect(text).toContain(`missing Microsoft.Storage/storageAccounts/regenerateKey/action on ${RG}: grant the bot's identity the Storage Account Key Operator Service Role or the Storage Account Contributor role, or the Incident Commander custom role in deploy/azure`);
    expect(text).toMatch(/entra\.disable-user\s+missing User\.EnableDisableAccount\.All: grant the bot's app the Microsoft Graph application permission User\.EnableDisableAccount\.All with admin consent/);
    expect(text).toContain('5 of 10 containment actions ready.');
    expect(text).toContain('deploy/azure/incident-commander-role.json');
  });
});

describe('preflightMain: the `incident-commander preflight` command', () => {
  function io(args: string[] = []) {
    const out = { stdout: '', stderr: '' };
    const stream = (key: 'stdout' | 'stderr') => new PassThrough().on('data', (chunk: Buffer) => (out[key] += chunk.toString()));
    return { out, io: { stdout: stream('stdout'), stderr: stream('stderr'), args, tuning: TEST_TUNING } };
  }
  const env = () => ({ ...rig.env, AZURE_CLIENT_ID: CLIENT_ID, ALLOW_INSECURE_ENDPOINTS: 'true', NODE_ENV: 'test', LOG_LEVEL: 'silent' });

  it('exit 1 when something is missing, and the text says what to grant', async () => {
    const run = io(['--scope', RG]);
    expect(await preflightMain(env(), run.io)).toBe(1);
    expect(run.out.stdout).toContain('missing Microsoft.Network/networkSecurityGroups/securityRules/write');
  });

  it('exit 0 when everything is ready; the default scope is the configured subscription; --json prints the report', async () => {
    rig.arm.setPermissions(`/subscriptions/${SUB}`, [{ actions: ['*'], notActions: [] }]);
    rig.graph.bot = { appId: CLIENT_ID, id: BOT_SP, assigned: [ROLES.revoke, ROLES.enableDisable, ROLES.readAll] };
    const run = io(['--json']);
    expect(await preflightMain(env(), run.io)).toBe(0);
    const report = JSON.parse(run.out.stdout) as PreflightReport;
    expect(report).toMatchObject({ configured: true, exitCode: 0, scopes: [{ scope: `/subscriptions/${SUB}` }] });
  });

  it('exit 2 when Azure is not configured, when a variable is bad, or when the arguments are', async () => {
    const unconfigured = io();
    expect(await preflightMain({ LOG_LEVEL: 'silent' }, unconfigured.io)).toBe(2);
    expect(unconfigured.out.stdout).toMatch(/^Azure is not configured/);

    const insecure = io();
    expect(await preflightMain({ ARM_ENDPOINT: rig.env.ARM_ENDPOINT, LOG_LEVEL: 'silent' }, insecure.io)).toBe(2);
    expect(insecure.out.stderr).toMatch(/ARM_ENDPOINT: is http:.*ALLOW_INSECURE_ENDPOINTS=true/);

    const badArgs = io(['--scope']);
    expect(await preflightMain(env(), badArgs.io)).toBe(2);
    expect(badArgs.out.stderr).toMatch(/--scope needs .*\n\nUsage: incident-commander preflight/);

    const noScope = io();
    expect(await preflightMain({ AZURE_CLIENT_ID: CLIENT_ID, LOG_LEVEL: 'silent' }, noScope.io)).toBe(2);
    expect(noScope.out.stderr).toMatch(/Name a scope to check/);
  });
});
