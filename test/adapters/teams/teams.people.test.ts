import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.ts';
import { ALICE, cardAction, channelMessage, installedInPersonalChat, principal } from './support/activities.ts';
import { startTeamsRig, type TeamsRig } from './support/teams-rig.ts';

const ACCOUNT = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Storage/storageAccounts/stprod01';

let rig: TeamsRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

describe('four eyes per person through the real Teams route', () => {
  it('knows Alice in Teams by her Entra email (Graph) and refuses her approving the high-risk action she requested in Slack, recording it', async () => {
    rig = await startTeamsRig({
      roles: { commander: [principal(ALICE), 'slack:U0ALICE'], responder: ['slack:U0ALICE'] },
      people: [{ name: 'Alice Commander', email: 'alice@contoso.example', principals: ['slack:U0ALICE'] }],
    });
    rig.graph.users.set(ALICE.aadObjectId, { mail: 'Alice@contoso.example', userPrincipalName: 'alice@contoso.onmicrosoft.com' });
    const r = rig;
    await r.post(installedInPersonalChat({ serviceUrl: r.connector.serviceUrl, user: ALICE }));
    await r.post(channelMessage({ serviceUrl: r.connector.serviceUrl, from: ALICE, text: 'declare Leaked SAS token --severity High' }));
    await r.settle();
    const incidentId = (await r.events())[0]!.incidentId;
    // The same human in Slack, as the Slack adapter hands her over (her verified email from users.info).
    const aliceInSlack: Actor = { platform: 'slack', id: 'U0ALICE', name: 'alice', email: 'alice@contoso.example' };
    const requested = await r.app.service.handle({ text: `/ir request storage.deny-public-network ${ACCOUNT}`, actor: aliceInSlack, incidentId });
    const { actionId } = requested.appended[0]!.data as { actionId: string };

    const pressed = await r.post(cardAction({ serviceUrl: r.connector.serviceUrl, from: ALICE, verb: 'press', data: { buttonId: `act:${actionId}:approve` } }));
    expect(pressed.status).toBe(200);
    await r.settle();
    const events = await r.events();
    const denial = events.find((event) => event.type === 'PermissionDenied');
    expect(denial).toMatchObject({ actor: { platform: 'teams', id: ALICE.aadObjectId }, data: { rule: 'policy.four_eyes', actionId } });
    expect(events.some((event) => event.type === 'ActionApproved')).toBe(false);
    expect(r.graph.userLookups).toContain(ALICE.aadObjectId);
  });
});
