/**
 * Sentinel entities -> action targets (DESIGN.md, "Sentinel": AzureResource
 * -> resource id, Account -> Entra object id, IP -> NSG source). Entities
 * arrive in two shapes: REST (`{kind, properties: {...}}`, in the trigger's
 * `relatedEntities` and on the wire) and the SDK's flattened models
 * (`{kind, aadUserId, ...}`, from `incidents.listEntities`).
 */

/** One entity as the core sees it: its Sentinel kind and the value an action can target. */
export interface EntityTarget {
  kind: string;
  value: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** What people call the entity: Sentinel's friendly name, or the obvious name field. */
function friendlyName(props: Record<string, unknown>): string | undefined {
  return (
    str(props.friendlyName) ?? str(props.displayName) ?? str(props.hostName) ?? str(props.fileName) ?? str(props.url)
  );
}

/**
 * Account: the Entra object id; else the UPN `accountName@upnSuffix`; else what people call it (the core refuses it as
 * a target).
 */
function accountValue(props: Record<string, unknown>): string | undefined {
  const objectId = str(props.aadUserId);
  if (objectId && GUID.test(objectId)) return objectId.toLowerCase();
  const name = str(props.accountName);
  const suffix = str(props.upnSuffix);
  if (name && suffix && !name.includes('@')) return `${name}@${suffix}`;
  return friendlyName(props) ?? name;
}

/** The target value of one entity of `kind` with these properties; undefined when it names nothing. */
export function entityValue(kind: string, props: Record<string, unknown>): string | undefined {
  switch (kind) {
    case 'AzureResource':
      return str(props.resourceId);
    case 'Account':
      return accountValue(props);
    case 'Ip':
      return str(props.address);
    default:
      return friendlyName(props);
  }
}

/** Maps a list of entities, skipping those without a kind or a value, each distinct pair once, in Sentinel's order. */
function mapAll(items: readonly unknown[], propertiesOf: (item: Record<string, unknown>) => unknown): EntityTarget[] {
  const seen = new Set<string>();
  const targets: EntityTarget[] = [];
  for (const item of items) {
    if (!item || typeof item !== 'object') continue;
    const record = item as Record<string, unknown>;
    const kind = str(record.kind);
    const props = propertiesOf(record);
    if (!kind || !props || typeof props !== 'object') continue;
    const value = entityValue(kind, props as Record<string, unknown>);
    const key = `${kind}\u0000${value ?? ''}`;
    if (value === undefined || seen.has(key)) continue;
    seen.add(key);
    targets.push({ kind, value });
  }
  return targets;
}

/** Entities in REST shape (`{kind, properties}`), as the trigger's `relatedEntities` carries them. */
export function mapRestEntities(items: readonly unknown[]): EntityTarget[] {
  return mapAll(items, (item) => item.properties);
}

/** Entities as `@azure/arm-securityinsight` deserialises them: `properties` flattened onto the entity. */
export function mapSdkEntities(items: readonly unknown[]): EntityTarget[] {
  return mapAll(items, (item) => item);
}
