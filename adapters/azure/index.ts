import type { Containment } from '../../src/ports/containment.port.ts';
import type { Logger } from '../../src/ports/logger.port.ts';
import type { AppConfig } from '../config/app.config.ts';
import { AzureClients } from './azure.clients.ts';
import { loadAzureConfig, type AzureConfig } from './azure.config.ts';
import { createCredential, type AzureTuning } from './azure.transport.ts';
import { AzureCosmosContainment } from './cosmos.containment.ts';
import { GraphIdentityContainment } from './identity.containment.ts';
import { AzureNetworkContainment } from './network.containment.ts';
import { Preflight, type PreflightRequest } from './preflight.ts';
import { notConfiguredReport, type PreflightReport } from './preflight.report.ts';
import { SimulatedContainment } from './simulated.containment.ts';
import { AzureStorageContainment } from './storage.containment.ts';
import { AzureSupportEscalation } from './support.containment.ts';

export { loadAzureConfig, type AzureConfig } from './azure.config.ts';
export {
  formatPreflight,
  type PreflightReport,
  type ActionReadiness,
  type MissingPermission,
} from './preflight.report.ts';
export { type PreflightRequest } from './preflight.ts';
export { SimulatedContainment } from './simulated.containment.ts';
export { ACTION_REQUIREMENTS, AZURE_ACTION_TYPES, type AzureActionType } from './azure.permissions.ts';
export type { AzureTuning } from './azure.transport.ts';

/** What the composition root hands the Azure adapter. */
export interface AzureContext {
  config: Pick<Readonly<AppConfig>, 'allowInsecureEndpoints'>;
  /** The raw environment: the adapter validates its own variables (azure.config.ts). */
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Test-rig knobs (credential, LRO interval, retry delay); production passes none. */
  tuning?: AzureTuning;
}

/** The real executor: the bot's own identity against ARM and Graph. */
class AzureContainment implements Containment {
  readonly simulated = false;
  readonly storage: AzureStorageContainment;
  readonly identity: GraphIdentityContainment;
  readonly network: AzureNetworkContainment;
  readonly cosmos: AzureCosmosContainment;
  readonly support: AzureSupportEscalation;

  constructor(config: Readonly<AzureConfig>, clients: AzureClients, logger: Logger) {
    this.storage = new AzureStorageContainment(clients, logger);
    this.identity = new GraphIdentityContainment(clients, logger);
    this.network = new AzureNetworkContainment(clients, logger);
    this.cosmos = new AzureCosmosContainment(clients, logger);
    this.support = new AzureSupportEscalation(config, clients, logger);
  }
}

/**
 * Builds the containment executor: real when Azure is configured, simulated
 * otherwise (and says so in the log). Throws `ConfigError` for bad variables.
 */
export function createContainment(context: AzureContext): Containment {
  const config = loadAzureConfig(context.env, context.config);
  if (!config.configured) {
    context.logger.info(
      'Azure is not configured (no AZURE_SUBSCRIPTION_ID, ARM_ENDPOINT, AZURE_CLIENT_ID or managed identity): ' +
        'containment actions run simulated and change nothing.',
    );
    return new SimulatedContainment();
  }
  return createAzureContainment(config, context.logger, context.tuning);
}

/** The real executor for an already loaded config. */
export function createAzureContainment(
  config: Readonly<AzureConfig>,
  logger: Logger,
  tuning: AzureTuning = {},
): Containment {
  const clients = new AzureClients(config, createCredential(config, logger, tuning), tuning);
  return new AzureContainment(config, clients, logger);
}

/** `incident-commander preflight`'s engine. */
export interface AzurePreflight {
  readonly configured: boolean;
  /** The default scope: the configured subscription, when there is one. */
  readonly defaultScopes: string[];
  runPreflight(request: PreflightRequest): Promise<PreflightReport>;
}

/** Builds the preflight check; when Azure is not configured it reports that and asks nothing. */
export function createPreflight(context: AzureContext): AzurePreflight {
  const config = loadAzureConfig(context.env, context.config);
  const defaultScopes = config.subscriptionId ? [`/subscriptions/${config.subscriptionId}`] : [];
  if (!config.configured) return { configured: false, defaultScopes, runPreflight: async () => notConfiguredReport() };
  const preflight = new Preflight(config, createCredential(config, context.logger, context.tuning), context.tuning);
  return { configured: true, defaultScopes, runPreflight: (request) => preflight.runPreflight(request) };
}
