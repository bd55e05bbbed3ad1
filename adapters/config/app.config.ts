import { DEFAULT_KEY_PREFIX, KEY_PREFIX } from '../store/redis.keys.ts';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { incidentConfigSchema, type IncidentConfig } from '../../src/config/incident.config.ts';
import { DEFAULT_CALENDARS } from '../../src/clocks/holidays.ts';
import { mergeRegimes, withDoraRelief, withLegalTimeZone } from '../../src/clocks/regime.config.ts';
import { SHIPPED_REGIMES } from '../../src/clocks/regimes.ts';
import type { Regime } from '../../src/clocks/regime.types.ts';
import type { ClockConfig } from '../../src/decision/decision.types.ts';
import { Secret } from './secret.ts';

/** One thing wrong with the configuration, and how to fix it. */
export interface ConfigProblem {
  variable: string;
  problem: string;
}

export class ConfigError extends Error {
  readonly code = 'config.invalid';
  constructor(readonly problems: ConfigProblem[]) {
    super(`The configuration is invalid:\n${problems.map((p) => `  - ${p.variable}: ${p.problem}`).join('\n')}`);
  }
}

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1');

/** The environment variables the core process reads (DESIGN.md, "Contracts"). Platform adapters validate their own. */
const envSchema = z.object({
  PORT: z.coerce
    .number({ message: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be 0-65535')
    .max(65535, 'must be 0-65535')
    .default(3978),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1, 'must name a folder').default('./data'),
  IC_STORE: z
    .enum(['file', 'memory', 'redis'], {
      message:
        'must be "file" (the default, durable), "redis" (many replicas; needs REDIS_URL) or "memory" (nothing kept: ' +
        'tests and demos only)',
    })
    .optional(),
  // The message never repeats the value: the URL may carry a password.
  REDIS_URL: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .string()
      .refine(isRedisUrl, {
        message: 'must be a redis:// or rediss:// URL, such as redis://redis:6379 (or unset it to use the file store)',
      })
      .optional(),
  ),
  IC_REDIS_PREFIX: z
    .string()
    .regex(KEY_PREFIX, 'must be 1 to 64 letters, digits or : . _ - (no braces), such as ic:prod:')
    .default(DEFAULT_KEY_PREFIX),
  IC_CONFIG: z.string().min(1, 'must name a YAML file').optional(),
  LOG_LEVEL: z
    .enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'], {
      message: 'must be one of trace, debug, info, warn, error, fatal, silent',
    })
    .default('info'),
  NODE_ENV: z.string().optional(),
  ALLOW_INSECURE_ENDPOINTS: flag,
  IC_RUNBOOKS_DIR: z.string().min(1, 'must name a folder of runbook YAML files').optional(),
  IC_TICK_SECONDS: z.coerce
    .number()
    .int('must be a whole number of seconds')
    .min(1, 'must be at least 1')
    .max(3600, 'must be at most 3600')
    .default(15),
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().positive('must be a positive number of seconds').default(10),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters (a random bearer token)').optional(),
});

/** Which incident store runs; `redis` carries its URL (a secret: it may hold a password). */
export type StoreChoice = { store: 'file' | 'memory'; redisUrl?: undefined } | { store: 'redis'; redisUrl: Secret };

/** The validated configuration. */
export type AppConfig = AppSettings & StoreChoice;

/** Everything in {@link AppConfig} but the store choice. */
export interface AppSettings {
  port: number;
  host: string;
  dataDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  production: boolean;
  allowInsecureEndpoints: boolean;
  shutdownGraceMs: number;
  configFile?: string;
  /** The folder of runbook YAML files (default: the runbooks shipped with the bot). */
  runbooksDir: string;
  /** How often the scheduler ticks (reminders, write-back retries, the poller), in milliseconds. */
  tickMs: number;
  /** What every Redis key starts with: several deployments can share one Redis. */
  redisPrefix: string;
  /** METRICS_TOKEN: when set, `/metrics` wants `Authorization: Bearer <token>`. */
  metricsToken?: Secret;
  incident: IncidentConfig;
  /** The regimes (shipped plus IC_CONFIG overrides), holiday calendars and organisation profile. */
  clocks: ClockConfig;
}

/** The runbooks that ship with the bot. */
export const SHIPPED_RUNBOOKS = fileURLToPath(new URL('../../runbooks', import.meta.url));

