import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../adapters/store/memory.store.ts';
import { ConsoleChat } from '../../adapters/console/console.adapter.ts';
import { IncidentService } from '../../src/app/incident.service.ts';
import { WriteBackQueue } from '../../src/app/writeback-queue.ts';
import { silentLogger } from '../../src/ports/logger.port.ts';
import { loadRunbookDir } from '../../src/runbooks/runbook.loader.ts';
import type { Runbook } from '../../src/runbooks/runbook.schema.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { FakeContainment } from '../support/fake-containment.ts';
import { FakeSiem, sentinelIncident } from '../support/fake-siem.ts';
import { person, sequentialIds } from '../support/service-harness.ts';

let runbooks: Runbook[];
beforeAll(async () => {
  runbooks = (await loadRunbookDir(join(import.meta.dirname, '..', '..', 'runbooks'))).runbooks;
});

function harness(pools = {}) {
  const clock = new FakeClock('2026-11-20T09:15:00Z');
  const store = new MemoryStore({ clock });
  const siem = new FakeSiem();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const containment = new FakeContainment();
  const service = new IncidentService({ store, clock, ids: sequentialIds(), pools, chats: [new ConsoleChat(output)], logger: silentLogger, containment, runbooks, writeBack: new WriteBackQueue(siem, store, silentLogger) });
  const settle = async <T extends { followUp?: Promise<void> }>(reply: T) => {
    await reply.followUp;
    return reply;
  };
  return { clock, store, siem, service, containment, printed: () => printed, settle };
}

