import type { Inbox } from '../../src/app/inbox.ts';
import type { Clock } from '../../src/ports/clock.port.ts';
import type { Logger } from '../../src/ports/logger.port.ts';
import type { SentinelIntake, SiemPort } from '../../src/ports/siem.port.ts';
import type { IncidentStore } from '../../src/ports/store.port.ts';
import { createCredential, type AzureTuning } from '../azure/azure.transport.ts';
import type { AppConfig } from '../config/app.config.ts';
import type { Route } from '../http/http.server.ts';
import type { WorkTracker } from '../http/work-tracker.ts';
import { SentinelClients } from './sentinel.clients.ts';
import { loadSentinelConfig } from './sentinel.config.ts';
import { SentinelPoller } from './sentinel.poller.ts';
import { SentinelWebhook } from './sentinel.webhook.ts';
import { SentinelSiem } from './sentinel.siem.ts';

export { loadSentinelConfig, type SentinelConfig, type SentinelWorkspace } from './sentinel.config.ts';
export { SentinelError } from './sentinel.clients.ts';
export { WEBHOOK_PATH } from './sentinel.webhook.ts';

/** What the composition root hands the Sentinel adapter. */
export interface SentinelContext {
  config: Pick<Readonly<AppConfig>, 'allowInsecureEndpoints'>;
  /** The raw environment: the adapter validates its own variables (sentinel.config.ts). */
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Keeps the poller's checkpoint and lease. */
  store: IncidentStore;
  /** A slow intake continues after the webhook's answer; shutdown waits for it here. */
  work: WorkTracker;
  /** Where webhook deliveries are kept before they are answered. */
  inbox?: Inbox;
  clock: Clock;
  /** Test-rig knobs (credential, retry delay); production passes none. */
  tuning?: AzureTuning;
  /** How long the webhook waits for the intake before answering `accepted` (default 2 s). */
  answerWithinMs?: number;
}

/** The Sentinel adapter, as configured: write-back first (the core is built with it), then the inbound side. */
export interface SentinelAdapter {
  /** Write-back when the workspace is configured. */
  siem?: SiemPort;
  /** Hands the webhook and the poller the core's intake. */
  connect(intake: SentinelIntake): SentinelConnection;
}

/** The inbound side: any of the webhook route and the poller. */
export interface SentinelConnection {
  /** `POST /api/sentinel/incidents` when SENTINEL_WEBHOOK_TOKEN is set; empty otherwise. */
  routes: Route[];
  /** When SENTINEL_POLL_SECONDS is set: the composition root calls `tick()` every `intervalMs`. */
  poller?: { tick(): Promise<void>; intervalMs: number };
}

/**
 * Builds the Sentinel adapter from the environment: undefined when Sentinel
 * is not configured at all; throws `ConfigError` when it is configured badly.
 */
export function createSentinel(context: SentinelContext): SentinelAdapter | undefined {
  const config = loadSentinelConfig(context.env, context.config);
  if (!config) return undefined;
  const { logger } = context;
  if (!config.webhookToken)
    logger.info(
      'SENTINEL_WEBHOOK_TOKEN is not set: POST /api/sentinel/incidents is not mounted (the playbook cannot deliver ' +
        'incidents).',
    );
  const workspace = config.workspace;
  const clients =
    workspace && config.azure
      ? new SentinelClients(config.azure, createCredential(config.azure, logger, context.tuning), context.tuning)
      : undefined;
  const siem = clients && workspace ? new SentinelSiem({ clients, workspace, logger }) : undefined;
  const connect = (intake: SentinelIntake): SentinelConnection => {
    const routes: Route[] = [];
    if (config.webhookToken) {
      const webhook = new SentinelWebhook({
        token: config.webhookToken,
        maxBytes: config.webhookMaxBytes,
        intake,
        work: context.work,
        logger,
        ...(context.inbox ? { inbox: context.inbox } : {}),
        ...(context.answerWithinMs !== undefined ? { answerWithinMs: context.answerWithinMs } : {}),
      });
      routes.push(webhook.route);
    }
    if (!clients || !workspace || config.pollIntervalMs === undefined) return { routes };
    const poller = new SentinelPoller({
      clients,
      workspace,
      minSeverity: config.pollMinSeverity,
      intake,
      store: context.store,
      logger,
      clock: context.clock,
      intervalMs: config.pollIntervalMs,
    });
    return { routes, poller };
  };
  return { ...(siem ? { siem } : {}), connect };
}
