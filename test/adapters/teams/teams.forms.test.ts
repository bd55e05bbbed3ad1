import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { escapeCardText, type AdaptiveCard, type CardNode } from '../../../adapters/teams/teams.renderer.ts';
import type { IncidentEvent, WarRoomRef } from '../../../src/domain/event.types.ts';
import { ALICE, BOB, cardAction, channelMessage, installedInPersonalChat, personalConversation, principal, type TeamsUser } from './support/activities.ts';
import { assertValidCard } from './support/card-schema.ts';
import { cardsIn } from './support/fake-connector.ts';
import { startTeamsRig, type Posted, type TeamsRig } from './support/teams-rig.ts';

const USER_TARGET = '62855810-484b-4823-9e01-60667f8b12ae';
/** A day before the rig's fake clock (2026-11-29T09:00:00Z): GDPR Art. 33 runs 72 hours from it. */
const AWARE_AT = '2026-11-28T15:30:00Z';

let rig: TeamsRig;
let room: WarRoomRef;

beforeEach(async () => {
  rig = await startTeamsRig({ roles: { commander: [principal(ALICE)], responder: [principal(BOB)] } });
  await rig.post(installedInPersonalChat({ serviceUrl: rig.connector.serviceUrl, user: ALICE }));
  await rig.post(channelMessage({ serviceUrl: rig.connector.serviceUrl, from: ALICE, text: 'declare Customer database exposed --severity High' }));
  await rig.settle();
  room = (await rig.events()).find((event) => event.type === 'WarRoomOpened')?.data as WarRoomRef;
});
afterEach(() => rig.stop());

const inRoom = (text: string, from: TeamsUser) => rig.post(channelMessage({ serviceUrl: rig.connector.serviceUrl, from, text, channelId: room.channelId }));
const press = (buttonId: string, from: TeamsUser, channelId?: string) => rig.post(cardAction({ serviceUrl: rig.connector.serviceUrl, from, verb: 'press', data: { buttonId }, ...(channelId ? { channelId } : {}) }));

/** What Teams sends when the form is submitted: the submit action's data with the inputs merged in by id, as strings. */
function submit(form: AdaptiveCard, inputs: Record<string, string>, from: TeamsUser, channelId?: string): Promise<Posted> {
  const action = nodesOf(form).find((node) => node.type === 'Action.Execute' && node.verb === 'form');
  if (!action) throw new Error('the card has no form submit');
  const data = { ...(action.data as Record<string, unknown>), ...inputs };
  return rig.post(cardAction({ serviceUrl: rig.connector.serviceUrl, from, verb: 'form', data, ...(channelId ? { channelId } : {}) }));
}

function nodesOf(card: unknown): CardNode[] {
  const found: CardNode[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (typeof (node as CardNode).type === 'string') found.push(node as CardNode);
    Object.values(node).forEach(walk);
  };
  walk(card);
  return found;
}

