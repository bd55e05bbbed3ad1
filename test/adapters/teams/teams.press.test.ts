import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { escapeCardText, type AdaptiveCard } from '../../../adapters/teams/teams.renderer.ts';
import type { IncidentEvent, WarRoomRef } from '../../../src/domain/event.types.ts';
import type { View } from '../../../src/views/view.types.ts';
import { ALICE, BOB, cardAction, channelMessage, GENERAL_CHANNEL, installedInPersonalChat, personalConversation, principal } from './support/activities.ts';
import { assertValidCard } from './support/card-schema.ts';
import { cardsIn } from './support/fake-connector.ts';
import { startTeamsRig, type Posted, type TeamsRig } from './support/teams-rig.ts';

const USER_TARGET = '62855810-484b-4823-9e01-60667f8b12ae';

let rig: TeamsRig;
let room: WarRoomRef;

beforeEach(async () => {
  rig = await startTeamsRig({ roles: { commander: [principal(ALICE)], responder: [principal(BOB)] } });
  // Alice has the app in her 1:1 chat (approval cards reach her there), then declares from the General channel.
  await rig.post(installedInPersonalChat({ serviceUrl: rig.connector.serviceUrl, user: ALICE }));
  await rig.post(channelMessage({ serviceUrl: rig.connector.serviceUrl, from: ALICE, text: 'declare Leaked SAS token --severity High' }));
  await rig.settle();
  room = (await rig.events()).find((event) => event.type === 'WarRoomOpened')?.data as WarRoomRef;
});
afterEach(() => rig.stop());

/** Bob, in the war room, by mention. */
const inRoom = (text: string, from = BOB) => rig.post(channelMessage({ serviceUrl: rig.connector.serviceUrl, from, text, channelId: room.channelId }));
const press = (buttonId: string, from = BOB, channelId: string | undefined = room.channelId) => rig.post(cardAction({ serviceUrl: rig.connector.serviceUrl, from, verb: 'press', data: { buttonId }, ...(channelId ? { channelId } : {}) }));

/** The card of an `adaptiveCard/action` answer, checked against the Universal Actions response format and the schema. */
function answerCard(posted: Posted): AdaptiveCard {
  expect(posted.status).toBe(200);
  expect(posted.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  const card = (posted.body as { value: AdaptiveCard }).value;
  assertValidCard(card);
  return card;
}

/** How card text appears inside the JSON of a card: markdown-escaped, then JSON-escaped. */
const asCardJson = (text: string) => JSON.stringify(escapeCardText(text)).slice(1, -1);

const ofType = <T extends IncidentEvent['type']>(events: IncidentEvent[], type: T) => events.filter((event): event is IncidentEvent<T> => event.type === type);

describe('button presses (adaptiveCard/action) and refusals', () => {
  it('answers a permitted press at once with the updated card', async () => {
    const posted = await press('cmd:status');
    expect(posted.ms).toBeLessThan(2000);
    const card = JSON.stringify(answerCard(posted));
    expect(card).toContain('Incident ir-20261129-0001: Leaked SAS token');
    expect(card).toContain('"title":"Severity","value":"High"');
  });

  it('answers a press of a button the bot never issued with why, and records nothing', async () => {
    const before = (await rig.events()).length;
    const posted = await press('cmd:drop-tables');
    expect(posted.ms).toBeLessThan(2000);
    const card = JSON.stringify(answerCard(posted));
    expect(card).toContain('This button is not one the bot issued, or it has expired.');
    expect(card).toContain('"style":"attention"');
    expect(await rig.events()).toHaveLength(before);
  });

  it('records a PermissionDenied for a typed command the core refuses, and says why and who can', async () => {
    await inRoom('close FalsePositive');
    await rig.settle();
    const denied = ofType(await rig.events(), 'PermissionDenied');
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ actor: { platform: 'teams', id: BOB.aadObjectId, name: BOB.name }, data: { command: 'close', rule: 'policy.not_commander' } });
    const answer = JSON.stringify(rig.connector.callsTo(room.channelId).at(-1)?.body);
    expect(answer).toContain(asCardJson(`Only the commander (${principal(ALICE)}) closes the incident.`));
    expect(answer).toContain(asCardJson(`Ask ${principal(ALICE)}.`));
  });

  it('runs a containment request through the approval card: a forged approve is refused on the record, the commander approves from her DM', async () => {
    await inRoom(`request entra.revoke-sessions ${USER_TARGET}`);
    await rig.settle();
    const requested = ofType(await rig.events(), 'ActionRequested');
    expect(requested).toHaveLength(1);
    const actionId = requested[0]?.data.actionId ?? '';

    // The approval card reached Alice's 1:1 chat, with Approve and Deny for her.
    const dm = rig.connector.callsTo(personalConversation(ALICE));
    const approval = cardsIn(dm.at(-1)?.body)[0] as AdaptiveCard;
    expect(JSON.stringify(approval)).toContain(`"buttonId":"act:${actionId}:approve"`);
    expect(approval.refresh).toMatchObject({ action: { verb: 'refresh' }, userIds: [ALICE.id] });

    // Bob never saw the button; pressing it anyway is refused by the core, on the record, at once.
    const forged = await press(`act:${actionId}:approve`);
    expect(forged.ms).toBeLessThan(2000);
    const refusal = JSON.stringify(answerCard(forged));
    const denied = ofType(await rig.events(), 'PermissionDenied');
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ actor: { id: BOB.aadObjectId }, data: { command: 'approve' } });
    expect(refusal).toContain(asCardJson(denied[0]?.data.reason ?? 'missing'));
    expect(ofType(await rig.events(), 'ActionApproved')).toHaveLength(0);

    // Alice approves from her DM (no war room there: the action names the incident).
    const approved = await press(`act:${actionId}:approve`, ALICE, undefined);
    expect(approved.ms).toBeLessThan(2000);
    answerCard(approved);
    await rig.settle();
    const events = await rig.events();
    expect(ofType(events, 'ActionApproved')).toHaveLength(1);
    expect(ofType(events, 'ActionApproved')[0]?.actor.id).toBe(ALICE.aadObjectId);
    expect(ofType(events, 'ActionExecuted')).toHaveLength(1);
    // The result went into the war room after the invoke was answered.
    expect(JSON.stringify(rig.connector.callsTo(room.channelId).at(-1)?.body)).toContain('Done: ');
    rig.assertEveryCardValid();
  });
});

