import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.ts';
import { ALICE, cardAction, channelMessage, installedInPersonalChat, personalConversation, principal } from './support/activities.ts';
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

describe('a draft with hostile markdown through the real Teams route', () => {
  it('reaches the asker in their 1:1 chat with no live link and no date function; the war room hears only that a draft was made', async () => {
    rig = await startTeamsRig({ roles: { commander: [principal(ALICE)] } });
    const r = rig;
    const hostile = '[Open the portal](https://evil.example) {{DATE(2026-12-01T00:00:00Z, SHORT)}}';
    await r.post(installedInPersonalChat({ serviceUrl: r.connector.serviceUrl, user: ALICE }));
    await r.post(channelMessage({ serviceUrl: r.connector.serviceUrl, from: ALICE, text: `declare ${hostile} --severity High` }));
    await r.settle();
    const room = (await r.events()).find((event) => event.type === 'WarRoomOpened')?.data as { channelId: string };
    const say = async (text: string) => {
      await r.post(channelMessage({ serviceUrl: r.connector.serviceUrl, from: ALICE, text, channelId: room.channelId }));
      await r.settle();
    };
    await say('breach --aware-at 2026-11-29T08:00:00Z --subjects 12400 --jurisdictions EU');
    const inRoomBefore = r.connector.callsTo(room.channelId).length;
    await say('draft regulator gdpr-art33');
    const dm = JSON.stringify(r.connector.callsTo(personalConversation(ALICE)).map((call) => call.body));
    expect(dm).toContain('12,400');
    expect(dm).toContain('Open the portal');
    expect(dm).not.toContain('{{');
    expect(dm).not.toMatch(/(?<!\\\\)\]\(https:\/\/evil/);
    const inRoom = JSON.stringify(r.connector.callsTo(room.channelId).slice(inRoomBefore).map((call) => call.body));
    expect(inRoom).toContain('made a draft');
    expect(inRoom).not.toContain('12,400');
    r.assertEveryCardValid();
  });
});
