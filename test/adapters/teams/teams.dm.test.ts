import { afterEach, describe, expect, it } from 'vitest';
import type { View } from '../../../src/views/view.types.ts';
import { BOB, cardAction, channelMessage, installedInPersonalChat, LENA, personalConversation, personalMessage, principal } from './support/activities.ts';
import { assertValidCard } from './support/card-schema.ts';
import { cardsIn } from './support/fake-connector.ts';
import { startTeamsRig, type TeamsRig } from './support/teams-rig.ts';

const LEGAL_CHANNEL = '19:4b6bed8d24574f6a9e436813cb2617d8@thread.tacv2';
const NOTICE: View = { summary: 'GDPR Art. 33: 24 hours left', tone: 'warning', blocks: [{ type: 'header', text: 'GDPR Art. 33: 24 hours left' }, { type: 'text', text: 'Notify the supervisory authority by 2026-12-02 09:00 UTC.' }] };

let rig: TeamsRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const chat = () => {
  const teams = rig?.app.chats.find((candidate) => candidate.platform === 'teams');
  if (!teams) throw new Error('no Teams chat');
  return teams;
};

describe('1:1 chats and direct notices', () => {
  it('answers a command in a 1:1 chat without any mention', async () => {
    rig = await startTeamsRig();
    expect((await rig.post(personalMessage({ serviceUrl: rig.connector.serviceUrl, from: LENA, text: 'status' }))).status).toBe(200);
    await rig.post(personalMessage({ serviceUrl: rig.connector.serviceUrl, from: LENA, text: 'help' }));
    await rig.settle();
    const answers = rig.connector.callsTo(personalConversation(LENA));
    expect(answers.map((call) => call.kind)).toEqual(['send', 'send']);
    expect(JSON.stringify(cardsIn(answers[0]?.body))).toContain('This conversation has no incident.');
    expect(JSON.stringify(cardsIn(answers[1]?.body))).toContain('Incident Commander commands');
    rig.assertEveryCardValid();
  });

  it('reaches a user by DM through the reference stored when they installed the app, and stops when they remove it', async () => {
    rig = await startTeamsRig();
    expect((await rig.post(installedInPersonalChat({ serviceUrl: rig.connector.serviceUrl, user: LENA }))).status).toBe(200);
    expect(await rig.app.store.getRecord(`teams:user:${LENA.aadObjectId}`)).toMatchObject({ conversation: { id: personalConversation(LENA) }, user: { id: LENA.id } });
    expect(rig.connector.calls).toEqual([]);

    expect(await chat().notify(principal(LENA), NOTICE)).toBe(true);
    const dm = rig.connector.callsTo(personalConversation(LENA));
    expect(dm).toHaveLength(1);
    expect(dm[0]?.kind).toBe('send');
    expect(JSON.stringify(cardsIn(dm[0]?.body))).toContain('GDPR Art. 33: 24 hours left');
    rig.assertEveryCardValid();

    await rig.post({ ...installedInPersonalChat({ serviceUrl: rig.connector.serviceUrl, user: LENA }), type: 'installationUpdate', action: 'remove', membersAdded: undefined });
    expect(await chat().notify(principal(LENA), NOTICE)).toBe(false);
  });

  it('falls back to the legal channel with an @mention, and says false where Teams cannot reach anyone', async () => {
    rig = await startTeamsRig({ env: { TEAMS_LEGAL_CHANNEL_ID: LEGAL_CHANNEL } });
    // Bob has only ever written in a channel: the bot knows his Teams id, not a 1:1 chat.
    await rig.post(channelMessage({ serviceUrl: rig.connector.serviceUrl, from: BOB, text: 'help' }));
    await rig.settle();

    expect(await chat().notify(principal(BOB), NOTICE)).toBe(true);
    const posted = rig.connector.callsTo(LEGAL_CHANNEL);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.body).toMatchObject({ text: '<at>Bob Responder</at>: a notice for you below.', entities: [{ type: 'mention', mentioned: { id: BOB.id, name: BOB.name }, text: '<at>Bob Responder</at>' }] });
    assertValidCard(cardsIn(posted[0]?.body)[0]);

    expect(await chat().notify('teams:11111111-2222-4333-8444-555555555555', NOTICE)).toBe(true);
    expect(rig.connector.callsTo(LEGAL_CHANNEL).at(-1)?.body.text).toBe('For teams:11111111-2222-4333-8444-555555555555: a notice below.');
    expect(await chat().notify('slack:U024BE7LH', NOTICE)).toBe(false);
    expect(await chat().notify('lena@example.com', NOTICE)).toBe(false);
  });

  it('posts "Declare?" cards into the configured triage channel, and says false without one', async () => {
    const TRIAGE = '19:7c1f0e2d3b4a49f8a6e5d4c3b2a19f8e@thread.tacv2';
    rig = await startTeamsRig({ env: { TEAMS_TRIAGE_CHANNEL_ID: TRIAGE } });
    expect(await chat().postToTriage?.(NOTICE)).toBe(false);
    await rig.post(channelMessage({ serviceUrl: rig.connector.serviceUrl, from: BOB, text: 'help' }));
    await rig.settle();
    expect(await chat().postToTriage?.(NOTICE)).toBe(true);
    const posted = rig.connector.callsTo(TRIAGE);
    expect(posted).toHaveLength(1);
    assertValidCard(cardsIn(posted[0]?.body)[0]);
    await rig.stop();
    rig = await startTeamsRig();
    expect(await chat().postToTriage?.(NOTICE)).toBe(false);
  });

  it('without a legal channel, a user with no 1:1 chat cannot be reached', async () => {
    rig = await startTeamsRig();
    expect(await chat().notify(principal(BOB), NOTICE)).toBe(false);
    expect(rig.connector.calls).toEqual([]);
  });
});

describe('the error boundary', () => {
  it('tells the user a correlation id, never the error, and logs the stack under that id', async () => {
    rig = await startTeamsRig();
    rig.app.service.handle = () => Promise.reject(new Error('boom in /srv/secret/path.ts'));
    rig.app.service.press = () => Promise.reject(new Error('boom in /srv/secret/path.ts'));

    await rig.post(personalMessage({ serviceUrl: rig.connector.serviceUrl, from: LENA, text: 'status' }));
    await rig.settle();
    const told = String(rig.connector.callsTo(personalConversation(LENA))[0]?.body.text);
    const id = /reference: (err-[a-z0-9]+-[0-9a-f]{6})/.exec(told)?.[1];
    expect(id).toBeDefined();
    expect(told).not.toMatch(/boom|secret|\.ts/);
    expect(rig.logs.find((entry) => entry.level === 'error' && entry.fields?.correlationId === id)?.fields?.error).toContain('boom in /srv/secret/path.ts');

    const pressed = await rig.post(cardAction({ serviceUrl: rig.connector.serviceUrl, from: LENA, verb: 'press', data: { buttonId: 'cmd:status' } }));
    expect(pressed).toMatchObject({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' } });
    assertValidCard((pressed.body as { value: unknown }).value);
    const card = JSON.stringify((pressed.body as { value: unknown }).value);
    expect(card).toMatch(/reference: err-/);
    expect(card).not.toMatch(/boom|secret/);
  });
});
