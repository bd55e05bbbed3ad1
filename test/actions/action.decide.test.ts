import { describe, expect, it } from 'vitest';
import { DECLARED, T0, alice, bob, carol, given, mallory, past } from '../support/given.ts';
import { approversOf, decideOutcome, hashParams } from '../../src/actions/action.decide.ts';
import { approvalView } from '../../src/actions/action.views.ts';

/** The containment deciders (request, approve, deny, undo, an executor's outcome), called directly. */

const ACCOUNT = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stprod01';
const NSG = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg-web';
const USER = '62855810-484b-4823-9e01-60667f8b12ae';

/** Bob asked for a high-risk key rotation at T0 plus two minutes; it expires 15 minutes later. */
const rotateRequested = past('ActionRequested', { actionId: 'act-rot1', type: 'storage.rotate-key', target: ACCOUNT, params: { keyName: 'key1' }, paramsHash: hashParams('storage.rotate-key', ACCOUNT, { keyName: 'key1' }), risk: 'high', change: 'rotates a key', simulated: false, expiresAt: new Date(T0.getTime() + 17 * 60_000).toISOString() }, bob);
const REQUESTED = [...DECLARED, rotateRequested];
/** Within the request's quarter hour. */
const soon = { now: new Date(T0.getTime() + 5 * 60_000) };

describe('request', () => {
  it('records a responder\'s request, its parameters bound by hash, expiring after the approval time', () => {
    given(DECLARED).when({ name: 'request', type: 'storage.rotate-key', target: ACCOUNT, params: { keyName: 'key2' } }, { actor: bob, now: T0 }).then({
      type: 'ActionRequested',
      data: { actionId: 'act-new0001', type: 'storage.rotate-key', target: ACCOUNT, params: { keyName: 'key2' }, paramsHash: hashParams('storage.rotate-key', ACCOUNT, { keyName: 'key2' }), risk: 'high', simulated: false, expiresAt: new Date(T0.getTime() + 15 * 60_000).toISOString() },
    });
  });

  it('marks a request simulated when containment is, and in a drill', () => {
    given(DECLARED).when({ name: 'request', type: 'entra.revoke-sessions', target: USER, params: {} }, { actor: bob, simulated: true }).then({ type: 'ActionRequested', data: { simulated: true, risk: 'medium' } });
    const drill = past('IncidentDeclared', { title: 'DRILL: x', severity: 'Low', commander: 'slack:U0ALICE', drill: true });
    given(drill).when({ name: 'request', type: 'entra.revoke-sessions', target: USER, params: {} }).then({ type: 'ActionRequested', data: { simulated: true } });
  });

  it('refuses, on the record, someone who is not a responder or commander', () => {
    given(DECLARED).when({ name: 'request', type: 'entra.revoke-sessions', target: USER, params: {} }, { actor: mallory }).refused('policy.not_responder', { recorded: true });
  });

  it('lets the owner role of the step the request comes from request it', () => {
    const withLegal = [...DECLARED, past('RoleAssigned', { role: 'legal', principal: 'slack:U0MALLORY' })];
    const pools = { commander: ['slack:U0ALICE'], responder: ['slack:U0BOB'], legal: ['slack:U0MALLORY'] };
    given(withLegal).when({ name: 'request', type: 'entra.revoke-sessions', target: USER, params: {} }, { actor: mallory, pools }).refused('policy.not_responder', { recorded: true });
    given(withLegal).when({ name: 'request', type: 'entra.revoke-sessions', target: USER, params: {}, stepId: 'notify', stepOwner: 'legal' }, { actor: mallory, pools }).then({ type: 'ActionRequested', data: { stepId: 'notify' } });
  });

  it('refuses an unknown action, a target of the wrong kind and bad parameters, without recording', () => {
    given(DECLARED).when({ name: 'request', type: 'vm.delete', target: ACCOUNT, params: {} }, { actor: bob }).refused('action.unknown_type');
    given(DECLARED).when({ name: 'request', type: 'storage.rotate-key', target: USER, params: { keyName: 'key1' } }, { actor: bob }).refused('action.invalid_target');
    given(DECLARED).when({ name: 'request', type: 'storage.rotate-key', target: ACCOUNT, params: { keyName: 'key9' } }, { actor: bob }).refused('action.invalid_params', { message: /--keyName/ });
  });
});