/**
 * Reads and validates the whole configuration once, at start-up. Every
 * problem is collected and reported together, each naming its variable and
 * the fix; the result is frozen.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<AppConfig> {
  const parsed = envSchema.safeParse(env);
  const problems: ConfigProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? 'environment'),
        problem: issue.message,
      }));
  const incident = env.IC_CONFIG ? readIncidentConfig(env.IC_CONFIG, problems) : incidentConfigSchema.parse({});
  const nodeEnv = parsed.success ? parsed.data.NODE_ENV : undefined;
  if (parsed.success && parsed.data.ALLOW_INSECURE_ENDPOINTS && !INSECURE_ALLOWED_IN.includes(nodeEnv ?? '')) {
    problems.push({
      variable: 'ALLOW_INSECURE_ENDPOINTS',
      problem:
        `is refused unless NODE_ENV is development or test (it is ` +
        `${nodeEnv === undefined ? 'unset' : `"${nodeEnv}"`}): ` +
        'it disables endpoint and token checks meant only for a local test rig. Unset it, or set ' +
        'NODE_ENV=development on the rig.',
    });
  }
  const clocks = incident ? clockConfigOf(incident, problems) : undefined;
  const store = parsed.success ? storeChoiceOf(parsed.data.IC_STORE, parsed.data.REDIS_URL, problems) : undefined;
  if (problems.length > 0 || !parsed.success || !incident || !clocks || !store) throw new ConfigError(problems);
  const env_ = parsed.data;
  return Object.freeze({
    port: env_.PORT,
    host: env_.HOST,
    dataDir: resolve(env_.DATA_DIR),
    ...store,
    logLevel: env_.LOG_LEVEL,
    production: env_.NODE_ENV?.toLowerCase().startsWith('prod') ?? false,
    allowInsecureEndpoints: env_.ALLOW_INSECURE_ENDPOINTS,
    shutdownGraceMs: env_.SHUTDOWN_GRACE_SECONDS * 1000,
    runbooksDir: env_.IC_RUNBOOKS_DIR ? resolve(env_.IC_RUNBOOKS_DIR) : SHIPPED_RUNBOOKS,
    tickMs: env_.IC_TICK_SECONDS * 1000,
    redisPrefix: env_.IC_REDIS_PREFIX,
    ...(env_.METRICS_TOKEN ? { metricsToken: new Secret(env_.METRICS_TOKEN) } : {}),
    clocks,
    ...(env_.IC_CONFIG ? { configFile: resolve(env_.IC_CONFIG) } : {}),
    incident: deepFreeze(incident),
  });
}

/** Whether `value` is a URL ioredis would connect to over TCP: redis:// or rediss:// with a host. */
function isRedisUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** IC_STORE when set; otherwise `redis` when REDIS_URL is set, else `file`. `redis` needs REDIS_URL. */
function storeChoiceOf(
  kind: 'file' | 'memory' | 'redis' | undefined,
  redisUrl: string | undefined,
  problems: ConfigProblem[],
): StoreChoice | undefined {
  const chosen = kind ?? (redisUrl === undefined ? 'file' : 'redis');
  if (chosen !== 'redis') return { store: chosen };
  if (redisUrl !== undefined) return { store: 'redis', redisUrl: new Secret(redisUrl) };
  problems.push({
    variable: 'REDIS_URL',
    problem:
      'is required when IC_STORE=redis: set it to the Redis URL, such as redis://redis:6379 (rediss:// for TLS), or ' +
      'set IC_STORE=file.',
  });
  return undefined;
}

function readIncidentConfig(file: string, problems: ConfigProblem[]): IncidentConfig | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    problems.push({
      variable: 'IC_CONFIG',
      problem:
        `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}): point it at an ` +
        `existing YAML file, or unset it.`,
    });
    return undefined;
  }
  let data: unknown;
  try {
    data = parseYaml(text) ?? {};
  } catch (error) {
    problems.push({
      variable: 'IC_CONFIG',
      problem: `${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
    });
    return undefined;
  }
  const result = incidentConfigSchema.safeParse(data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    problems.push({
      variable: `IC_CONFIG ${issue.path.map(String).join('.') || '(top level)'}`,
      problem: issue.message,
    });
  }
  return undefined;
}

/** The only NODE_ENV values under which ALLOW_INSECURE_ENDPOINTS is taken; anything else, or none, refuses it. */
const INSECURE_ALLOWED_IN: readonly string[] = ['development', 'test'];

/** The shipped regimes with the IC_CONFIG `regimes:` changes applied; each problem names its path. */
function clockConfigOf(incident: IncidentConfig, problems: ConfigProblem[]): ClockConfig | undefined {
  const organisation = incident.organisation;
  const zone = incident.contacts.legalTimeZone ?? 'UTC';
  const finish = (regimes: readonly Regime[]) =>
    withLegalTimeZone(withDoraRelief(regimes, organisation.doraWeekendRelief), zone);
  if (!incident.regimes) return { regimes: finish(SHIPPED_REGIMES), calendars: DEFAULT_CALENDARS, organisation };
  const merged = mergeRegimes(SHIPPED_REGIMES, incident.regimes);
  if (merged.ok) return { regimes: finish(merged.regimes), calendars: merged.calendars, organisation };
  for (const problem of merged.problems) problems.push({ variable: 'IC_CONFIG regimes', problem });
  return undefined;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}
