import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHECKPOINT_KEY } from '../../../adapters/sentinel/sentinel.poller.ts';
import type { RecordedCall } from '../../support/fake-http.ts';
import { example } from './fakes/fake-sentinel-arm.ts';
import { startSentinelRig, WORKSPACE, type SentinelRig } from './sentinel.harness.ts';

type Json = Record<string, unknown>;
const ws = `/subscriptions/${WORKSPACE.subscriptionId}/resourceGroups/myRg/providers/Microsoft.OperationalInsights/workspaces/myWorkspace`;
const STORAGE = '/subscriptions/d0cfe6b2-9ac0-4464-9919-dccaee2e48c0/resourceGroups/rg-prod/providers/Microsoft.Storage/storageAccounts/stprod01';
const guid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const lists = (calls: RecordedCall[]) => calls.filter((call) => call.method === 'GET' && /\/incidents$/.test(call.path));
const poller = (rig: SentinelRig) => {
  const found = rig.adapter.poller;
  if (!found) throw new Error('no poller: SENTINEL_POLL_SECONDS is set in the rig');
  return found;
};

describe('the Sentinel poller', () => {
  let rig: SentinelRig;
  beforeEach(async () => {
    rig = await startSentinelRig();
    // The clock stands at 09:00:00; the first run looks back one interval (60 s).
    rig.arm.addIncident(guid(1), { incidentNumber: 101, title: 'Older than the first look-back', severity: 'High', createdTimeUtc: '2026-11-29T08:30:00.0000000Z' });
    rig.arm.addIncident(guid(2), { incidentNumber: 102, title: 'Leaked SAS token for stprod01', severity: 'High', createdTimeUtc: '2026-11-29T08:59:30.1234567Z' });
    rig.arm.addIncident(guid(3), { incidentNumber: 103, title: 'Anomalous sign-in', severity: 'Medium', createdTimeUtc: '2026-11-29T08:59:40.5000000Z' });
    rig.arm.addIncident(guid(4), { incidentNumber: 104, title: 'Port scan', severity: 'Low', createdTimeUtc: '2026-11-29T08:59:41.0000000Z' });
    rig.arm.addIncident(guid(5), { incidentNumber: 105, title: 'New app consent', severity: 'Informational', createdTimeUtc: '2026-11-29T08:59:42.0000000Z' });
    const account = (example('GetEntities.json').value as Json[])[0] as Json;
    rig.arm.setEntities(guid(2), [{ id: `${ws}/providers/Microsoft.SecurityInsights/Entities/a1`, name: 'a1', type: 'Microsoft.SecurityInsights/Entities', kind: 'AzureResource', properties: { resourceId: STORAGE, friendlyName: 'stprod01' } }, account, example('GetIpEntityById.json')]);
  });
  afterEach(() => rig.close());

  it('hands over new incidents at or above the minimum severity, oldest first, with their entities', async () => {
    await poller(rig).tick();

    expect(rig.intake.calls.map((call) => [call.deliveryId, call.incident.number, call.incident.severity])).toEqual([
      [`${guid(2)}:created`, '102', 'High'],
      [`${guid(3)}:created`, '103', 'Medium'],
    ]);
    expect(rig.intake.calls[0]?.incident).toMatchObject({
      title: 'Leaked SAS token for stprod01',
      armId: `${ws}/providers/Microsoft.SecurityInsights/incidents/${guid(2)}`,
      tactics: ['InitialAccess', 'Persistence'],
      createdAt: '2026-11-29T08:59:30.123Z',
      entities: [
        { kind: 'AzureResource', value: STORAGE },
        { kind: 'Account', value: 'f7033626-2572-46b1-bba0-06646f4f95b3' },
        { kind: 'Ip', value: '10.3.2.8' },
      ],
    });
    const [list] = lists(rig.arm.calls);
    expect(list?.query.$filter).toBe("properties/createdTimeUtc ge 2026-11-29T08:59:00.000Z and (properties/severity eq 'High' or properties/severity eq 'Medium')");
    expect(list?.query.$orderby).toBe('properties/createdTimeUtc asc');
    expect(list?.apiVersion).toBe('2024-03-01');
    expect(list?.authorization).toMatch(/^Bearer \S+/);
    expect(rig.arm.calls.filter((call) => call.method === 'POST').map((call) => call.path)).toEqual([
      `${ws}/providers/Microsoft.SecurityInsights/incidents/${guid(2)}/entities`,
      `${ws}/providers/Microsoft.SecurityInsights/incidents/${guid(3)}/entities`,
    ]);
  });

  it('follows nextLink across pages', async () => {
    rig.arm.pageSize = 1;

    await poller(rig).tick();

    const pages = lists(rig.arm.calls);
    expect(pages.map((call) => call.query.$skipToken)).toEqual([undefined, '1']);
    expect(pages.every((call) => call.apiVersion === '2024-03-01' && call.authorization?.startsWith('Bearer '))).toBe(true);
    expect(rig.intake.calls.map((call) => call.incident.number)).toEqual(['102', '103']);
  });

  it('hands each incident over once across a restart, and picks up the new ones', async () => {
    await poller(rig).tick();
    rig.arm.addIncident(guid(6), { incidentNumber: 106, title: 'Ransomware note in Azure Files', severity: 'High', createdTimeUtc: '2026-11-29T09:00:10.0000000Z' });
    rig.arm.reset();

    const restarted = rig.rebuild();
    await poller({ ...rig, adapter: restarted }).tick();

    expect(rig.intake.calls.map((call) => call.incident.number)).toEqual(['102', '103', '106']);
    expect(rig.intake.calls.every((call) => call.outcome === 'declared')).toBe(true);
    // The checkpoint is the last creation time handed over; the sub-millisecond digits Sentinel keeps are why names are kept too.
    expect(lists(rig.arm.calls)[0]?.query.$filter).toMatch(/^properties\/createdTimeUtc ge 2026-11-29T08:59:40\.500Z and /);
    expect(await rig.store.getRecord(CHECKPOINT_KEY)).toMatchObject({ since: '2026-11-29T09:00:10.000Z', names: [guid(6)] });
  });

  it('resumes after a failed hand-over without repeating or missing incidents created at the same instant', async () => {
    rig.arm.addIncident(guid(7), { incidentNumber: 107, title: 'Twin A', severity: 'High', createdTimeUtc: '2026-11-29T08:59:50.0000000Z' });
    rig.arm.addIncident(guid(8), { incidentNumber: 108, title: 'Twin B', severity: 'High', createdTimeUtc: '2026-11-29T08:59:50.0000000Z' });
    let handed = 0;
    const original = rig.intake.ingest.bind(rig.intake);
    rig.intake.ingest = async (incident, deliveryId) => {
      handed += 1;
      if (handed === 4) throw new Error('the core is restarting');
      return original(incident, deliveryId);
    };

    await poller(rig).tick();
    expect(rig.intake.calls.map((call) => call.incident.number)).toEqual(['102', '103', '107']);
    expect(rig.logger.lines.some((line) => line.level === 'error' && /resumes at the checkpoint/.test(line.message))).toBe(true);

    await poller({ ...rig, adapter: rig.rebuild() }).tick();

    expect(rig.intake.calls.map((call) => call.incident.number)).toEqual(['102', '103', '107', '108']);
    expect(rig.intake.calls.every((call) => call.outcome === 'declared')).toBe(true);
  });

  it('asks only for the severities at or above SENTINEL_POLL_MIN_SEVERITY', async () => {
    await rig.close();
    rig = await startSentinelRig({ env: { SENTINEL_POLL_MIN_SEVERITY: 'high' } });
    rig.arm.addIncident(guid(2), { incidentNumber: 102, title: 'High one', severity: 'High', createdTimeUtc: '2026-11-29T08:59:30.0000000Z' });
    rig.arm.addIncident(guid(3), { incidentNumber: 103, title: 'Medium one', severity: 'Medium', createdTimeUtc: '2026-11-29T08:59:40.0000000Z' });

    await poller(rig).tick();

    expect(lists(rig.arm.calls)[0]?.query.$filter).toBe("properties/createdTimeUtc ge 2026-11-29T08:59:00.000Z and (properties/severity eq 'High')");
    expect(rig.intake.calls.map((call) => call.incident.number)).toEqual(['102']);
  });

  it('joins a tick already running instead of polling twice', async () => {
    const p = poller(rig);
    await Promise.all([p.tick(), p.tick()]);

    expect(lists(rig.arm.calls)).toHaveLength(1);
    expect(rig.intake.calls).toHaveLength(2);
  });

  it('logs a refused list with the role to grant, hands nothing over, and keeps the checkpoint', async () => {
    rig.arm.script({ method: 'GET', path: /\/incidents$/ }, { status: 403, body: { error: { code: 'AuthorizationFailed', message: "The client does not have authorization to perform action 'Microsoft.SecurityInsights/incidents/read'." } } });

    await poller(rig).tick();

    expect(rig.intake.calls).toHaveLength(0);
    expect(await rig.store.getRecord(CHECKPOINT_KEY)).toBeUndefined();
    const logged = rig.logger.lines.find((line) => line.level === 'error');
    expect(logged?.fields?.hint).toMatch(/Microsoft Sentinel Responder/);

    await poller(rig).tick();
    expect(rig.intake.calls.map((call) => call.incident.number)).toEqual(['102', '103']);
  });

  it('runs every SENTINEL_POLL_SECONDS', () => {
    expect(poller(rig).intervalMs).toBe(60_000);
  });
});
