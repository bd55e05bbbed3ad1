import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRunbookDir } from '../../src/runbooks/runbook.loader.ts';
import type { Runbook } from '../../src/runbooks/runbook.schema.ts';
import { FakeContainment } from '../support/fake-containment.ts';
import { person, serviceHarness } from '../support/service-harness.ts';

let runbooks: Runbook[];
beforeAll(async () => {
  runbooks = (await loadRunbookDir(join(import.meta.dirname, '..', '..', 'runbooks'))).runbooks;
});

const alice = person('alice');
const bob = person('bob');
const pools = { commander: ['console:alice'], responder: ['console:bob'] };

async function declared(title = 'Exfiltration from stprod01') {
  const h = serviceHarness(pools, new FakeContainment(), runbooks);
  const reply = await h.run(alice, `/ir declare ${title} --severity High`);
  return { h, reply };
}

describe('runbooks in an incident', () => {
  it('gives a storage-exfiltration incident the storage runbook and shows its first step', async () => {
    const { h, reply } = await declared();
    expect(reply.appended).toMatchObject([{ type: 'IncidentDeclared' }, { type: 'RunbookStarted', data: { runbookId: 'storage-exfiltration', chosen: 'matched' } }, { type: 'WarRoomOpened' }]);
    const first = runbooks.find((r) => r.id === 'storage-exfiltration')!.steps[0]!;
    expect(reply.views[1]!.blocks[0]).toMatchObject({ type: 'header', text: expect.stringContaining(first.title) });
    const next = await h.run(bob, '/ir next');
    expect(next.views[0]!.blocks).toContainEqual({ type: 'markdown', text: first.instructions });
  });

  it('advances on done with evidence, recording who, when and the evidence', async () => {
    const { h } = await declared();
    const book = runbooks.find((r) => r.id === 'storage-exfiltration')!;
    const [first, second] = book.steps;
    h.clock.advance(120_000);
    const done = await h.run(bob, '/ir done StorageBlobLogs export saved to evidence container, 1.2M GetBlob from 203.0.113.7');
    expect(done.appended).toMatchObject([{ type: 'StepCompleted', actor: bob, at: '2026-11-20T09:17:00.000Z', data: { runbookId: 'storage-exfiltration', stepId: first!.id, evidence: 'StorageBlobLogs export saved to evidence container, 1.2M GetBlob from 203.0.113.7', controls: first!.controls } }]);
    expect(done.views[1]!.blocks[0]).toMatchObject({ type: 'header', text: expect.stringContaining(second!.title) });
  });

  it('refuses done without evidence where the step asks for it, and skip without a reason; neither records anything', async () => {
    const { h } = await declared();
    const before = (await h.store.load(h.incident()!)).length;
    expect(await h.run(bob, '/ir done')).toMatchObject({ ok: false, error: { code: 'runbook.evidence_required' }, appended: [] });
    expect(await h.run(alice, '/ir skip')).toMatchObject({ ok: false, error: { code: 'parse.invalid_value', usage: '/ir skip <reason>' }, appended: [] });
    expect(await h.store.load(h.incident()!)).toHaveLength(before);
  });

  it('lets only the commander skip a mandatory step, and records the refusal', async () => {
    const { h } = await declared();
    const refused = await h.run(bob, '/ir skip alert already triaged by the SOC');
    expect(refused).toMatchObject({ ok: false, error: { code: 'policy.mandatory_step' }, appended: [{ type: 'PermissionDenied' }] });
    const skipped = await h.run(alice, '/ir skip alert already triaged by the SOC');
    expect(skipped.appended).toMatchObject([{ type: 'StepSkipped', data: { reason: 'alert already triaged by the SOC' } }]);
  });

  it('lets the commander switch runbooks, and shows the checklist', async () => {
    const { h } = await declared('Something odd in the tenant');
    expect((await h.run(bob, '/ir runbook leaked-sas-token')).error?.code).toBe('policy.not_commander');
    expect((await h.run(alice, '/ir runbook leaked-sas-token')).appended).toMatchObject([{ type: 'RunbookStarted', data: { runbookId: 'leaked-sas-token', chosen: 'by-hand' } }]);
    const checklist = await h.run(bob, '/ir runbook');
    expect(checklist.views[0]!.blocks).toContainEqual(expect.objectContaining({ type: 'checklist' }));
    expect((await h.run(alice, '/ir runbook no-such-book')).error?.code).toBe('runbook.unknown');
  });

  it('explains a step action button that needs a target typed, and turns a typed request into an approval', async () => {
    const { h } = await declared();
    const book = runbooks.find((r) => r.id === 'storage-exfiltration')!;
    const step = book.steps.find((s) => s.action)!;
    const pressed = await h.service.press({ buttonId: `runbook:act:${step.id}`, actor: bob, incidentId: h.incident()! });
    expect(pressed).toMatchObject({ ok: false, error: { code: 'action.invalid_target', hint: expect.stringContaining(`/ir request ${step.action!.type}`) }, appended: [] });
  });
});

describe('the evidence export', () => {
  it('lists each step outcome with who, when, evidence and controls, and each action with its fate', async () => {
    const { exportIncident, exportMarkdown } = await import('../../src/app/evidence.ts');
    const { h } = await declared();
    await h.run(bob, '/ir done exported StorageBlobLogs for 72 hours');
    await h.run(alice, '/ir skip scope already known from the alert');
    await h.run(bob, '/ir request storage.rotate-key /subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stprod01 --keyName key1');
    const doc = await exportIncident(h.store, h.incident()!, h.clock.now());
    expect(doc?.steps).toMatchObject([
      { outcome: 'done', by: 'console:bob', evidence: 'exported StorageBlobLogs for 72 hours', controls: expect.arrayContaining([expect.stringMatching(/^(ISO27001|SOC2):/)]) },
      { outcome: 'skipped', by: 'console:alice', reason: 'scope already known from the alert' },
    ]);
    expect(doc?.actions).toMatchObject([{ type: 'storage.rotate-key', requestedBy: 'console:bob', approvedBy: null, status: 'pending', params: { keyName: 'key1' } }]);
    const md = exportMarkdown(doc!);
    expect(md).toContain('exported StorageBlobLogs for 72 hours');
    expect(md).toContain('| storage.rotate-key |');
  });
});
