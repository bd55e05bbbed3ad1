import { describe, expect, it } from 'vitest';
import { hashParams } from '../../src/actions/action.decide.ts';
import { verifyLines } from '../../src/domain/hash-chain.ts';
import { FakeContainment } from '../support/fake-containment.ts';
import { person, serviceHarness } from '../support/service-harness.ts';

const ACCOUNT = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Storage/storageAccounts/stprod01';
const NSG = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Network/networkSecurityGroups/nsg-web';
const USER = '6f2d9c1e-3b4a-4c5d-8e9f-0a1b2c3d4e5f';
const alice = person('alice');
const bob = person('bob');
const mallory = person('mallory');
const pools = { commander: ['console:alice'], responder: ['console:bob'] };

async function declared(containment = new FakeContainment()) {
  const h = serviceHarness(pools, containment);
  await h.run(alice, '/ir declare Exfiltration from stprod01 --severity High');
  return h;
}

describe('containment: request, four eyes, approval, execution', () => {
  it('records a request with its parameters bound by hash, and changes nothing yet', async () => {
    const h = await declared();
    const reply = await h.run(bob, `/ir request storage.deny-public-network ${ACCOUNT}`);
    expect(reply.appended).toMatchObject([{ type: 'ActionRequested', data: { actionId: 'act-0002', type: 'storage.deny-public-network', target: ACCOUNT, risk: 'high', simulated: false, expiresAt: '2026-11-20T09:30:00.000Z' } }]);
    expect(reply.appended[0]!.data).toMatchObject({ paramsHash: hashParams('storage.deny-public-network', ACCOUNT, {}) });
    expect(reply.views[0]!.blocks).toContainEqual(expect.objectContaining({ type: 'actions', buttons: [expect.objectContaining({ id: 'act:act-0002:approve' }), expect.objectContaining({ id: 'act:act-0002:deny' })] }));
    expect(h.containment.calls).toEqual([]);
    expect(h.printed()).toContain('-> to console:alice:');
  });

  it('refuses the requester approving a high-risk action (four eyes) and records it; the commander approves and it runs once', async () => {
    const h = await declared();
    await h.run(bob, `/ir request storage.deny-public-network ${ACCOUNT}`);
    const self = await h.run(bob, '/ir approve act-0002');
    expect(self).toMatchObject({ ok: false, error: { code: 'policy.four_eyes' }, appended: [{ type: 'PermissionDenied', data: { rule: 'policy.four_eyes', actionId: 'act-0002' } }] });
    const approved = await h.run(alice, '/ir approve act-0002');
    expect(approved.appended.map((event) => event.type)).toEqual(['ActionApproved']);
    expect(h.containment.calls).toEqual([{ port: 'storage', method: 'isolate', args: [ACCOUNT] }]);
    const again = await h.run(alice, '/ir approve act-0002');
    expect(again).toMatchObject({ ok: false, error: { code: 'action.not_pending' }, appended: [] });
    expect(h.containment.calls).toHaveLength(1);
    const events = await h.store.load(h.incident()!);
    expect(events.map((event) => event.type).slice(-4)).toEqual(['PermissionDenied', 'ActionApproved', 'ActionStarted', 'ActionExecuted']);
    expect(events.at(-1)).toMatchObject({ actor: { platform: 'system' }, data: { actionId: 'act-0002', before: { defaultAction: 'Allow' } } });
    expect(verifyLines(h.incident()!, await h.store.loadRaw(h.incident()!)).intact).toBe(true);
  });

  it('executes once when two approvals race', async () => {
    const h = await declared();
    await h.run(bob, `/ir request storage.rotate-key ${ACCOUNT} --keyName key1`);
    const id = h.incident()!;
    const replies = await Promise.all([1, 2, 3].map(() => h.service.handle({ text: '/ir approve act-0002', actor: alice, incidentId: id })));
    await Promise.all(replies.map((reply) => reply.followUp));
    expect(replies.filter((reply) => reply.ok)).toHaveLength(1);
    expect(h.containment.calls).toEqual([{ port: 'storage', method: 'rotateKey', args: [ACCOUNT, 'key1'] }]);
  });

  it('refuses a principal with no role, recording PermissionDenied, and keeps nothing half-recorded', async () => {
    const h = await declared();
    const reply = await h.run(mallory, `/ir request entra.revoke-sessions ${USER}`);
    expect(reply).toMatchObject({ ok: false, error: { code: 'policy.not_responder' }, appended: [{ type: 'PermissionDenied' }] });
    await h.run(bob, `/ir request entra.revoke-sessions ${USER}`);
    expect(await h.run(mallory, '/ir approve act-0003')).toMatchObject({ ok: false, error: { code: 'policy.not_approver' } });
    expect(h.containment.calls).toEqual([]);
  });

  it("checks the role before the action's state: an outsider approving an executed or unknown action is refused as an outsider, recorded, and told nothing about it", async () => {
    const h = await declared();
    await h.run(bob, `/ir request storage.rotate-key ${ACCOUNT} --keyName key1`);
    await h.run(alice, '/ir approve act-0002');
    for (const [verb, id] of [['approve', 'act-0002'], ['approve', 'act-9999'], ['deny', 'act-0002'], ['undo', 'act-0002']] as const) {
      const reply = await h.run(mallory, `/ir ${verb} ${id}${verb === 'deny' ? ' no' : ''}`);
      expect(reply, `${verb} ${id}`).toMatchObject({ ok: false, appended: [{ type: 'PermissionDenied', data: { actionId: id } }] });
      expect(reply.error?.code).toMatch(/^policy\.not_/);
      expect(reply.error?.message).not.toMatch(/executed|no action/);
    }
    expect(h.containment.calls).toHaveLength(1);
  });

  it('turns a failure into ActionFailed with the status, code and hint', async () => {
    const containment = new FakeContainment();
    containment.failNext('storage', 'isolate', { status: 403, code: 'azure.forbidden', message: 'AuthorizationFailed', hint: 'grant Storage Account Contributor' });
    const h = await declared(containment);
    await h.run(bob, `/ir request storage.deny-public-network ${ACCOUNT}`);
    await h.run(alice, '/ir approve act-0002');
    const last = (await h.store.load(h.incident()!)).at(-1);
    expect(last).toMatchObject({ type: 'ActionFailed', data: { status: 403, code: 'azure.forbidden', hint: 'grant Storage Account Contributor' } });
    expect(h.printed()).toContain('Failed: storage.deny-public-network');
  });

  it('lets a medium-risk action be approved by its requester when they command', async () => {
    const h = await declared();
    await h.run(alice, `/ir request entra.revoke-sessions ${USER}`);
    expect((await h.run(alice, '/ir approve act-0002')).ok).toBe(true);
    expect(h.containment.calls).toEqual([{ port: 'identity', method: 'revokeSessions', args: [USER] }]);
  });

  it('expires an unanswered request after 15 minutes', async () => {
    const h = await declared();
    await h.run(bob, `/ir request storage.deny-public-network ${ACCOUNT}`);
    h.clock.advance(15 * 60 * 1000 + 1);
    expect(await h.run(alice, '/ir approve act-0002')).toMatchObject({ ok: false, error: { code: 'action.expired' }, appended: [] });
    expect(h.containment.calls).toEqual([]);
  });

  it('records a denial with its reason, after which approval is impossible', async () => {
    const h = await declared();
    await h.run(bob, `/ir request storage.deny-public-network ${ACCOUNT}`);
    expect((await h.run(alice, '/ir deny act-0002 breaks checkout; use the NSG instead')).appended).toMatchObject([{ type: 'ActionDenied', data: { reason: 'breaks checkout; use the NSG instead' } }]);
    expect((await h.run(alice, '/ir approve act-0002')).error?.code).toBe('action.not_pending');
  });

  it('undoes an executed action through a gated request that restores the state before', async () => {
    const h = await declared();
    await h.run(bob, `/ir request network.nsg-deny-inbound ${NSG} --sourceAddressPrefix 203.0.113.7`);
    await h.run(alice, '/ir approve act-0002');
    expect(h.containment.calls[0]).toEqual({ port: 'network', method: 'addDenyRule', args: [NSG, { name: 'ic-deny-act-0002', priority: 100, sourceAddressPrefix: '203.0.113.7', destinationPortRange: '*' }] });
    const undo = await h.run(bob, '/ir undo act-0002');
    expect(undo.appended).toMatchObject([{ type: 'ActionRequested', data: { actionId: 'act-0004', undoOf: 'act-0002' } }]);
    await h.run(alice, '/ir approve act-0004');
    expect(h.containment.calls[1]).toEqual({ port: 'network', method: 'removeRule', args: [NSG, 'ic-deny-act-0002'] });
    const events = await h.store.load(h.incident()!);
    expect(events.slice(-2).map((event) => event.type)).toEqual(['ActionExecuted', 'ActionUndone']);
    expect((await h.run(bob, '/ir undo act-0002')).error?.code).toBe('action.not_undoable');
  });

  it('refuses to undo an NSG rule that replaced one of the same name, since deleting it would not restore the old one', async () => {
    const containment = new FakeContainment();
    containment.network.addDenyRule = async (id: string, rule: unknown) => {
      containment.calls.push({ port: 'network', method: 'addDenyRule', args: [id, rule] });
      return { ok: true, before: { existed: true }, detail: 'replaced' };
    };
    const h = await declared(containment);
    await h.run(bob, `/ir request network.nsg-deny-inbound ${NSG} --sourceAddressPrefix 203.0.113.7`);
    await h.run(alice, '/ir approve act-0002');
    expect(await h.run(bob, '/ir undo act-0002')).toMatchObject({ ok: false, error: { code: 'action.not_undoable', message: expect.stringMatching(/replaced a rule/) }, appended: [] });
  });

  it('refuses to undo what cannot be undone', async () => {
    const h = await declared();
    await h.run(bob, `/ir request storage.rotate-key ${ACCOUNT} --keyName key2`);
    await h.run(alice, '/ir approve act-0002');
    expect(await h.run(bob, '/ir undo act-0002')).toMatchObject({ ok: false, error: { code: 'action.not_undoable' }, appended: [] });
  });

  it.each([
    [`/ir request storage.deny-public-network /subscriptions/x/stprod01`, 'action.invalid_target'],
    [`/ir request network.nsg-deny-inbound ${NSG} --sourceAddressPrefix 999.1.1.1`, 'action.invalid_params'],
    [`/ir request storage.rotate-key ${ACCOUNT}`, 'parse.invalid_value'],
    [`/ir request storage.rotate-key ${ACCOUNT} --keyName key1 --priority 5`, 'parse.invalid_value'],
    [`/ir request storage.nuke ${ACCOUNT}`, 'parse.invalid_value'],
    ['/ir approve 42', 'parse.invalid_value'],
    ['/ir deny act-0002', 'parse.invalid_value'],
  ])('refuses %s with %s and records nothing', async (text, code) => {
    const h = await declared();
    const before = (await h.store.load(h.incident()!)).length;
    expect(await h.run(bob, text)).toMatchObject({ ok: false, error: { code }, appended: [] });
    expect(await h.store.load(h.incident()!)).toHaveLength(before);
  });

  it('marks every request and result as simulated when containment is simulated', async () => {
    const h = await declared(new FakeContainment(true));
    const reply = await h.run(bob, `/ir request storage.deny-public-network ${ACCOUNT}`);
    expect(reply.appended[0]!.data).toMatchObject({ simulated: true });
    expect(JSON.stringify(reply.views)).toContain('SIMULATED');
    await h.run(alice, '/ir approve act-0002');
    expect((await h.store.load(h.incident()!)).at(-1)).toMatchObject({ type: 'ActionExecuted', data: { simulated: true } });
  });

  it('finds the incident of an approval button pressed in a direct message, where no war room names it', async () => {
    const h = await declared();
    await h.run(bob, `/ir request storage.deny-public-network ${ACCOUNT}`);
    const reply = await h.service.press({ buttonId: 'act:act-0002:approve', actor: alice });
    await reply.followUp;
    expect(reply).toMatchObject({ ok: true, incidentId: h.incident() });
    expect(h.containment.calls).toHaveLength(1);
  });

  it('lists the actions and their fate', async () => {
    const h = await declared();
    await h.run(bob, `/ir request storage.deny-public-network ${ACCOUNT}`);
    await h.run(alice, '/ir approve act-0002');
    const list = await h.run(bob, '/ir actions');
    expect(JSON.stringify(list.views)).toContain('act-0002 storage.deny-public-network');
    expect(JSON.stringify(list.views)).toContain('executed, approved by console:alice');
  });
});

