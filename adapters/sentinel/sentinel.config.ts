import { z } from 'zod';
import { pick, SEVERITIES, type Severity } from '../../src/domain/incident.types.ts';
import { loadAzureConfig, type AzureConfig } from '../azure/azure.config.ts';
import { ConfigError, type AppConfig, type ConfigProblem } from '../config/app.config.ts';
import { Secret } from '../config/secret.ts';

/** The Sentinel workspace the bot writes back to and polls. */
export interface SentinelWorkspace {
  subscriptionId: string;
  resourceGroup: string;
  workspaceName: string;
}

/** The Sentinel adapter's settings, parsed once at start-up and frozen. */
export interface SentinelConfig {
  /** Set: `POST /api/sentinel/incidents` is mounted and demands `Authorization: Bearer <token>`. */
  webhookToken?: Secret;
  /** Set: write-back (and the poller, when asked for) through the SDK. */
  workspace?: Readonly<SentinelWorkspace>;
  /** ARM endpoint, insecure-rig switch: the Azure adapter's own reading, shared so both agree. */
  azure?: Readonly<AzureConfig>;
  /** Set: the poller runs every so many milliseconds. */
  pollIntervalMs?: number;
  /** The lowest severity the poller asks for. */
  pollMinSeverity: Severity;
  /** The largest webhook body read; larger ones get 413. */
  webhookMaxBytes: number;
}

/**
 * Why 30 s: incident listing is an ARM read against a shared per-subscription budget, and the playbook is the fast path
 * anyway.
 */
export const MIN_POLL_SECONDS = 30;
/**
 * Why 1 MiB: a trigger body carries the alerts and entities, usually tens of kilobytes; larger bodies are refused, not
 * truncated.
 */
export const DEFAULT_WEBHOOK_MAX_BYTES = 1024 * 1024;
/** Why this ceiling: Logic Apps' HTTP action sends at most 100 MB, and nothing legitimate is that large. */
const MAX_WEBHOOK_MAX_BYTES = 64 * 1024 * 1024;
/** A shared bearer secret must not be guessable: 32 characters is 192 bits as base64. */
const MIN_TOKEN_LENGTH = 32;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const blank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());

const envSchema = z.object({
  SENTINEL_WEBHOOK_TOKEN: optional(
    z
      .string()
      .trim()
      .min(
        MIN_TOKEN_LENGTH,
        `must be at least ${MIN_TOKEN_LENGTH} characters: generate one with \`openssl rand -base64 32\` and put the ` +
          `same value in the playbook's WebhookToken parameter`,
      )
      .regex(/^\S+$/, 'must not contain spaces: it travels as `Authorization: Bearer <token>`'),
  ),
  AZURE_SUBSCRIPTION_ID: optional(
    z.string().trim().regex(GUID, 'must be the subscription id of the Sentinel workspace (a GUID)'),
  ),
  SENTINEL_RESOURCE_GROUP: optional(
    z
      .string()
      .trim()
      .regex(
        /^[-\w.()]{1,90}$/,
        'must be the resource group name of the Sentinel workspace (letters, digits, - _ . ( ), at most 90)',
      ),
  ),
  SENTINEL_WORKSPACE: optional(
    z
      .string()
      .trim()
      .regex(
        /^[A-Za-z0-9][-A-Za-z0-9]{2,61}[A-Za-z0-9]$/,
        'must be the Log Analytics workspace name (4-63 letters, digits and hyphens)',
      ),
  ),
  SENTINEL_POLL_SECONDS: optional(
    z.coerce
      .number({ message: 'must be a number of seconds' })
      .int('must be a whole number of seconds')
      .min(
        MIN_POLL_SECONDS,
        `must be at least ${MIN_POLL_SECONDS} seconds: polling faster spends the subscription's ARM read budget ` +
          `(the playbook is the fast path)`,
      ),
  ),
  SENTINEL_POLL_MIN_SEVERITY: optional(
    z.preprocess(
      (value) => (typeof value === 'string' ? (pick(SEVERITIES, value.trim()) ?? value) : value),
      z.enum(SEVERITIES, { message: `must be one of ${SEVERITIES.join(', ')}` }),
    ),
  ),
  SENTINEL_WEBHOOK_MAX_BYTES: optional(
    z.coerce
      .number({ message: 'must be a number of bytes' })
      .int('must be a whole number of bytes')
      .min(1024, 'must be at least 1024 bytes')
      .max(MAX_WEBHOOK_MAX_BYTES, `must be at most ${MAX_WEBHOOK_MAX_BYTES} bytes`),
  ),
});

