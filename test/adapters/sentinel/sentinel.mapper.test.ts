import type { Incident } from '@azure/arm-securityinsight';
import { describe, expect, it } from 'vitest';
import { mapRestEntities, mapSdkEntities } from '../../../adapters/sentinel/sentinel.entities.ts';
import { mapSdkIncident, mapWebhookPayload, parseWebhookBody } from '../../../adapters/sentinel/sentinel.mapper.ts';
import { example } from './fakes/fake-sentinel-arm.ts';
import { fixture } from './sentinel.harness.ts';

type Json = Record<string, unknown>;
const trigger = () => fixture<Json>('trigger/incident-created.high.json');
const withProperties = (body: Json, properties: Json): Json => {
  const object = body.object as Json;
  return { ...body, object: { ...object, properties: { ...(object.properties as Json), ...properties } } };
};
const ARM_ID = '/subscriptions/d0cfe6b2-9ac0-4464-9919-dccaee2e48c0/resourceGroups/myRg/providers/Microsoft.OperationalInsights/workspaces/myWorkspace/providers/Microsoft.SecurityInsights/incidents/73e01a99-5cd7-4139-a149-9f2736ff2ab5';

describe('mapping the trigger body', () => {
  it('keeps the documented fields the core needs', () => {
    const mapped = mapWebhookPayload(trigger());

    expect(mapped.ok && mapped.value).toMatchObject({ deliveryId: '6c3f4d59-0b7e-4f57-93a4-2de1f2b8c7a0', shape: 'trigger' });
    expect(mapped.ok && mapped.value.incident).toMatchObject({
      number: '4211',
      description: expect.stringContaining('20,000 blobs'),
      analyticRuleIds: ['/subscriptions/d0cfe6b2-9ac0-4464-9919-dccaee2e48c0/resourceGroups/myRg/providers/Microsoft.OperationalInsights/workspaces/myWorkspace/providers/Microsoft.SecurityInsights/alertRules/fab3d2d4-747f-46a7-8ef0-9c0be8112bf7'],
      url: expect.stringMatching(/^https:\/\/portal\.azure\.com\/#asset\/Microsoft_Azure_Security_Insights\/Incident\//),
    });
  });

  it('accepts the incident number as digits in a string, and enums in any case', () => {
    const mapped = mapWebhookPayload(withProperties(trigger(), { incidentNumber: '4211', severity: 'high', status: 'new' }));

    expect(mapped.ok && mapped.value.incident).toMatchObject({ number: '4211', severity: 'High', status: 'New' });
  });

  it('drops malformed optional fields instead of refusing the delivery, and shows only https links', () => {
    const mapped = mapWebhookPayload(withProperties(trigger(), { labels: 'exfiltration', additionalData: { tactics: 'Exfiltration', alertsCount: -1 }, incidentUrl: 'javascript:alert(1)', alerts: [7, null] }));

    expect(mapped.ok).toBe(true);
    expect(mapped.ok && mapped.value.incident).toMatchObject({ labels: [], tactics: [], analyticRuleNames: [] });
    expect(mapped.ok && mapped.value.incident).not.toHaveProperty('url');
    expect(mapped.ok && mapped.value.incident).not.toHaveProperty('alertCount');
  });

  it.each([
    ['{}', {}, 'eventUniqueId', 'eventUniqueId: required; object: required'],
    ['an array', [], '(body)', 'expected a JSON object'],
    ['no title', withProperties(trigger(), { title: undefined }), 'object.properties.title', 'object.properties.title: required'],
    ['a numeric title', withProperties(trigger(), { title: 42 }), 'object.properties.title', 'object.properties.title: expected a string'],
    ['an unknown severity', withProperties(trigger(), { severity: 'Critical' }), 'object.properties.severity', 'object.properties.severity: expected one of High, Medium, Low, Informational'],
    ['an unknown status', withProperties(trigger(), { status: 'Resolved' }), 'object.properties.status', 'object.properties.status: expected one of New, Active, Closed'],
    ['a negative number', withProperties(trigger(), { incidentNumber: -3 }), 'object.properties.incidentNumber', 'object.properties.incidentNumber: expected a positive whole number'],
    ['a number in words', withProperties(trigger(), { incidentNumber: 'four' }), 'object.properties.incidentNumber', 'object.properties.incidentNumber: expected a positive whole number'],
    ['an id that is no incident', { ...trigger(), object: { ...(trigger().object as Json), id: '/subscriptions/x/incidents/1' } }, 'object.id', 'object.id: expected an incident ARM id'],
    ['a name that is not the id\'s', { ...trigger(), object: { ...(trigger().object as Json), name: '00000000-0000-0000-0000-000000000000' } }, 'object.name', 'object.name: must be the last segment of id'],
    ['an alert trigger', { ...trigger(), objectSchemaType: 'Alert' }, 'objectSchemaType', 'objectSchemaType: expected Incident'],
  ])('refuses %s, naming the field', (_case, body, field, message) => {
    const mapped = mapWebhookPayload(body);

    expect(mapped.ok).toBe(false);
    expect(!mapped.ok && mapped.error.field).toBe(field);
    expect(!mapped.ok && mapped.error.message).toContain(message);
  });

  it('refuses text that is not JSON', () => {
    expect(parseWebhookBody('{"eventUniqueId":')).toMatchObject({ ok: false, error: { field: '(body)' } });
  });
});

describe('mapping a plain incident resource', () => {
  it('takes the REST API\'s incident (the vendor example), keyed by name and lastModifiedTimeUtc', () => {
    const mapped = mapWebhookPayload(example('GetIncidentById.json'));

    expect(mapped).toMatchObject({ ok: true, value: { shape: 'resource', deliveryId: '73e01a99-5cd7-4139-a149-9f2736ff2ab5:2019-01-01T13:15:30Z' } });
    expect(mapped.ok && mapped.value.incident).toEqual({
      armId: ARM_ID,
      name: '73e01a99-5cd7-4139-a149-9f2736ff2ab5',
      number: '3177',
      title: 'My incident',
      description: 'This is a demo incident',
      severity: 'High',
      status: 'Closed',
      labels: [],
      analyticRuleIds: ['/subscriptions/d0cfe6b2-9ac0-4464-9919-dccaee2e48c0/resourceGroups/myRg/providers/Microsoft.OperationalInsights/workspaces/myWorkspace/providers/Microsoft.SecurityInsights/alertRules/fab3d2d4-747f-46a7-8ef0-9c0be8112bf7'],
      analyticRuleNames: [],
      tactics: ['InitialAccess', 'Persistence'],
      url: `https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident${ARM_ID}`,
      entities: [],
      alertCount: 0,
      createdAt: '2019-01-01T13:15:30Z',
    });
  });

  it('falls back to the etag, and refuses a resource with neither version', () => {
    const resource = example('GetIncidentById.json');
    const props = resource.properties as Json;
    const withEtag = mapWebhookPayload({ ...resource, properties: { ...props, lastModifiedTimeUtc: undefined } });
    const neither = mapWebhookPayload({ ...resource, etag: undefined, properties: { ...props, lastModifiedTimeUtc: undefined } });

    expect(withEtag.ok && withEtag.value.deliveryId).toBe('73e01a99-5cd7-4139-a149-9f2736ff2ab5:"0300bf09-0000-0000-0000-5c37296e0000"');
    expect(neither).toMatchObject({ ok: false, error: { field: 'properties.lastModifiedTimeUtc' } });
  });
});

describe('mapping the SDK\'s flattened Incident', () => {
  /** What `incidents.get` resolves to in 1.0.0-beta.6: properties flattened onto the model, times as Dates. */
  const sdkIncident = (): Incident => ({
    id: ARM_ID,
    name: '73e01a99-5cd7-4139-a149-9f2736ff2ab5',
    type: 'Microsoft.SecurityInsights/incidents',
    etag: '"0300bf09-0000-0000-0000-5c37296e0000"',
    title: 'My incident',
    description: 'This is a demo incident',
    severity: 'High',
    status: 'Active',
    incidentNumber: 3177,
    labels: [{ labelName: 'exfiltration', labelType: 'User' }],
    relatedAnalyticRuleIds: ['rule-1'],
    incidentUrl: 'https://portal.azure.com/#asset/x',
    additionalData: { alertsCount: 2, tactics: ['Exfiltration'], alertProductNames: ['Azure Sentinel'] },
    createdTimeUtc: new Date('2019-01-01T13:15:30Z'),
    lastModifiedTimeUtc: new Date('2019-01-01T13:16:30Z'),
    owner: { objectId: '2046feea-040d-4a46-9e2b-91c2941bfa70' },
  });
  /** `incidents.listEntities` entities as the SDK deserialises them: `properties` flattened by kind. */
  const sdkEntities = [
    { kind: 'Account', aadUserId: 'F7033626-2572-46B1-BBA0-06646F4F95B3', accountName: 'administrator', friendlyName: 'administrator' },
    { kind: 'AzureResource', resourceId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1', friendlyName: 'st1' },
    { kind: 'Ip', address: '198.51.100.9', friendlyName: '198.51.100.9' },
    { kind: 'File', fileName: 'cmd.exe', friendlyName: 'cmd.exe' },
  ];

  it('reads the flattened fields and Dates', () => {
    const mapped = mapSdkIncident(sdkIncident(), sdkEntities);

    expect(mapped).toEqual({
      ok: true,
      value: {
        armId: ARM_ID,
        name: '73e01a99-5cd7-4139-a149-9f2736ff2ab5',
        number: '3177',
        title: 'My incident',
        description: 'This is a demo incident',
        severity: 'High',
        status: 'Active',
        labels: ['exfiltration'],
        analyticRuleIds: ['rule-1'],
        analyticRuleNames: ['Azure Sentinel'],
        tactics: ['Exfiltration'],
        url: 'https://portal.azure.com/#asset/x',
        entities: [
          { kind: 'Account', value: 'f7033626-2572-46b1-bba0-06646f4f95b3' },
          { kind: 'AzureResource', value: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1' },
          { kind: 'Ip', value: '198.51.100.9' },
          { kind: 'File', value: 'cmd.exe' },
        ],
        alertCount: 2,
        createdAt: '2019-01-01T13:15:30.000Z',
      },
    });
  });

  it('names a missing field as the SDK spells it', () => {
    const { title: _title, ...untitled } = sdkIncident();

    expect(mapSdkIncident(untitled)).toMatchObject({ ok: false, error: { field: 'title', message: 'title: required' } });
  });
});

describe('mapping entities', () => {
  it('maps Accounts to the Entra object id, else the UPN, else what Sentinel calls them', () => {
    const rest = [
      { kind: 'Account', properties: { aadUserId: 'f7033626-2572-46b1-bba0-06646f4f95b3', accountName: 'a', upnSuffix: 'contoso.com' } },
      { kind: 'Account', properties: { aadUserId: 'not-a-guid', accountName: 'b', upnSuffix: 'contoso.com' } },
      { kind: 'Account', properties: { accountName: 'administrator', ntDomain: 'domain', friendlyName: 'administrator' } },
    ];

    expect(mapRestEntities(rest)).toEqual([
      { kind: 'Account', value: 'f7033626-2572-46b1-bba0-06646f4f95b3' },
      { kind: 'Account', value: 'b@contoso.com' },
      { kind: 'Account', value: 'administrator' },
    ]);
  });

  it('keeps other kinds by friendly name, once each, and skips what names nothing', () => {
    const rest = [
      ...(example('GetEntities.json').value as Json[]),
      { kind: 'Ip', properties: { address: '10.3.2.8' } },
      { kind: 'Ip', properties: { address: '10.3.2.8', friendlyName: '10.3.2.8' } },
      { kind: 'AzureResource', properties: { friendlyName: 'no resource id' } },
      { properties: { friendlyName: 'no kind' } },
      'garbage',
    ];

    expect(mapRestEntities(rest)).toEqual([
      { kind: 'Account', value: 'f7033626-2572-46b1-bba0-06646f4f95b3' },
      { kind: 'Host', value: 'vm1' },
      { kind: 'File', value: 'cmd.exe' },
      { kind: 'Ip', value: '10.3.2.8' },
    ]);
    expect(mapSdkEntities([{ kind: 'Ip', address: '10.3.2.8' }, { kind: 'Mailbox', displayName: 'Finance' }])).toEqual([
      { kind: 'Ip', value: '10.3.2.8' },
      { kind: 'Mailbox', value: 'Finance' },
    ]);
  });
});
