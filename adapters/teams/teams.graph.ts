import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import {
  AuthenticationHandler,
  Client,
  GraphError,
  HTTPMessageHandler,
  RedirectHandler,
  RetryHandler,
  TelemetryHandler,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
// prettier-ignore
import {
  TokenCredentialAuthenticationProvider,
} from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import type { IncidentState } from '../../src/incident/incident.state.ts';
import { warRoomDescription, warRoomName } from './teams.mapper.ts';
import type { TeamsConfig } from './teams.config.ts';

/** A channel Graph created. */
export interface CreatedChannel {
  id: string;
  displayName: string;
  webUrl?: string;
}

/** How many names are tried when Graph says the name is taken. */
const NAME_ATTEMPTS = 5;

/** What DESIGN.md's local test rig uses instead of a real token: never accepted by Graph. */
const PLACEHOLDER_TOKEN = 'insecure-local-placeholder';

/**
 * War-room channels through Microsoft Graph (`POST /teams/{id}/channels`),
 * with `@microsoft/microsoft-graph-client` and an `@azure/identity` token.
 */
export class TeamsChannels {
  readonly #client: Client;

  constructor(
    private readonly config: Readonly<TeamsConfig>,
    credential: TokenCredential = credentialFor(config),
  ) {
    this.#client = graphClient(config, credential);
  }

  /**
   * A user's verified email (`mail`, else `userPrincipalName`) from Entra, through `GET /users/{id}`, for the people
   * directory. Undefined when the bot lacks User.Read.All (403) or the user is unknown (404).
   */
  async userEmail(aadObjectId: string): Promise<string | undefined> {
    try {
      const user = (await this.#client
        .api(`/users/${encodeURIComponent(aadObjectId)}`)
        .select(['mail', 'userPrincipalName'])
        .get()) as { mail?: string | null; userPrincipalName?: string | null };
      return user.mail ?? user.userPrincipalName ?? undefined;
    } catch (error) {
      if (error instanceof GraphError && (error.statusCode === 403 || error.statusCode === 404)) return undefined;
      throw error;
    }
  }

  /**
   * Creates the incident's channel; a name clash (Graph 409, or 400
   * NameAlreadyExists) gets a numbered suffix and another try. A private
   * channel needs an owner among its members.
   */
  async create(state: IncidentState, ownerAadObjectId?: string): Promise<CreatedChannel> {
    if (this.config.privateChannels && !ownerAadObjectId) {
      throw new Error(
        'TEAMS_PRIVATE_CHANNELS=true needs an owner for each war room, and this incident has no Teams user to own ' +
          'it: declare it from Teams, or assign a Teams commander first.',
      );
    }
    for (let attempt = 1; attempt <= NAME_ATTEMPTS; attempt++) {
      const displayName = warRoomName(state, attempt);
      try {
        const created: unknown = await this.#client
          .api(`/teams/${encodeURIComponent(this.config.teamId)}/channels`)
          .post(this.#body(state, displayName, ownerAadObjectId));
        return channelOf(created, displayName);
      } catch (error) {
        if (attempt < NAME_ATTEMPTS && isNameClash(error)) continue;
        throw explain(error, this.config.teamId);
      }
    }
    throw new Error(`Every war-room name tried is taken in team ${this.config.teamId}.`);
  }

  #body(state: IncidentState, displayName: string, owner?: string): Record<string, unknown> {
    const body: Record<string, unknown> = {
      displayName,
      description: warRoomDescription(state),
      membershipType: this.config.privateChannels ? 'private' : 'standard',
    };
    if (this.config.privateChannels && owner) {
      body['@odata.type'] = '#Microsoft.Graph.channel';
      body.members = [
        {
          '@odata.type': '#microsoft.graph.aadUserConversationMember',
          'user@odata.bind': `${this.config.graphEndpoint}/v1.0/users('${encodeURIComponent(owner)}')`,
          roles: ['owner'],
        },
      ];
    }
    return body;
  }
}

/** The bot's own identity: its app secret, or its user-assigned managed identity; a placeholder on a local rig. */
function credentialFor(config: Readonly<TeamsConfig>): TokenCredential {
  if (config.insecure)
    return { getToken: async () => ({ token: PLACEHOLDER_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }) };
  if (config.appType === 'UserAssignedMSI') return new ManagedIdentityCredential({ clientId: config.appId });
  return new ClientSecretCredential(config.tenantId ?? '', config.appId, config.appPassword?.reveal() ?? '');
}

/**
 * The Graph client attaches the token only to https Graph hosts or its
 * `customHosts` (DESIGN.md, Stack): the configured host is added so a
 * sovereign cloud or a local fake still gets `Authorization`. For an http
 * local rig, requests are addressed as https (so the token is attached) and
 * rewritten to http after it, as Microsoft's own test recorder does.
 */
function graphClient(config: Readonly<TeamsConfig>, credential: TokenCredential): Client {
  const root = new URL(config.graphEndpoint);
  const authProvider = new TokenCredentialAuthenticationProvider(credential, {
    scopes: [`${config.graphEndpoint}/.default`],
  });
  const httpRoot = root.protocol === 'http:' ? `${config.graphEndpoint}/` : undefined;
  const httpsRoot = `https://${root.host}/`;
  const chain: Middleware[] = [new AuthenticationHandler(authProvider)];
  if (httpRoot) chain.push(new RewriteToLocalHttp(httpsRoot, httpRoot));
  chain.push(new RetryHandler(), new RedirectHandler(), new TelemetryHandler(), new HTTPMessageHandler());
  return Client.initWithMiddleware({
    middleware: chain,
    baseUrl: httpsRoot,
    defaultVersion: 'v1.0',
    customHosts: new Set([root.hostname]),
  });
}

/** Only built when GRAPH_ENDPOINT is http, which config allows only with ALLOW_INSECURE_ENDPOINTS. */
class RewriteToLocalHttp implements Middleware {
  #next?: Middleware;

  constructor(
    private readonly from: string,
    private readonly to: string,
  ) {}

  async execute(context: Context): Promise<void> {
    if (typeof context.request === 'string' && context.request.startsWith(this.from))
      context.request = `${this.to}${context.request.slice(this.from.length)}`;
    if (!this.#next) throw new Error('RewriteToLocalHttp must not be last in the Graph middleware chain.');
    await this.#next.execute(context);
  }

  setNext(next: Middleware): void {
    this.#next = next;
  }
}

function channelOf(created: unknown, displayName: string): CreatedChannel {
  const record = typeof created === 'object' && created !== null ? (created as Record<string, unknown>) : {};
  if (typeof record.id !== 'string' || !record.id)
    throw new Error('Graph created the channel but its answer has no id.');
  return {
    id: record.id,
    displayName: typeof record.displayName === 'string' ? record.displayName : displayName,
    ...(typeof record.webUrl === 'string' ? { webUrl: record.webUrl } : {}),
  };
}

function isNameClash(error: unknown): boolean {
  if (!(error instanceof GraphError)) return false;
  return (
    error.statusCode === 409 ||
    (error.statusCode === 400 && /NameAlreadyExists|already exist/i.test(`${error.code ?? ''} ${error.message}`))
  );
}

/** Graph's refusals, said with what to fix. */
function explain(error: unknown, teamId: string): Error {
  if (!(error instanceof GraphError)) return error instanceof Error ? error : new Error(String(error));
  const fix: Record<number, string> = {
    401: 'check MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId',
    403:
      `the app needs the Channel.Create.Group permission in that team: install the Teams app (deploy/teams) in ` +
      `team ${teamId} and accept its permissions`,
    404: `TEAMS_TEAM_ID ${teamId} is not a team this app can see: use the team's group id`,
  };
  return new Error(
    `Graph refused to create the war-room channel (${error.statusCode} ${error.code ?? ''}): ` +
      `${fix[error.statusCode] ?? error.message}.`,
  );
}
