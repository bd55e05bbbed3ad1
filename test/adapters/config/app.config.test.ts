import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../adapters/config/app.config.ts';
import { Secret } from '../../../adapters/config/secret.ts';

function yamlFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ic-config-')), 'ic.yaml');
  writeFileSync(file, text);
  return file;
}

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.variable}: ${p.problem}`);
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('runs with no configuration at all: file store in ./data, port 3978, open roles', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3978, store: 'file', dataDir: resolve('./data'), incident: { roles: {} } });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.incident.roles)).toBe(true);
  });

  it('reads the roles from the IC_CONFIG file, and the shipped example is valid', () => {
    const config = loadConfig({ IC_CONFIG: 'config/incident-commander.example.yaml' });
    expect(config.incident.roles.commander).toContain('console:alice');
  });

  it('counts day and month rules that name no zone in the legal contact zone, with or without regime changes', () => {
    for (const extra of ['', 'regimes:\n  override:\n    gdpr-art33: { overdueEvery: PT2H }\n']) {
      const config = loadConfig({ IC_CONFIG: yamlFile(`contacts:\n  legalTimeZone: Europe/Berlin\n${extra}`) });
      const zone = (id: string) => config.clocks.regimes.find((regime) => regime.id === id)?.deadline.timeZone;
      expect(zone('nis2-final')).toBe('Europe/Berlin');
      expect(zone('dora-final')).toBe('Europe/Berlin');
      expect(zone('us-ca')).toBe('America/Los_Angeles');
      expect(zone('gdpr-art33')).toBeUndefined();
    }
  });

  it('applies DORA weekend relief only to the reports an opted-in entity may use it for, and refuses an unknown value', () => {
    const relief = (value: string) => {
      const config = loadConfig({ IC_CONFIG: yamlFile(`organisation:\n  doraEntity: true\n  doraWeekendRelief: ${value}\n`) });
      return ['dora-initial', 'dora-intermediate', 'dora-final'].map((id) => config.clocks.regimes.find((regime) => regime.id === id)?.deadline.nextWorkingDayNoon ?? false);
    };
    expect(relief('all-reports')).toEqual([true, true, true]);
    expect(relief('final-report')).toEqual([false, false, true]);
    expect(loadConfig({ IC_CONFIG: yamlFile('organisation:\n  doraEntity: true\n') }).clocks.regimes.some((regime) => regime.deadline.nextWorkingDayNoon)).toBe(false);
    expect(problemsOf({ IC_CONFIG: yamlFile('organisation:\n  doraWeekendRelief: yes\n') })).toEqual([expect.stringMatching(/^IC_CONFIG organisation\.doraWeekendRelief: .*all-reports/)]);
  });

  it('reads the people directory, and names a bad entry and how to write it', () => {
    const config = loadConfig({ IC_CONFIG: yamlFile('people:\n  - { name: Alice, email: alice@contoso.example, principals: [slack:U0ALICE, "teams:6f2d9c1e-3b4a-4c5d-8e9f-0a1b2c3d4e5f"] }\n') });
    expect(config.incident.people).toEqual([{ name: 'Alice', email: 'alice@contoso.example', principals: ['slack:U0ALICE', 'teams:6f2d9c1e-3b4a-4c5d-8e9f-0a1b2c3d4e5f'] }]);
    expect(problemsOf({ IC_CONFIG: yamlFile('people:\n  - { name: Alice, principals: [alice@contoso.example] }\n') })).toEqual([expect.stringMatching(/^IC_CONFIG people\.0\.principals\.0: write a principal as <platform>:<id>/)]);
    expect(problemsOf({ IC_CONFIG: yamlFile('people:\n  - { name: Alice, principals: [] }\n') })).toEqual([expect.stringMatching(/^IC_CONFIG people\.0\.principals: list at least one principal/)]);
  });

  it('names every bad variable at once, with what to do', () => {
    const problems = problemsOf({ PORT: 'eighty', IC_STORE: 'postgres', LOG_LEVEL: 'loud' });
    expect(problems).toEqual([expect.stringMatching(/^PORT: must be a port number/), expect.stringMatching(/^IC_STORE: must be "file"/), expect.stringMatching(/^LOG_LEVEL: must be one of/)]);
  });

  it('names the field of a bad IC_CONFIG and how to write it', () => {
    const file = yamlFile('roles:\n  commander: ["alice"]\n  pilot: ["console:bob"]\n');
    const problems = problemsOf({ IC_CONFIG: file });
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^IC_CONFIG roles\.commander\.0: write a principal as <platform>:<id>/), expect.stringMatching(/^IC_CONFIG roles: .*pilot/)]));
  });

  it('explains an IC_CONFIG that is missing or not YAML', () => {
    expect(problemsOf({ IC_CONFIG: '/nonexistent/ic.yaml' })).toEqual([expect.stringMatching(/IC_CONFIG: cannot read \/nonexistent\/ic.yaml \(ENOENT\)/)]);
    expect(problemsOf({ IC_CONFIG: yamlFile('roles: [unclosed') })).toEqual([expect.stringMatching(/is not valid YAML/)]);
  });

  it('refuses ALLOW_INSECURE_ENDPOINTS under every NODE_ENV but development and test, and when it is unset', () => {
    for (const nodeEnv of ['production', 'Production', 'PRODUCTION', 'prod', 'staging', 'dev', ' development', 'Test']) {
      expect(problemsOf({ ALLOW_INSECURE_ENDPOINTS: 'true', NODE_ENV: nodeEnv }), nodeEnv).toEqual([expect.stringMatching(new RegExp(`^ALLOW_INSECURE_ENDPOINTS: is refused unless NODE_ENV is development or test \\(it is "${nodeEnv.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\)`))]);
    }
    expect(problemsOf({ ALLOW_INSECURE_ENDPOINTS: 'true' })).toEqual([expect.stringMatching(/is refused unless NODE_ENV is development or test \(it is unset\).*NODE_ENV=development/)]);
    for (const nodeEnv of ['development', 'test']) expect(loadConfig({ ALLOW_INSECURE_ENDPOINTS: 'true', NODE_ENV: nodeEnv }).allowInsecureEndpoints).toBe(true);
    expect(loadConfig({ NODE_ENV: 'Production' }).allowInsecureEndpoints).toBe(false);
  });
});

describe('Secret', () => {
  it('never prints its value, however it is printed', () => {
    const secret = new Secret('xoxb-super-secret');
    const printed = [String(secret), `${secret}`, JSON.stringify({ secret }), inspect({ secret }), inspect(secret)];
    expect(printed.join(' ')).not.toContain('xoxb');
    expect(secret.reveal()).toBe('xoxb-super-secret');
  });
});
