import type {
  Containment,
  ContainmentOutcome,
  CosmosContainment,
  CosmosNetworkState,
  DenyRule,
  IdentityContainment,
  NetworkContainment,
  StorageContainment,
  StorageNetworkState,
  SupportEscalation,
} from '../../src/ports/containment.port.ts';
import { parseArmId, parseRuleName, parseUserId, type ArmKind } from './azure.ids.ts';

/**
 * The simulated executor for drills and for an unconfigured Azure adapter.
 * It calls nothing and changes nothing, but keeps an in-memory model of what
 * it "changed", so before-states and undo stay coherent within a run. Targets
 * are checked exactly as the real executor checks them. Every detail starts
 * with "Simulated:".
 */
export class SimulatedContainment implements Containment {
  readonly simulated = true;
  readonly storage: StorageContainment;
  readonly identity: IdentityContainment;
  readonly network: NetworkContainment;
  readonly cosmos: CosmosContainment;
  readonly support: SupportEscalation = {
    createTicket: async (subscriptionId, ticketName) => {
      if (!/^\/subscriptions\/[0-9a-f-]{36}$/i.test(subscriptionId))
        return {
          ok: false,
          failure: {
            code: 'azure.invalid_target',
            message: `"${subscriptionId}" is not a subscription id.`,
            hint: 'Give it as /subscriptions/<subscription id>.',
          },
        };
      return done(null, `would file Microsoft Support ticket ${ticketName} for ${subscriptionId}.`);
    },
  };

  constructor() {
    const model = new SimulatedModel();
    this.storage = simulatedStorage(model);
    this.identity = simulatedIdentity(model);
    this.network = simulatedNetwork(model);
    this.cosmos = simulatedCosmos(model);
  }
}

/** A freshly seen resource looks like a typical exposed one (Azure's defaults). */
const STORAGE_DEFAULT: StorageNetworkState = {
  publicNetworkAccess: 'Enabled',
  allowBlobPublicAccess: false,
  defaultAction: 'Allow',
  bypass: 'AzureServices',
};
const COSMOS_DEFAULT: CosmosNetworkState = { publicNetworkAccess: 'Enabled', disableLocalAuth: false };

class SimulatedModel {
  readonly storageNetwork = new Map<string, StorageNetworkState>();
  readonly sharedKey = new Map<string, boolean | null>();
  readonly users = new Map<string, boolean>();
  readonly rules = new Map<string, Set<string>>();
  readonly cosmos = new Map<string, CosmosNetworkState>();
}

const done = <B>(before: B, detail: string): ContainmentOutcome<B> => ({
  ok: true,
  before,
  detail: `Simulated: ${detail} Nothing was changed in Azure.`,
});

/** Parses like the real executor; the model is keyed by the lower-cased id, as ARM compares ids. */
async function onResource<B>(
  kind: ArmKind,
  id: string,
  act: (key: string, name: string) => ContainmentOutcome<B>,
): Promise<ContainmentOutcome<B>> {
  const parsed = parseArmId(kind, id);
  if (!parsed.ok) return parsed;
  return act(parsed.resource.id.toLowerCase(), parsed.resource.name);
}

