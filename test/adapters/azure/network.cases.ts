import { beforeEach, describe, expect, it } from 'vitest';
import { NSG_ID, type AzureRig } from './azure.harness.ts';

/** Registers these cases against the rig the entry file (azure.executor.test.ts) starts. */
export function networkCases(use: () => AzureRig): void {
  let rig: AzureRig;
  beforeEach(() => {
    rig = use();
  });

  const RULE = { name: 'ic-deny-203-0-113-7', priority: 110, sourceAddressPrefix: '203.0.113.7', destinationPortRange: '443' };
  const RULE_PATH = `${NSG_ID}/securityRules/${RULE.name}`;

  describe('NSG containment against the fake ARM, through @azure/arm-network', () => {
    it('addDenyRule: learns the rule did not exist, PUTs an inbound Deny rule and polls the long-running operation to the end', async () => {
      const outcome = await rig.containment.network.addDenyRule(NSG_ID, RULE);

      expect(outcome).toMatchObject({ ok: true, before: { existed: false } });
      const calls = rig.arm.calls.map((call) => `${call.method} ${call.path.replace(/op-\d+/, 'op')}`);
      expect(calls).toEqual([
        `GET ${RULE_PATH}`,
        `PUT ${RULE_PATH}`,
        // 201 + Azure-AsyncOperation: InProgress, then Succeeded, then the final GET of the rule.
        `GET /subscriptions/${NSG_ID.split('/')[2]}/providers/Microsoft.Network/locations/westus/operations/op`,
        `GET /subscriptions/${NSG_ID.split('/')[2]}/providers/Microsoft.Network/locations/westus/operations/op`,
        `GET ${RULE_PATH}`,
      ]);
      expect(rig.arm.calls[1]?.body).toMatchObject({
        properties: { priority: 110, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '203.0.113.7', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '443' },
      });
      expect(rig.arm.calls[1]?.apiVersion).toBe('2025-05-01');
      expect(rig.arm.rules.get(NSG_ID.toLowerCase())?.has(RULE.name)).toBe(true);
    });

    it('addDenyRule says when a rule of that name existed (it is replaced)', async () => {
      rig.arm.addNsg(NSG_ID, [{ name: RULE.name, properties: { access: 'Allow', direction: 'Inbound', priority: 110 } }]);
      const outcome = await rig.containment.network.addDenyRule(NSG_ID, RULE);
      expect(outcome).toMatchObject({ ok: true, before: { existed: true } });
      expect(outcome.ok && outcome.detail).toMatch(/^Replaced the existing rule/);
    });

    it('also completes when ARM answers the PUT with the final rule at once (200, no polling)', async () => {
      rig.arm.rulePutMode = 'sync';
      const outcome = await rig.containment.network.addDenyRule(NSG_ID, RULE);
      expect(outcome.ok).toBe(true);
      expect(rig.arm.calls.map((call) => call.method)).toEqual(['GET', 'PUT']);
    });

    it('removeRule: DELETE, then polls the Location until the operation ends', async () => {
      await rig.containment.network.addDenyRule(NSG_ID, RULE);
      rig.arm.calls.length = 0;

      const outcome = await rig.containment.network.removeRule(NSG_ID, RULE.name);

      expect(outcome).toMatchObject({ ok: true, before: null });
      expect(rig.arm.calls.map((call) => call.method)).toEqual(['DELETE', 'GET', 'GET']);
      expect(rig.arm.calls[1]?.path).toMatch(/\/operationResults\/op-\d+$/);
      expect(rig.arm.rules.get(NSG_ID.toLowerCase())?.has(RULE.name)).toBe(false);
    });

    it('refuses a rule name Azure would refuse, without any call', async () => {
      const outcome = await rig.containment.network.addDenyRule(NSG_ID, { ...RULE, name: 'bad name/../x' });
      expect(outcome).toMatchObject({ ok: false, failure: { code: 'azure.invalid_target' } });
      expect(rig.arm.calls).toEqual([]);
    });

    it('a failed long-running operation is a failure value, not an exception', async () => {
      rig.arm.failNextOperation = { code: 'SecurityRuleConflict', message: 'Security rule ic-deny conflicts with rule allow-https: same priority and direction.' };
      const outcome = await rig.containment.network.addDenyRule(NSG_ID, RULE);
      expect(outcome).toMatchObject({ ok: false, failure: { code: 'azure.error', message: expect.stringContaining('SecurityRuleConflict') } });
    });
  });
}
