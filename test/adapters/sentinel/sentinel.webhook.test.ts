import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSentinel } from '../../../adapters/sentinel/index.ts';
import { WorkTracker } from '../../../adapters/http/work-tracker.ts';
import { MemoryStore } from '../../../adapters/store/index.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { example } from './fakes/fake-sentinel-arm.ts';
import { fixture, RecordingIntake, RecordingLogger, startSentinelRig, TOKEN, type SentinelRig } from './sentinel.harness.ts';

type Json = Record<string, unknown>;
const trigger = () => fixture<Json>('trigger/incident-created.high.json');
const STORAGE = '/subscriptions/d0cfe6b2-9ac0-4464-9919-dccaee2e48c0/resourceGroups/rg-prod/providers/Microsoft.Storage/storageAccounts/stprod01';

describe('POST /api/sentinel/incidents', () => {
  let rig: SentinelRig;
  beforeAll(async () => {
    rig = await startSentinelRig({ env: { SENTINEL_WEBHOOK_MAX_BYTES: '16384' } });
  });
  afterAll(() => rig.close());
  afterEach(() => {
    rig.intake.calls.length = 0;
    rig.logger.lines.length = 0;
  });

  it('hands a High incident trigger to the intake, mapped, and answers 202 with the outcome', async () => {
    const response = await rig.post(trigger());

    expect(response.status).toBe(202);
    expect(response.json).toEqual({ outcome: 'declared', incidentId: 'inc-4211' });
    expect(rig.intake.calls).toHaveLength(1);
    const { incident, deliveryId } = rig.intake.calls[0] ?? {};
    expect(deliveryId).toBe('6c3f4d59-0b7e-4f57-93a4-2de1f2b8c7a0');
    expect(incident).toMatchObject({
      name: '8f5b2c4e-3d1a-4b6f-9e2d-7a1c0b9e4f21',
      number: '4211',
      title: 'Mass blob download from stprod01 by a new client IP',
      severity: 'High',
      status: 'New',
      labels: ['exfiltration', 'crown-jewels'],
      tactics: ['Exfiltration', 'Collection'],
      analyticRuleNames: ['Storage - unusual volume of blob downloads', 'Azure Sentinel'],
      alertCount: 1,
      createdAt: '2026-11-29T08:55:31.2270000Z',
    });
    expect(incident?.armId).toMatch(/\/providers\/Microsoft\.SecurityInsights\/Incidents\/8f5b2c4e-3d1a-4b6f-9e2d-7a1c0b9e4f21$/);
    expect(incident?.entities).toEqual([
      { kind: 'AzureResource', value: STORAGE },
      { kind: 'Account', value: 'f7033626-2572-46b1-bba0-06646f4f95b3' },
      { kind: 'Account', value: 'm.jones@contoso.com' },
      { kind: 'Ip', value: '203.0.113.77' },
      { kind: 'Host', value: 'vm-report01' },
    ]);
  });

  it('passes the intake\'s "duplicate" back as 2xx when the same delivery comes twice', async () => {
    const body = { ...trigger(), eventUniqueId: '0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f' };
    const first = await rig.post(body);
    const second = await rig.post(body);

    expect(first).toMatchObject({ status: 202, json: { outcome: 'declared' } });
    expect(second).toMatchObject({ status: 202, json: { outcome: 'duplicate' } });
    expect(rig.intake.declared).toHaveLength(1);
  });

  it.each([
    ['a wrong token', { authorization: `Bearer ${TOKEN}x` }],
    ['a token of another length', { authorization: 'Bearer short' }],
    ['no Authorization header', {} as Record<string, string>],
    ['another scheme', { authorization: `Basic ${Buffer.from(`sentinel:${TOKEN}`).toString('base64')}` }],
    ['the token without the scheme', { authorization: TOKEN }],
  ])('refuses %s with 401 and WWW-Authenticate: Bearer, without calling the intake', async (_case, headers) => {
    const response = await rig.post(trigger(), headers);

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
    expect(rig.intake.calls).toHaveLength(0);
    expect(JSON.stringify(rig.logger.lines)).not.toContain(TOKEN);
  });

  it('answers {} with 400 naming the missing field, and stores nothing', async () => {
    const response = await rig.post({});

    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ error: 'invalid_incident', field: 'eventUniqueId' });
    expect(response.json.message).toContain('object: required');
    expect(rig.intake.calls).toHaveLength(0);
  });

  it('answers a body that is not JSON with 400, and stores nothing', async () => {
    const response = await rig.post('<incident severity="High"/>');

    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ error: 'invalid_incident', field: '(body)' });
    expect(response.json.message).toMatch(/not valid JSON/);
    expect(rig.intake.calls).toHaveLength(0);
  });

  it('names a wrongly typed required field by its path', async () => {
    const body = trigger();
    const object = body.object as Json;
    const response = await rig.post({ ...body, object: { ...object, properties: { ...(object.properties as Json), severity: 'Critical', incidentNumber: 'four' } } });

    expect(response.status).toBe(400);
    expect(response.json.field).toBe('object.properties.incidentNumber');
    expect(response.json.message).toContain('object.properties.severity: expected one of High, Medium, Low, Informational');
    expect(rig.intake.calls).toHaveLength(0);
  });

  it('refuses a body over the limit with 413, whether its length is declared or streamed', async () => {
    const big = { ...trigger(), padding: 'x'.repeat(20_000) };
    const declared = await rig.post(big);
    const text = JSON.stringify(big);
    const streamed = await fetch(`${rig.url}/api/sentinel/incidents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          for (let at = 0; at < text.length; at += 4096) controller.enqueue(new TextEncoder().encode(text.slice(at, at + 4096)));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);

    expect(declared.status).toBe(413);
    expect(streamed.status).toBe(413);
    expect(rig.intake.calls).toHaveLength(0);
  });

  it('takes a plain incident resource, with <name>:<lastModifiedTimeUtc> as the delivery id', async () => {
    const resource = { ...example('GetIncidentById.json') };
    resource.properties = { ...(resource.properties as Json), status: 'New' };
    const response = await rig.post(resource);

    expect(response).toMatchObject({ status: 202, json: { outcome: 'declared', incidentId: 'inc-3177' } });
    expect(rig.intake.calls[0]).toMatchObject({
      deliveryId: '73e01a99-5cd7-4139-a149-9f2736ff2ab5:2019-01-01T13:15:30Z',
      incident: { number: '3177', title: 'My incident', severity: 'High', status: 'New', tactics: ['InitialAccess', 'Persistence'], entities: [] },
    });
  });

  it('answers 500 when the intake fails at once, so that the playbook retries', async () => {
    rig.intake.failNext = new Error('store unavailable');
    const response = await rig.post({ ...trigger(), eventUniqueId: 'a1f0c2d3-4e5f-4a6b-8c7d-9e0f1a2b3c4d' });

    expect(response.status).toBe(500);
    expect(rig.intake.calls).toHaveLength(0);
  });
});

describe('POST /api/sentinel/incidents with a slow intake', () => {
  it('answers 202 accepted in time and lets the intake finish in the background, tracked', async () => {
    const rig = await startSentinelRig({ answerWithinMs: 20 });
    try {
      let release = () => {};
      rig.intake.hold = new Promise<void>((resolve) => (release = resolve));

      const response = await rig.post(trigger());

      expect(response).toMatchObject({ status: 202, json: { outcome: 'accepted' } });
      expect(rig.intake.calls).toHaveLength(0);
      expect(rig.work.size).toBeGreaterThan(0);
      release();
      expect(await rig.work.drain(5000)).toBe(true);
      expect(rig.intake.declared.map((incident) => incident.number)).toEqual(['4211']);
    } finally {
      await rig.close();
    }
  });
});

describe('the webhook route', () => {
  it('is not mounted when SENTINEL_WEBHOOK_TOKEN is unset', () => {
    const store = new MemoryStore();
    const env = { AZURE_SUBSCRIPTION_ID: 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0', SENTINEL_RESOURCE_GROUP: 'myRg', SENTINEL_WORKSPACE: 'myWorkspace' };
    const adapter = createSentinel({ config: { allowInsecureEndpoints: false }, env, logger: new RecordingLogger(), store, work: new WorkTracker(), clock: new FakeClock() });
    const connected = adapter?.connect(new RecordingIntake(store));

    expect(connected?.routes).toEqual([]);
    expect(adapter?.siem).toBeDefined();
    expect(connected?.poller).toBeUndefined();
  });
});
