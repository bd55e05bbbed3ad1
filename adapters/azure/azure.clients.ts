import type { CosmosDBManagementClient } from '@azure/arm-cosmosdb';
import type { NetworkManagementClient } from '@azure/arm-network';
import type { StorageManagementClient } from '@azure/arm-storage';
import type { TokenCredential } from '@azure/core-auth';
import type { Client as GraphClient } from '@microsoft/microsoft-graph-client';
import type { AzureConfig } from './azure.config.ts';
import { armClientOptions, createGraphClient, type AzureTuning } from './azure.transport.ts';

/**
 * The SDK clients, built lazily: one set per subscription (ARM ids carry
 * their subscription, and an incident can span several), one Graph client.
 * The ARM SDKs are imported on first use: together they take about a second
 * to load, which a bot running simulated, or never containing a Cosmos DB
 * account, should not pay at start-up.
 */
export class AzureClients {
  readonly #storage = new Map<string, StorageManagementClient>();
  readonly #network = new Map<string, NetworkManagementClient>();
  readonly #cosmos = new Map<string, CosmosDBManagementClient>();
  #graph: GraphClient | undefined;

  constructor(
    private readonly config: Readonly<AzureConfig>,
    readonly credential: TokenCredential,
    readonly tuning: AzureTuning = {},
  ) {}

  /** LRO options every long-running call passes: the SDK's poll interval unless tuned. */
  get lroOptions(): { updateIntervalInMs?: number } {
    return this.tuning.lroIntervalMs === undefined ? {} : { updateIntervalInMs: this.tuning.lroIntervalMs };
  }

  async storage(subscriptionId: string): Promise<StorageManagementClient> {
    const { StorageManagementClient: Client } = await import('@azure/arm-storage');
    return cached(
      this.#storage,
      subscriptionId,
      () => new Client(this.credential, subscriptionId, armClientOptions(this.config, this.tuning)),
    );
  }

  async network(subscriptionId: string): Promise<NetworkManagementClient> {
    const { NetworkManagementClient: Client } = await import('@azure/arm-network');
    return cached(
      this.#network,
      subscriptionId,
      () => new Client(this.credential, subscriptionId, armClientOptions(this.config, this.tuning)),
    );
  }

  async cosmos(subscriptionId: string): Promise<CosmosDBManagementClient> {
    const { CosmosDBManagementClient: Client } = await import('@azure/arm-cosmosdb');
    return cached(
      this.#cosmos,
      subscriptionId,
      () => new Client(this.credential, subscriptionId, armClientOptions(this.config, this.tuning)),
    );
  }

  graph(): GraphClient {
    this.#graph ??= createGraphClient(this.config, this.credential);
    return this.#graph;
  }
}

function cached<T>(map: Map<string, T>, key: string, build: () => T): T {
  let value = map.get(key);
  if (!value) {
    value = build();
    map.set(key, value);
  }
  return value;
}
