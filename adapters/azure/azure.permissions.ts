import { ACTION_TYPES, type ActionType } from '../../src/actions/catalog.ts';

/**
 * What the bot's own identity needs for each containment action: the ARM
 * operations (checked by preflight, listed in deploy/azure/incident-commander-role.json)
 * and the Microsoft Graph application permissions. This is Azure knowledge,
 * not policy: which action may run, and who approves it, is decided in the core.
 */

/** The containment action types this adapter executes: the core's catalog, one list. */
export const AZURE_ACTION_TYPES = ACTION_TYPES;

export type AzureActionType = ActionType;

/** What one action type needs. */
export interface ActionRequirement {
  /** ARM operations, e.g. `Microsoft.Storage/storageAccounts/write`. */
  arm: readonly string[];
  /** Microsoft Graph application permissions (app roles), e.g. `User.RevokeSessions.All`. */
  graph: readonly string[];
}

export const STORAGE = {
  read: 'Microsoft.Storage/storageAccounts/read',
  write: 'Microsoft.Storage/storageAccounts/write',
  regenerateKey: 'Microsoft.Storage/storageAccounts/regenerateKey/action',
  revokeUserDelegationKeys: 'Microsoft.Storage/storageAccounts/revokeUserDelegationKeys/action',
} as const;

export const NETWORK = {
  read: 'Microsoft.Network/networkSecurityGroups/securityRules/read',
  write: 'Microsoft.Network/networkSecurityGroups/securityRules/write',
  delete: 'Microsoft.Network/networkSecurityGroups/securityRules/delete',
} as const;

export const COSMOS = {
  read: 'Microsoft.DocumentDB/databaseAccounts/read',
  write: 'Microsoft.DocumentDB/databaseAccounts/write',
  regenerateKey: 'Microsoft.DocumentDB/databaseAccounts/regenerateKey/action',
} as const;

export const SUPPORT = {
  write: 'Microsoft.Support/supportTickets/write',
} as const;

export const GRAPH = {
  revokeSessions: 'User.RevokeSessions.All',
  enableDisable: 'User.EnableDisableAccount.All',
  // Microsoft documents accountEnabled updates as needing User.Read.All beside
  // User.EnableDisableAccount.All; the bot also reads the previous value with it.
  readUsers: 'User.Read.All',
} as const;

/**
 * Broader Graph application permissions that also grant a needed one
 * (Microsoft's permission tables). Preflight accepts them; the least-privilege
 * grant stays the one named in ACTION_REQUIREMENTS.
 */
