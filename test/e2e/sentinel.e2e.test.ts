import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/cli.ts';
import { FakeSentinelArm } from '../adapters/sentinel/fakes/fake-sentinel-arm.ts';

const TOKEN = 'sentinel-e2e-token-2b7d9f1c4e6a8b0d3f5a7c9e';
const WORKSPACE = { subscriptionId: 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0', resourceGroup: 'myRg', workspaceName: 'myWorkspace' };
const TRIGGER = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'sentinel', 'trigger', 'incident-created.high.json'), 'utf8')) as {
  eventUniqueId: string;
  object: { name: string; properties: Record<string, unknown> };
};

let arm: FakeSentinelArm;
let armUrl: string;
let server: RunningServer | undefined;

beforeAll(async () => {
  arm = new FakeSentinelArm(WORKSPACE);
  armUrl = await arm.start();
});
afterAll(() => arm.close());
afterEach(async () => {
  if (server && server.child.exitCode === null) await server.stop('SIGKILL');
  server = undefined;
});

async function serve(dataDir: string) {
  return startServer({
    DATA_DIR: dataDir,
    SENTINEL_WEBHOOK_TOKEN: TOKEN,
    AZURE_SUBSCRIPTION_ID: WORKSPACE.subscriptionId,
    SENTINEL_RESOURCE_GROUP: WORKSPACE.resourceGroup,
    SENTINEL_WORKSPACE: WORKSPACE.workspaceName,
    ARM_ENDPOINT: armUrl,
    ALLOW_INSECURE_ENDPOINTS: 'true', NODE_ENV: 'test',
  });
}

function post(body: string | object, token: string | null = TOKEN) {
  return fetch(`${server!.url}/api/sentinel/incidents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const logs = (dir: string, prefix: string) => readdirSync(dir).filter((name) => name.startsWith(prefix) && name.endsWith('.jsonl'));

/** The trigger fixture for another incident, with another number, severity and event id. */
function trigger(overrides: { name: string; number: number; severity: string; eventUniqueId: string }) {
  const copy = JSON.parse(JSON.stringify(TRIGGER)) as typeof TRIGGER & { object: { id: string } };
  copy.eventUniqueId = overrides.eventUniqueId;
  copy.object.id = copy.object.id.replace(TRIGGER.object.name, overrides.name);
  copy.object.name = overrides.name;
  Object.assign(copy.object.properties, { incidentNumber: overrides.number, severity: overrides.severity });
  return copy;
}

describe('Sentinel incidents into the running bot', () => {
  it('opens a war room for a High incident and comments the war-room reference back; the same delivery again creates nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-sentinel-'));
    arm.addIncident(TRIGGER.object.name, { incidentNumber: TRIGGER.object.properties.incidentNumber, title: TRIGGER.object.properties.title, severity: 'High' });
    server = await serve(dir);
    const response = await post(TRIGGER);
    expect(response.status).toBe(202);
    const answer = (await response.json()) as { outcome: string; incidentId: string };
    expect(answer.outcome).toBe('declared');
    await expect.poll(() => server!.stdout(), { timeout: 10_000 }).toContain(`Sentinel #${String(TRIGGER.object.properties.incidentNumber)}`);
    expect(server.stdout()).toContain(String(TRIGGER.object.properties.title));
    expect(server.stdout()).toMatch(/Severity: High/);
    await expect.poll(() => arm.comments.map((comment) => String(comment.message)).join('\n'), { timeout: 10_000 }).toContain(answer.incidentId);
    expect(arm.comments[0]!.incident.toLowerCase()).toContain(TRIGGER.object.name.toLowerCase());

    const again = await post(TRIGGER);
    expect(again.status).toBe(202);
    expect(((await again.json()) as { outcome: string }).outcome).toBe('duplicate');
    expect(logs(dir, 'ir-')).toHaveLength(1);
  });

  it('refuses a wrong or missing token with 401 and a bad body with 400 naming the field, storing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-sentinel-'));
    server = await serve(dir);
    expect((await post(TRIGGER, 'wrong-token')).status).toBe(401);
    expect((await post(TRIGGER, null)).status).toBe(401);
    const empty = await post({});
    expect(empty.status).toBe(400);
    expect(JSON.stringify(await empty.json())).toMatch(/object|properties|id/);
    const notJson = await post('not json at all');
    expect(notJson.status).toBe(400);
    expect(readdirSync(dir).filter((name) => name.endsWith('.jsonl'))).toEqual([]);
  });

  it('posts a "Declare?" card for a Medium incident under the default rules instead of opening a war room', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-sentinel-'));
    server = await serve(dir);
    const medium = trigger({ name: '11111111-2222-4333-8444-555555555555', number: 4212, severity: 'Medium', eventUniqueId: 'evt-medium-1' });
    const response = await post(medium);
    expect(response.status).toBe(202);
    expect(((await response.json()) as { outcome: string }).outcome).toBe('proposed');
    await expect.poll(() => server!.stdout(), { timeout: 10_000 }).toContain('Declare? Sentinel #4212');
    expect(server.stdout()).toContain('[Declare] -> /ir declare sentinel:4212');
    expect(logs(dir, 'ir-')).toEqual([]);
    expect(logs(dir, 'tr-')).toHaveLength(1);
  });
});
