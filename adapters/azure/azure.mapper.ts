import type { DatabaseAccountGetResults } from '@azure/arm-cosmosdb';
import type { StorageAccount } from '@azure/arm-storage';
import { isRestError } from '@azure/core-rest-pipeline';
import { GraphError } from '@microsoft/microsoft-graph-client';
import type { ContainmentFailure, CosmosNetworkState, StorageNetworkState } from '../../src/ports/containment.port.ts';
import { armPermissionHint, graphPermissionHint } from './azure.permissions.ts';

/**
 * Wire <-> neutral for the Azure adapter: the SDKs' resource models to the
 * port's before-states, and their errors to `ContainmentFailure` values.
 */

/** The network settings of a storage account, as the port records them. */
export function storageNetworkState(account: StorageAccount): StorageNetworkState {
  return {
    publicNetworkAccess: account.publicNetworkAccess ?? null,
    allowBlobPublicAccess: account.allowBlobPublicAccess ?? null,
    defaultAction: account.networkRuleSet?.defaultAction ?? null,
    bypass: account.networkRuleSet?.bypass ?? null,
  };
}

/** A Cosmos DB account's exposure, as the port records it. */
export function cosmosNetworkState(account: DatabaseAccountGetResults): CosmosNetworkState {
  return {
    publicNetworkAccess: account.publicNetworkAccess ?? null,
    disableLocalAuth: account.disableLocalAuth ?? null,
  };
}

/** What a failed call was doing, so its failure can say what to grant. */
export interface CallContext {
  /** ARM operation or Graph permissions the call needs. */
  needs: { arm: string } | { graph: readonly string[] };
  /** The resource id or user the call acted on. */
  target: string;
}

const CREDENTIAL_ERRORS = new Set([
  'CredentialUnavailableError',
  'AuthenticationError',
  'AuthenticationRequiredError',
  'AggregateAuthenticationError',
]);

/**
 * Maps what an SDK threw to a failure value. Expected outcomes (HTTP errors,
 * throttling after the SDK's retries, an unreachable endpoint, a missing
 * credential, a failed long-running operation) become values; anything else
 * is a programming error and is thrown again.
 */
export function toFailure(error: unknown, context: CallContext): ContainmentFailure {
  if (error instanceof Error && CREDENTIAL_ERRORS.has(error.name)) return credentialFailure(error.name, error.message);
  if (isRestError(error)) {
    if (error.statusCode === undefined) return unavailable(error.message);
    return httpFailure(error.statusCode, error.code ?? '', error.message, context);
  }
  if (error instanceof GraphError) {
    // The Graph client wraps what the credential threw: the original class name is in `code`.
    if (error.code && CREDENTIAL_ERRORS.has(error.code)) return credentialFailure(error.code, error.message);
    if (error.statusCode <= 0) return unavailable(error.message || error.code || 'the request was not sent');
    return httpFailure(error.statusCode, error.code ?? '', error.message, context);
  }
  if (
    error instanceof Error &&
    /^The long-running operation has failed|^Polling completed without|^Operation was canceled/.test(error.message)
  ) {
    return {
      code: 'azure.error',
      message: redact(error.message),
      hint:
        `Azure accepted the change to ${context.target} but did not complete it; check the resource's activity ` +
        `log, then try again.`,
    };
  }
  throw error;
}

function httpFailure(status: number, azureCode: string, rawMessage: string, context: CallContext): ContainmentFailure {
  const message = redact(azureCode && !rawMessage.includes(azureCode) ? `${azureCode}: ${rawMessage}` : rawMessage);
  if (status === 403)
    return { status, code: 'azure.forbidden', message, hint: forbiddenHint(azureCode, rawMessage, context) };
  if (status === 404) return { status, code: 'azure.not_found', message, hint: notFoundHint(context) };
  if (status === 409) return { status, code: 'azure.conflict', message, hint: conflictHint(azureCode) };
  if (status === 429)
    return {
      status,
      code: 'azure.throttled',
      message,
      hint: "Azure is still throttling the bot after the SDK's retries; wait a minute and approve the action again.",
    };
  if (status === 401)
    return {
      status,
      code: 'azure.error',
      message,
      hint:
        "Azure rejected the bot's token: check the managed identity, or AZURE_TENANT_ID and AZURE_CLIENT_ID, " +
        'and that ARM_ENDPOINT and GRAPH_ENDPOINT belong to the same cloud.',
    };
  if (status >= 500)
    return {
      status,
      code: 'azure.unavailable',
      message,
      hint:
        "Azure failed after the SDK's retries; check https://status.azure.com (or Azure Service Health) and " +
        'try again.',
    };
  return {
    status,
    code: 'azure.error',
    message,
    hint: `Azure refused the request for ${context.target}; check the action's parameters against the message.`,
  };
}

function forbiddenHint(azureCode: string, message: string, context: CallContext): string {
  if (azureCode === 'RequestDisallowedByPolicy')
    return (
      'An Azure Policy assignment refused the change; ask the policy owner for an exemption for this resource, ' +
      'or contain it another way.'
    );
  if ('graph' in context.needs) {
    return (
      `Microsoft Graph refused: ${graphPermissionHint(context.needs.graph)} If the permission is granted, the ` +
      `user may hold an admin role that only a Privileged Authentication Administrator can change.`
    );
  }
  // ARM says which operation on which scope: "…perform action 'X' over scope 'Y'…".
  const named = /perform action '([^']+)' over scope '([^']+)'/.exec(message);
  const operation = named?.[1] ?? context.needs.arm;
  const scope = named?.[2] ?? context.target;
  const hint = armPermissionHint(operation, scope);
  return hint.charAt(0).toUpperCase() + hint.slice(1);
}

function notFoundHint(context: CallContext): string {
  if ('graph' in context.needs)
    return `${context.target} was not found in Entra ID: check the user's object id or user principal name.`;
  return `${context.target} was not found: check the resource id; the bot's identity may also lack read access to it.`;
}

function conflictHint(azureCode: string): string {
  if (azureCode === 'ScopeLocked')
    return 'A resource lock blocks the change; remove the ReadOnly lock (or ask its owner to), then approve again.';
  return 'Another change to this resource is in progress; wait for it to finish and approve the action again.';
}

function credentialFailure(name: string, message: string): ContainmentFailure {
  return {
    code: 'azure.unavailable',
    message: redact(`${name}: ${message.split('\n')[0] ?? ''}`),
    hint:
      'The bot could not get an Azure token: give it a managed identity (or set AZURE_CLIENT_ID, ' +
      'AZURE_TENANT_ID and a credential the @azure/identity way), then run incident-commander preflight.',
  };
}

function unavailable(message: string): ContainmentFailure {
  return {
    code: 'azure.unavailable',
    message: redact(message),
    hint: 'The bot could not reach Azure; check its network egress and ARM_ENDPOINT / GRAPH_ENDPOINT, then try again.',
  };
}

/** Removes anything token- or key-like from text that may reach a chat card or log, and bounds its length. */
export function redact(text: string): string {
  const cleaned = text
    .replace(/Bearer\s+[^\s"',;]+/gi, 'Bearer [redacted]')
    .replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[redacted token]')
    .replace(/\b(sig|AccountKey|SharedAccessKey|client_secret|access_token)=[^&\s;"']+/gi, '$1=[redacted]');
  return cleaned.length > 600 ? `${cleaned.slice(0, 600)}…` : cleaned;
}