function simulatedStorage(model: SimulatedModel): StorageContainment {
  const network = (key: string) => model.storageNetwork.get(key) ?? STORAGE_DEFAULT;
  return {
    rotateKey: (id, keyName) =>
      onResource('storageAccount', id, (_key, name) =>
        done(null, `would regenerate ${keyName} of storage account ${name}.`),
      ),
    revokeUserDelegationKeys: (id) =>
      onResource('storageAccount', id, (_key, name) =>
        done(null, `would revoke every user delegation key of storage account ${name}.`),
      ),
    isolate: (id) =>
      onResource('storageAccount', id, (key, name) => {
        const before = network(key);
        model.storageNetwork.set(key, {
          publicNetworkAccess: 'Disabled',
          allowBlobPublicAccess: false,
          defaultAction: 'Deny',
          bypass: 'None',
        });
        return done(
          before,
          `would isolate storage account ${name} (public network access Disabled, firewall default Deny, no bypass, ` +
            `anonymous blob access off).`,
        );
      }),
    restoreNetwork: (id, previous) =>
      onResource('storageAccount', id, (key, name) => {
        const before = network(key);
        model.storageNetwork.set(key, { ...previous });
        return done(before, `would restore the network settings of storage account ${name}.`);
      }),
    setSharedKeyAccess: (id, allowed) =>
      onResource('storageAccount', id, (key, name) => {
        const before = model.sharedKey.has(key) ? (model.sharedKey.get(key) ?? null) : true;
        model.sharedKey.set(key, allowed);
        return done(
          { allowSharedKeyAccess: before },
          `would ${allowed ? 'allow' : 'disallow'} shared key authorisation on storage account ${name}.`,
        );
      }),
  };
}

function simulatedIdentity(model: SimulatedModel): IdentityContainment {
  return {
    async revokeSessions(userId) {
      const parsed = parseUserId(userId);
      if (!parsed.ok) return parsed;
      return done(null, `would revoke the sign-in sessions of ${parsed.userId}.`);
    },
    async setAccountEnabled(userId, enabled) {
      const parsed = parseUserId(userId);
      if (!parsed.ok) return parsed;
      const key = parsed.userId.toLowerCase();
      const before = model.users.get(key) ?? true;
      model.users.set(key, enabled);
      return done({ accountEnabled: before }, `would ${enabled ? 'enable' : 'disable'} sign-in for ${parsed.userId}.`);
    },
  };
}

function simulatedNetwork(model: SimulatedModel): NetworkContainment {
  const rulesOf = (key: string): Set<string> => {
    const rules = model.rules.get(key) ?? new Set<string>();
    model.rules.set(key, rules);
    return rules;
  };
  return {
    addDenyRule: (id: string, rule: DenyRule) => {
      const name = parseRuleName(rule.name);
      if (!name.ok) return Promise.resolve(name);
      return onResource('networkSecurityGroup', id, (key, nsg) => {
        const rules = rulesOf(key);
        const existed = rules.has(rule.name.toLowerCase());
        rules.add(rule.name.toLowerCase());
        return done(
          { existed },
          `would add rule ${rule.name} to network security group ${nsg}, denying inbound traffic from ` +
            `${rule.sourceAddressPrefix} to port ${rule.destinationPortRange} (priority ${rule.priority}).`,
        );
      });
    },
    removeRule: (id: string, ruleName: string) => {
      const name = parseRuleName(ruleName);
      if (!name.ok) return Promise.resolve(name);
      return onResource('networkSecurityGroup', id, (key, nsg) => {
        rulesOf(key).delete(ruleName.toLowerCase());
        return done(null, `would remove rule ${ruleName} from network security group ${nsg}.`);
      });
    },
  };
}

function simulatedCosmos(model: SimulatedModel): CosmosContainment {
  const state = (key: string) => model.cosmos.get(key) ?? COSMOS_DEFAULT;
  return {
    rotateKey: (id, keyKind) =>
      onResource('cosmosAccount', id, (_key, name) =>
        done(null, `would regenerate the ${keyKind} key of Cosmos DB account ${name}.`),
      ),
    isolate: (id) =>
      onResource('cosmosAccount', id, (key, name) => {
        const before = state(key);
        model.cosmos.set(key, { publicNetworkAccess: 'Disabled', disableLocalAuth: true });
        return done(
          before,
          `would isolate Cosmos DB account ${name} (public network access Disabled, key authentication off).`,
        );
      }),
    restore: (id, previous) =>
      onResource('cosmosAccount', id, (key, name) => {
        const before = state(key);
        model.cosmos.set(key, { ...previous });
        return done(before, `would restore Cosmos DB account ${name}.`);
      }),
  };
}
