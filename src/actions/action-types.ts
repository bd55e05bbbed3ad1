import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * The containment actions a runbook step may offer (DESIGN.md, "Containment
 * actions"). The core keeps this list so runbooks are checked at load time;
 * execution, RBAC roles and undo arrive with the containment adapters.
 */
export const ACTION_TYPES = [
  'storage.rotate-key',
  'storage.revoke-user-delegation-keys',
  'storage.deny-public-network',
  'storage.disable-shared-key',
  'entra.revoke-sessions',
  'entra.disable-user',
  'network.nsg-deny-inbound',
  'cosmos.rotate-key',
  'cosmos.disable-public-network',
  'support.create-ticket',
] as const;

/** One of the catalog's action types, e.g. `storage.rotate-key`. */
export type ActionType = (typeof ACTION_TYPES)[number];

/** What an action's target must resolve to. */
export type TargetKind = 'storageAccount' | 'user' | 'networkSecurityGroup' | 'cosmosAccount' | 'subscription';

/** High-risk actions need four eyes (requester != approver). */
export type ActionRisk = 'high' | 'medium';

/** One parameter of an action: how a value is checked once it is bound. */
export interface ActionParamSpec {
  /** Checks (and defaults) the bound value. */
  schema: z.ZodType;
  /** Whether the runbook must say where the value comes from (no default exists). */
  required: boolean;
  /** What the parameter means, for cards and lint messages. */
  description: string;
}

/** A catalog entry: what an action acts on, what it changes, how risky it is. */
export interface ActionTypeSpec {
  type: ActionType;
  targetKind: TargetKind;
  /** One line, shown before approval: what the action changes. */
  description: string;
  risk: ActionRisk;
  params: Readonly<Record<string, ActionParamSpec>>;
}

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

/** `203.0.113.7`, `203.0.113.0/24`, `2001:db8::/32`. */
export function isIpOrCidr(value: string): boolean {
  const [address = '', prefix, extra] = value.split('/');
  if (extra !== undefined) return false;
  const version = isIP(address);
  if (version === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

/** `*`, `443` or `8000-8080`, ports 1..65535. */
export function isPortRange(value: string): boolean {
  if (value === '*') return true;
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(value);
  if (!match) return false;
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  return low >= 1 && high <= 65535 && low <= high;
}

const noParams: Readonly<Record<string, ActionParamSpec>> = {};

const nsgParams: Readonly<Record<string, ActionParamSpec>> = {
  sourceAddressPrefix: {
    schema: z.string().refine(isIpOrCidr, 'must be an IP address or CIDR range, e.g. 203.0.113.7 or 203.0.113.0/24'),
    required: true,
    description: 'The address or range to block, usually the Ip entity.',
  },
  priority: {
    schema: z.coerce.number().int().min(100).max(4096).default(100),
    required: false,
    description: 'NSG rule priority, 100..4096 (lower wins); default 100.',
  },
  destinationPortRange: {
    schema: z.string().refine(isPortRange, 'must be *, a port such as 443, or a range such as 8000-8080').default('*'),
    required: false,
    description: 'Ports to deny; default * (all).',
  },
};

/** The catalog, by type. */
export const ACTION_CATALOG: Readonly<Record<ActionType, ActionTypeSpec>> = {
  'storage.rotate-key': {
    type: 'storage.rotate-key',
    targetKind: 'storageAccount',
    description: 'Regenerates one storage account access key; anything signed with the old key stops working.',
    risk: 'high',
    params: {
      keyName: {
        schema: z.enum(['key1', 'key2']),
        required: true,
        description: 'Which key to regenerate: key1 or key2.',
      },
    },
  },
  'storage.revoke-user-delegation-keys': {
    type: 'storage.revoke-user-delegation-keys',
    targetKind: 'storageAccount',
    description: 'Revokes all user delegation keys of the storage account, invalidating every user delegation SAS.',
    risk: 'medium',
    params: noParams,
  },
  'storage.deny-public-network': {
    type: 'storage.deny-public-network',
    targetKind: 'storageAccount',
    description:
      'Isolates the storage account: public network access disabled, firewall default action Deny with no bypass, ' +
      'anonymous blob access off; only private endpoints still reach it.',
    risk: 'high',
    params: noParams,
  },
  'storage.disable-shared-key': {
    type: 'storage.disable-shared-key',
    targetKind: 'storageAccount',
    description:
      'Disallows Shared Key authorization (account keys and account/service SAS); Entra ID auth keeps working.',
    risk: 'high',
    params: noParams,
  },
  'entra.revoke-sessions': {
    type: 'entra.revoke-sessions',
    targetKind: 'user',
    description: "Revokes the user's refresh tokens and session cookies; the user must sign in again.",
    risk: 'medium',
    params: noParams,
  },
  'entra.disable-user': {
    type: 'entra.disable-user',
    targetKind: 'user',
    description: 'Blocks sign-in for the Entra user account (accountEnabled = false).',
    risk: 'high',
    params: noParams,
  },
  'network.nsg-deny-inbound': {
    type: 'network.nsg-deny-inbound',
    targetKind: 'networkSecurityGroup',
    description: 'Adds an inbound Deny rule to the network security group for the given source address.',
    risk: 'high',
    params: nsgParams,
  },
  'cosmos.rotate-key': {
    type: 'cosmos.rotate-key',
    targetKind: 'cosmosAccount',
    description: 'Regenerates one Cosmos DB account key; clients using the old key are cut off.',
    risk: 'high',
    params: {
      keyKind: {
        schema: z.enum(['primary', 'secondary', 'primaryReadonly', 'secondaryReadonly']),
        required: true,
        description: 'Which key to regenerate: primary, secondary, primaryReadonly or secondaryReadonly.',
      },
    },
  },
  'cosmos.disable-public-network': {
    type: 'cosmos.disable-public-network',
    targetKind: 'cosmosAccount',
    description:
      'Isolates the Cosmos DB account: public network access disabled and key (local) authentication off, so every ' +
      'account key stops working; only private endpoints with Entra ID auth still reach it.',
    risk: 'high',
    params: noParams,
  },
  'support.create-ticket': {
    type: 'support.create-ticket',
    targetKind: 'subscription',
    description:
      'Files the drafted technical ticket with Microsoft Support (Azure Support API 2024-04-01) for the ' +
      'subscription; the ticket body shown in /ir draft support is the one filed.',
    risk: 'medium',
    params: {
      ticket: {
        schema: z.string().min(2),
        required: true,
        description: 'The Support API ticket body, built by the bot from the incident.',
      },
    },
  },
};

/** The Support ticket body is built by the bot from the incident and bound by hash; nobody types it. */
export const SERVER_BUILT_PARAMS: ReadonlySet<string> = new Set(['ticket']);

/** Narrows a string to a catalog action type. */
export function isActionType(value: string): value is ActionType {
  return (ACTION_TYPES as readonly string[]).includes(value);
}

/** The parameter names of an action, in catalog order. */
export function actionParamNames(type: ActionType): string[] {
  return Object.keys(ACTION_CATALOG[type].params);
}

/** A strict object schema for an action's bound parameters (defaults applied), for when a button is pressed. */
export function actionParamsSchema(type: ActionType): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, spec] of Object.entries(ACTION_CATALOG[type].params)) shape[name] = spec.schema;
  return z.strictObject(shape);
}
