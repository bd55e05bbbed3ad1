import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import {
  AuthenticationHandler,
  Client as GraphClient,
  HTTPMessageHandler,
  RedirectHandler,
  RedirectHandlerOptions,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
// prettier-ignore
import {
  TokenCredentialAuthenticationProvider,
} from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import type { Logger } from '../../src/ports/logger.port.ts';
import type { AzureConfig } from './azure.config.ts';

/**
 * How the SDK clients reach ARM and Graph: the credential, the endpoint they
 * are built with, and, for a local http test rig only, the redirect that runs
 * after the token is attached.
 *
 * Why the redirect: Azure SDK clients refuse to attach a bearer token to an
 * http URL even with `allowInsecureConnection`, and the Graph client attaches
 * it only to https hosts. So the clients are built with the https twin of the
 * http endpoint, and a last-hop policy rewrites the URL to http after the token
 * is on the request: what Microsoft's own test recorder does. It exists only
 * when ALLOW_INSECURE_ENDPOINTS is on.
 */

/** Test-rig and tuning knobs; production passes none. */
export interface AzureTuning {
  /** Replaces the credential (tests: a token with claims). */
  credential?: TokenCredential;
  /** LRO poll interval; default: the SDK's (2 s, or ARM's Retry-After). */
  lroIntervalMs?: number;
  /** Base delay of the SDK's exponential retry for transient 5xx; default: the SDK's. */
  retryDelayMs?: number;
}

/** A token that is only ever sent to a local fake: it names the scope it was asked for, nothing else. */
export class PlaceholderCredential implements TokenCredential {
  async getToken(scopes: string | string[]): Promise<AccessToken> {
    const scope = Array.isArray(scopes) ? scopes.join(' ') : scopes;
    return { token: `placeholder:${scope}`, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

/**
 * The bot's Azure credential: managed identity (or whatever DefaultAzureCredential finds); a placeholder on a local
 * rig.
 */
export function createCredential(
  config: Readonly<AzureConfig>,
  logger: Logger,
  tuning: AzureTuning = {},
): TokenCredential {
  if (tuning.credential) return tuning.credential;
  if (config.insecure) {
    logger.warn(
      "ALLOW_INSECURE_ENDPOINTS=true: Azure calls use a placeholder token instead of the bot's identity, and may go " +
        'to http endpoints. Local test rigs only: real Azure will refuse every call.',
      { armEndpoint: config.armEndpoint, graphEndpoint: config.graphEndpoint },
    );
    return new PlaceholderCredential();
  }
  return new LazyDefaultCredential();
}

/**
 * DefaultAzureCredential (managed identity in production; environment,
 * workload identity or the developer's az login elsewhere), loaded on the
 * first token request: @azure/identity takes a quarter second to import.
 */
class LazyDefaultCredential implements TokenCredential {
  #credential: Promise<TokenCredential> | undefined;

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    this.#credential ??= import('@azure/identity').then(({ DefaultAzureCredential }) => new DefaultAzureCredential());
    return (await this.#credential).getToken(scopes, options);
  }
}

interface Redirect {
  hostname: string;
  /** The https twin's port, as the SDK spells URLs built from it ('' for 443). */
  twinPort: string;
  /** The real http port. */
  port: string;
}

/** For an http endpoint, where its https twin points; undefined for https. */
function redirectFor(endpoint: string): Redirect | undefined {
  const url = new URL(endpoint);
  if (url.protocol !== 'http:') return undefined;
  const port = url.port || '80';
  return { hostname: url.hostname, twinPort: port === '443' ? '' : port, port };
}

/** The endpoint the SDK clients are built with: the endpoint itself, or its https twin. */
export function clientEndpoint(endpoint: string): string {
  const redirect = redirectFor(endpoint);
  if (!redirect) return endpoint;
  return `https://${redirect.hostname}${redirect.twinPort ? `:${redirect.twinPort}` : ''}`;
}

/** Rewrites an https-twin URL to the http endpoint; other URLs are left alone. */
function rewrite(redirect: Redirect, target: string): string | undefined {
  const url = new URL(target);
  if (url.protocol !== 'https:' || url.hostname !== redirect.hostname || url.port !== redirect.twinPort)
    return undefined;
  url.protocol = 'http:';
  url.port = redirect.port;
  return url.toString();
}

/** The ARM client options shared by every SDK client: endpoint, token scope, and the rig's redirect. */
export function armClientOptions(config: Readonly<AzureConfig>, tuning: AzureTuning = {}) {
  const redirect = redirectFor(config.armEndpoint);
  const policy: PipelinePolicy | undefined = redirect && {
    name: 'incidentCommanderInsecureRigRedirect',
    sendRequest(request, next) {
      const target = rewrite(redirect, request.url);
      if (target) {
        request.url = target;
        request.allowInsecureConnection = true;
      }
      return next(request);
    },
  };
  return {
    endpoint: clientEndpoint(config.armEndpoint),
    credentialScopes: [`${config.armEndpoint}/.default`],
    // perRetry runs after the Sign phase: the token is already attached when the URL changes.
    additionalPolicies: policy ? [{ policy, position: 'perRetry' as const }] : [],
    ...(tuning.retryDelayMs !== undefined
      ? { retryOptions: { retryDelayInMs: tuning.retryDelayMs, maxRetryDelayInMs: Math.max(tuning.retryDelayMs, 1) } }
      : {}),
  };
}

/**
 * The Graph client: token through TokenCredentialAuthenticationProvider, the configured host trusted, the SDK's retry
 * kept.
 */
export function createGraphClient(config: Readonly<AzureConfig>, credential: TokenCredential): GraphClient {
  const baseUrl = clientEndpoint(config.graphEndpoint);
  const authProvider = new TokenCredentialAuthenticationProvider(credential, {
    scopes: [`${config.graphEndpoint}/.default`],
  });
  const redirect = redirectFor(config.graphEndpoint);
  const middleware: Middleware[] = [
    new AuthenticationHandler(authProvider),
    new RetryHandler(new RetryHandlerOptions()),
    new RedirectHandler(new RedirectHandlerOptions()),
    new TelemetryHandler(),
  ];
  if (redirect) middleware.push(graphRedirect(redirect));
  middleware.push(new HTTPMessageHandler());
  // The Graph client attaches the token only to its known hosts or customHosts (hostnames, no port).
  return GraphClient.initWithMiddleware({
    baseUrl,
    defaultVersion: 'v1.0',
    middleware,
    customHosts: new Set([new URL(baseUrl).hostname]),
  });
}

/** The Graph twin of the ARM redirect, placed just before the fetch. */
function graphRedirect(redirect: Redirect): Middleware {
  let next: Middleware | undefined;
  return {
    async execute(context: Context): Promise<void> {
      if (typeof context.request === 'string') context.request = rewrite(redirect, context.request) ?? context.request;
      await next?.execute(context);
    },
    setNext(middleware: Middleware) {
      next = middleware;
    },
  };
}