describe('approve', () => {
  it('approves with the hash the request bound, by another commander than the requester', () => {
    given(REQUESTED).when({ name: 'approve', actionId: 'act-rot1' }, soon).then({ type: 'ActionApproved', data: { actionId: 'act-rot1', paramsHash: hashParams('storage.rotate-key', ACCOUNT, { keyName: 'key1' }) } });
    given(REQUESTED).when({ name: 'approve', actionId: 'act-rot1' }, { ...soon, actor: carol }).then({ type: 'ActionApproved' });
  });

  it('refuses the requester of a high-risk action (four eyes), on the record, naming the action', () => {
    const byAlice = [...DECLARED, { ...rotateRequested, actor: alice }];
    const outcome = given(byAlice).when({ name: 'approve', actionId: 'act-rot1' }, soon);
    outcome.refused('policy.four_eyes', { recorded: true });
    expect(outcome.decision).toMatchObject({ record: { data: { actionId: 'act-rot1', command: 'approve' } } });
  });

  it('lets the requester of a medium-risk action approve it when they may approve', () => {
    const revoke = past('ActionRequested', { actionId: 'act-rev1', type: 'entra.revoke-sessions', target: USER, params: {}, paramsHash: 'h', risk: 'medium', change: 'c', simulated: false, expiresAt: new Date(T0.getTime() + 17 * 60_000).toISOString() }, alice);
    given(DECLARED, revoke).when({ name: 'approve', actionId: 'act-rev1' }, soon).then({ type: 'ActionApproved' });
  });

  it('refuses a responder (not an approver), on the record', () => {
    given(REQUESTED).when({ name: 'approve', actionId: 'act-rot1' }, { ...soon, actor: mallory }).refused('policy.not_approver', { recorded: true });
  });

  it('refuses an unknown, an expired and an already decided action, without recording', () => {
    given(REQUESTED).when({ name: 'approve', actionId: 'act-none' }, soon).refused('action.not_found');
    given(REQUESTED).when({ name: 'approve', actionId: 'act-rot1' }, { now: new Date(T0.getTime() + 18 * 60_000) }).refused('action.expired', { message: /expired at/ });
    const approved = [...REQUESTED, past('ActionApproved', { actionId: 'act-rot1', paramsHash: 'x' })];
    given(approved).when({ name: 'approve', actionId: 'act-rot1' }, soon).refused('action.not_pending', { message: /already approved/ });
  });

  it('approves again an action whose outcome is unknown, even past its expiry (a retry after checking Azure)', () => {
    const unknown = [...REQUESTED, past('ActionApproved', { actionId: 'act-rot1', paramsHash: 'x' }), past('ActionOutcomeUnknown', { actionId: 'act-rot1', reason: 'timeout' })];
    given(unknown).when({ name: 'approve', actionId: 'act-rot1' }, { now: new Date(T0.getTime() + 60 * 60_000) }).then({ type: 'ActionApproved' });
    given(unknown).when({ name: 'deny', actionId: 'act-rot1', reason: 'no' }, soon).refused('action.not_pending', { message: /unknown/ });
  });
});

describe('deny', () => {
  it('denies with the reason, by a commander', () => {
    given(REQUESTED).when({ name: 'deny', actionId: 'act-rot1', reason: 'the key is in use by checkout' }, soon).then({ type: 'ActionDenied', data: { actionId: 'act-rot1', reason: 'the key is in use by checkout' } });
  });

  it('refuses a non-approver on the record, and an action no longer pending without', () => {
    given(REQUESTED).when({ name: 'deny', actionId: 'act-rot1', reason: 'x' }, { ...soon, actor: bob }).refused('policy.not_approver', { recorded: true });
    const denied = [...REQUESTED, past('ActionDenied', { actionId: 'act-rot1', reason: 'x' })];
    given(denied).when({ name: 'deny', actionId: 'act-rot1', reason: 'y' }, soon).refused('action.not_pending');
  });
});

describe('undo', () => {
  const nsgRequested = past('ActionRequested', { actionId: 'act-nsg1', type: 'network.nsg-deny-inbound', target: NSG, params: { source: '203.0.113.7', ports: '*', priority: 100 }, paramsHash: 'h', risk: 'high', change: 'adds a deny rule', simulated: false, expiresAt: new Date(T0.getTime() + 17 * 60_000).toISOString() }, bob);
  const executed = (before: unknown) => [...DECLARED, nsgRequested, past('ActionApproved', { actionId: 'act-nsg1', paramsHash: 'h' }), past('ActionExecuted', { actionId: 'act-nsg1', simulated: false, before, detail: 'rule added' })];

  it('requests the undo of an executed action as a new action of the same type and risk, naming the original', () => {
    given(executed({ existed: false })).when({ name: 'undo', actionId: 'act-nsg1' }, { actor: bob }).then({ type: 'ActionRequested', data: { actionId: 'act-new0001', type: 'network.nsg-deny-inbound', target: NSG, undoOf: 'act-nsg1', risk: 'high', change: expect.stringContaining('Undo of act-nsg1') } });
  });

  it('refuses what the action module refuses (a rule that existed before the bot), without recording', () => {
    given(executed({ existed: true })).when({ name: 'undo', actionId: 'act-nsg1' }, { actor: bob }).refused('action.not_undoable');
  });

  it('refuses an action that has not run, one that cannot be undone, and an unknown one', () => {
    given(DECLARED, nsgRequested).when({ name: 'undo', actionId: 'act-nsg1' }, { actor: bob }).refused('action.not_undoable', { message: /only an executed action/ });
    const revoked = [...DECLARED, past('ActionRequested', { actionId: 'act-rev1', type: 'entra.revoke-sessions', target: USER, params: {}, paramsHash: 'h', risk: 'medium', change: 'c', simulated: false, expiresAt: T0.toISOString() }), past('ActionApproved', { actionId: 'act-rev1', paramsHash: 'h' }), past('ActionExecuted', { actionId: 'act-rev1', simulated: false, before: null, detail: 'd' })];
    given(revoked).when({ name: 'undo', actionId: 'act-rev1' }, { actor: bob }).refused('action.not_undoable', { message: /cannot be undone/ });
    given(DECLARED).when({ name: 'undo', actionId: 'act-none' }).refused('action.not_found');
  });

  it('refuses, on the record, someone who may not request', () => {
    given(executed({ existed: false })).when({ name: 'undo', actionId: 'act-nsg1' }, { actor: mallory }).refused('policy.not_responder', { recorded: true });
  });
});