describe('drills', () => {
  it('declares a practice incident on the named runbook whose approved actions run on the drill executor, never the real one', async () => {
    const { loadRunbookDir } = await import('../../src/runbooks/runbook.loader.ts');
    const runbooks = (await loadRunbookDir(new URL('../../runbooks', import.meta.url).pathname)).runbooks;
    const real = new FakeContainment(false);
    const drill = new FakeContainment(true);
    const h = serviceHarness(pools, real, runbooks, { drillContainment: drill });
    const declared = await h.run(alice, '/ir drill leaked-sas-token');
    expect(declared.appended).toMatchObject([{ type: 'IncidentDeclared', data: { title: 'DRILL: Leaked SAS token or storage account key', drill: true } }, { type: 'RunbookStarted', data: { runbookId: 'leaked-sas-token', reasons: ['drill'] } }, { type: 'WarRoomOpened' }]);
    const requested = await h.run(bob, `/ir request storage.rotate-key ${ACCOUNT} --keyName key1`);
    expect(requested.appended[0]!.data).toMatchObject({ simulated: true });
    const actionId = (requested.appended[0]!.data as { actionId: string }).actionId;
    await h.run(alice, `/ir approve ${actionId}`);
    expect(real.calls).toEqual([]);
    expect(drill.calls).toEqual([{ port: 'storage', method: 'rotateKey', args: [ACCOUNT, 'key1'] }]);
    expect((await h.store.load(h.incident()!)).at(-1)).toMatchObject({ type: 'ActionExecuted', data: { simulated: true } });
  });

  it('fails a drill action closed when no simulated executor is there', async () => {
    const { loadRunbookDir } = await import('../../src/runbooks/runbook.loader.ts');
    const runbooks = (await loadRunbookDir(new URL('../../runbooks', import.meta.url).pathname)).runbooks;
    const real = new FakeContainment(false);
    const h = serviceHarness(pools, real, runbooks);
    await h.run(alice, '/ir drill leaked-sas-token');
    const requested = await h.run(bob, `/ir request storage.rotate-key ${ACCOUNT} --keyName key1`);
    await h.run(alice, `/ir approve ${(requested.appended[0]!.data as { actionId: string }).actionId}`);
    expect(real.calls).toEqual([]);
    expect((await h.store.load(h.incident()!)).at(-1)).toMatchObject({ type: 'ActionFailed', data: { code: 'action.no_simulator' } });
  });

  it('refuses a drill of an unknown runbook and records nothing', async () => {
    const h = serviceHarness(pools);
    expect(await h.run(alice, '/ir drill nope')).toMatchObject({ ok: false, error: { code: 'runbook.unknown' }, appended: [] });
    expect(await h.store.listOpen()).toEqual([]);
  });
});
