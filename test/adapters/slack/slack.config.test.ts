import { Inbox } from '../../../src/app/inbox.ts';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../adapters/config/app.config.ts';
import { WorkTracker } from '../../../adapters/http/work-tracker.ts';
import type { PlatformContext } from '../../../adapters/platform.ts';
import { slackPlatform } from '../../../adapters/slack/index.ts';
import { SlackAdapter } from '../../../adapters/slack/slack.adapter.ts';
import { loadSlackConfig } from '../../../adapters/slack/slack.config.ts';
import type { IncidentConfig } from '../../../src/config/incident.config.ts';
import { silentLogger } from '../../../src/ports/logger.port.ts';
import { serviceHarness } from '../../support/service-harness.ts';

const SECRET = 'e2c1f0a7d9b8c6a5e4f3d2c1b0a99887';
const TOKEN = 'xoxb-1111-2222-fake-token';

function problemsOf(env: NodeJS.ProcessEnv): Array<{ variable: string; problem: string }> {
  try {
    loadSlackConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadSlackConfig', () => {
  it('leaves Slack off when none of its variables is set (blank counts as unset)', () => {
    expect(loadSlackConfig({})).toBeUndefined();
    expect(loadSlackConfig({ SLACK_SIGNING_SECRET: '', SLACK_BOT_TOKEN: ' ', SLACK_RESPONDERS: 'U1' })).toBeUndefined();
  });

  it('names the missing one when only the secret or only the token is set', () => {
    expect(problemsOf({ SLACK_SIGNING_SECRET: SECRET }).map((p) => p.variable)).toEqual(['SLACK_BOT_TOKEN']);
    expect(problemsOf({ SLACK_BOT_TOKEN: TOKEN }).map((p) => p.variable)).toEqual(['SLACK_SIGNING_SECRET']);
    expect(problemsOf({ SLACK_APP_TOKEN: 'xapp-1-A1-1-x' }).map((p) => p.variable).sort()).toEqual(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']);
  });

  it('says how to fix a wrong token, a bad URL, a plain-http remote API and bad responders', () => {
    const problems = problemsOf({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_APP_TOKEN: 'xoxb-not-app', SLACK_API_URL: 'not a url', SLACK_WAR_ROOM_PRIVATE: 'maybe', SLACK_TRIAGE_CHANNEL: '#triage' });
    expect(problems.map((p) => p.variable).sort()).toEqual(['SLACK_API_URL', 'SLACK_APP_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_TRIAGE_CHANNEL', 'SLACK_WAR_ROOM_PRIVATE']);
    expect(problems.find((p) => p.variable === 'SLACK_BOT_TOKEN')?.problem).toMatch(/xoxb-/);
    expect(problemsOf({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: 'http://proxy.example.com/api/' })).toEqual([{ variable: 'SLACK_API_URL', problem: expect.stringMatching(/plain http .*ALLOW_INSECURE_ENDPOINTS/) }]);
    expect(problemsOf({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: TOKEN, SLACK_RESPONDERS: 'U024BE7LH, bob, ops@example.com' })).toEqual([{ variable: 'SLACK_RESPONDERS', problem: expect.stringContaining('"bob"') }]);
  });

  it('parses a good configuration with defaults, hides the secrets, and adds the Slack-reachable pool members', () => {
    const incident = { ...loadConfig({}).incident, roles: { commander: ['slack:U0CMDR001', 'console:alice'], responder: ['SOC@example.com'], legal: ['slack:U0LEGAL01'] } } satisfies IncidentConfig;
    const config = loadSlackConfig({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: TOKEN, SLACK_RESPONDERS: 'slack:U0RESP001,W0RESP002', SLACK_TRIAGE_CHANNEL: 'C0TRIAGE1' }, { incident });
    expect(config).toMatchObject({ triageChannel: 'C0TRIAGE1', apiUrl: 'https://slack.com/api/', warRoomPrivate: true, responders: ['slack:U0RESP001', 'slack:W0RESP002', 'slack:U0CMDR001', 'soc@example.com'] });
    expect(config?.appToken).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
    expect(`${inspect(config)} ${JSON.stringify(config)}`).not.toMatch(new RegExp(`${SECRET}|${TOKEN}`));
    expect(loadSlackConfig({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: 'http://127.0.0.1:9/api', SLACK_WAR_ROOM_PRIVATE: 'false' })).toMatchObject({ apiUrl: 'http://127.0.0.1:9/api/', warRoomPrivate: false });
    expect(loadSlackConfig({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: 'http://proxy.internal/api/' }, { allowInsecureEndpoints: true })?.apiUrl).toBe('http://proxy.internal/api/');
  });
});

describe('the Slack platform factory', () => {
  const context = (env: NodeJS.ProcessEnv): PlatformContext => {
    const { service, store, clock } = serviceHarness();
    return { config: loadConfig({ IC_STORE: 'memory' }), env, incidents: service, store, inbox: new Inbox({ store, clock, logger: silentLogger }), logger: silentLogger, work: new WorkTracker(), clock };
  };

  it('is not built without Slack variables, and refuses a half configuration', () => {
    expect(slackPlatform(context({}))).toBeUndefined();
    expect(() => slackPlatform(context({ SLACK_BOT_TOKEN: TOKEN }))).toThrow(ConfigError);
  });

  it('mounts POST /slack/events over HTTP by default, and picks Socket Mode (no route) when SLACK_APP_TOKEN is set', () => {
    const http = slackPlatform(context({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: TOKEN }));
    expect(http).toBeInstanceOf(SlackAdapter);
    expect((http as SlackAdapter).mode).toBe('http');
    expect(http?.connect(serviceHarness().service).routes.map((route) => `${route.method} ${route.path}`)).toEqual(['POST /slack/events']);
    expect(http?.chat.platform).toBe('slack');
    const socket = slackPlatform(context({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: TOKEN, SLACK_APP_TOKEN: 'xapp-1-A111-222-abc' }));
    expect((socket as SlackAdapter).mode).toBe('socket');
    expect(socket?.connect(serviceHarness().service).routes).toEqual([]);
  });
});
