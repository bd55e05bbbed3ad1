import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../adapters/config/app.config.ts';
import { createContainment, loadAzureConfig } from '../../../adapters/azure/index.ts';
import { RecordingLogger } from './azure.harness.ts';

function problemsOf(env: NodeJS.ProcessEnv, allowInsecureEndpoints = false): string[] {
  try {
    loadAzureConfig(env, { allowInsecureEndpoints });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.variable}: ${p.problem}`);
    throw error;
  }
  return [];
}

describe('the Azure adapter configuration', () => {
  it('defaults to the public cloud and counts as not configured with no Azure variables', () => {
    expect(loadAzureConfig({}, { allowInsecureEndpoints: false })).toEqual({ configured: false, armEndpoint: 'https://management.azure.com', graphEndpoint: 'https://graph.microsoft.com', insecure: false });
  });

  it.each([
    ['AZURE_SUBSCRIPTION_ID', '0B1F6471-1BF0-4DDA-AEC3-111122223333'],
    ['ARM_ENDPOINT', 'https://management.usgovcloudapi.net/'],
    ['AZURE_CLIENT_ID', '3c1a2b4d-0000-4000-8000-000000000001'],
    ['IDENTITY_ENDPOINT', 'http://localhost:42356/msi/token'],
    ['MSI_ENDPOINT', 'http://169.254.169.254/metadata/identity/oauth2/token'],
  ])('counts as configured when %s is set', (variable, value) => {
    expect(loadAzureConfig({ [variable]: value }, { allowInsecureEndpoints: false }).configured).toBe(true);
  });

  it('normalises endpoints and the subscription id', () => {
    const config = loadAzureConfig({ ARM_ENDPOINT: 'https://management.chinacloudapi.cn/', GRAPH_ENDPOINT: 'https://microsoftgraph.chinacloudapi.cn//', AZURE_SUBSCRIPTION_ID: '0B1F6471-1BF0-4DDA-AEC3-111122223333' }, { allowInsecureEndpoints: false });
    expect(config).toMatchObject({ armEndpoint: 'https://management.chinacloudapi.cn', graphEndpoint: 'https://microsoftgraph.chinacloudapi.cn', subscriptionId: '0b1f6471-1bf0-4dda-aec3-111122223333' });
  });

  it('refuses an http endpoint without ALLOW_INSECURE_ENDPOINTS, naming the variable and the fix', () => {
    expect(problemsOf({ ARM_ENDPOINT: 'http://127.0.0.1:8443', GRAPH_ENDPOINT: 'http://127.0.0.1:8444' })).toEqual([
      expect.stringMatching(/^ARM_ENDPOINT: is http:\/\/127\.0\.0\.1:8443: plain http .* ALLOW_INSECURE_ENDPOINTS=true/),
      expect.stringMatching(/^GRAPH_ENDPOINT: is http:/),
    ]);
    expect(() => createContainment({ config: { allowInsecureEndpoints: false }, env: { ARM_ENDPOINT: 'http://127.0.0.1:8443' }, logger: new RecordingLogger() })).toThrow(ConfigError);
  });

  it('allows http endpoints with ALLOW_INSECURE_ENDPOINTS, and then warns that the credential is a placeholder', () => {
    expect(problemsOf({ ARM_ENDPOINT: 'http://127.0.0.1:8443' }, true)).toEqual([]);
    const logger = new RecordingLogger();
    const containment = createContainment({ config: { allowInsecureEndpoints: true }, env: { ARM_ENDPOINT: 'http://127.0.0.1:8443' }, logger });
    expect(containment.simulated).toBe(false);
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'warn', message: expect.stringMatching(/ALLOW_INSECURE_ENDPOINTS=true: .*placeholder token/) }));
  });

  it('names every bad variable: a versioned Graph endpoint, a URL that is not one, a subscription that is not a GUID', () => {
    expect(problemsOf({ GRAPH_ENDPOINT: 'https://graph.microsoft.com/v1.0', ARM_ENDPOINT: 'management.azure.com', AZURE_SUBSCRIPTION_ID: 'prod' })).toEqual([
      expect.stringMatching(/^AZURE_SUBSCRIPTION_ID: must be a subscription id/),
      expect.stringMatching(/^ARM_ENDPOINT: must be an absolute URL/),
      expect.stringMatching(/^GRAPH_ENDPOINT: must be the host root without a version .* adds \/v1\.0/),
    ]);
    expect(problemsOf({ ARM_ENDPOINT: 'ftp://management.azure.com' })).toEqual([expect.stringMatching(/^ARM_ENDPOINT: must be an https URL/)]);
  });

  it('treats empty variables as unset', () => {
    expect(loadAzureConfig({ AZURE_SUBSCRIPTION_ID: '', ARM_ENDPOINT: ' ', AZURE_CLIENT_ID: '' }, { allowInsecureEndpoints: false }).configured).toBe(false);
  });

  it('a configured adapter is real, and never logs credentials', () => {
    const logger = new RecordingLogger();
    const env = { AZURE_SUBSCRIPTION_ID: '0b1f6471-1bf0-4dda-aec3-111122223333', AZURE_CLIENT_ID: '3c1a2b4d-0000-4000-8000-000000000001', AZURE_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47', AZURE_CLIENT_SECRET: 'very-secret-value' };
    expect(createContainment({ config: { allowInsecureEndpoints: false }, env, logger }).simulated).toBe(false);
    expect(JSON.stringify(logger.lines)).not.toContain('very-secret-value');
  });
});
