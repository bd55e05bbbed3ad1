import type { ActionType } from './action-types.ts';

/** What the bot's own identity needs, and how (whether) a change can be undone. Facts: regulatory.md section 9. */
export interface ActionOperation {
  /** The least built-in role that grants the call (the custom role in deploy/azure grants exactly the actions). */
  minimumRole: string;
  /** How undo restores the state before, or null when nothing can bring it back. */
  undo: string | null;
}

export const ACTION_OPERATIONS: Readonly<Record<ActionType, ActionOperation>> = {
  'storage.rotate-key': { minimumRole: 'Storage Account Key Operator Service Role', undo: null },
  'storage.revoke-user-delegation-keys': { minimumRole: 'Storage Account Contributor', undo: null },
  'storage.deny-public-network': {
    minimumRole: 'Storage Account Contributor',
    undo: 'restores the public network access and firewall settings captured before',
  },
  'storage.disable-shared-key': {
    minimumRole: 'Storage Account Contributor',
    undo: 'allows Shared Key authorization again, as it was before',
  },
  'entra.revoke-sessions': { minimumRole: 'Graph application permission User.RevokeSessions.All', undo: null },
  'entra.disable-user': {
    minimumRole: 'Graph application permission User.EnableDisableAccount.All',
    undo: 'enables the account again, as it was before',
  },
  'network.nsg-deny-inbound': { minimumRole: 'Network Contributor', undo: 'removes the deny rule the bot added' },
  'cosmos.rotate-key': { minimumRole: 'DocumentDB Account Contributor', undo: null },
  'cosmos.disable-public-network': {
    minimumRole: 'DocumentDB Account Contributor',
    undo: 'restores public network access and local authentication as they were before',
  },
  'support.create-ticket': { minimumRole: 'Support Request Contributor', undo: null },
};

/** The name of the NSG rule an action adds: unique per action, so undo removes exactly it. */
export function denyRuleName(actionId: string): string {
  return `ic-deny-${actionId}`;
}
