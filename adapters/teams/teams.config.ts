import { z } from 'zod';
import { ConfigError, type AppConfig, type ConfigProblem } from '../config/app.config.ts';
import { Secret } from '../config/secret.ts';

/** How the bot's Entra app authenticates (botbuilder's `MicrosoftAppType`). */
export type TeamsAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

/** The Teams platform's settings, validated once at start-up and frozen. */
export interface TeamsConfig {
  /** The bot's Entra app id; empty only in the explicit local mode (ALLOW_INSECURE_ENDPOINTS). */
  appId: string;
  appPassword?: Secret;
  tenantId?: string;
  appType: TeamsAppType;
  /** The Microsoft 365 group id of the team where war-room channels are created. */
  teamId: string;
  privateChannels: boolean;
  /** A channel (`19:…@thread.…`) for notices to people the bot cannot DM. */
  legalChannelId?: string;
  /** Where "Declare?" cards for proposed Sentinel incidents go. */
  triageChannelId?: string;
  /** Graph host root without a version and without a trailing slash (`https://graph.microsoft.com`). */
  graphEndpoint: string;
  /** ALLOW_INSECURE_ENDPOINTS: http endpoints and a placeholder Graph token. */
  insecure: boolean;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CHANNEL_ID = /^19:[^\s/]+@thread\.[a-z0-9]+$/i;
const APP_TYPES: readonly TeamsAppType[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];

const optionalText = z
  .string()
  .optional()
  .transform((value) => value?.trim() || undefined);

const envSchema = z.object({
  MicrosoftAppId: optionalText.pipe(
    z.string().regex(GUID, "must be the bot's Entra application (client) id, a GUID").optional(),
  ),
  MicrosoftAppPassword: optionalText,
  MicrosoftAppTenantId: optionalText.pipe(z.string().regex(GUID, 'must be the Entra tenant id, a GUID').optional()),
  MicrosoftAppType: optionalText.pipe(
    z
      .string()
      .transform((value) => APP_TYPES.find((type) => type.toLowerCase() === value.toLowerCase()))
      .pipe(z.enum(APP_TYPES, { message: `must be one of ${APP_TYPES.join(', ')}` }))
      .optional(),
  ),
  TEAMS_TEAM_ID: optionalText.pipe(
    z
      .string()
      .regex(
        GUID,
        "must be the team's Microsoft 365 group id (a GUID: the groupId= in the team's link), not its 19:…@thread id",
      )
      .optional(),
  ),
  TEAMS_PRIVATE_CHANNELS: z
    .enum(['true', 'false', '1', '0', ''], { message: 'must be true or false' })
    .optional()
    .transform((value) => value === 'true' || value === '1'),
  TEAMS_LEGAL_CHANNEL_ID: optionalText.pipe(
    z
      .string()
      .regex(CHANNEL_ID, 'must be a Teams channel id such as 19:abc…@thread.tacv2 (from the channel link)')
      .optional(),
  ),
  TEAMS_TRIAGE_CHANNEL_ID: optionalText.pipe(
    z
      .string()
      .regex(CHANNEL_ID, 'must be a Teams channel id such as 19:abc…@thread.tacv2 (from the channel link)')
      .optional(),
  ),
  GRAPH_ENDPOINT: optionalText,
});

type TeamsEnv = z.infer<typeof envSchema>;

/**
 * Reads the Teams variables. Undefined when Teams is off: no `MicrosoftAppId`,
 * unless ALLOW_INSECURE_ENDPOINTS is on and `TEAMS_TEAM_ID` asks for a local
 * Teams rig (botbuilder with an empty app id accepts any token, so that mode
 * must be explicit). Throws ConfigError naming each bad variable.
 */
export function loadTeamsConfig(env: NodeJS.ProcessEnv, app: Readonly<AppConfig>): Readonly<TeamsConfig> | undefined {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success)
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? 'environment'),
        problem: issue.message,
      })),
    );
  const values = parsed.data;
  const insecure = app.allowInsecureEndpoints;
  if (!values.MicrosoftAppId && !(insecure && values.TEAMS_TEAM_ID)) return undefined;
  const problems: ConfigProblem[] = [];
  const appType = values.MicrosoftAppType ?? 'MultiTenant';
  checkCredentials(values, appType, insecure, problems);
  if (!values.TEAMS_TEAM_ID)
    problems.push({
      variable: 'TEAMS_TEAM_ID',
      problem:
        'is required with MicrosoftAppId: the Microsoft 365 group id (a GUID) of the team where war-room channels ' +
        'are created.',
    });
  const graphEndpoint = graphEndpointOf(values.GRAPH_ENDPOINT, insecure, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    appId: values.MicrosoftAppId ?? '',
    ...(values.MicrosoftAppPassword ? { appPassword: new Secret(values.MicrosoftAppPassword) } : {}),
    ...(values.MicrosoftAppTenantId ? { tenantId: values.MicrosoftAppTenantId } : {}),
    appType,
    teamId: values.TEAMS_TEAM_ID ?? '',
    privateChannels: values.TEAMS_PRIVATE_CHANNELS,
    ...(values.TEAMS_LEGAL_CHANNEL_ID ? { legalChannelId: values.TEAMS_LEGAL_CHANNEL_ID } : {}),
    ...(values.TEAMS_TRIAGE_CHANNEL_ID ? { triageChannelId: values.TEAMS_TRIAGE_CHANNEL_ID } : {}),
    graphEndpoint,
    insecure,
  });
}

/** What each app type needs, as botbuilder asserts it, said before botbuilder throws a bare assertion. */
function checkCredentials(values: TeamsEnv, appType: TeamsAppType, insecure: boolean, problems: ConfigProblem[]): void {
  if (!values.MicrosoftAppId) return;
  if (appType === 'UserAssignedMSI') {
    if (values.MicrosoftAppPassword)
      problems.push({
        variable: 'MicrosoftAppPassword',
        problem: 'must not be set with MicrosoftAppType=UserAssignedMSI: the managed identity has no secret. Unset it.',
      });
  } else if (!values.MicrosoftAppPassword) {
    problems.push({
      variable: 'MicrosoftAppPassword',
      problem: `is required with MicrosoftAppType=${appType}: the client secret of the bot's Entra app.`,
    });
  }
  // Graph (war-room channels) needs a token from the tenant itself, whatever the bot's app type.
  if (!values.MicrosoftAppTenantId && !insecure) {
    problems.push({
      variable: 'MicrosoftAppTenantId',
      problem:
        'is required: the Entra tenant id (a GUID) where the team lives; Graph tokens for creating channels ' +
        'come from it.',
    });
  }
}

function graphEndpointOf(input: string | undefined, insecure: boolean, problems: ConfigProblem[]): string {
  const value = input ?? 'https://graph.microsoft.com';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push({
      variable: 'GRAPH_ENDPOINT',
      problem: 'must be a URL such as https://graph.microsoft.com (the host root, no version).',
    });
    return value;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    problems.push({ variable: 'GRAPH_ENDPOINT', problem: 'must be an https URL.' });
  else if (url.protocol === 'http:' && !insecure)
    problems.push({
      variable: 'GRAPH_ENDPOINT',
      problem:
        'is http: tokens would travel in clear. Use https, or set ALLOW_INSECURE_ENDPOINTS=true for a local test rig.',
    });
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    problems.push({
      variable: 'GRAPH_ENDPOINT',
      problem:
        'must be the host root without a version or path (e.g. https://graph.microsoft.us): the client adds ' +
        '/v1.0 itself.',
    });
  }
  return `${url.protocol}//${url.host}`;
}
