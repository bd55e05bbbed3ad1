import { afterEach, describe, expect, it } from 'vitest';
import { blockKitProblems, unescapedMarkup } from './support/block-kit-checker.ts';
import { press, slash, type Outcome } from './support/slack-flows.ts';
import { appMentionBody, stateFor } from './support/slack-requests.ts';
import { startSlackRig, type SlackRig } from './support/slack-rig.ts';

const COMMANDER = 'U0CMDR001';
const RESPONDER = 'U0RESP001';
const WAR_ROOM = 'C00000001';
const COMMANDER_DM = `D${COMMANDER.slice(1)}`;
const ROLES = { commander: [`slack:${COMMANDER}`], responder: [`slack:${RESPONDER}`] };
const STORAGE = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-prod/providers/Microsoft.Storage/storageAccounts/stprod01';
/** A day before the rig's fake clock (2026-11-29T09:00Z), stated with its zone as the form asks. */
const AWARE_AT = '2026-11-28T15:30:00Z';

type Json = Record<string, unknown>;

let rig: SlackRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

async function declared(): Promise<SlackRig> {
  rig = await startSlackRig({ roles: ROLES });
  await slash(rig, COMMANDER, 'C0GENERAL1', 'declare Customer database copied from stprod01 --severity High');
  return rig;
}

/** The one private answer of an outcome that holds a form, checked against Block Kit's limits and the schema, with its inputs and submit button. */
function formOf(outcome: Outcome): { message: Json; inputs: Json[]; submit: Json | undefined } {
  expect(outcome.publicly).toEqual([]);
  expect(outcome.privately).toHaveLength(1);
  const message = outcome.privately[0] ?? {};
  expect(message).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  expect(blockKitProblems(message)).toEqual([]);
  expect(unescapedMarkup(message)).toEqual([]);
  const blocks = message.blocks as Json[];
  const actions = blocks.filter((block) => block.type === 'actions');
  expect(actions).toHaveLength(1);
  return { message, inputs: blocks.filter((block) => block.type === 'input'), submit: (actions[0]?.elements as Json[] | undefined)?.[0] };
}

const eventsOf = async (r: SlackRig, type: string) => (await r.events()).filter((event) => event.type === type);
const replaced = (outcome: Outcome) => outcome.privately.filter((body) => body.replace_original === true);

