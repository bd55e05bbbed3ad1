import { z } from 'zod';
import type { IncidentConfig } from '../../src/config/incident.config.ts';
import { ConfigError, type AppConfig, type ConfigProblem } from '../config/app.config.ts';
import { Secret } from '../config/secret.ts';

/** The Slack platform's settings, parsed once at start-up and frozen. */
export interface SlackConfig {
  signingSecret: Secret;
  botToken: Secret;
  /** Where the Web API lives (ends with `/`): Slack, an Enterprise Grid proxy, or a test fake. */
  apiUrl: string;
  /** Set: events arrive over Socket Mode instead of `POST /slack/events`. */
  appToken?: Secret;
  /** Whether war rooms are private channels. */
  warRoomPrivate: boolean;
  /** Invited to every war room: `slack:<user id>` or an email; config's commander and responder pools are added. */
  responders: readonly string[];
  /** Where "Declare?" cards for Sentinel incidents go (a channel id the bot was invited to); none when unset. */
  triageChannel?: string;
}

const SLACK_USER = /^(?:slack:)?([UW][A-Z0-9]{2,})$/;
const EMAIL = /^[^\s@:]+@[^\s@]+\.[^\s@]+$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

const blank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());

const envSchema = z.object({
  SLACK_SIGNING_SECRET: optional(
    z.string().trim().min(8, 'looks too short: copy the Signing Secret from the app\'s "Basic Information" page'),
  ),
  SLACK_BOT_TOKEN: optional(
    z
      .string()
      .trim()
      .startsWith('xoxb-', 'must be the Bot User OAuth Token (xoxb-…) from the app\'s "OAuth & Permissions" page'),
  ),
  SLACK_APP_TOKEN: optional(
    z
      .string()
      .trim()
      .startsWith(
        'xapp-',
        'must be an app-level token (xapp-…) with the connections:write scope, from "Basic Information" > ' +
          '"App-Level Tokens"; unset it to receive events over HTTP',
      ),
  ),
  SLACK_API_URL: z.preprocess(
    blank,
    z.url('must be a URL such as https://slack.com/api/').default('https://slack.com/api/'),
  ),
  SLACK_WAR_ROOM_PRIVATE: z.preprocess(
    blank,
    z.enum(['true', 'false', '1', '0'], { message: 'must be true or false' }).default('true'),
  ),
  SLACK_RESPONDERS: optional(z.string()),
  SLACK_TRIAGE_CHANNEL: optional(
    z
      .string()
      .trim()
      .regex(
        /^[CG][A-Z0-9]{2,}$/,
        'must be a channel id such as C0123456789 (channel details > About > Channel ID); invite the bot to ' +
          'that channel',
      ),
  ),
});

/**
 * Reads the Slack variables. Undefined when none of `SLACK_SIGNING_SECRET`,
 * `SLACK_BOT_TOKEN`, `SLACK_APP_TOKEN` is set (Slack is off); a `ConfigError`
 * naming every bad or missing variable when Slack is configured halfway.
 */
export function loadSlackConfig(
  env: NodeJS.ProcessEnv,
  app: Partial<Pick<AppConfig, 'incident' | 'allowInsecureEndpoints'>> = {},
): Readonly<SlackConfig> | undefined {
  const parsed = envSchema.safeParse(env);
  if (!blank(env.SLACK_SIGNING_SECRET) && !blank(env.SLACK_BOT_TOKEN) && !blank(env.SLACK_APP_TOKEN)) return undefined;
  const problems: ConfigProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? 'SLACK'), problem: issue.message }));
  if (!parsed.success) throw new ConfigError(problems);
  const vars = parsed.data;
  if (!vars.SLACK_SIGNING_SECRET)
    problems.push({
      variable: 'SLACK_SIGNING_SECRET',
      problem:
        'is required with SLACK_BOT_TOKEN: copy the Signing Secret from the app\'s "Basic Information" page (every ' +
        'request from Slack is checked with it).',
    });
  if (!vars.SLACK_BOT_TOKEN)
    problems.push({
      variable: 'SLACK_BOT_TOKEN',
      problem:
        'is required with SLACK_SIGNING_SECRET: install the app and copy the Bot User OAuth Token (xoxb-…) from ' +
        '"OAuth & Permissions".',
    });
  const apiUrl = checkApiUrl(vars.SLACK_API_URL, app.allowInsecureEndpoints === true, problems);
  const responders = parseResponders(vars.SLACK_RESPONDERS, problems);
  if (problems.length > 0 || !vars.SLACK_SIGNING_SECRET || !vars.SLACK_BOT_TOKEN) throw new ConfigError(problems);
  return Object.freeze({
    signingSecret: new Secret(vars.SLACK_SIGNING_SECRET),
    botToken: new Secret(vars.SLACK_BOT_TOKEN),
    apiUrl,
    ...(vars.SLACK_APP_TOKEN ? { appToken: new Secret(vars.SLACK_APP_TOKEN) } : {}),
    warRoomPrivate: vars.SLACK_WAR_ROOM_PRIVATE === 'true' || vars.SLACK_WAR_ROOM_PRIVATE === '1',
    responders: Object.freeze(dedupe([...responders, ...poolInvitees(app.incident)])),
    ...(vars.SLACK_TRIAGE_CHANNEL ? { triageChannel: vars.SLACK_TRIAGE_CHANNEL } : {}),
  });
}

/** The bot token travels with every call: plain http only to this machine, or with the test-rig switch. */
function checkApiUrl(value: string, allowInsecure: boolean, problems: ConfigProblem[]): string {
  const url = new URL(value);
  if (url.protocol === 'http:' && !allowInsecure && !LOOPBACK.has(url.hostname)) {
    problems.push({
      variable: 'SLACK_API_URL',
      problem:
        `is plain http (${url.host}): the bot token would travel unencrypted. Use https, or ` +
        `ALLOW_INSECURE_ENDPOINTS=true on a local test rig.`,
    });
  } else if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push({ variable: 'SLACK_API_URL', problem: 'must be an http(s) URL such as https://slack.com/api/' });
  }
  return value.endsWith('/') ? value : `${value}/`;
}

function parseResponders(list: string | undefined, problems: ConfigProblem[]): string[] {
  const entries = (list ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = entries.filter((entry) => !SLACK_USER.test(entry) && !EMAIL.test(entry));
  if (bad.length > 0)
    problems.push({
      variable: 'SLACK_RESPONDERS',
      problem:
        `${bad.map((entry) => JSON.stringify(entry)).join(', ')}: write Slack user ids (U024BE7LH) or ` +
        `emails, separated by commas.`,
    });
  return entries.filter((entry) => !bad.includes(entry)).map(toInvitee);
}

/** Commander and responder pool entries that Slack can reach: `slack:` ids and emails. */
function poolInvitees(incident?: IncidentConfig): string[] {
  const pools = incident?.roles ?? {};
  return [...(pools.commander ?? []), ...(pools.responder ?? [])]
    .filter((entry) => SLACK_USER.test(entry) || EMAIL.test(entry))
    .map(toInvitee);
}

function toInvitee(entry: string): string {
  const user = SLACK_USER.exec(entry);
  return user ? `slack:${user[1] ?? ''}` : entry.toLowerCase();
}

function dedupe(values: string[]): string[] {
  return [...new Set(values)];
}
