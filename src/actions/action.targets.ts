import type { TargetKind } from './action-types.ts';

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const RG = '[-\\w._()]{1,90}';

/** ARM resource id shapes per target kind (provider segments case-insensitive, as ARM treats them). */
const PATTERNS: Record<TargetKind, RegExp> = {
  storageAccount: new RegExp(
    `^/subscriptions/${GUID}/resourceGroups/${RG}/providers/Microsoft\\.Storage/storageAccounts/[a-z0-9]{3,24}$`,
    'i',
  ),
  networkSecurityGroup: new RegExp(
    `^/subscriptions/${GUID}/resourceGroups/${RG}/providers/Microsoft\\.Network/networkSecurityGroups/[-\\w.]{1,80}$`,
    'i',
  ),
  cosmosAccount: new RegExp(
    `^/subscriptions/${GUID}/resourceGroups/${RG}/providers/Microsoft\\.DocumentDB/databaseAccounts/[a-z0-9-]{3,44}$`,
    'i',
  ),
  user: new RegExp(`^(${GUID}|[^\\s@/]+@[^\\s@/]+\\.[^\\s@/]+)$`),
  subscription: new RegExp(`^/subscriptions/${GUID}$`, 'i'),
};

const EXAMPLES: Record<TargetKind, string> = {
  storageAccount:
    '/subscriptions/<subscription id>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<account>',
  networkSecurityGroup:
    '/subscriptions/<subscription id>/resourceGroups/<group>/providers/Microsoft.Network/networkSecurityGroups/<nsg>',
  cosmosAccount:
    '/subscriptions/<subscription id>/resourceGroups/<group>/providers/Microsoft.DocumentDB/databaseAccounts/<account>',
  user: 'an Entra user object id (GUID) or user principal name',
  subscription: '/subscriptions/<subscription id>',
};

/** Whether `target` has the shape this kind of action acts on. */
export function isValidTarget(kind: TargetKind, target: string): boolean {
  return PATTERNS[kind].test(target);
}

/** What a valid target of this kind looks like, for error messages. */
export function targetExample(kind: TargetKind): string {
  return EXAMPLES[kind];
}
