import { z } from 'zod';
import { defineAction } from '../define-action.ts';
import { ipOrCidr, portRange } from '../params.ts';

export const denyNsgInbound = defineAction({
  type: 'network.nsg-deny-inbound',
  targetKind: 'networkSecurityGroup',
  description: 'Adds an inbound Deny rule to the network security group for the given source address.',
  risk: 'high',
  minimumRole: 'Network Contributor',
  params: {
    sourceAddressPrefix: {
      schema: ipOrCidr,
      required: true,
      description: 'The address or range to block, usually the Ip entity.',
      usage: '<ip or cidr>',
    },
    priority: {
      schema: z.coerce.number().int().min(100).max(4096).default(100),
      required: false,
      description: 'NSG rule priority, 100..4096 (lower wins); default 100.',
      usage: '100-4096',
    },
    destinationPortRange: {
      schema: portRange.default('*'),
      required: false,
      description: 'Ports to deny; default * (all).',
      usage: '*',
    },
  },
  resendSafe: true,
  execute: (containment, { id, target, params }) =>
    containment.network.addDenyRule(target, {
      name: denyRuleName(id),
      priority: params.priority,
      sourceAddressPrefix: params.sourceAddressPrefix,
      destinationPortRange: params.destinationPortRange,
    }),
  undo: {
    describe: 'removes the deny rule the bot added',
    refuse: ({ id, before }) =>
      (before as { existed?: boolean } | undefined)?.existed
        ? {
            message:
              `${id} replaced a rule of the same name that existed before; removing it would not restore ` +
              'that rule.',
            hint: 'Restore the earlier rule by hand in the Azure portal, and record a note.',
          }
        : undefined,
    revert: (containment, { id, target }) => containment.network.removeRule(target, denyRuleName(id)),
  },
});

/** The name of the NSG rule an action adds: unique per action, so undo removes exactly it. */
export function denyRuleName(actionId: string): string {
  return `ic-deny-${actionId}`;
}
