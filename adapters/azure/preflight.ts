import type { TokenCredential } from '@azure/core-auth';
import { ServiceClient } from '@azure/core-client';
import { createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import type { Client as GraphClient } from '@microsoft/microsoft-graph-client';
import type { AzureConfig } from './azure.config.ts';
import { redact, toFailure } from './azure.mapper.ts';
import type { ArmPermission } from './azure.permissions.ts';
import { armClientOptions, createGraphClient, type AzureTuning } from './azure.transport.ts';
import { evaluate, type GraphCheck, type PreflightReport, type ScopeCheck } from './preflight.report.ts';

/** The scopes to check: subscription ids (`/subscriptions/<id>`) or resource group ids. */
export interface PreflightRequest {
  scopes: string[];
}

const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const SCOPE =
  /^\/subscriptions\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\/resourceGroups\/[-\w.()]{1,90})?$/i;
const MAX_PAGES = 20;

/**
 * Asks Azure what the bot's own identity may do: ARM's permissions list for
 * each scope (through the SDKs' authenticated pipeline: a core-client
 * ServiceClient built with the same options as the SDK clients) and the
 * Microsoft Graph app roles granted to the bot's service principal.
 */
export class Preflight {
  readonly #arm: ServiceClient;
  readonly #graph: GraphClient;

  constructor(
    private readonly config: Readonly<AzureConfig>,
    private readonly credential: TokenCredential,
    tuning: AzureTuning = {},
  ) {
    this.#arm = new ServiceClient({ credential, ...armClientOptions(config, tuning) });
    this.#graph = createGraphClient(config, credential);
  }

  /** Checks every scope and the Graph roles, then judges each containment action. */
  async runPreflight(request: PreflightRequest): Promise<PreflightReport> {
    const scopes = await Promise.all(request.scopes.map((scope) => this.#scope(scope)));
    return evaluate(scopes, await this.#graphRoles());
  }

  async #scope(scope: string): Promise<ScopeCheck> {
    const trimmed = scope.trim().replace(/\/+$/, '');
    if (!SCOPE.test(trimmed))
      return {
        scope,
        error:
          'not a subscription or resource group id (/subscriptions/<id> or /subscriptions/<id>/resourceGroups/<name>)',
      };
    try {
      // The subscription-scope path answers although the 2022-04-01 swagger lists only resource group
      // and resource scopes (Azure/azure-rest-api-specs#19473).
      let url: string | undefined =
        `${this.#armBase()}${trimmed}/providers/Microsoft.Authorization/permissions?api-version=2022-04-01`;
      const permissions: ArmPermission[] = [];
      for (let page = 0; url && page < MAX_PAGES; page += 1) {
        const body = await this.#getArm(url);
        permissions.push(
          ...(body.value ?? []).map((entry) => ({ actions: entry.actions ?? [], notActions: entry.notActions ?? [] })),
        );
        url = body.nextLink;
        // The bearer policy would attach the token to any https URL: follow ARM's own host only.
        if (url && new URL(url).origin !== new URL(this.#armBase()).origin)
          throw new RestError(`ARM returned a nextLink to another host (${new URL(url).host}); not followed.`, {
            statusCode: 502,
          });
      }
      return { scope: trimmed, permissions };
    } catch (error) {
      const failure = toFailure(error, { needs: { arm: 'Microsoft.Authorization/permissions/read' }, target: trimmed });
      return { scope: trimmed, error: `${failure.message} (${failure.hint})` };
    }
  }

  #armBase(): string {
    return armClientOptions(this.config).endpoint;
  }

  async #getArm(
    url: string,
  ): Promise<{ value?: Array<{ actions?: string[]; notActions?: string[] }>; nextLink?: string }> {
    const response = await this.#arm.sendRequest(createPipelineRequest({ url, method: 'GET' }));
    const text = response.bodyAsText ?? '';
    if (response.status !== 200) {
      const error = safeJson(text)?.error as { code?: string; message?: string } | undefined;
      throw new RestError(`${error?.code ?? `HTTP ${response.status}`}: ${error?.message ?? 'no message'}`, {
        statusCode: response.status,
        ...(error?.code ? { code: error.code } : {}),
      });
    }
    return safeJson(text) ?? {};
  }

  /**
   * App roles from the service principal's assignments; failing that, from the roles claim of the bot's Graph token.
   */
  async #graphRoles(): Promise<GraphCheck> {
    let reason: string;
    if (this.config.clientId) {
      try {
        return { roles: await this.#assignedGraphRoles(this.config.clientId), source: 'appRoleAssignments' };
      } catch (error) {
        reason = `reading the app role assignments failed (${describeError(error)})`;
      }
    } else {
      reason = "AZURE_CLIENT_ID is not set, so the bot's service principal cannot be looked up";
    }
    const roles = await this.#tokenRoles();
    // Why the caveat: managed identity tokens are cached for up to 24 h, so a fresh grant may not show yet.
    if (roles)
      return {
        roles,
        source: 'token',
        note: `${reason}; read from the bot's current token instead, so a grant made in the last 24 h may not show yet`,
      };
    return { note: `${reason}, and the bot's token carries no roles claim` };
  }

  async #assignedGraphRoles(clientId: string): Promise<string[]> {
    const self = (await this.#graph
      .api(`/servicePrincipals(appId='${encodeURIComponent(clientId)}')`)
      .select('id')
      .get()) as { id: string };
    const graph = (await this.#graph
      .api(`/servicePrincipals(appId='${MICROSOFT_GRAPH_APP_ID}')`)
      .select(['id', 'appRoles'])
      .get()) as { id: string; appRoles?: Array<{ id: string; value?: string }> };
    const names = new Map((graph.appRoles ?? []).map((role) => [role.id.toLowerCase(), role.value ?? role.id]));
    const roles: string[] = [];
    let next: string | undefined = `/servicePrincipals/${encodeURIComponent(self.id)}/appRoleAssignments`;
    for (let page = 0; next && page < MAX_PAGES; page += 1) {
      const body = (await this.#graph.api(next).get()) as {
        value?: Array<{ appRoleId: string; resourceId: string }>;
        '@odata.nextLink'?: string;
      };
      for (const assignment of body.value ?? []) {
        if (assignment.resourceId.toLowerCase() === graph.id.toLowerCase())
          roles.push(names.get(assignment.appRoleId.toLowerCase()) ?? assignment.appRoleId);
      }
      next = body['@odata.nextLink'];
    }
    return roles;
  }

  async #tokenRoles(): Promise<string[] | undefined> {
    try {
      const token = await this.credential.getToken(`${this.config.graphEndpoint}/.default`);
      const payload = token?.token.split('.')[1];
      if (!payload) return undefined;
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { roles?: unknown };
      return Array.isArray(claims.roles)
        ? claims.roles.filter((role): role is string => typeof role === 'string')
        : undefined;
    } catch {
      return undefined;
    }
  }
}

function describeError(error: unknown): string {
  try {
    const failure = toFailure(error, {
      needs: { graph: ['Application.Read.All'] },
      target: "the bot's service principal",
    });
    return `${failure.status ?? ''} ${failure.message}`.trim();
  } catch {
    return redact(error instanceof Error ? error.message : String(error));
  }
}

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