describe('the breach assessment form', () => {
  it('answers /ir breach in a war room privately with input blocks and a submit button, within Block Kit limits', async () => {
    const r = await declared();
    const { inputs, submit } = formOf(await slash(r, COMMANDER, WAR_ROOM, 'breach'));
    expect(inputs.map((input) => [input.block_id, (input.element as Json).action_id, (input.element as Json).type, input.optional])).toEqual([
      ['aware-at', 'aware-at', 'plain_text_input', false],
      ['jurisdictions', 'jurisdictions', 'plain_text_input', false],
      ['subjects', 'subjects', 'number_input', true],
      ['records', 'records', 'number_input', true],
      ['categories', 'categories', 'plain_text_input', true],
      ['role', 'role', 'static_select', false],
      ['high-risk', 'high-risk', 'checkboxes', true],
    ]);
    expect(inputs[0]).toMatchObject({ element: { placeholder: { text: '2026-11-20T09:15:00Z' } }, hint: { text: expect.stringContaining('with its zone') } });
    expect(inputs[2]?.element).toMatchObject({ is_decimal_allowed: false });
    expect(inputs[5]?.element).toMatchObject({ initial_option: { value: 'controller' } });
    expect(submit).toMatchObject({ type: 'button', action_id: 'form:breach', value: 'form:breach', style: 'primary' });
  });

  it('draws the form for "@bot breach" too, as an ephemeral message with its inputs', async () => {
    const r = await declared();
    const mention = await r.post(appMentionBody({ text: `<@${r.fake.botUserId}> breach`, userId: COMMANDER, channelId: WAR_ROOM, eventId: 'EvBreach' }), { contentType: 'application/json' });
    expect(mention.status).toBe(200);
    await r.app.work.drain(5000);
    const [ephemeral] = r.fake.callsTo('chat.postEphemeral');
    expect(ephemeral?.args).toMatchObject({ channel: WAR_ROOM, user: COMMANDER });
    expect(blockKitProblems(ephemeral?.args ?? {})).toEqual([]);
    expect((ephemeral?.args.blocks as Json[]).filter((block) => block.type === 'input')).toHaveLength(7);
  });

  it('records BreachAssessed and starts the gdpr-art33 clock from a submission, posts the result in the channel and replaces the form', async () => {
    const r = await declared();
    const { message } = formOf(await slash(r, COMMANDER, WAR_ROOM, 'breach'));
    const state = stateFor(message.blocks, { 'aware-at': AWARE_AT, jurisdictions: 'EU', subjects: '1200', categories: 'contact,payment', 'high-risk': true });
    const submitted = await press(r, COMMANDER, WAR_ROOM, 'form:breach', state);

    expect((await eventsOf(r, 'BreachAssessed')).map((event) => event.data)).toEqual([expect.objectContaining({ awareAt: '2026-11-28T15:30:00.000Z', jurisdictions: ['EU'], subjects: 1200, categories: ['contact', 'payment'], role: 'controller', highRisk: true })]);
    expect((await eventsOf(r, 'ClockStarted')).map((event) => event.data)).toEqual([expect.objectContaining({ regime: 'gdpr-art33', startedAt: '2026-11-28T15:30:00.000Z', deadline: '2026-12-01T15:30:00.000Z' })]);
    expect(submitted.publicly.map((post) => post.channel)).toContain(WAR_ROOM);
    expect(replaced(submitted)).toHaveLength(1);
    expect(JSON.stringify(replaced(submitted)[0]?.blocks)).toContain('Submitted by U0CMDR001: Recorded');
    expect(JSON.stringify(replaced(submitted)[0]?.blocks)).not.toContain('"type":"input"');
    for (const sent of r.fake.sentMessages()) expect(blockKitProblems(sent), sent.via).toEqual([]);
  });

  it('answers a submission without the awareness time privately with the reason and the usage, records nothing and keeps the form', async () => {
    const r = await declared();
    const { message } = formOf(await slash(r, COMMANDER, WAR_ROOM, 'breach'));
    const before = (await r.events()).length;
    const refused = await press(r, COMMANDER, WAR_ROOM, 'form:breach', stateFor(message.blocks, { jurisdictions: 'EU' }));
    expect(refused.publicly).toEqual([]);
    expect(refused.privately[0]).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const answer = JSON.stringify(refused.privately.map((post) => post.blocks));
    expect(answer).toContain('--aware-at is required');
    expect(answer).toContain('Usage');
    // The core hands the form back filled with what was submitted, so it is corrected, not retyped.
    expect(answer).toMatch(/"action_id":"jurisdictions"(,"[a-z_]+":("[^"]*"|\{[^}]*\}|true|false))*,"initial_value":"EU"/);
    expect((await r.events()).length).toBe(before);
  });
});

describe('reason forms for Deny and Dismiss', () => {
  /** A responder requests a key rotation; the commander gets an approval card in the war room and by DM. */
  async function requested(r: SlackRig): Promise<{ actionId: string }> {
    const outcome = await slash(r, RESPONDER, WAR_ROOM, `request storage.rotate-key ${STORAGE} --keyName key1`);
    const deny = /"action_id":"act:(act-[a-z0-9]+):deny"/.exec(JSON.stringify(outcome.publicly.filter((post) => post.channel === WAR_ROOM)));
    expect(deny?.[1]).toMatch(/^act-[a-z0-9]+$/);
    return { actionId: deny?.[1] ?? '' };
  }

  it('answers the Deny button in the war room with a reason form; its submission records ActionDenied with that reason', async () => {
    const r = await declared();
    const { actionId } = await requested(r);
    const { message, inputs, submit } = formOf(await press(r, COMMANDER, WAR_ROOM, `act:${actionId}:deny`));
    expect(inputs).toEqual([expect.objectContaining({ block_id: 'reason', optional: false, element: expect.objectContaining({ type: 'plain_text_input', action_id: 'reason', multiline: true }) })]);
    expect(submit).toMatchObject({ action_id: `form:deny:${actionId}`, value: `form:deny:${actionId}` });
    expect(await eventsOf(r, 'ActionDenied')).toEqual([]);

    const reason = 'Key1 is the <!channel> & payroll key: rotate key2 instead';
    const submitted = await press(r, COMMANDER, WAR_ROOM, `form:deny:${actionId}`, stateFor(message.blocks, { reason }));
    expect((await eventsOf(r, 'ActionDenied')).map((event) => [event.actor.id, event.data])).toEqual([[COMMANDER, { actionId, reason }]]);
    expect(submitted.publicly.map((post) => post.channel)).toContain(WAR_ROOM);
    expect(replaced(submitted)).toHaveLength(1);
    for (const sent of r.fake.sentMessages()) expect(unescapedMarkup(sent), sent.via).toEqual([]);
  });

  it('draws the reason form in the commander\'s DM, outside any war room, and the result replaces it there', async () => {
    const r = await declared();
    const { actionId } = await requested(r);
    const { message } = formOf(await press(r, COMMANDER, COMMANDER_DM, `act:${actionId}:deny`));
    const submitted = await press(r, COMMANDER, COMMANDER_DM, `form:deny:${actionId}`, stateFor(message.blocks, { reason: 'Wrong account' }));
    expect((await eventsOf(r, 'ActionDenied')).map((event) => event.data)).toEqual([{ actionId, reason: 'Wrong account' }]);
    expect(replaced(submitted)).toHaveLength(1);
    expect(JSON.stringify(replaced(submitted)[0])).toContain(actionId);
  });

  it('answers the Dismiss button of a triage card with a reason form', async () => {
    rig = await startSlackRig({ roles: ROLES });
    const { inputs, submit } = formOf(await press(rig, COMMANDER, 'C0TRIAGE01', 'triage:4711:dismiss'));
    expect(inputs.map((input) => input.block_id)).toEqual(['reason']);
    expect(submit).toMatchObject({ action_id: 'form:dismiss:4711', value: 'form:dismiss:4711' });
  });

  it('refuses a forged form id privately and records nothing', async () => {
    const r = await declared();
    const before = (await r.events()).length;
    const forged = await press(r, COMMANDER, WAR_ROOM, 'form:format-disk', { reason: { reason: { type: 'plain_text_input', value: 'now' } } });
    expect(forged.publicly).toEqual([]);
    expect(forged.privately).toHaveLength(1);
    expect(forged.privately[0]).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(JSON.stringify(forged.privately[0])).toContain('not one the bot issued');
    expect((await r.events()).length).toBe(before);
  });
});