describe('mentions of people', () => {
  it('assigns a role by @mention, the mention resolved to an Entra object id through the Bot Connector', async () => {
    rig.connector.members.set(BOB.id, BOB);
    await rig.post(channelMessage({ serviceUrl: rig.connector.serviceUrl, from: ALICE, text: `assign scribe <at>${BOB.name}</at>`, channelId: room.channelId, mentions: [BOB] }));
    await rig.settle();
    expect(rig.connector.calls.filter((call) => call.kind === 'member').map((call) => call.activityId)).toEqual([BOB.id]);
    expect(ofType(await rig.events(), 'RoleAssigned').at(-1)?.data).toMatchObject({ role: 'scribe', principal: principal(BOB) });
  });
});

describe('Approve and Deny only for those who may press them (user-specific refresh)', () => {
  const approvalLike: View = {
    summary: 'Approval needed',
    tone: 'warning',
    blocks: [
      { type: 'header', text: 'Approval needed: entra.revoke-sessions' },
      { type: 'actions', buttons: [
        { id: 'cmd:status', label: 'Status', command: '/ir status' },
        // The core names who may press them (and Bob's principal is not one); an email names nobody Teams knows.
        { id: 'act:act-0042:approve', label: 'Approve', style: 'primary', confirm: 'Revoke every session?', command: '/ir approve act-0042', audience: [principal(ALICE), 'legal@example.com'] },
        { id: 'act:act-0042:deny', label: 'Deny', style: 'danger', command: '/ir deny act-0042 <reason>', audience: [principal(ALICE)] },
      ] },
    ],
  };

  it('posts the card without them, refreshes it with them for the commander only', async () => {
    await rig.app.chats[0]?.post(room, approvalLike);
    const posted = cardsIn(rig.connector.callsTo(room.channelId).at(-1)?.body)[0] as AdaptiveCard;
    assertValidCard(posted);
    expect(JSON.stringify(posted)).not.toContain('act:act-0042');
    expect(posted.refresh?.userIds).toEqual([ALICE.id]);
    const cardId = (posted.refresh?.action.data as { cardId: string }).cardId;

    const refresh = (from: typeof ALICE) => rig.post(cardAction({ serviceUrl: rig.connector.serviceUrl, from, verb: 'refresh', data: { cardId }, channelId: room.channelId, trigger: 'automatic' }));
    const forAlice = JSON.stringify(answerCard(await refresh(ALICE)));
    expect(forAlice).toContain('"buttonId":"act:act-0042:approve"');
    expect(forAlice).toContain('"buttonId":"act:act-0042:deny"');
    const forBob = JSON.stringify(answerCard(await refresh(BOB)));
    expect(forBob).not.toContain('act:act-0042');
    expect(forBob).toContain('"buttonId":"cmd:status"');

    const unknown = await rig.post(cardAction({ serviceUrl: rig.connector.serviceUrl, from: ALICE, verb: 'refresh', data: { cardId: 'no-such-card-0000' }, channelId: room.channelId }));
    expect(unknown).toMatchObject({ status: 200, body: { statusCode: 400, type: 'application/vnd.microsoft.error' } });
  });

  it('refuses a card action that is neither a press nor a refresh the bot issued', async () => {
    const posted = await rig.post(cardAction({ serviceUrl: rig.connector.serviceUrl, from: BOB, verb: 'press', data: { command: '/ir close FalsePositive' }, channelId: GENERAL_CHANNEL }));
    expect(posted).toMatchObject({ status: 200, body: { statusCode: 400, type: 'application/vnd.microsoft.error' } });
  });
});

describe('a press the core takes long to decide', () => {
  it('is answered with "working on it" by the deadline, and the answer is posted when ready', async () => {
    await rig.stop();
    rig = await startTeamsRig({ invokeDeadlineMs: 20 });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const press = rig.app.service.press.bind(rig.app.service);
    rig.app.service.press = async (request) => {
      await gate;
      return press(request);
    };
    const posted = await rig.post(cardAction({ serviceUrl: rig.connector.serviceUrl, from: BOB, verb: 'press', data: { buttonId: 'cmd:help' }, channelId: GENERAL_CHANNEL }));
    expect(JSON.stringify(answerCard(posted))).toContain('Working on it');
    expect(rig.connector.calls).toEqual([]);
    release();
    await rig.settle();
    const late = rig.connector.callsTo(GENERAL_CHANNEL);
    expect(late).toHaveLength(1);
    expect(JSON.stringify(cardsIn(late[0]?.body))).toContain('Incident Commander commands');
  });
});
