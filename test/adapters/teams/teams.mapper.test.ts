import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { aadOfPrincipal, actorOf, addressedToBot, cardActionOf, commandTextOf, isPersonal, roomIdOf, warRoomName } from '../../../adapters/teams/teams.mapper.ts';
import { emptyState, type IncidentState } from '../../../src/incident/incident.state.ts';
import { ALICE, BOB, BOT, cardAction, channelMessage, GENERAL_CHANNEL, personalMessage } from './support/activities.ts';
import { fixture } from './support/card-schema.ts';

const SERVICE = 'https://smba.trafficmanager.net/amer/';
const asActivity = (value: Record<string, unknown>) => value as unknown as Activity;

function incident(overrides: Partial<IncidentState>): IncidentState {
  return { ...emptyState('ir-20261129-0001'), exists: true, declaredAt: '2026-11-29T09:00:00.000Z', title: 'Exfiltration from stprod01', ...overrides };
}

describe('commands from Teams messages', () => {
  it('removes the bot mention of the captured channel message', () => {
    const captured = asActivity(fixture('message.channel-with-mention.json'));
    expect(commandTextOf(captured)).toBe('reply to thread');
    expect(addressedToBot(captured)).toBe(true);
  });

  it('turns other mentions into principals when known, drops unknown <at> leftovers, decodes entities', () => {
    const message = asActivity(channelMessage({ serviceUrl: SERVICE, from: ALICE, text: 'assign responder <at>Bob Responder</at>&nbsp;', mentions: [BOB] }));
    expect(commandTextOf(message, new Map([[BOB.id, `teams:${BOB.aadObjectId}`]]))).toBe(`assign responder teams:${BOB.aadObjectId}`);
    expect(commandTextOf(message)).toBe('assign responder');
    const leftover = asActivity({ ...channelMessage({ serviceUrl: SERVICE, from: ALICE, text: 'note x &lt;b&gt; &amp; y' }), entities: [] });
    expect(commandTextOf(leftover)).toBe('note x <b> & y');
  });

  it('survives malformed mention entities', () => {
    const message = asActivity({ ...channelMessage({ serviceUrl: SERVICE, from: ALICE, text: 'status' }), entities: [{ type: 'mention' }, { mentioned: { id: BOT.id } }, null, { type: 'mention', mentioned: {}, text: 5 }] });
    expect(commandTextOf(message)).toBe('status');
  });

  it('requires a mention in channels and group chats, not in a 1:1 chat', () => {
    const unmentioned = asActivity({ ...channelMessage({ serviceUrl: SERVICE, from: ALICE, text: 'status' }), text: 'status', entities: [] });
    expect(addressedToBot(unmentioned)).toBe(false);
    const personal = asActivity(personalMessage({ serviceUrl: SERVICE, from: ALICE, text: 'status' }));
    expect(addressedToBot(personal)).toBe(true);
    expect(isPersonal(personal)).toBe(true);
    expect(commandTextOf(personal)).toBe('status');
  });

  it('treats a group chat like a channel: the mention is required, the room is the chat', () => {
    const base = personalMessage({ serviceUrl: SERVICE, from: ALICE, text: 'status' });
    const groupChat = { ...base, conversation: { id: '19:meeting_abc@thread.v2', isGroup: true, conversationType: 'groupChat' } };
    expect(addressedToBot(asActivity(groupChat))).toBe(false);
    const mentioned = asActivity({ ...groupChat, text: `<at>${BOT.name}</at> status`, entities: [{ type: 'mention', mentioned: BOT, text: `<at>${BOT.name}</at>` }] });
    expect(addressedToBot(mentioned)).toBe(true);
    expect(commandTextOf(mentioned)).toBe('status');
    expect(roomIdOf(mentioned)).toBe('19:meeting_abc@thread.v2');
  });

  it('names the actor by Entra object id, and the room by channel (not thread) or chat', () => {
    const message = asActivity(channelMessage({ serviceUrl: SERVICE, from: ALICE, text: 'status' }));
    expect(actorOf(message)).toEqual({ platform: 'teams', id: ALICE.aadObjectId, name: ALICE.name });
    expect(actorOf(asActivity({ ...message, from: { id: '29:guest' } }))).toEqual({ platform: 'teams', id: '29:guest', name: '29:guest' });
    expect(roomIdOf(message)).toBe(GENERAL_CHANNEL);
    expect(roomIdOf(asActivity({ ...message, channelData: {} }))).toBe(GENERAL_CHANNEL);
    expect(roomIdOf(asActivity(personalMessage({ serviceUrl: SERVICE, from: ALICE, text: 'x' })))).toMatch(/^a:1/);
    expect(aadOfPrincipal(`teams:${ALICE.aadObjectId}`)).toBe(ALICE.aadObjectId);
    expect(aadOfPrincipal('slack:U1')).toBeUndefined();
    expect(aadOfPrincipal('teams:')).toBeUndefined();
  });
});

describe('card actions', () => {
  const action = (verb: string, data: Record<string, unknown>) => cardActionOf(asActivity(cardAction({ serviceUrl: SERVICE, from: ALICE, verb, data })));

  it('reads only the opaque id of a press and the card id of a refresh', () => {
    expect(action('press', { buttonId: 'cmd:status', command: '/ir close' })).toEqual({ kind: 'press', buttonId: 'cmd:status' });
    expect(action('refresh', { cardId: 'AbCdEf123456_-' })).toEqual({ kind: 'refresh', cardId: 'AbCdEf123456_-' });
  });

  it('rejects anything else, including the captured sample (no verb the bot issues)', () => {
    expect(cardActionOf(asActivity(fixture('invoke.adaptiveCard-action.json')))).toBeUndefined();
    expect(action('press', {})).toBeUndefined();
    expect(action('press', { buttonId: 'x'.repeat(201) })).toBeUndefined();
    expect(action('refresh', { cardId: '../../etc' })).toBeUndefined();
    expect(action('approve', { buttonId: 'act:a:approve' })).toBeUndefined();
  });
});

describe('war-room channel names', () => {
  it('uses the date, the Sentinel number and a short title, within what Teams accepts', () => {
    expect(warRoomName(incident({ sentinel: { number: '4711' } }))).toBe('IR 2026-11-29 S4711 Exfiltration from stprod01');
    const hostile = warRoomName(incident({ title: '_Leak: "keys" #1 / <b> & more?* {x} | ok... and a very long tail that goes on' }));
    expect(hostile.length).toBeLessThanOrEqual(50);
    expect(hostile).not.toMatch(/[~#%&*{}+/\\:<>?|'",]|\.\./);
    expect(hostile.startsWith('IR 2026-11-29 ')).toBe(true);
    const second = warRoomName(incident({ title: 'x'.repeat(80) }), 2);
    expect(second).toHaveLength(50);
    expect(second.endsWith(' 2')).toBe(true);
  });
});
