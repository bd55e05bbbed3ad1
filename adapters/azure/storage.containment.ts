import type { StorageAccount, StorageAccountUpdateParameters } from '@azure/arm-storage';
import type { ContainmentOutcome, StorageContainment, StorageNetworkState } from '../../src/ports/containment.port.ts';
import type { Logger } from '../../src/ports/logger.port.ts';
import type { AzureClients } from './azure.clients.ts';
import { parseArmId, type ArmResource } from './azure.ids.ts';
import { storageNetworkState, toFailure } from './azure.mapper.ts';
import { STORAGE } from './azure.permissions.ts';

/**
 * Storage account containment through `@azure/arm-storage` (19.1.0: 20.0.0 sends an empty PATCH body for
 * networkRuleSet).
 */
export class AzureStorageContainment implements StorageContainment {
  constructor(
    private readonly clients: AzureClients,
    private readonly logger: Logger,
  ) {}

  async rotateKey(accountId: string, keyName: 'key1' | 'key2'): Promise<ContainmentOutcome> {
    return this.#run(accountId, STORAGE.regenerateKey, async (account, client) => {
      // The response carries the new keys: it is dropped here and never logged or returned.
      await client.regenerateKey(account.resourceGroup, account.name, { keyName });
      return {
        before: null,
        detail:
          `Regenerated ${keyName} of storage account ${account.name}: every account SAS, service SAS and ` +
          `connection string signed with the old ${keyName} stops working now. The new key is in Azure only; hand ` +
          `it to the owners through Key Vault, not chat.`,
      };
    });
  }

  async revokeUserDelegationKeys(accountId: string): Promise<ContainmentOutcome> {
    return this.#run(accountId, STORAGE.revokeUserDelegationKeys, async (account, client) => {
      await client.revokeUserDelegationKeys(account.resourceGroup, account.name);
      return {
        before: null,
        detail:
          `Revoked every user delegation key of storage account ${account.name}: user-delegation SAS tokens ` +
          `stop working (Azure may take a few minutes to apply it everywhere).`,
      };
    });
  }

  async isolate(accountId: string): Promise<ContainmentOutcome<StorageNetworkState>> {
    return this.#run(accountId, STORAGE.write, async (account, client) => {
      const current = await client.getProperties(account.resourceGroup, account.name);
      const before = storageNetworkState(current);
      await client.update(account.resourceGroup, account.name, isolatedParameters(current));
      return {
        before,
        detail:
          `Isolated storage account ${account.name}: public network access Disabled, firewall default action ` +
          `Deny with no trusted-service bypass, anonymous blob access off. Private endpoints still work. Before: ` +
          `${describe(before)}.`,
      };
    });
  }

  /** One GET of the account: isolated as `isolate` leaves it? Undefined when it cannot be read. */
  async keyCreatedAt(accountId: string, keyName: 'key1' | 'key2'): Promise<Date | undefined> {
    const parsed = parseArmId('storageAccount', accountId);
    if (!parsed.ok) return undefined;
    try {
      const client = (await this.clients.storage(parsed.resource.subscriptionId)).storageAccounts;
      const created = (await client.getProperties(parsed.resource.resourceGroup, parsed.resource.name))
        .keyCreationTime?.[keyName];
      return created instanceof Date && !Number.isNaN(created.getTime()) ? created : undefined;
    } catch (error) {
      this.logger.warn('azure storage key creation time could not be read', {
        target: accountId,
        error: String(error),
      });
      return undefined;
    }
  }

  async isIsolated(accountId: string): Promise<boolean | undefined> {
    const parsed = parseArmId('storageAccount', accountId);
    if (!parsed.ok) return undefined;
    try {
      const client = (await this.clients.storage(parsed.resource.subscriptionId)).storageAccounts;
      const state = storageNetworkState(
        await client.getProperties(parsed.resource.resourceGroup, parsed.resource.name),
      );
      return state.publicNetworkAccess === 'Disabled' && state.defaultAction?.toLowerCase() === 'deny';
    } catch (error) {
      this.logger.warn('azure storage state could not be read', { target: accountId, error: String(error) });
      return undefined;
    }
  }

  async restoreNetwork(
    accountId: string,
    previous: StorageNetworkState,
  ): Promise<ContainmentOutcome<StorageNetworkState>> {
    return this.#run(accountId, STORAGE.write, async (account, client) => {
      const current = await client.getProperties(account.resourceGroup, account.name);
      const before = storageNetworkState(current);
      await client.update(account.resourceGroup, account.name, restoredParameters(current, previous));
      return {
        before,
        detail:
          `Restored the network settings of storage account ${account.name} to ` +
          `${describe(previous)}` +
          (previous.allowBlobPublicAccess === null
            ? ' (anonymous blob access left off: it was never set explicitly)'
            : '') +
          `.`,
      };
    });
  }

  async setSharedKeyAccess(
    accountId: string,
    allowed: boolean,
  ): Promise<ContainmentOutcome<{ allowSharedKeyAccess: boolean | null }>> {
    return this.#run(accountId, STORAGE.write, async (account, client) => {
      const current = await client.getProperties(account.resourceGroup, account.name);
      await client.update(account.resourceGroup, account.name, { allowSharedKeyAccess: allowed });
      const verb = allowed ? 'Allowed' : 'Disallowed';
      return {
        before: { allowSharedKeyAccess: current.allowSharedKeyAccess ?? null },
        detail:
          `${verb} shared key authorisation on storage account ` +
          `${account.name}` +
          (allowed
            ? ''
            : ': account keys and SAS signed with them stop working; Entra ID (OAuth) access keeps working') +
          `.`,
      };
    });
  }

  /** Parses the id, runs the calls, and turns an SDK error into a failure value naming what the bot needs. */
  async #run<B>(
    accountId: string,
    needs: string,
    work: (account: ArmResource, client: StorageAccounts) => Promise<{ before: B; detail: string }>,
  ): Promise<ContainmentOutcome<B>> {
    const parsed = parseArmId('storageAccount', accountId);
    if (!parsed.ok) return parsed;
    const account = parsed.resource;
    try {
      const { before, detail } = await work(
        account,
        (await this.clients.storage(account.subscriptionId)).storageAccounts,
      );
      return { ok: true, before, detail };
    } catch (error) {
      const failure = toFailure(error, { needs: { arm: needs }, target: account.id });
      this.logger.warn('azure storage containment failed', {
        target: account.id,
        status: failure.status,
        code: failure.code,
      });
      return { ok: false, failure };
    }
  }
}