describe('an executor\'s outcome', () => {
  const approved = [...REQUESTED, past('ActionApproved', { actionId: 'act-rot1', paramsHash: 'x' })];

  it('records an execution or a failure of an approved action', () => {
    given(approved).whenDecided((state) => decideOutcome(state, 'act-rot1', { ok: true, before: { key: 'old' }, detail: 'key1 rotated' })).then({ type: 'ActionExecuted', data: { actionId: 'act-rot1', before: { key: 'old' }, detail: 'key1 rotated', simulated: false } });
    given(approved).whenDecided((state) => decideOutcome(state, 'act-rot1', { ok: false, failure: { status: 403, code: 'azure.forbidden', message: 'no', hint: 'grant it' } })).then({ type: 'ActionFailed', data: { status: 403, code: 'azure.forbidden' } });
  });

  it('records nothing for an action that is not approved (a second executor, a replay)', () => {
    given(REQUESTED).whenDecided((state) => decideOutcome(state, 'act-rot1', { ok: true, before: null, detail: 'd' })).then();
    const done = [...approved, past('ActionExecuted', { actionId: 'act-rot1', simulated: false, before: null, detail: 'd' })];
    given(done).whenDecided((state) => decideOutcome(state, 'act-rot1', { ok: true, before: null, detail: 'd' })).then();
  });

  it('marks the original undone when an undo executes', () => {
    const undo = [...approved, past('ActionExecuted', { actionId: 'act-rot1', simulated: false, before: null, detail: 'd' }), past('ActionRequested', { actionId: 'act-und1', type: 'storage.rotate-key', target: ACCOUNT, params: { keyName: 'key1' }, paramsHash: 'h', risk: 'high', change: 'Undo', simulated: false, expiresAt: T0.toISOString(), undoOf: 'act-rot1' }), past('ActionApproved', { actionId: 'act-und1', paramsHash: 'h' })];
    given(undo).whenDecided((state) => decideOutcome(state, 'act-und1', { ok: true, before: null, detail: 'd' })).then({ type: 'ActionExecuted' }, { type: 'ActionUndone', data: { actionId: 'act-rot1', undoActionId: 'act-und1' } });
  });
});

describe('who may approve', () => {
  it('is the incident\'s commanders and the commander pool, and the approval card\'s buttons carry that audience', () => {
    const { state } = given(REQUESTED, past('RoleAssigned', { role: 'commander', principal: 'teams:aad-dave', replaced: 'slack:U0ALICE' }));
    const approvers = approversOf(state, { commander: ['slack:U0ALICE', 'legal-lead@example.com'] });
    expect(approvers).toEqual(['teams:aad-dave', 'slack:U0ALICE', 'legal-lead@example.com']);
    const record = state.actions['act-rot1']!;
    const buttons = approvalView(state, record, { commander: ['slack:U0ALICE', 'legal-lead@example.com'] }).blocks.flatMap((block) => (block.type === 'actions' ? block.buttons : []));
    expect(buttons.map((button) => [button.label, button.audience])).toEqual([['Approve', approvers], ['Deny', approvers]]);
  });

  it('holds for an email in the pool, matched against the actor\'s verified email', () => {
    const pools = { commander: ['lead@example.com'], responder: ['slack:U0BOB'] };
    given(REQUESTED).when({ name: 'approve', actionId: 'act-rot1' }, { ...soon, actor: { ...mallory, email: 'Lead@Example.com' }, pools }).then({ type: 'ActionApproved' });
    given(REQUESTED).when({ name: 'approve', actionId: 'act-rot1' }, { ...soon, actor: mallory, pools }).refused('policy.not_approver', { recorded: true });
  });
});
