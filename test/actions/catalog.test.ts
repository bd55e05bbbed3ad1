import { describe, expect, it } from 'vitest';
import { ACTION_CATALOG, ACTION_TYPES, actionParamsSchema, isActionType } from '../../src/actions/catalog.ts';
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
