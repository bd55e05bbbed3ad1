import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, BOT, channelMessage, GENERAL_CHANNEL, principal, TEAM_GROUP_ID } from './support/activities.ts';
import { cardsIn } from './support/fake-connector.ts';
import { startTeamsRig, type TeamsRig } from './support/teams-rig.ts';

let rig: TeamsRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const DECLARE = 'declare Exfiltration from stprod01 --severity High';

describe('declaring from a Teams channel (local rig: ALLOW_INSECURE_ENDPOINTS, fake Graph and Bot Connector)', () => {
  it('in the local rig, an unauthenticated activity naming a Bot Connector off this machine is ignored: it cannot redirect cards and notices', async () => {
    rig = await startTeamsRig({ roles: { commander: [principal(ALICE)], responder: [principal(BOB)] } });
    const posted = await rig.post(channelMessage({ serviceUrl: 'https://evil.example/teams/', from: ALICE, text: DECLARE }));
    expect(posted.status).toBe(200);
    await rig.settle();
    expect(rig.graph.calls).toEqual([]);
    expect(rig.connector.calls).toEqual([]);
    expect(await rig.events()).toEqual([]);
    expect(rig.logs).toContainEqual(expect.objectContaining({ level: 'warn', message: 'unauthenticated teams activity with a non-loopback serviceUrl ignored' }));
  });

  it('creates a war-room channel through Graph with a bearer token, opens it with an Adaptive Card, and answers in the thread', async () => {
    rig = await startTeamsRig({ roles: { commander: [principal(ALICE)], responder: [principal(BOB)] } });
    const posted = await rig.post(channelMessage({ serviceUrl: rig.connector.serviceUrl, from: ALICE, text: DECLARE }));
    expect(posted.status).toBe(200);
    await rig.settle();

    expect(rig.graph.calls).toHaveLength(1);
    const [create] = rig.graph.calls;
    expect(create?.teamId).toBe(TEAM_GROUP_ID);
    expect(create?.authorization).toMatch(/^Bearer \S+/);
    expect(create?.body).toEqual({ displayName: 'IR 2026-11-29 Exfiltration from stprod01', description: 'Incident ir-20261129-0001 (High): Exfiltration from stprod01', membershipType: 'standard' });

    const events = await rig.events();
    expect(events.map((event) => event.type)).toEqual(expect.arrayContaining(['IncidentDeclared', 'WarRoomOpened']));
    expect(events.filter((event) => event.type === 'WarRoomOpened')).toHaveLength(1);
    const room = events.find((event) => event.type === 'WarRoomOpened')?.data as { platform: string; channelId: string; name: string; url: string };
    expect(room).toMatchObject({ platform: 'teams', name: 'IR 2026-11-29 Exfiltration from stprod01' });
    expect(room.channelId).toMatch(/^19:[0-9a-f]{32}@thread\.tacv2$/);
    expect(room.url).toContain('teams.microsoft.com/l/channel/');

    // The new conversation in the new channel, started with a card.
    const opened = rig.connector.calls.find((call) => call.kind === 'create');
    expect(opened?.body).toMatchObject({ isGroup: true, channelData: { channel: { id: room.channelId } }, bot: { id: BOT.id } });
    expect(cardsIn(opened?.body.activity)).toHaveLength(1);
    // The core then posts the incident header (with its buttons) into the war room.
    const inRoom = rig.connector.callsTo(room.channelId).filter((call) => call.kind !== 'create');
    expect(inRoom.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(cardsIn(inRoom[0]?.body))).toContain('"buttonId":"cmd:status"');
    expect(inRoom.every((call) => call.kind === 'send' || call.kind === 'reply')).toBe(true);
    // And the declarer gets the answer in the thread they typed in.
    const answer = rig.connector.callsTo(GENERAL_CHANNEL);
    expect(answer).toHaveLength(1);
    expect(JSON.stringify(cardsIn(answer[0]?.body))).toContain('Exfiltration from stprod01');

    rig.assertEveryCardValid();
    expect(rig.connector.cards().length).toBe(rig.connector.calls.length);
  });

  it('retries with a suffix when Graph says the channel name is taken', async () => {
    rig = await startTeamsRig();
    rig.graph.taken.add('IR 2026-11-29 Exfiltration from stprod01');
    await rig.post(channelMessage({ serviceUrl: rig.connector.serviceUrl, from: ALICE, text: DECLARE }));
    await rig.settle();
    expect(rig.graph.calls.map((call) => call.body.displayName)).toEqual(['IR 2026-11-29 Exfiltration from stprod01', 'IR 2026-11-29 Exfiltration from stprod01 2']);
    const events = await rig.events();
    expect(events.find((event) => event.type === 'WarRoomOpened')?.data).toMatchObject({ name: 'IR 2026-11-29 Exfiltration from stprod01 2' });
  });

  it('creates a private channel owned by the declarer when TEAMS_PRIVATE_CHANNELS=true', async () => {
    rig = await startTeamsRig({ env: { TEAMS_PRIVATE_CHANNELS: 'true' } });
    await rig.post(channelMessage({ serviceUrl: rig.connector.serviceUrl, from: ALICE, text: DECLARE }));
    await rig.settle();
    expect(rig.graph.calls[0]?.body).toMatchObject({
      '@odata.type': '#Microsoft.Graph.channel',
      membershipType: 'private',
      members: [{ '@odata.type': '#microsoft.graph.aadUserConversationMember', 'user@odata.bind': `${rig.graph.endpoint}/v1.0/users('${ALICE.aadObjectId}')`, roles: ['owner'] }],
    });
  });

  it('ignores activities from another tenant than MicrosoftAppTenantId', async () => {
    rig = await startTeamsRig({ env: { MicrosoftAppTenantId: '11111111-2222-4333-8444-555555555555' } });
    expect((await rig.post(channelMessage({ serviceUrl: rig.connector.serviceUrl, from: ALICE, text: DECLARE }))).status).toBe(200);
    await rig.settle();
    expect(rig.graph.calls).toEqual([]);
    expect(rig.connector.calls).toEqual([]);
    expect(rig.incidentFiles()).toEqual([]);
    expect(await rig.app.store.getRecord('teams:service')).toBeUndefined();
  });

  it('ignores a channel message that does not mention the bot, and a second delivery of the same message', async () => {
    rig = await startTeamsRig();
    const message = channelMessage({ serviceUrl: rig.connector.serviceUrl, from: ALICE, text: DECLARE });
    const unmentioned = { ...message, id: 'other', text: DECLARE, entities: [] };
    expect((await rig.post(unmentioned)).status).toBe(200);
    await rig.post(message);
    await rig.post(message);
    await rig.settle();
    expect(rig.graph.calls).toHaveLength(1);
    expect(rig.incidentFiles()).toHaveLength(1);
  });
});
