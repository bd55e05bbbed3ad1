import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SentinelError } from '../../../adapters/sentinel/index.ts';
import type { SentinelLocator, SiemPort } from '../../../src/ports/siem.port.ts';
import { armError, example } from './fakes/fake-sentinel-arm.ts';
import { startSentinelRig, WORKSPACE, type SentinelRig } from './sentinel.harness.ts';

type Json = Record<string, unknown>;
const NAME = '73e01a99-5cd7-4139-a149-9f2736ff2ab5';
const ARM_ID = `/subscriptions/${WORKSPACE.subscriptionId}/resourceGroups/myRg/providers/Microsoft.OperationalInsights/workspaces/myWorkspace/providers/Microsoft.SecurityInsights/Incidents/${NAME}`;
const LOCATOR: SentinelLocator = { armId: ARM_ID, name: NAME, number: '3177' };
const INCIDENT_PATH = `/subscriptions/${WORKSPACE.subscriptionId}/resourceGroups/myRg/providers/Microsoft.OperationalInsights/workspaces/myWorkspace/providers/Microsoft.SecurityInsights/incidents/${NAME}`;

describe('Sentinel write-back through @azure/arm-securityinsight', () => {
  let rig: SentinelRig;
  let siem: SiemPort;
  beforeAll(async () => {
    rig = await startSentinelRig();
    siem = rig.adapter.siem as SiemPort;
  });
  afterAll(() => rig.close());
  beforeEach(() => {
    rig.arm.reset();
    rig.arm.incidents.clear();
    rig.arm.entities.clear();
    rig.arm.comments.length = 0;
    rig.arm.addIncident(NAME, { title: 'My incident', severity: 'High', status: 'New', incidentNumber: 3177, labels: [{ labelName: 'exfiltration', labelType: 'User' }], classificationReason: 'InaccurateData' });
  });

  it('adds a comment under a new GUID, with a bearer token and the stable api-version', async () => {
    await siem.comment(LOCATOR, 'War room: https://contoso.slack.com/archives/C0WARROOM');

    const [call] = rig.arm.calls;
    expect(call?.method).toBe('PUT');
    expect(call?.path).toMatch(new RegExp(`^${INCIDENT_PATH}/comments/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`));
    expect(call?.body).toEqual({ properties: { message: 'War room: https://contoso.slack.com/archives/C0WARROOM' } });
    expect(call?.authorization).toMatch(/^Bearer \S+/);
    expect(call?.apiVersion).toBe('2024-03-01');
    expect(rig.arm.comments.map((comment) => comment.message)).toEqual(['War room: https://contoso.slack.com/archives/C0WARROOM']);
  });

  it('escapes the HTML Sentinel renders comments with: user text never becomes a tag or a link', async () => {
    await siem.comment(LOCATOR, `Closed by <img src=x onerror=alert(1)> & "Bob's" <a href="https://evil.example">portal</a>`);
    expect(rig.arm.comments.map((comment) => comment.message)).toEqual(['Closed by &lt;img src=x onerror=alert(1)&gt; &amp; &quot;Bob&#39;s&quot; &lt;a href=&quot;https://evil.example&quot;&gt;portal&lt;/a&gt;']);
  });

  it('never overwrites a comment: each one gets its own id', async () => {
    await siem.comment(LOCATOR, 'first');
    await siem.comment(LOCATOR, 'second');

    expect(new Set(rig.arm.comments.map((comment) => comment.id)).size).toBe(2);
  });

  it('assigns the owner and sets Active, writing with the etag it read', async () => {
    const etag = rig.arm.incident(NAME)?.etag;
    await siem.assignOwner(LOCATOR, { objectId: '2046feea-040d-4a46-9e2b-91c2941bfa70', email: 'alice@contoso.com', name: 'Alice Example' });

    expect(rig.arm.calls.map((call) => call.method)).toEqual(['GET', 'PUT']);
    const put = rig.arm.calls[1];
    expect(put?.authorization).toMatch(/^Bearer \S+/);
    expect((put?.body as Json).etag).toBe(etag);
    expect((put?.body as { properties: Json }).properties).toMatchObject({
      title: 'My incident',
      severity: 'High',
      status: 'Active',
      labels: [{ labelName: 'exfiltration' }],
      owner: { objectId: '2046feea-040d-4a46-9e2b-91c2941bfa70', email: 'alice@contoso.com', assignedTo: 'Alice Example', ownerType: 'User' },
    });
    // Read-only fields the SDK read are not sent back.
    expect((put?.body as { properties: Json }).properties).not.toHaveProperty('incidentNumber');
    expect(rig.arm.incident(NAME)?.properties).toMatchObject({ status: 'Active', owner: { assignedTo: 'Alice Example' } });
  });

  it.each([
    ['TruePositive', 'SuspiciousActivity'],
    ['BenignPositive', 'SuspiciousButExpected'],
    ['FalsePositive', 'IncorrectAlertLogic'],
    ['Undetermined', undefined],
  ] as const)('closes as %s with the reason %s and the comment', async (classification, reason) => {
    await siem.close(LOCATOR, classification, 'Contained: key rotated, public access off.');

    const props = (rig.arm.calls.find((call) => call.method === 'PUT')?.body as { properties: Json }).properties;
    expect(props).toMatchObject({ status: 'Closed', classification, classificationComment: 'Contained: key rotated, public access off.' });
    expect(props.classificationReason).toBe(reason);
    expect(rig.arm.incident(NAME)?.properties).toMatchObject({ status: 'Closed', classification });
  });

  it('retries a close once after a fresh read when the etag went stale (412)', async () => {
    rig.arm.editAfterNextGet(NAME);

    await siem.close(LOCATOR, 'TruePositive', 'done');

    const calls = rig.arm.calls.map((call) => call.method);
    expect(calls).toEqual(['GET', 'PUT', 'GET', 'PUT']);
    const [firstPut, secondPut] = rig.arm.calls.filter((call) => call.method === 'PUT');
    expect((firstPut?.body as Json).etag).not.toBe((secondPut?.body as Json).etag);
    expect(rig.arm.incident(NAME)?.properties).toMatchObject({ status: 'Closed', classification: 'TruePositive' });
  });

  it('gives up after the one retry and says so', async () => {
    const stale = armError(412, 'PreconditionFailed', 'The etag does not match.');
    rig.arm.script({ method: 'PUT', path: new RegExp(`/incidents/${NAME}$`) }, stale, stale);

    const failure = await siem.close(LOCATOR, 'TruePositive', 'done').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(SentinelError);
    expect(failure).toMatchObject({ code: 'sentinel.conflict', status: 412 });
    expect(rig.arm.calls.map((call) => call.method)).toEqual(['GET', 'PUT', 'GET', 'PUT']);
  });

  it('says which role is missing when Sentinel answers 403', async () => {
    rig.arm.script({ method: 'PUT', path: /\/comments\// }, armError(403, 'AuthorizationFailed', "The client does not have authorization to perform action 'Microsoft.SecurityInsights/incidents/comments/write'."));

    const failure = await siem.comment(LOCATOR, 'hello').catch((error: unknown) => error);

    expect(failure).toMatchObject({ code: 'sentinel.forbidden', status: 403 });
    expect((failure as SentinelError).hint).toContain('Microsoft Sentinel Responder');
  });

  it('addresses the workspace named by the locator\'s ARM id when it differs from the configuration', async () => {
    const other = { subscriptionId: '0b1f6471-1bf0-4dda-aec3-111122223333', resourceGroup: 'rg-soc-eu', workspaceName: 'law-soc-eu' };
    rig.arm.addIncident('5d1c7a20-1e0b-4f7d-9d6b-0c0f7b1e2a33', { title: 'EU incident', severity: 'Medium', incidentNumber: 12 }, other);
    const armId = `/subscriptions/${other.subscriptionId}/resourceGroups/rg-soc-eu/providers/Microsoft.OperationalInsights/workspaces/law-soc-eu/providers/Microsoft.SecurityInsights/Incidents/5d1c7a20-1e0b-4f7d-9d6b-0c0f7b1e2a33`;

    await siem.comment({ armId, name: '5d1c7a20-1e0b-4f7d-9d6b-0c0f7b1e2a33', number: '12' }, 'hello EU');

    expect(rig.arm.calls[0]?.path).toMatch(new RegExp(`^/subscriptions/${other.subscriptionId}/resourceGroups/rg-soc-eu/providers/Microsoft.OperationalInsights/workspaces/law-soc-eu/`));
  });

  it('lists the entities (POST) and maps them to action targets', async () => {
    const [account, host] = (example('GetEntities.json').value as Json[]) ?? [];
    const ip = example('GetIpEntityById.json');
    const resource = { id: `${ARM_ID}/entities/1`, name: '1', type: 'Microsoft.SecurityInsights/Entities', kind: 'AzureResource', properties: { resourceId: '/subscriptions/d0cfe6b2-9ac0-4464-9919-dccaee2e48c0/resourceGroups/rg-prod/providers/Microsoft.Storage/storageAccounts/stprod01', friendlyName: 'stprod01' } };
    rig.arm.setEntities(NAME, [resource, account as Json, host as Json, ip]);

    const entities = await siem.entities(LOCATOR);

    expect(rig.arm.calls[0]).toMatchObject({ method: 'POST', path: `${INCIDENT_PATH}/entities`, apiVersion: '2024-03-01' });
    expect(rig.arm.calls[0]?.authorization).toMatch(/^Bearer \S+/);
    expect(entities).toEqual([
      { kind: 'AzureResource', value: '/subscriptions/d0cfe6b2-9ac0-4464-9919-dccaee2e48c0/resourceGroups/rg-prod/providers/Microsoft.Storage/storageAccounts/stprod01' },
      { kind: 'Account', value: 'f7033626-2572-46b1-bba0-06646f4f95b3' },
      { kind: 'Host', value: 'vm1' },
      { kind: 'Ip', value: '10.3.2.8' },
    ]);
  });
});