describe('Sentinel incidents in', () => {
  it('declares a High incident at once with its number, title, severity, entities and a runbook, and comments the war room back', async () => {
    const h = harness();
    const result = await h.service.ingest(sentinelIncident(), 'event-1');
    expect(result).toEqual({ outcome: 'declared', incidentId: 'ir-20261120-0001' });
    const { state, events } = await h.service.load('ir-20261120-0001');
    expect(state).toMatchObject({ title: 'Unusual amount of data extracted from a storage account', severity: 'High', sentinel: { number: '3177', entities: [{ kind: 'AzureResource' }, { kind: 'Ip', value: '203.0.113.7' }] } });
    expect(events.map((event) => event.type)).toEqual(['IncidentDeclared', 'RunbookStarted', 'WarRoomOpened']);
    expect(events[0]!.actor).toMatchObject({ platform: 'sentinel' });
    expect(state.runbook?.id).toBe('storage-exfiltration');
    expect(state.roles.commander).toEqual([]);
    await expect.poll(() => h.siem.calls).toEqual([{ kind: 'comment', number: '3177', detail: expect.stringContaining('ir-20261120-0001') }]);
  });

  it('changes nothing for a delivery seen before, and records an update to a known incident', async () => {
    const h = harness();
    await h.service.ingest(sentinelIncident(), 'event-1');
    expect(await h.service.ingest(sentinelIncident(), 'event-1')).toEqual({ outcome: 'duplicate' });
    expect(await h.store.listOpen()).toHaveLength(1);
    const update = await h.service.ingest(sentinelIncident({ alertCount: 3 }), 'event-2');
    expect(update).toEqual({ outcome: 'updated', incidentId: 'ir-20261120-0001' });
    const { events } = await h.service.load('ir-20261120-0001');
    expect(events.at(-1)).toMatchObject({ type: 'SentinelUpdated', data: { alertCount: 3 } });
    expect(h.printed()).toContain('2 new alert(s), 3 in all');
  });

  it('proposes a Medium incident to triage with Declare and Dismiss, opening no war room', async () => {
    const h = harness();
    const result = await h.service.ingest(sentinelIncident({ severity: 'Medium', number: '3178' }), 'event-1');
    expect(result).toEqual({ outcome: 'proposed', incidentId: 'tr-20261120-0001' });
    expect(h.printed()).toContain('-> to triage:');
    expect(h.printed()).toContain('Declare? Sentinel #3178');
    expect(h.printed()).toContain('[Declare] -> /ir declare sentinel:3178');
    const { events } = await h.service.load('tr-20261120-0001');
    expect(events).toMatchObject([{ type: 'TriageProposed', data: { severity: 'Medium', rule: expect.stringContaining('propose') } }]);
  });

  it('declares a proposed incident from the card with the Sentinel data, recording the assessment', async () => {
    const h = harness();
    await h.service.ingest(sentinelIncident({ severity: 'Medium', number: '3178' }), 'event-1');
    const reply = await h.settle(await h.service.press({ buttonId: 'triage:3178:declare', actor: person('alice') }));
    expect(reply).toMatchObject({ ok: true, incidentId: 'ir-20261120-0002' });
    const { state } = await h.service.load('ir-20261120-0002');
    expect(state).toMatchObject({ severity: 'Medium', sentinel: { number: '3178' }, roles: { commander: ['console:alice'] } });
    const triage = await h.service.load('tr-20261120-0001');
    expect(triage.events.at(-1)).toMatchObject({ type: 'TriageDecided', actor: { id: 'alice' }, data: { decision: 'declared', incidentId: 'ir-20261120-0002' } });
    expect(await h.store.listOpen()).toEqual(['ir-20261120-0002']);
    expect((await h.service.press({ buttonId: 'triage:3178:declare', actor: person('bob') })).error?.message).toMatch(/already incident ir-20261120-0002/);
  });

  it('dismisses a proposal only with a reason, records it and tells Sentinel', async () => {
    const h = harness();
    await h.service.ingest(sentinelIncident({ severity: 'Low', number: '3179' }), 'event-1');
    const form = await h.service.press({ buttonId: 'triage:3179:dismiss', actor: person('alice') });
    expect(form).toMatchObject({ ok: true, appended: [], views: [{ blocks: [{ type: 'form', form: { id: 'form:dismiss:3179', fields: [{ name: 'reason', required: true }] } }] }] });
    expect(await h.service.submitForm({ formId: 'form:dismiss:3179', values: { reason: '  ' }, actor: person('alice') })).toMatchObject({ ok: false, error: { code: 'parse.invalid_value' }, appended: [] });
    const dismissed = await h.service.submitForm({ formId: 'form:dismiss:3179', values: { reason: 'scheduled backup job, known IP' }, actor: person('alice') });
    expect(dismissed.ok).toBe(true);
    const triage = await h.service.load('tr-20261120-0001');
    expect(triage.events.at(-1)).toMatchObject({ type: 'TriageDecided', data: { decision: 'dismissed', reason: 'scheduled backup job, known IP' } });
    expect(h.siem.calls).toEqual([{ kind: 'comment', number: '3179', detail: expect.stringContaining('scheduled backup job') }]);
    expect(await h.store.listOpen()).toEqual([]);
  });

  it('declares a proposal at once when Sentinel raises it to High', async () => {
    const h = harness();
    await h.service.ingest(sentinelIncident({ severity: 'Medium' }), 'event-1');
    expect(await h.service.ingest(sentinelIncident({ severity: 'High' }), 'event-2')).toEqual({ outcome: 'declared', incidentId: 'ir-20261120-0002' });
    expect((await h.service.load('tr-20261120-0001')).events.at(-1)).toMatchObject({ type: 'TriageDecided', data: { decision: 'declared' } });
  });

  it('ignores what no rule matches', async () => {
    const h = harness();
    expect(await h.service.ingest(sentinelIncident({ severity: 'Informational' }), 'event-1')).toEqual({ outcome: 'ignored' });
    expect(await h.store.listOpen()).toEqual([]);
  });

  it('offers the incident entities as targets of step actions', async () => {
    const h = harness({ commander: ['console:alice'], responder: ['console:bob'] });
    await h.service.ingest(sentinelIncident(), 'event-1');
    await h.service.handle({ text: '/ir assign commander alice', actor: person('alice'), incidentId: 'ir-20261120-0001' });
    const book = runbooks.find((r) => r.id === 'storage-exfiltration')!;
    const step = book.steps.find((s) => s.action?.type === 'storage.deny-public-network')!;
    const pressed = await h.settle(await h.service.press({ buttonId: `runbook:act:${step.id}`, actor: person('bob'), incidentId: 'ir-20261120-0001' }));
    expect(pressed.appended).toMatchObject([{ type: 'ActionRequested', data: { type: 'storage.deny-public-network', target: expect.stringContaining('storageAccounts/stprod01'), stepId: step.id } }]);
  });

  it('writes back the owner, executed actions and the close, and retries what failed on the next tick', async () => {
    const h = harness({ commander: ['console:alice'], responder: ['console:bob'] });
    await h.service.ingest(sentinelIncident(), 'event-1');
    const id = 'ir-20261120-0001';
    await h.settle(await h.service.handle({ text: '/ir assign commander alice', actor: person('alice'), incidentId: id }));
    expect(h.siem.calls.at(-1)).toEqual({ kind: 'owner', number: '3177', detail: { name: 'console:alice' } });
    const requested = await h.settle(await h.service.handle({ text: '/ir request storage.rotate-key /subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Storage/storageAccounts/stprod01 --keyName key1', actor: person('bob'), incidentId: id }));
    const actionId = (requested.appended[0]!.data as { actionId: string }).actionId;
    await h.settle(await h.service.handle({ text: `/ir approve ${actionId}`, actor: person('alice'), incidentId: id }));
    expect(h.siem.calls.at(-1)).toMatchObject({ kind: 'comment', detail: expect.stringContaining('Containment storage.rotate-key') });
    h.siem.failures = 3;
    await h.settle(await h.service.handle({ text: '/ir close TruePositive keys rotated', actor: person('alice'), incidentId: id }));
    expect(h.siem.calls.map((call) => call.kind)).toEqual(['comment', 'owner', 'comment']);
    expect(h.printed()).toContain('could not be updated (close)');
    expect(await h.service.retryWriteBacks()).toBe(1);
    expect(h.siem.calls.at(-1)).toEqual({ kind: 'close', number: '3177', detail: { classification: 'TruePositive', comment: expect.stringContaining('keys rotated') } });
    expect(await h.service.retryWriteBacks()).toBe(0);
  });
});

describe('entities for deliveries without them', () => {
  it('asks Sentinel for the entities of a plain incident resource', async () => {
    const clock = new FakeClock('2026-11-20T09:15:00Z');
    const store = new MemoryStore({ clock });
    const siem = new FakeSiem();
    siem.entities = async () => [{ kind: 'Ip', value: '198.51.100.9' }];
    const service = new IncidentService({ store, clock, ids: sequentialIds(), pools: {}, chats: [], logger: silentLogger, containment: new FakeContainment(), runbooks: [], siem });
    await service.ingest(sentinelIncident({ entities: [] }), 'plain-1');
    expect((await service.load('ir-20261120-0001')).state.sentinel?.entities).toEqual([{ kind: 'Ip', value: '198.51.100.9' }]);
  });
});