/** The card of an `adaptiveCard/action` answer, checked against the Universal Actions response format and the schema. */
function answerCard(posted: Posted): AdaptiveCard {
  expect(posted.status).toBe(200);
  expect(posted.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  const card = (posted.body as { value: AdaptiveCard }).value;
  assertValidCard(card);
  return card;
}

const inputIds = (card: unknown) => nodesOf(card).filter((node) => node.type.startsWith('Input.')).map((node) => node.id);
const asCardJson = (text: string) => JSON.stringify(escapeCardText(text)).slice(1, -1);
const ofType = <T extends IncidentEvent['type']>(events: IncidentEvent[], type: T) => events.filter((event): event is IncidentEvent<T> => event.type === type);

/** `breach` typed alone in the war room: the form card the bot posts there. */
async function breachForm(): Promise<AdaptiveCard> {
  await inRoom('breach', ALICE);
  await rig.settle();
  const form = cardsIn(rig.connector.callsTo(room.channelId).at(-1)?.body)[0] as AdaptiveCard;
  assertValidCard(form);
  return form;
}

describe('the breach assessment form', () => {
  it('posts a form card when breach is typed alone in a war room', async () => {
    const form = await breachForm();
    expect(inputIds(form)).toEqual(['aware-at', 'jurisdictions', 'subjects', 'records', 'categories', 'role', 'high-risk']);
    expect(nodesOf(form).find((node) => node.type === 'Action.Execute')).toMatchObject({ verb: 'form', data: { formId: 'form:breach' }, associatedInputs: 'auto' });
  });

  it('records the assessment and starts the GDPR clock from a submission, answering at once with a card that replaces the form', async () => {
    const form = await breachForm();
    const posted = await submit(form, { 'aware-at': AWARE_AT, jurisdictions: 'EU', subjects: '1200', records: '', categories: 'contact,payment', role: 'controller', 'high-risk': 'true' }, ALICE, room.channelId);
    expect(posted.ms).toBeLessThan(2000);
    const answer = answerCard(posted);
    expect(inputIds(answer)).toEqual([]);
    expect(JSON.stringify(answer)).toContain('gdpr-art33: deadline 2026-12-01T15:30:00.000Z');
    await rig.settle();
    const events = await rig.events();
    expect(ofType(events, 'BreachAssessed')).toMatchObject([{ actor: { id: ALICE.aadObjectId }, data: { awareAt: '2026-11-28T15:30:00.000Z', jurisdictions: ['EU'], subjects: 1200, categories: ['contact', 'payment'], role: 'controller', highRisk: true } }]);
    expect(ofType(events, 'ClockStarted').find((event) => event.data.regime === 'gdpr-art33')?.data).toMatchObject({ startedAt: '2026-11-28T15:30:00.000Z', deadline: '2026-12-01T15:30:00.000Z' });
    rig.assertEveryCardValid();
  });

  it('answers a submission without the awareness time with a card naming the problem and the usage, and records nothing', async () => {
    const form = await breachForm();
    const before = (await rig.events()).length;
    const posted = await submit(form, { jurisdictions: 'EU', role: 'controller', 'high-risk': 'false' }, ALICE, room.channelId);
    expect(posted.ms).toBeLessThan(2000);
    const answer = JSON.stringify(answerCard(posted));
    expect(answer).toContain(asCardJson('--aware-at is required'));
    expect(answer).toContain(asCardJson('/ir breach --aware-at <time>'));
    expect(answer).toContain('"style":"attention"');
    await rig.settle();
    expect(await rig.events()).toHaveLength(before);
  });

  it('refuses a form id the bot never issued, and one that is no string at all', async () => {
    const before = (await rig.events()).length;
    const forged = await rig.post(cardAction({ serviceUrl: rig.connector.serviceUrl, from: ALICE, verb: 'form', data: { formId: 'form:close', classification: 'FalsePositive' }, channelId: room.channelId }));
    expect(JSON.stringify(answerCard(forged))).toContain('This form is not one the bot issued.');
    const malformed = await rig.post(cardAction({ serviceUrl: rig.connector.serviceUrl, from: ALICE, verb: 'form', data: { formId: { id: 'form:breach' } }, channelId: room.channelId }));
    expect(malformed).toMatchObject({ status: 200, body: { statusCode: 400, type: 'application/vnd.microsoft.error' } });
    await rig.settle();
    expect(await rig.events()).toHaveLength(before);
  });
});

describe('Deny with a reason', () => {
  it('answers the Deny button with a reason form, and its submission records the denial with that reason', async () => {
    await inRoom(`request entra.revoke-sessions ${USER_TARGET}`, BOB);
    await rig.settle();
    const actionId = ofType(await rig.events(), 'ActionRequested')[0]?.data.actionId ?? '';
    const approval = cardsIn(rig.connector.callsTo(personalConversation(ALICE)).at(-1)?.body)[0];
    expect(JSON.stringify(approval)).toContain(`"buttonId":"act:${actionId}:deny"`);

    // Alice presses Deny in her 1:1 chat (no war room there): the answer is the form, which replaces the approval card.
    const pressed = await press(`act:${actionId}:deny`, ALICE);
    expect(pressed.ms).toBeLessThan(2000);
    const form = answerCard(pressed);
    expect(inputIds(form)).toEqual(['reason']);
    expect(nodesOf(form).find((node) => node.id === 'reason')).toMatchObject({ type: 'Input.Text', isMultiline: true, isRequired: true });
    expect(ofType(await rig.events(), 'ActionDenied')).toHaveLength(0);

    const reason = 'Revoking now would lock out the on-call DBA; revoke after the failover.';
    const posted = await submit(form, { reason }, ALICE);
    expect(posted.ms).toBeLessThan(2000);
    expect(inputIds(answerCard(posted))).toEqual([]);
    await rig.settle();
    const events = await rig.events();
    expect(ofType(events, 'ActionDenied')).toMatchObject([{ actor: { id: ALICE.aadObjectId }, data: { actionId, reason } }]);
    expect(ofType(events, 'ActionExecuted')).toHaveLength(0);
  });

  it('answers the Dismiss button of a proposed Sentinel incident with a reason form', async () => {
    const pressed = await press('triage:4242:dismiss', ALICE, room.channelId);
    const form = answerCard(pressed);
    expect(inputIds(form)).toEqual(['reason']);
    expect(nodesOf(form).find((node) => node.type === 'Action.Execute')).toMatchObject({ verb: 'form', data: { formId: 'form:dismiss:4242' } });
  });
});