type SentinelEnv = z.infer<typeof envSchema>;

/** The variables that switch Sentinel on; AZURE_SUBSCRIPTION_ID alone belongs to containment and does not. */
const SWITCHES = [
  'SENTINEL_WEBHOOK_TOKEN',
  'SENTINEL_RESOURCE_GROUP',
  'SENTINEL_WORKSPACE',
  'SENTINEL_POLL_SECONDS',
] as const;

/**
 * Reads the Sentinel variables. Undefined when none of the switches is set
 * (Sentinel is off); a `ConfigError` naming every bad or missing variable
 * when it is configured halfway (write-back and the poller need the
 * subscription, resource group and workspace together).
 */
export function loadSentinelConfig(
  env: NodeJS.ProcessEnv,
  app: Pick<AppConfig, 'allowInsecureEndpoints'>,
): Readonly<SentinelConfig> | undefined {
  if (!SWITCHES.some((name) => blank(env[name]) !== undefined)) return undefined;
  const parsed = envSchema.safeParse(env);
  if (!parsed.success)
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? 'SENTINEL'), problem: issue.message })),
    );
  const vars = parsed.data;
  const problems: ConfigProblem[] = [];
  const workspace = readWorkspace(vars, problems);
  const azure = workspace ? readArm(env, app, problems) : undefined;
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    ...(vars.SENTINEL_WEBHOOK_TOKEN ? { webhookToken: new Secret(vars.SENTINEL_WEBHOOK_TOKEN) } : {}),
    ...(workspace && azure ? { workspace: Object.freeze(workspace), azure } : {}),
    ...(vars.SENTINEL_POLL_SECONDS ? { pollIntervalMs: vars.SENTINEL_POLL_SECONDS * 1000 } : {}),
    pollMinSeverity: vars.SENTINEL_POLL_MIN_SEVERITY ?? 'Medium',
    webhookMaxBytes: vars.SENTINEL_WEBHOOK_MAX_BYTES ?? DEFAULT_WEBHOOK_MAX_BYTES,
  });
}

/**
 * The workspace when all three names are set; a problem per missing one when only some are (or the poller wants them).
 */
function readWorkspace(vars: SentinelEnv, problems: ConfigProblem[]): SentinelWorkspace | undefined {
  const {
    AZURE_SUBSCRIPTION_ID: subscriptionId,
    SENTINEL_RESOURCE_GROUP: resourceGroup,
    SENTINEL_WORKSPACE: workspaceName,
  } = vars;
  if (subscriptionId && resourceGroup && workspaceName)
    return { subscriptionId: subscriptionId.toLowerCase(), resourceGroup, workspaceName };
  const wanted = resourceGroup !== undefined || workspaceName !== undefined || vars.SENTINEL_POLL_SECONDS !== undefined;
  if (!wanted) return undefined;
  const why =
    vars.SENTINEL_POLL_SECONDS !== undefined && !resourceGroup && !workspaceName
      ? 'SENTINEL_POLL_SECONDS polls a workspace'
      : 'write-back and the poller address one workspace';
  const missing: Array<[string, string | undefined, string]> = [
    ['AZURE_SUBSCRIPTION_ID', subscriptionId, 'the subscription id of the Sentinel workspace'],
    ['SENTINEL_RESOURCE_GROUP', resourceGroup, 'the resource group of the Log Analytics workspace'],
    ['SENTINEL_WORKSPACE', workspaceName, 'the Log Analytics workspace name (not its id)'],
  ];
  for (const [variable, value, what] of missing) {
    if (value === undefined)
      problems.push({
        variable,
        problem:
          `is missing: ${why}, so set it to ${what} (or unset SENTINEL_RESOURCE_GROUP, SENTINEL_WORKSPACE ` +
          `and SENTINEL_POLL_SECONDS to run the webhook only).`,
      });
  }
  return undefined;
}

/** ARM_ENDPOINT as the Azure adapter reads it (https unless ALLOW_INSECURE_ENDPOINTS), so the two never disagree. */
function readArm(
  env: NodeJS.ProcessEnv,
  app: Pick<AppConfig, 'allowInsecureEndpoints'>,
  problems: ConfigProblem[],
): Readonly<AzureConfig> | undefined {
  try {
    return loadAzureConfig(env, app);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
}
