import { describe, expect, it } from 'vitest';
import { ACTION_CATALOG, ACTION_TYPES, actionParamsSchema, isActionType, requestParamsUsage } from '../../src/actions/catalog.ts';
import { executeAction, isResendSafe } from '../../src/actions/action-execute.ts';
import type { ActionRecord } from '../../src/actions/action-record.ts';
import { FakeContainment } from '../support/fake-containment.ts';
import { isIpOrCidr, isPortRange } from '../../src/actions/params.ts';

describe('action catalog', () => {
  it('has the nine containment types and the support escalation, each with a target kind, a description and the agreed risk', () => {
    expect(ACTION_TYPES).toHaveLength(10);
    const medium = ACTION_TYPES.filter((type) => ACTION_CATALOG[type].risk === 'medium');
    expect(medium).toEqual(['storage.revoke-user-delegation-keys', 'entra.revoke-sessions', 'support.create-ticket']);
    expect(ACTION_CATALOG['support.create-ticket'].targetKind).toBe('subscription');
    for (const type of ACTION_TYPES) {
      expect(ACTION_CATALOG[type].type).toBe(type);
      expect(ACTION_CATALOG[type].description).toMatch(/\S/);
    }
    expect(ACTION_CATALOG['entra.disable-user'].targetKind).toBe('user');
  });

  it('narrows strings with isActionType', () => {
    expect(isActionType('cosmos.rotate-key')).toBe(true);
    expect(isActionType('cosmos.delete')).toBe(false);
  });

  it('applies parameter defaults and rejects unknown parameters', () => {
    const nsg = actionParamsSchema('network.nsg-deny-inbound');
    expect(nsg.parse({ sourceAddressPrefix: '198.51.100.4' })).toEqual({ sourceAddressPrefix: '198.51.100.4', priority: 100, destinationPortRange: '*' });
    expect(nsg.safeParse({ sourceAddressPrefix: '198.51.100.4', priority: 5000 }).success).toBe(false);
    expect(actionParamsSchema('storage.deny-public-network').safeParse({ extra: 1 }).success).toBe(false);
    expect(actionParamsSchema('cosmos.rotate-key').safeParse({ keyKind: 'primaryReadonly' }).success).toBe(true);
  });

  it('recognises IPs, CIDR ranges and port ranges', () => {
    expect(['203.0.113.7', '203.0.113.0/24', '2001:db8::/32'].every(isIpOrCidr)).toBe(true);
    expect(['203.0.113.0/33', '203.0.113', '10.0.0.0/8/1', 'Internet'].some(isIpOrCidr)).toBe(false);
    expect(['*', '443', '8000-8080'].every(isPortRange)).toBe(true);
    expect(['0', '70000', '90-80', 'http'].some(isPortRange)).toBe(false);
  });
});

describe('what derives from the action modules', () => {
  const record = (type: ActionRecord['type'], params: ActionRecord['params'], extra: Partial<ActionRecord> = {}): ActionRecord =>
    ({ id: 'act-abcd1234', type, target: NSG, params, status: 'approved', requestedBy: 'slack:U1', requestedAt: '2026-12-01T09:00:00Z', paramsHash: 'x', risk: 'high', change: 'x', simulated: false, expiresAt: '2026-12-01T10:00:00Z', ...extra }) as ActionRecord;
  const NSG = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg-web';

  it('builds /ir request usage from every typed parameter, optional ones in brackets, and the notes of untyped ones', () => {
    const usage = requestParamsUsage();
    expect(usage).toContain('--keyName key1|key2 (storage.rotate-key)');
    expect(usage).toContain('--sourceAddressPrefix <ip or cidr> [--priority 100-4096] [--destinationPortRange *] (network.nsg-deny-inbound)');
    expect(usage).toContain('--keyKind primary|secondary|primaryReadonly|secondaryReadonly (cosmos.rotate-key)');
    expect(usage).toContain('support.create-ticket files the ticket of /ir draft support');
    expect(usage).not.toContain('--ticket');
  });

  it('executes with the parameters its schemas give (defaults applied), and names the NSG rule after the action', async () => {
    const containment = new FakeContainment();
    const outcome = await executeAction(containment, record('network.nsg-deny-inbound', { sourceAddressPrefix: '203.0.113.7' }));
    expect(outcome.ok).toBe(true);
    expect(containment.calls).toEqual([{ port: 'network', method: 'addDenyRule', args: [NSG, { name: 'ic-deny-act-abcd1234', priority: 100, sourceAddressPrefix: '203.0.113.7', destinationPortRange: '*' }] }]);
  });

  it('does not call Azure with recorded parameters that no longer fit the action, and says so', async () => {
    const containment = new FakeContainment();
    const outcome = await executeAction(containment, record('network.nsg-deny-inbound', { sourceAddressPrefix: 'Internet' }));
    expect(outcome).toMatchObject({ ok: false, failure: { code: 'action.invalid_params' } });
    expect(containment.calls).toEqual([]);
  });

  it('undoes through the module of the original action, and refuses what the module cannot undo', async () => {
    const containment = new FakeContainment();
    const original = record('network.nsg-deny-inbound', { sourceAddressPrefix: '203.0.113.7', priority: 100, destinationPortRange: '*' }, { status: 'executed', before: { existed: false } });
    const undo = record('network.nsg-deny-inbound', original.params, { id: 'act-undo0001', undoOf: original.id });
    expect((await executeAction(containment, undo, original)).ok).toBe(true);
    expect(containment.calls).toEqual([{ port: 'network', method: 'removeRule', args: [NSG, 'ic-deny-act-abcd1234'] }]);
    const rotation = record('storage.rotate-key', { keyName: 'key1' }, { status: 'executed', before: null });
    expect(await executeAction(containment, { ...undo, type: 'storage.rotate-key' }, rotation)).toMatchObject({ ok: false, failure: { code: 'action.not_undoable' } });
    expect(ACTION_CATALOG['network.nsg-deny-inbound'].undo?.refuse?.({ id: 'act-x', target: NSG, params: {}, before: { existed: true } })?.message).toMatch(/existed before/);
  });

  it('says which actions may be sent again after a crash: never a key rotation', () => {
    expect(ACTION_TYPES.filter((type) => !ACTION_CATALOG[type].resendSafe)).toEqual(['storage.rotate-key', 'cosmos.rotate-key']);
    expect(isResendSafe(record('storage.deny-public-network', {}))).toBe(true);
  });
});
