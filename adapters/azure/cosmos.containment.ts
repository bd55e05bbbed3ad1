import type { ContainmentOutcome, CosmosContainment, CosmosNetworkState } from '../../src/ports/containment.port.ts';
import type { Logger } from '../../src/ports/logger.port.ts';
import type { AzureClients } from './azure.clients.ts';
import { parseArmId, type ArmResource } from './azure.ids.ts';
import { cosmosNetworkState, toFailure } from './azure.mapper.ts';
import { COSMOS } from './azure.permissions.ts';

type KeyKind = 'primary' | 'secondary' | 'primaryReadonly' | 'secondaryReadonly';
type DatabaseAccounts = Awaited<ReturnType<AzureClients['cosmos']>>['databaseAccounts'];

/** Cosmos DB containment through `@azure/arm-cosmosdb` (regenerateKey and PATCH are long-running). */
export class AzureCosmosContainment implements CosmosContainment {
  constructor(
    private readonly clients: AzureClients,
    private readonly logger: Logger,
  ) {}

  async rotateKey(accountId: string, keyKind: KeyKind): Promise<ContainmentOutcome> {
    return this.#run(accountId, COSMOS.regenerateKey, async (account, accounts) => {
      await accounts.beginRegenerateKeyAndWait(
        account.resourceGroup,
        account.name,
        { keyKind },
        this.clients.lroOptions,
      );
      return {
        before: null,
        detail:
          `Regenerated the ${keyKind} key of Cosmos DB account ${account.name}: clients using the old ` +
          `${keyKind} key or its connection string are refused from now on.`,
      };
    });
  }

  async isolate(accountId: string): Promise<ContainmentOutcome<CosmosNetworkState>> {
    return this.#run(accountId, COSMOS.write, async (account, accounts) => {
      const before = cosmosNetworkState(await accounts.get(account.resourceGroup, account.name));
      await accounts.beginUpdateAndWait(
        account.resourceGroup,
        account.name,
        { publicNetworkAccess: 'Disabled', disableLocalAuth: true },
        this.clients.lroOptions,
      );
      return {
        before,
        detail:
          `Isolated Cosmos DB account ${account.name}: public network access Disabled and key (local) ` +
          `authentication off; private endpoints and Entra ID (RBAC) access keep working. Before: ${describe(before)}.`,
      };
    });
  }

  async restore(accountId: string, previous: CosmosNetworkState): Promise<ContainmentOutcome<CosmosNetworkState>> {
    return this.#run(accountId, COSMOS.write, async (account, accounts) => {
      const before = cosmosNetworkState(await accounts.get(account.resourceGroup, account.name));
      // A setting never set explicitly comes back as Azure's default: public access Enabled, key auth on.
      const target = {
        publicNetworkAccess: previous.publicNetworkAccess ?? 'Enabled',
        disableLocalAuth: previous.disableLocalAuth ?? false,
      };
      await accounts.beginUpdateAndWait(account.resourceGroup, account.name, target, this.clients.lroOptions);
      return { before, detail: `Restored Cosmos DB account ${account.name} to ${describe(target)}.` };
    });
  }

  async #run<B>(
    accountId: string,
    needs: string,
    work: (account: ArmResource, accounts: DatabaseAccounts) => Promise<{ before: B; detail: string }>,
  ): Promise<ContainmentOutcome<B>> {
    const parsed = parseArmId('cosmosAccount', accountId);
    if (!parsed.ok) return parsed;
    const account = parsed.resource;
    try {
      const { before, detail } = await work(
        account,
        (await this.clients.cosmos(account.subscriptionId)).databaseAccounts,
      );
      return { ok: true, before, detail };
    } catch (error) {
      const failure = toFailure(error, { needs: { arm: needs }, target: account.id });
      this.logger.warn('azure cosmos containment failed', {
        target: account.id,
        status: failure.status,
        code: failure.code,
      });
      return { ok: false, failure };
    }
  }
}

function describe(state: CosmosNetworkState): string {
  return (
    `public network access ${state.publicNetworkAccess ?? 'not set'}, key authentication ` +
    `${state.disableLocalAuth === null ? 'not set' : state.disableLocalAuth ? 'off' : 'on'}`
  );
}
