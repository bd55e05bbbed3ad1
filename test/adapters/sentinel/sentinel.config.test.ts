import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../adapters/config/app.config.ts';
import { loadSentinelConfig } from '../../../adapters/sentinel/index.ts';

const SUB = 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0';
const TOKEN = 'q1Vb0oJ3h8mZ2xYk7rT5sW9aE4dF6gH0jK2lM4nP';
const WORKSPACE = { AZURE_SUBSCRIPTION_ID: SUB, SENTINEL_RESOURCE_GROUP: 'rg-soc', SENTINEL_WORKSPACE: 'law-soc-prod' };
const secure = { allowInsecureEndpoints: false };

/** The variables a ConfigError names. */
function problems(env: NodeJS.ProcessEnv, app = secure): string[] {
  try {
    loadSentinelConfig(env, app);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => problem.variable);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadSentinelConfig', () => {
  it('is off when no Sentinel variable is set, even with AZURE_SUBSCRIPTION_ID for containment', () => {
    expect(loadSentinelConfig({}, secure)).toBeUndefined();
    expect(loadSentinelConfig({ AZURE_SUBSCRIPTION_ID: SUB, SENTINEL_POLL_MIN_SEVERITY: 'High' }, secure)).toBeUndefined();
  });

  it('runs the webhook alone with only the token, with the defaults', () => {
    const config = loadSentinelConfig({ SENTINEL_WEBHOOK_TOKEN: TOKEN }, secure);

    expect(config?.webhookToken?.reveal()).toBe(TOKEN);
    expect(config).toMatchObject({ pollMinSeverity: 'Medium', webhookMaxBytes: 1024 * 1024 });
    expect(config?.workspace).toBeUndefined();
    expect(config?.pollIntervalMs).toBeUndefined();
  });

  it('never prints the token', () => {
    const config = loadSentinelConfig({ SENTINEL_WEBHOOK_TOKEN: TOKEN }, secure);

    expect(JSON.stringify(config)).not.toContain(TOKEN);
    expect(inspect(config, { depth: 5 })).not.toContain(TOKEN);
  });

  it('reads the workspace, the poller and the ARM endpoint', () => {
    const config = loadSentinelConfig({ ...WORKSPACE, SENTINEL_POLL_SECONDS: '120', SENTINEL_POLL_MIN_SEVERITY: 'low', SENTINEL_WEBHOOK_MAX_BYTES: '65536' }, secure);

    expect(config).toMatchObject({ workspace: { subscriptionId: SUB, resourceGroup: 'rg-soc', workspaceName: 'law-soc-prod' }, pollIntervalMs: 120_000, pollMinSeverity: 'Low', webhookMaxBytes: 65536, azure: { armEndpoint: 'https://management.azure.com' } });
  });

  it('names every missing part of a partial workspace', () => {
    expect(problems({ SENTINEL_WORKSPACE: 'law-soc-prod' })).toEqual(['AZURE_SUBSCRIPTION_ID', 'SENTINEL_RESOURCE_GROUP']);
    expect(problems({ SENTINEL_WEBHOOK_TOKEN: TOKEN, AZURE_SUBSCRIPTION_ID: SUB, SENTINEL_RESOURCE_GROUP: 'rg-soc' })).toEqual(['SENTINEL_WORKSPACE']);
    expect(problems({ SENTINEL_POLL_SECONDS: '60' })).toEqual(['AZURE_SUBSCRIPTION_ID', 'SENTINEL_RESOURCE_GROUP', 'SENTINEL_WORKSPACE']);
  });

  it.each([
    [{ SENTINEL_WEBHOOK_TOKEN: 'short' }, 'SENTINEL_WEBHOOK_TOKEN'],
    [{ SENTINEL_WEBHOOK_TOKEN: `${TOKEN} ${TOKEN}` }, 'SENTINEL_WEBHOOK_TOKEN'],
    [{ ...WORKSPACE, SENTINEL_POLL_SECONDS: '10' }, 'SENTINEL_POLL_SECONDS'],
    [{ ...WORKSPACE, SENTINEL_POLL_SECONDS: 'often' }, 'SENTINEL_POLL_SECONDS'],
    [{ ...WORKSPACE, SENTINEL_POLL_MIN_SEVERITY: 'Critical' }, 'SENTINEL_POLL_MIN_SEVERITY'],
    [{ SENTINEL_WEBHOOK_TOKEN: TOKEN, SENTINEL_WEBHOOK_MAX_BYTES: '12' }, 'SENTINEL_WEBHOOK_MAX_BYTES'],
    [{ ...WORKSPACE, AZURE_SUBSCRIPTION_ID: 'my-subscription' }, 'AZURE_SUBSCRIPTION_ID'],
  ])('refuses %j, naming %s', (env, variable) => {
    expect(problems(env)).toContain(variable);
  });

  it('refuses an http ARM endpoint unless ALLOW_INSECURE_ENDPOINTS', () => {
    const env = { ...WORKSPACE, ARM_ENDPOINT: 'http://127.0.0.1:8080' };

    expect(problems(env)).toEqual(['ARM_ENDPOINT']);
    expect(loadSentinelConfig(env, { allowInsecureEndpoints: true })?.azure).toMatchObject({ armEndpoint: 'http://127.0.0.1:8080', insecure: true });
  });

  it('says how to fix a missing variable', () => {
    try {
      loadSentinelConfig({ SENTINEL_WORKSPACE: 'law-soc-prod', AZURE_SUBSCRIPTION_ID: SUB }, secure);
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).message).toMatch(/SENTINEL_RESOURCE_GROUP: is missing: .*resource group/);
    }
  });
});
