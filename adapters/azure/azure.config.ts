import { z } from 'zod';
import { ConfigError, type AppConfig, type ConfigProblem } from '../config/app.config.ts';

/**
 * The Azure adapter's own environment (DESIGN.md, "Contracts": env and
 * endpoints override). Credentials themselves (AZURE_CLIENT_ID,
 * AZURE_TENANT_ID, AZURE_CLIENT_SECRET, AZURE_FEDERATED_TOKEN_FILE, the managed
 * identity variables) are read by `@azure/identity`, never here, and never logged.
 */
export interface AzureConfig {
  /** Whether an Azure identity or target is configured at all; otherwise the simulated executor runs. */
  configured: boolean;
  /** Default subscription; every resource id carries its own, so this is optional. */
  subscriptionId?: string;
  /** ARM root, no trailing slash (`https://management.azure.com`, a sovereign cloud, or a local fake). */
  armEndpoint: string;
  /** Graph host root without version, no trailing slash; the client adds `/v1.0`. */
  graphEndpoint: string;
  /** The bot's application (client) id, when known: preflight looks up its Graph app roles with it. */
  clientId?: string;
  /** ALLOW_INSECURE_ENDPOINTS: http endpoints allowed and a placeholder token instead of a real credential. */
  insecure: boolean;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const asUrl = (value: string): URL | undefined => (URL.canParse(value) ? new URL(value) : undefined);

const endpoint = (example: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .url({ message: `must be an absolute URL such as ${example}` })
      .refine((value) => /^https?:$/.test(asUrl(value)?.protocol ?? 'http:'), `must be an https URL such as ${example}`)
      .refine((value) => {
        const url = asUrl(value);
        return !url || (!url.search && !url.hash && !url.username);
      }, `must be a bare host root such as ${example} (no query, fragment or credentials)`)
      .optional(),
  );

const envSchema = z.object({
  AZURE_SUBSCRIPTION_ID: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(GUID, 'must be a subscription id (a GUID such as 00000000-0000-0000-0000-000000000000)')
      .optional(),
  ),
  ARM_ENDPOINT: endpoint('https://management.azure.com'),
  GRAPH_ENDPOINT: endpoint('https://graph.microsoft.com').refine(
    (value) => value === undefined || !/\/(v1\.0|beta)\/?$/i.test(asUrl(value)?.pathname ?? ''),
    'must be the host root without a version (https://graph.microsoft.com): the client adds /v1.0',
  ),
  AZURE_CLIENT_ID: z.preprocess(blankToUndefined, z.string().optional()),
  IDENTITY_ENDPOINT: z.preprocess(blankToUndefined, z.string().optional()),
  MSI_ENDPOINT: z.preprocess(blankToUndefined, z.string().optional()),
});

/** Strips trailing slashes so `${root}/subscriptions/...` and `${root}/.default` are well formed. */
function root(value: string): string {
  return value.replace(/\/+$/, '');
}

/**
 * Reads the Azure variables once. Throws `ConfigError` naming each bad
 * variable; an `http://` endpoint is refused unless ALLOW_INSECURE_ENDPOINTS
 * is on (which the app config already refuses in production).
 */
export function loadAzureConfig(
  env: NodeJS.ProcessEnv,
  app: Pick<AppConfig, 'allowInsecureEndpoints'>,
): Readonly<AzureConfig> {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? 'environment'),
        problem: issue.message,
      })),
    );
  }
  const values = parsed.data;
  const armEndpoint = root(values.ARM_ENDPOINT ?? 'https://management.azure.com');
  const graphEndpoint = root(values.GRAPH_ENDPOINT ?? 'https://graph.microsoft.com');
  const problems: ConfigProblem[] = [];
  for (const [variable, value] of [
    ['ARM_ENDPOINT', armEndpoint],
    ['GRAPH_ENDPOINT', graphEndpoint],
  ] as const) {
    if (value.startsWith('http://') && !app.allowInsecureEndpoints) {
      problems.push({
        variable,
        problem:
          `is ${value}: plain http would send the bot's Azure token unencrypted. Use https, or set ` +
          `ALLOW_INSECURE_ENDPOINTS=true for a local test rig only.`,
      });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const configured = [
    values.AZURE_SUBSCRIPTION_ID,
    values.ARM_ENDPOINT,
    values.AZURE_CLIENT_ID,
    values.IDENTITY_ENDPOINT,
    values.MSI_ENDPOINT,
  ].some((value) => value !== undefined);
  return Object.freeze({
    configured,
    ...(values.AZURE_SUBSCRIPTION_ID ? { subscriptionId: values.AZURE_SUBSCRIPTION_ID.toLowerCase() } : {}),
    armEndpoint,
    graphEndpoint,
    ...(values.AZURE_CLIENT_ID ? { clientId: values.AZURE_CLIENT_ID } : {}),
    insecure: app.allowInsecureEndpoints,
  });
}
