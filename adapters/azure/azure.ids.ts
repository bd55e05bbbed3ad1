import type { ContainmentFailure } from '../../src/ports/containment.port.ts';

/**
 * Strict parsing of the targets the core hands over: full ARM resource ids
 * and Entra user ids. Anything that does not fit is refused before any HTTP
 * call, with the expected shape in the hint.
 */

/** The three ARM resource kinds containment acts on. */
export type ArmKind = 'storageAccount' | 'networkSecurityGroup' | 'cosmosAccount';

/** A parsed ARM resource id. `id` is the canonical spelling used for state and messages. */
export interface ArmResource {
  kind: ArmKind;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  id: string;
}

interface KindSpec {
  provider: string;
  type: string;
  /** Azure's own naming rule for the resource, so a typo is refused here and not at ARM. */
  name: RegExp;
  nameRule: string;
  label: string;
}

const KINDS: Readonly<Record<ArmKind, KindSpec>> = {
  storageAccount: {
    provider: 'Microsoft.Storage',
    type: 'storageAccounts',
    name: /^[a-z0-9]{3,24}$/,
    nameRule: '3-24 lowercase letters and digits',
    label: 'storage account',
  },
  networkSecurityGroup: {
    provider: 'Microsoft.Network',
    type: 'networkSecurityGroups',
    name: /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/,
    nameRule: '1-80 letters, digits, _ . -',
    label: 'network security group',
  },
  cosmosAccount: {
    provider: 'Microsoft.DocumentDB',
    type: 'databaseAccounts',
    name: /^[a-z0-9](?:[a-z0-9-]{1,48}[a-z0-9])$/,
    nameRule: '3-50 lowercase letters, digits and hyphens',
    label: 'Cosmos DB account',
  },
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Resource group names: 1-90 of letters, digits, _ - . ( ), not ending in a period (ARM's rule).
const RESOURCE_GROUP = /^[-\w.()]{0,89}[-\w()]$/;
// user@domain; guest accounts look like alice_contoso.com#EXT#@fabrikam.onmicrosoft.com.
const UPN =
  /^[A-Za-z0-9._%+'#-]{1,113}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** The shape an id of `kind` must have, for hints. */
export function expectedShape(kind: ArmKind): string {
  const spec = KINDS[kind];
  return (
    `/subscriptions/<subscription id>/resourceGroups/<resource group>/providers/${spec.provider}/${spec.type}` +
    `/<name>`
  );
}

function invalid(message: string, hint: string): ContainmentFailure {
  return { code: 'azure.invalid_target', message, hint };
}

/** Parses a full ARM id of `kind`; provider and type segments compare case-insensitively, as ARM does. */
export function parseArmId(
  kind: ArmKind,
  value: string,
): { ok: true; resource: ArmResource } | { ok: false; failure: ContainmentFailure } {
  const spec = KINDS[kind];
  const shape = `Expected a ${spec.label} resource id: ${expectedShape(kind)}.`;
  const text = typeof value === 'string' ? value.trim() : '';
  const parts = text.split('/');
  const fits =
    parts.length === 9 &&
    parts[0] === '' &&
    parts[1]?.toLowerCase() === 'subscriptions' &&
    parts[3]?.toLowerCase() === 'resourcegroups' &&
    parts[5]?.toLowerCase() === 'providers' &&
    parts[6]?.toLowerCase() === spec.provider.toLowerCase() &&
    parts[7]?.toLowerCase() === spec.type.toLowerCase();
  if (!fits) return { ok: false, failure: invalid(`"${clip(text)}" is not a ${spec.label} resource id.`, shape) };
  const [, , subscriptionId = '', , resourceGroup = '', , , , name = ''] = parts;
  if (!GUID.test(subscriptionId))
    return {
      ok: false,
      failure: invalid(`The subscription "${clip(subscriptionId)}" in the id is not a GUID.`, shape),
    };
  if (!RESOURCE_GROUP.test(resourceGroup))
    return { ok: false, failure: invalid(`The resource group name "${clip(resourceGroup)}" is not valid.`, shape) };
  if (!spec.name.test(name))
    return {
      ok: false,
      failure: invalid(`The ${spec.label} name "${clip(name)}" is not valid: Azure allows ${spec.nameRule}.`, shape),
    };
  const canonical =
    `/subscriptions/${subscriptionId.toLowerCase()}/resourceGroups/${resourceGroup}/providers/` +
    `${spec.provider}/${spec.type}/${name}`;
  return {
    ok: true,
    resource: { kind, subscriptionId: subscriptionId.toLowerCase(), resourceGroup, name, id: canonical },
  };
}

/** Entra users are named by object id (GUID) or user principal name. */
export function parseUserId(value: string): { ok: true; userId: string } | { ok: false; failure: ContainmentFailure } {
  const text = typeof value === 'string' ? value.trim() : '';
  if (GUID.test(text)) return { ok: true, userId: text.toLowerCase() };
  if (UPN.test(text)) return { ok: true, userId: text };
  return {
    ok: false,
    failure: invalid(
      `"${clip(text)}" is not an Entra user id.`,
      "Expected the user's object id (a GUID such as 6e7b768e-07e2-4810-8459-485f84f8f204) or user principal name " +
        '(alice@contoso.com).',
    ),
  };
}

/** A rule name the bot may create or delete in an NSG (Azure's naming rule). */
export function parseRuleName(value: string): { ok: true } | { ok: false; failure: ContainmentFailure } {
  if (typeof value === 'string' && KINDS.networkSecurityGroup.name.test(value)) return { ok: true };
  return {
    ok: false,
    failure: invalid(
      `"${clip(String(value))}" is not a valid security rule name.`,
      'A rule name is 1-80 letters, digits, _ . -, starting with a letter or digit.',
    ),
  };
}

/** Hostile or huge input is echoed back shortened, never whole. */
function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
