import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parseRunbook, type RunbookIssue } from '../../src/runbooks/runbook.loader.ts';
import { exportRunbookJsonSchema, RunbookSchema } from '../../src/runbooks/runbook.schema.ts';
import { RUNBOOK_SCHEMA_FILE, runbookSchemaText } from '../../src/runbooks/write-schema.ts';
import { rawRunbook } from './runbook.fixtures.ts';

type Raw = Record<string, unknown>;
const step = (raw: Raw, index: number) => (raw.steps as Raw[])[index] as Raw;

/** Validates plain data the way the loader does (YAML already parsed), returning the issues. */
function issuesOf(mutate: (raw: Raw) => void): RunbookIssue[] {
  const raw = rawRunbook();
  mutate(raw);
  const result = parseRunbook('storage-exfiltration.yaml', JSON.stringify(raw));
  return result.ok ? [] : result.error;
}

describe('RunbookSchema', () => {
  it('accepts a minimal valid runbook and defaults mandatory to true', () => {
    const parsed = RunbookSchema.parse(rawRunbook());
    expect(parsed.steps[0]?.mandatory).toBe(true);
    expect(parsed.steps[1]?.action?.type).toBe('storage.rotate-key');
  });

  it.each<[string, (raw: Raw) => void, string, RegExp]>([
    ['a non-kebab id', (raw) => (raw.id = 'Storage_Exfil'), 'id', /kebab-case/],
    ['an empty title', (raw) => (raw.title = '   '), 'title', /must not be empty/],
    ['a missing description', (raw) => delete raw.description, 'description', /^Required$/],
    ['version 0', (raw) => (raw.version = 0), 'version', /expected number to be >0/i],
    ['matches with every list empty', (raw) => (raw.matches = { tactics: [] }), 'matches', /at least one of analyticRules/],
    ['an unknown tactic', (raw) => (raw.matches = { tactics: ['Exfil'] }), 'matches.tactics[0]', /"Exfil" is not a MITRE tactic.*Exfiltration/],
    ['a title pattern that does not compile', (raw) => (raw.matches = { titlePatterns: ['storage(('] }), 'matches.titlePatterns[0]', /not a valid regular expression/],
    ['no steps', (raw) => (raw.steps = []), 'steps', /at least one step/],
    ['an unknown key', (raw) => (step(raw, 0).evidnce = 'x'), 'steps[0].evidnce', /unknown key "evidnce"/],
    ['an unknown phase', (raw) => (step(raw, 0).phase = 'cleanup'), 'steps[0].phase', /"cleanup" is not a phase; use one of: triage, scoping/],
    ['observer as owner', (raw) => (step(raw, 0).owner = 'observer'), 'steps[0].owner', /"observer" is not a role/],
    ['a control outside the list', (raw) => (step(raw, 0).controls = ['ISO27001:A.9.1']), 'steps[0].controls[0]', /ISO 27001 incident control/],
    ['no controls', (raw) => (step(raw, 0).controls = []), 'steps[0].controls', /at least one control/],
    ['an unknown severity in when', (raw) => (step(raw, 0).when = { severity: ['Critical'] }), 'steps[0].when.severity[0]', /"Critical" is not a Sentinel severity/],
    ['duplicate step ids', (raw) => (step(raw, 1).id = 'triage'), 'steps[1].id', /duplicate step id "triage"/],
  ])('rejects %s, naming the field', (_name, mutate, path, message) => {
    const issues = issuesOf(mutate);
    expect(issues.map((issue) => issue.path)).toContain(path);
    expect(issues.find((issue) => issue.path === path)?.message).toMatch(message);
  });

  it('rejects an unknown action type, listing the valid ones', () => {
    const issues = issuesOf((raw) => ((step(raw, 1).action as Raw).type = 'storage.delete-account'));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('steps[1].action.type');
    expect(issues[0]?.message).toContain('unknown action type "storage.delete-account"');
    expect(issues[0]?.message).toContain('storage.rotate-key, storage.revoke-user-delegation-keys');
  });

  it('checks fixed params against the action catalog', () => {
    const setParams = (params: Raw) => (raw: Raw) => ((step(raw, 1).action as Raw).params = params);
    expect(issuesOf(setParams({ keyName: 'key3' }))[0]).toMatchObject({ path: 'steps[1].action.params.keyName', message: expect.stringMatching(/key1.*key2/) });
    expect(issuesOf(setParams({ keyName: 'key1', region: 'west' }))[0]).toMatchObject({
      path: 'steps[1].action.params.region',
      message: 'storage.rotate-key has no parameter "region"; its parameters: keyName',
    });
    expect(issuesOf(setParams({}))[0]).toMatchObject({ path: 'steps[1].action.params', message: expect.stringContaining('needs parameter "keyName"') });
    expect(issuesOf(setParams({ keyName: { input: 'which key' } }))[0]).toMatchObject({ path: 'steps[1].action.params.keyName.input', message: expect.stringContaining('camelCase') });
    expect(issuesOf(setParams({ keyName: { input: 'keyName' } }))).toEqual([]);
  });

  it('checks the nsg parameters: an IP or CIDR, a priority in range', () => {
    const nsg = (params: Raw) => (raw: Raw) =>
      (step(raw, 1).action = { type: 'network.nsg-deny-inbound', target: { input: 'nsgId' }, params });
    expect(issuesOf(nsg({ sourceAddressPrefix: { entity: 'Ip' } }))).toEqual([]);
    expect(issuesOf(nsg({ sourceAddressPrefix: '203.0.113.0/24', priority: 100, destinationPortRange: '443' }))).toEqual([]);
    expect(issuesOf(nsg({ sourceAddressPrefix: '203.0.113.0/33' }))[0]?.message).toMatch(/IP address or CIDR/);
    expect(issuesOf(nsg({ sourceAddressPrefix: { entity: 'Ip' }, priority: 50 }))[0]?.path).toBe('steps[1].action.params.priority');
  });

  it('requires the target entity kind to fit the action', () => {
    const issues = issuesOf((raw) => ((step(raw, 1).action as Raw).target = { entity: 'Account' }));
    expect(issues[0]).toMatchObject({ path: 'steps[1].action.target.entity', message: expect.stringContaining('storage account resource id; take it from entity AzureResource') });
  });

  it('reports the branch the author meant for a target, or a summary when unclear', () => {
    const target = (value: unknown) => (raw: Raw) => ((step(raw, 1).action as Raw).target = value);
    expect(issuesOf(target({ entity: 'Storage' }))[0]).toMatchObject({ path: 'steps[1].action.target.entity', message: expect.stringContaining('"Storage" is not a Sentinel entity kind') });
    expect(issuesOf(target({}))[0]).toMatchObject({ path: 'steps[1].action.target', message: 'expected { entity: <entity kind> } or { input: <camelCaseName> }' });
    expect(issuesOf(target(undefined))[0]).toMatchObject({ path: 'steps[1].action.target', message: 'Required' });
  });
});

describe('runbook JSON Schema', () => {
  it('the committed runbooks/runbook.schema.json equals a fresh export', () => {
    expect(readFileSync(RUNBOOK_SCHEMA_FILE, 'utf8')).toBe(runbookSchemaText());
  });

  it('is draft 2020-12 and agrees with zod on a valid runbook and an unknown key', () => {
    const validate = new Ajv2020({ strict: false }).compile(exportRunbookJsonSchema());
    expect(exportRunbookJsonSchema().$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(validate(rawRunbook())).toBe(true);
    expect(validate({ ...rawRunbook(), owner: 'x' })).toBe(false);
  });
});
