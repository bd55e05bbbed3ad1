import { isRestError } from '@azure/core-rest-pipeline';
import type { ContainmentOutcome, DenyRule, NetworkContainment } from '../../src/ports/containment.port.ts';
import type { Logger } from '../../src/ports/logger.port.ts';
import type { AzureClients } from './azure.clients.ts';
import { parseArmId, parseRuleName } from './azure.ids.ts';
import { toFailure } from './azure.mapper.ts';
import { NETWORK } from './azure.permissions.ts';

/** NSG containment through `@azure/arm-network` security rules (long-running PUT and DELETE). */
export class AzureNetworkContainment implements NetworkContainment {
  constructor(
    private readonly clients: AzureClients,
    private readonly logger: Logger,
  ) {}

  async addDenyRule(nsgId: string, rule: DenyRule): Promise<ContainmentOutcome<{ existed: boolean }>> {
    const parsed = parseArmId('networkSecurityGroup', nsgId);
    if (!parsed.ok) return parsed;
    const name = parseRuleName(rule.name);
    if (!name.ok) return name;
    const nsg = parsed.resource;
    let needs: string = NETWORK.read;
    try {
      const rules = (await this.clients.network(nsg.subscriptionId)).securityRules;
      const existed = await ruleExists(() => rules.get(nsg.resourceGroup, nsg.name, rule.name));
      needs = NETWORK.write;
      await rules.beginCreateOrUpdateAndWait(
        nsg.resourceGroup,
        nsg.name,
        rule.name,
        {
          priority: rule.priority,
          direction: 'Inbound',
          access: 'Deny',
          protocol: '*',
          sourceAddressPrefix: rule.sourceAddressPrefix,
          sourcePortRange: '*',
          destinationAddressPrefix: '*',
          destinationPortRange: rule.destinationPortRange,
          description: "Added by Incident Commander (containment); remove it with the action's undo.",
        },
        this.clients.lroOptions,
      );
      const verb = existed ? 'Replaced the existing rule' : 'Added rule';
      return {
        ok: true,
        before: { existed },
        detail:
          `${verb} ${rule.name} in network security group ${nsg.name}: inbound traffic from ` +
          `${rule.sourceAddressPrefix} to port ${rule.destinationPortRange} is denied (priority ${rule.priority}).`,
      };
    } catch (error) {
      return this.#failed(error, needs, nsg.id);
    }
  }

  async removeRule(nsgId: string, ruleName: string): Promise<ContainmentOutcome> {
    const parsed = parseArmId('networkSecurityGroup', nsgId);
    if (!parsed.ok) return parsed;
    const name = parseRuleName(ruleName);
    if (!name.ok) return name;
    const nsg = parsed.resource;
    try {
      await (
        await this.clients.network(nsg.subscriptionId)
      ).securityRules.beginDeleteAndWait(nsg.resourceGroup, nsg.name, ruleName, this.clients.lroOptions);
      return { ok: true, before: null, detail: `Removed rule ${ruleName} from network security group ${nsg.name}.` };
    } catch (error) {
      return this.#failed(error, NETWORK.delete, nsg.id);
    }
  }

  #failed(error: unknown, needs: string, target: string): { ok: false; failure: ReturnType<typeof toFailure> } {
    const failure = toFailure(error, { needs: { arm: needs }, target });
    this.logger.warn('azure network containment failed', { target, status: failure.status, code: failure.code });
    return { ok: false, failure };
  }
}

/** GET the rule: 200 means it exists, 404 that it does not; anything else is a real failure. */
async function ruleExists(get: () => Promise<unknown>): Promise<boolean> {
  try {
    await get();
    return true;
  } catch (error) {
    if (isRestError(error) && error.statusCode === 404) return false;
    throw error;
  }
}