export const GRAPH_SUPERSETS: Readonly<Record<string, readonly string[]>> = {
  [GRAPH.revokeSessions]: ['User.ReadWrite.All', 'Directory.ReadWrite.All'],
  [GRAPH.enableDisable]: ['User.ReadWrite.All', 'Directory.ReadWrite.All'],
  [GRAPH.readUsers]: ['User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
};

/** Whether the app roles held grant `permission`, directly or through a broader one. */
export function hasGraphPermission(held: readonly string[], permission: string): boolean {
  const granting = [permission, ...(GRAPH_SUPERSETS[permission] ?? [])].map((name) => name.toLowerCase());
  return held.some((role) => granting.includes(role.toLowerCase()));
}

export const ACTION_REQUIREMENTS: Readonly<Record<AzureActionType, ActionRequirement>> = {
  'storage.rotate-key': { arm: [STORAGE.regenerateKey], graph: [] },
  'storage.revoke-user-delegation-keys': { arm: [STORAGE.revokeUserDelegationKeys], graph: [] },
  'storage.deny-public-network': { arm: [STORAGE.read, STORAGE.write], graph: [] },
  'storage.disable-shared-key': { arm: [STORAGE.read, STORAGE.write], graph: [] },
  'entra.revoke-sessions': { arm: [], graph: [GRAPH.revokeSessions] },
  'entra.disable-user': { arm: [], graph: [GRAPH.enableDisable, GRAPH.readUsers] },
  'network.nsg-deny-inbound': { arm: [NETWORK.read, NETWORK.write, NETWORK.delete], graph: [] },
  'cosmos.rotate-key': { arm: [COSMOS.regenerateKey], graph: [] },
  'cosmos.disable-public-network': { arm: [COSMOS.read, COSMOS.write], graph: [] },
  'support.create-ticket': { arm: [SUPPORT.write], graph: [] },
};

/** Every ARM operation any action needs: exactly the custom role's `Actions`. */
export function allArmOperations(): string[] {
  return [...new Set(Object.values(ACTION_REQUIREMENTS).flatMap((requirement) => requirement.arm))];
}

/** Every Graph application permission any action needs. */
export function allGraphPermissions(): string[] {
  return [...new Set(Object.values(ACTION_REQUIREMENTS).flatMap((requirement) => requirement.graph))];
}

/** The built-in roles that grant an ARM operation, least privileged first, for hints. */
export function builtInRolesFor(operation: string): string[] {
  const op = operation.toLowerCase();
  if (op === STORAGE.regenerateKey.toLowerCase())
    return ['Storage Account Key Operator Service Role', 'Storage Account Contributor'];
  if (op.startsWith('microsoft.storage/')) return ['Storage Account Contributor'];
  if (op.startsWith('microsoft.network/')) return ['Network Contributor'];
  if (op.startsWith('microsoft.documentdb/')) return ['DocumentDB Account Contributor'];
  if (op.startsWith('microsoft.support/')) return ['Support Request Contributor'];
  return ['Contributor'];
}

/** Where the least-privilege alternative lives, for hints. */
export const CUSTOM_ROLE_HINT = 'the Incident Commander custom role in deploy/azure';

/** "grant it the Network Contributor role, or the Incident Commander custom role in deploy/azure" */
export function armRemedy(operation: string, who = 'it'): string {
  const roles = builtInRolesFor(operation).map((role) => (role.endsWith(' Role') ? `the ${role}` : `the ${role} role`));
  return `grant ${who} ${roles.join(' or ')}, or ${CUSTOM_ROLE_HINT}`;
}

/** The sentence a 403 shows for a missing ARM operation. */
export function armPermissionHint(operation: string, scope: string): string {
  return `the bot's identity lacks ${operation} on ${scope}; ${armRemedy(operation)}.`;
}

function graphNames(permissions: readonly string[]): string {
  return `Microsoft Graph application permission${permissions.length > 1 ? 's' : ''} ${permissions.join(' and ')}`;
}

/** What to do about missing Graph application permissions. */
export function graphRemedy(permissions: readonly string[]): string {
  return `grant the bot's app the ${graphNames(permissions)} with admin consent (deploy/azure/README.md)`;
}

/** The sentence a Graph 403 shows. */
export function graphPermissionHint(permissions: readonly string[]): string {
  return `the bot's app lacks the ${graphNames(permissions)}; grant it with admin consent (deploy/azure/README.md).`;
}

/** Case-insensitive ARM wildcard match: `*` spans any characters, `/` included (ARM's rule). */
export function operationMatches(pattern: string, operation: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'i').test(operation);
}

/** One entry of ARM's permissions list (one per role assignment reaching the scope). */
export interface ArmPermission {
  actions: readonly string[];
  notActions: readonly string[];
}

/**
 * Whether the permission entries allow `operation`: some entry's `actions`
 * match it and that same entry's `notActions` do not (notActions subtract
 * only within their own role; another role can still grant the operation).
 */
export function isAllowed(permissions: readonly ArmPermission[], operation: string): boolean {
  return permissions.some(
    (entry) =>
      entry.actions.some((action) => operationMatches(action, operation)) &&
      !entry.notActions.some((notAction) => operationMatches(notAction, operation)),
  );
}
