import { SecurityInsights } from '@azure/arm-securityinsight';
import type { ErrorCode } from '../../src/domain/errors.ts';
import type { TokenCredential } from '@azure/core-auth';
import { isRestError } from '@azure/core-rest-pipeline';
import type { AzureConfig } from '../azure/azure.config.ts';
import { armClientOptions, type AzureTuning } from '../azure/azure.transport.ts';
import type { SentinelWorkspace } from './sentinel.config.ts';
import { INCIDENT_ARM_ID } from './sentinel.schema.ts';

/**
 * Why a pinned API version: `@azure/arm-securityinsight` 1.0.0-beta.6 (its
 * only release) defaults to `2022-09-01-preview`, and preview versions are
 * retired. The stable version carries every field and operation used here
 * (incidents list/get/createOrUpdate, comments, listEntities); the SDK's
 * `apiVersion` option rewrites the query of every request, next links included.
 */
export const SENTINEL_API_VERSION = '2024-03-01';

/**
 * The SecurityInsights clients, one per subscription (a locator's ARM id may
 * name another workspace than the configured one), built with the Azure
 * adapter's transport: its credential, endpoint and, on a local http rig
 * only, the redirect that runs after the token is attached.
 */
export class SentinelClients {
  readonly #clients = new Map<string, SecurityInsights>();

  constructor(
    private readonly azure: Readonly<AzureConfig>,
    private readonly credential: TokenCredential,
    private readonly tuning: AzureTuning = {},
  ) {}

  /** The client for `subscriptionId`. */
  forSubscription(subscriptionId: string): SecurityInsights {
    const key = subscriptionId.toLowerCase();
    let client = this.#clients.get(key);
    if (!client) {
      client = new SecurityInsights(this.credential, key, {
        ...armClientOptions(this.azure, this.tuning),
        apiVersion: SENTINEL_API_VERSION,
      });
      this.#clients.set(key, client);
    }
    return client;
  }
}

/** One incident's address for the SDK: its workspace and name (empty for calls on the whole workspace). */
export interface IncidentAddress extends SentinelWorkspace {
  name: string;
}

/** Where an incident lives: from its ARM id when it parses, else the configured workspace and the locator's name. */
export function addressOf(
  locator: { armId: string; name: string },
  fallback: Readonly<SentinelWorkspace>,
): IncidentAddress {
  const match = INCIDENT_ARM_ID.exec(locator.armId);
  if (match) {
    const [, subscriptionId = '', resourceGroup = '', workspaceName = '', name = ''] = match;
    return { subscriptionId: subscriptionId.toLowerCase(), resourceGroup, workspaceName, name };
  }
  if (!locator.name)
    throw new SentinelError(
      'sentinel.invalid_locator',
      `The incident locator has neither an incident ARM id nor a name (armId "${locator.armId}").`,
      "Record the incident's ARM id from the trigger body (object.id).",
    );
  return { ...fallback, name: locator.name };
}

/** A Sentinel call failed; `code` is stable, `hint` says what to do. */
export class SentinelError extends Error {
  constructor(
    readonly code: Extract<ErrorCode, `sentinel.${string}`>,
    message: string,
    readonly hint: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SentinelError';
  }
}

/** Whether an SDK error is Sentinel refusing a stale etag (412; 409 is seen for the same race). */
export function isEtagMismatch(error: unknown): boolean {
  return isRestError(error) && (error.statusCode === 412 || error.statusCode === 409);
}

/**
 * Turns what the SDK threw into a `SentinelError` that says which role or resource is at fault; other errors pass
 * through.
 */
export function toSentinelError(error: unknown, doing: string, at: IncidentAddress): unknown {
  if (!isRestError(error)) return error;
  const workspace = `workspace ${at.workspaceName} (resource group ${at.resourceGroup})`;
  const where = at.name ? `incident ${at.name} in ${workspace}` : workspace;
  const message = `Sentinel refused to ${doing} for ${where}: ${error.code ? `${error.code}: ` : ''}${error.message}`;
  const status = error.statusCode;
  if (status === 401 || status === 403)
    return new SentinelError(
      'sentinel.forbidden',
      message,
      `Grant the bot's identity Microsoft Sentinel Responder on the workspace ${at.workspaceName} (comments, owner, ` +
        `status and entities need it).`,
      status,
    );
  if (status === 404)
    return new SentinelError(
      'sentinel.not_found',
      message,
      `Check that ${where} exists: the workspace, resource group and subscription come from the incident's ARM id ` +
        `or SENTINEL_WORKSPACE / SENTINEL_RESOURCE_GROUP / AZURE_SUBSCRIPTION_ID.`,
      status,
    );
  if (status === 409 || status === 412)
    return new SentinelError(
      'sentinel.conflict',
      message,
      'Someone else changed the incident at the same moment, twice; try again.',
      status,
    );
  if (status === undefined || status >= 500 || status === 429)
    return new SentinelError(
      'sentinel.unavailable',
      message,
      "Azure is unavailable or throttling after the SDK's retries; try again later.",
      status,
    );
  return new SentinelError('sentinel.failed', message, 'Check the request against the message.', status);
}
