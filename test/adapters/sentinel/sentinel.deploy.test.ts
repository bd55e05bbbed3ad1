import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WEBHOOK_PATH } from '../../../adapters/sentinel/index.ts';
import { example } from './fakes/fake-sentinel-arm.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- ARM templates are free-form JSON walked by path
const DEPLOY = join(import.meta.dirname, '..', '..', '..', 'deploy', 'sentinel');
const read = (file: string): Json => JSON.parse(readFileSync(join(DEPLOY, file), 'utf8')) as Json;
const resource = (template: Json, type: string): Json => template.resources.find((candidate: Json) => candidate.type === type);

describe('deploy/sentinel/playbook.json', () => {
  const template = read('playbook.json');
  const workflow = resource(template, 'Microsoft.Logic/workflows');
  const definition = workflow.properties.definition;

  it('is a Consumption Logic App with a managed identity, triggered by the Microsoft Sentinel incident trigger', () => {
    expect(workflow.identity).toEqual({ type: 'SystemAssigned' });
    expect(definition.triggers.Microsoft_Sentinel_incident).toMatchObject({
      type: 'ApiConnectionWebhook',
      inputs: { path: '/incident-creation', host: { connection: { name: "@parameters('$connections')['azuresentinel']['connectionId']" } } },
    });
  });

  it('authenticates the azuresentinel connection with the managed identity', () => {
    const connection = resource(template, 'Microsoft.Web/connections');
    const wired = workflow.properties.parameters.$connections.value.azuresentinel;

    expect(connection.properties).toMatchObject({ parameterValueType: 'Alternative', api: { id: expect.stringMatching(/\/managedApis\/Azuresentinel'\)\]$/) } });
    expect(wired.connectionProperties).toEqual({ authentication: { type: 'ManagedServiceIdentity' } });
  });

  it('POSTs the trigger body to the webhook with the token from a secure parameter, hidden from run history', () => {
    const [name, action] = Object.entries(definition.actions as Json)[0] ?? [];

    expect(name).toBeDefined();
    expect(action).toMatchObject({ type: 'Http', inputs: { method: 'POST', body: '@triggerBody()', uri: "[variables('webhookUri')]", headers: { Authorization: "Bearer @{parameters('WebhookToken')}" } } });
    expect(template.variables.webhookUri).toContain(`'${WEBHOOK_PATH}'`);
    expect(action.runtimeConfiguration.secureData.properties).toContain('inputs');
    expect(template.parameters.WebhookToken.type).toBe('securestring');
    expect(definition.parameters.WebhookToken.type).toBe('SecureString');
    expect(workflow.properties.parameters.WebhookToken).toEqual({ value: "[parameters('WebhookToken')]" });
  });

  it('takes the token from Key Vault in the example parameters, never as a literal', () => {
    const parameters = read('playbook.parameters.example.json').parameters;

    expect(parameters.WebhookToken).toEqual({ reference: { keyVault: { id: expect.stringMatching(/\/providers\/Microsoft\.KeyVault\/vaults\//) }, secretName: expect.any(String) } });
    expect(template.parameters.WebhookToken.defaultValue).toBeUndefined();
  });
});

describe('deploy/sentinel/automation-rule.json', () => {
  const template = read('automation-rule.json');
  const rule = resource(template, 'Microsoft.SecurityInsights/automationRules');

  it('runs the playbook when an incident is created', () => {
    expect(rule.properties.triggeringLogic).toMatchObject({ isEnabled: true, triggersOn: 'Incidents', triggersWhen: 'Created' });
    expect(rule.properties.actions).toEqual([{ order: 1, actionType: 'RunPlaybook', actionConfiguration: { logicAppResourceId: "[parameters('playbookResourceId')]", tenantId: '[subscription().tenantId]' } }]);
    expect(rule.scope).toMatch(/Microsoft\.OperationalInsights\/workspaces\//);
  });

  it('has the shape of the vendor\'s AutomationRule example', () => {
    const vendor = example('AutomationRules_Get.json').properties as Json;

    for (const key of ['displayName', 'order', 'triggeringLogic', 'actions']) expect(rule.properties).toHaveProperty(key);
    expect(Object.keys(rule.properties.triggeringLogic).sort()).toEqual(Object.keys(vendor.triggeringLogic).sort());
    expect(Object.keys(rule.properties.triggeringLogic.conditions[0]).sort()).toEqual(Object.keys(vendor.triggeringLogic.conditions[0]).sort());
    expect(Object.keys(rule.properties.actions[0]).sort()).toEqual(Object.keys(vendor.actions[0]).sort());
  });
});
