import type { TargetKind } from './define-action.ts';

/** The Sentinel entity kinds a target of each kind may be taken from. */
export const TARGET_ENTITY_KINDS: Readonly<Record<TargetKind, readonly string[]>> = {
  storageAccount: ['AzureResource'],
  user: ['Account'],
  networkSecurityGroup: ['AzureResource'],
  cosmosAccount: ['AzureResource'],
  subscription: [],
};

/** Human words for each target kind, for messages. */
export const TARGET_KIND_LABELS: Readonly<Record<TargetKind, string>> = {
  storageAccount: 'a storage account resource id',
  user: 'an Entra user object id',
  networkSecurityGroup: 'a network security group resource id',
  cosmosAccount: 'a Cosmos DB account resource id',
  subscription: 'a subscription id (/subscriptions/<guid>)',
};

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