type StorageAccounts = Awaited<ReturnType<AzureClients['storage']>>['storageAccounts'];

/** The PATCH that isolates: the existing IP, VNet and resource rules are carried over so restore loses nothing. */
function isolatedParameters(current: StorageAccount): StorageAccountUpdateParameters {
  return {
    publicNetworkAccess: 'Disabled',
    allowBlobPublicAccess: false,
    networkRuleSet: { ...existingRules(current), defaultAction: 'Deny', bypass: 'None' },
  };
}

/**
 * The PATCH that restores; a setting that was never set comes back as Azure's default (public access Enabled, bypass
 * AzureServices).
 */
function restoredParameters(current: StorageAccount, previous: StorageNetworkState): StorageAccountUpdateParameters {
  return {
    publicNetworkAccess: previous.publicNetworkAccess ?? 'Enabled',
    // Anonymous blob access is only turned back on when it was explicitly on: null stays off.
    ...(previous.allowBlobPublicAccess !== null ? { allowBlobPublicAccess: previous.allowBlobPublicAccess } : {}),
    networkRuleSet: {
      ...existingRules(current),
      defaultAction: previous.defaultAction?.toLowerCase() === 'deny' ? 'Deny' : 'Allow',
      bypass: previous.bypass ?? 'AzureServices',
    },
  };
}

function existingRules(current: StorageAccount) {
  const rules = current.networkRuleSet;
  return {
    ...(rules?.ipRules ? { ipRules: rules.ipRules } : {}),
    ...(rules?.virtualNetworkRules ? { virtualNetworkRules: rules.virtualNetworkRules } : {}),
    ...(rules?.resourceAccessRules ? { resourceAccessRules: rules.resourceAccessRules } : {}),
  };
}

function describe(state: StorageNetworkState): string {
  return (
    `public network access ${state.publicNetworkAccess ?? 'not set'}, firewall default ` +
    `${state.defaultAction ?? 'not set'}, bypass ${state.bypass ?? 'not set'}, anonymous blob access ` +
    `${state.allowBlobPublicAccess === null ? 'not set' : state.allowBlobPublicAccess ? 'on' : 'off'}`
  );
}
