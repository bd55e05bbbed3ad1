import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, channelMessage } from './support/activities.ts';
import { startTeamsRig, type TeamsRig } from './support/teams-rig.ts';

const APP_ID = '8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d';
const TENANT = '50612dbb-0237-4969-b378-8d42590f9c00';

/** A well-formed JWT signed by nobody, from an issuer the Bot Framework does not use. */
const FORGED_JWT = [
  Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'forged' })).toString('base64url'),
  Buffer.from(JSON.stringify({ iss: 'https://attacker.example', aud: APP_ID, serviceurl: 'http://127.0.0.1/', exp: 4102444800 })).toString('base64url'),
  'c2lnbmF0dXJl',
].join('.');

let rig: TeamsRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

describe('inbound Bot Framework tokens', () => {
  it('with MicrosoftAppId set, refuses a request without a token and with bogus tokens (401), and changes nothing', async () => {
    rig = await startTeamsRig({ secure: true, env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppTenantId: TENANT, MicrosoftAppType: 'SingleTenant' }, graphOverHttps: true });
    const declare = () => channelMessage({ serviceUrl: rig!.connector.serviceUrl, from: ALICE, text: 'declare Exfiltration from stprod01 --severity High' });

    const attempts = [await rig.post(declare()), await rig.post(declare(), { authorization: 'Bearer not-a-token' }), await rig.post(declare(), { authorization: `Bearer ${FORGED_JWT}` }), await rig.post(declare(), { authorization: 'Basic YWxpY2U6c2VjcmV0' })];
    for (const attempt of attempts) expect(attempt).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    await rig.settle();

    expect(rig.incidentFiles()).toEqual([]);
    expect(await rig.app.store.listOpen()).toEqual([]);
    expect(rig.connector.connections).toBe(0);
    expect(rig.graph.connections).toBe(0);
    expect(await rig.app.store.getRecord('teams:service')).toBeUndefined();
    expect(JSON.stringify(rig.logs)).not.toContain('not-a-real-secret');
  });
});
