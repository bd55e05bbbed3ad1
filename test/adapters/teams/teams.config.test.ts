import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../adapters/config/app.config.ts';
import { loadTeamsConfig } from '../../../adapters/teams/teams.config.ts';

const APP_ID = '8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d';
const TENANT = '50612dbb-0237-4969-b378-8d42590f9c00';
const TEAM = '57fb72d0-d811-46f4-8947-305e6072eaa5';
const SECURE = loadConfig({});
const INSECURE = loadConfig({ ALLOW_INSECURE_ENDPOINTS: 'true', NODE_ENV: 'test' });
const PRODUCTION = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'very-secret-value', MicrosoftAppTenantId: TENANT, TEAMS_TEAM_ID: TEAM };

function problemsOf(env: NodeJS.ProcessEnv, app = SECURE): string[] {
  try {
    loadTeamsConfig(env, app);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.variable}: ${p.problem}`);
    throw error;
  }
  return [];
}

describe('loadTeamsConfig', () => {
  it('leaves Teams off without MicrosoftAppId, and off in local mode unless TEAMS_TEAM_ID asks for a Teams rig', () => {
    expect(loadTeamsConfig({}, SECURE)).toBeUndefined();
    expect(loadTeamsConfig({ TEAMS_TEAM_ID: TEAM }, SECURE)).toBeUndefined();
    // A local rig for another platform (ALLOW_INSECURE_ENDPOINTS alone) must not switch on an unauthenticated Teams endpoint.
    expect(loadTeamsConfig({}, INSECURE)).toBeUndefined();
    expect(loadTeamsConfig({ TEAMS_TEAM_ID: TEAM }, INSECURE)).toMatchObject({ appId: '', teamId: TEAM, insecure: true, graphEndpoint: 'https://graph.microsoft.com' });
  });

  it('reads a production configuration, with the secret wrapped', () => {
    const config = loadTeamsConfig({ ...PRODUCTION, MicrosoftAppType: 'singletenant', TEAMS_PRIVATE_CHANNELS: 'true', TEAMS_LEGAL_CHANNEL_ID: '19:4b6bed8d24574f6a9e436813cb2617d8@thread.tacv2', GRAPH_ENDPOINT: 'https://graph.microsoft.us/' }, SECURE);
    expect(config).toMatchObject({ appId: APP_ID, tenantId: TENANT, appType: 'SingleTenant', teamId: TEAM, privateChannels: true, legalChannelId: '19:4b6bed8d24574f6a9e436813cb2617d8@thread.tacv2', graphEndpoint: 'https://graph.microsoft.us', insecure: false });
    expect(Object.isFrozen(config)).toBe(true);
    expect(config?.appPassword?.reveal()).toBe('very-secret-value');
    expect(inspect(config)).not.toContain('very-secret-value');
    expect(JSON.stringify(config)).not.toContain('very-secret-value');
  });

  it('names every missing or malformed variable with the fix', () => {
    expect(problemsOf({ MicrosoftAppId: APP_ID })).toEqual([
      expect.stringMatching(/^MicrosoftAppPassword: is required with MicrosoftAppType=MultiTenant/),
      expect.stringMatching(/^MicrosoftAppTenantId: is required/),
      expect.stringMatching(/^TEAMS_TEAM_ID: is required with MicrosoftAppId/),
    ]);
    expect(problemsOf({ ...PRODUCTION, MicrosoftAppId: 'my-bot', TEAMS_TEAM_ID: '19:abc@thread.tacv2', MicrosoftAppType: 'Federated', TEAMS_PRIVATE_CHANNELS: 'yes', TEAMS_LEGAL_CHANNEL_ID: 'legal' })).toEqual([
      expect.stringMatching(/^MicrosoftAppId: must be the bot's Entra application \(client\) id/),
      expect.stringMatching(/^MicrosoftAppType: must be one of MultiTenant, SingleTenant, UserAssignedMSI/),
      expect.stringMatching(/^TEAMS_TEAM_ID: must be the team's Microsoft 365 group id .* not its 19:…@thread id/),
      expect.stringMatching(/^TEAMS_PRIVATE_CHANNELS: must be true or false/),
      expect.stringMatching(/^TEAMS_LEGAL_CHANNEL_ID: must be a Teams channel id/),
    ]);
    expect(problemsOf({ ...PRODUCTION, MicrosoftAppType: 'UserAssignedMSI' })).toEqual([expect.stringMatching(/^MicrosoftAppPassword: must not be set with MicrosoftAppType=UserAssignedMSI/)]);
  });

  it('refuses an http or versioned GRAPH_ENDPOINT, except http on a local rig', () => {
    expect(problemsOf({ ...PRODUCTION, GRAPH_ENDPOINT: 'http://127.0.0.1:8080' })).toEqual([expect.stringMatching(/^GRAPH_ENDPOINT: is http: .*ALLOW_INSECURE_ENDPOINTS=true/)]);
    expect(problemsOf({ ...PRODUCTION, GRAPH_ENDPOINT: 'https://graph.microsoft.com/v1.0' })).toEqual([expect.stringMatching(/^GRAPH_ENDPOINT: must be the host root without a version/)]);
    expect(problemsOf({ ...PRODUCTION, GRAPH_ENDPOINT: 'graph' })).toEqual([expect.stringMatching(/^GRAPH_ENDPOINT: must be a URL/)]);
    expect(loadTeamsConfig({ TEAMS_TEAM_ID: TEAM, GRAPH_ENDPOINT: 'http://127.0.0.1:8080/' }, INSECURE)?.graphEndpoint).toBe('http://127.0.0.1:8080');
  });
});
