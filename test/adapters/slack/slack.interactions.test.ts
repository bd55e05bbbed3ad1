import { afterEach, describe, expect, it } from 'vitest';
import { blockKitProblems, renderedTexts, unescapedMarkup } from './support/block-kit-checker.ts';
import { press, slash } from './support/slack-flows.ts';
import { appMentionBody } from './support/slack-requests.ts';
import { startSlackRig, type SlackRig } from './support/slack-rig.ts';

const COMMANDER = 'U0CMDR001';
const RESPONDER = 'U0RESP001';
const REQUESTER = 'U0RESP002';
const WAR_ROOM = 'C00000001';
const ROLES = { commander: [`slack:${COMMANDER}`], responder: [`slack:${RESPONDER}`, `slack:${REQUESTER}`] };
const STORAGE = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-prod/providers/Microsoft.Storage/storageAccounts/stprod01';

let rig: SlackRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

async function declared(roles: Record<string, string[]> = ROLES, title = 'Exfiltration from stprod01 --severity High'): Promise<SlackRig> {
  rig = await startSlackRig({ roles });
  await slash(rig, COMMANDER, 'C0GENERAL1', `declare ${title}`);
  return rig;
}

const permissionDenied = async (r: SlackRig) => (await r.events()).filter((event) => event.type === 'PermissionDenied');

describe('buttons and refusals', () => {
  it('refuses a status change by a responder privately and records PermissionDenied; a permitted press answers the channel', async () => {
    const r = await declared();
    const refused = await slash(r, RESPONDER, WAR_ROOM, 'status contained');
    expect(refused.publicly).toEqual([]);
    expect(refused.privately).toHaveLength(1);
    expect(refused.privately[0]).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(refused.privately[0])).toContain(`Only the commander (slack:${COMMANDER})`);
    expect((await permissionDenied(r)).map((event) => [event.actor.id, event.data])).toEqual([[RESPONDER, expect.objectContaining({ command: 'status', rule: 'policy.not_commander' })]]);

    const status = await press(r, RESPONDER, WAR_ROOM, 'cmd:status');
    expect(status.privately).toEqual([]);
    expect(status.publicly.map((post) => post.channel)).toEqual([WAR_ROOM]);
    expect(JSON.stringify(status.publicly[0])).toContain('Incident ir-20261129-0001');
  });

  it('answers a button the bot never issued, or a press outside any war room, privately', async () => {
    const r = await declared();
    const forged = await press(r, RESPONDER, WAR_ROOM, 'cmd:format-disk');
    expect(forged.publicly).toEqual([]);
    expect(forged.privately[0]).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(forged.privately[0])).toContain('not one the bot issued');
    const elsewhere = await press(r, RESPONDER, 'C0RANDOM01', 'cmd:status');
    expect(elsewhere.privately[0]).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(elsewhere.privately[0])).toContain('This conversation has no incident');
  });

  it('sends the approval card to the commander by DM; a responder pressing Approve is refused privately and recorded, the commander\'s press works', async () => {
    const r = await declared();
    const requested = await slash(r, REQUESTER, WAR_ROOM, `request storage.rotate-key ${STORAGE} --keyName key1`);
    const inRoom = requested.publicly.filter((post) => post.channel === WAR_ROOM);
    const approve = /"action_id":"(act:act-[a-z0-9]+:approve)"/.exec(JSON.stringify(inRoom))?.[1] ?? 'no approve button';
    expect(approve).toMatch(/^act:act-[a-z0-9]+:approve$/);
    expect(r.fake.callsTo('conversations.open').map((call) => call.args)).toEqual([{ users: COMMANDER }]);
    const dm = requested.publicly.find((post) => post.channel === `D${COMMANDER.slice(1)}`);
    expect(JSON.stringify(dm?.blocks)).toContain(`"value":"${approve}"`);

    const refused = await press(r, RESPONDER, WAR_ROOM, approve);
    expect(refused.publicly).toEqual([]);
    expect(refused.privately[0]).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(refused.privately[0])).toMatch(/Only the commander \(slack:U0CMDR001\)[^"]*approves/);
    expect((await permissionDenied(r)).map((event) => [event.actor.id, (event.data as { command?: string }).command])).toEqual([[RESPONDER, 'approve']]);

    const approved = await press(r, COMMANDER, WAR_ROOM, approve);
    expect(approved.privately).toEqual([]);
    expect(approved.publicly.map((post) => post.channel)).toContain(WAR_ROOM);
    expect((await r.events()).filter((event) => event.type === 'ActionApproved')).toHaveLength(1);
  });

  it('settles a step card in place when the step is done, and retires an older copy when a step is shown again', async () => {
    const r = await declared({});
    const shown = await slash(r, COMMANDER, WAR_ROOM, 'next');
    const card = shown.publicly[0];
    expect(JSON.stringify(card?.blocks)).toMatch(/"action_id":"runbook:done:[^"]+"/);
    const cardTs = r.fake.callsTo('chat.postMessage').find((call) => call.args === card)?.answer?.ts;
    expect(cardTs).toMatch(/^\d+\.\d+$/);
    await slash(r, COMMANDER, WAR_ROOM, 'done checked the storage logs & the SAS list');
    const [settled] = r.fake.callsTo('chat.update');
    expect(settled?.args).toMatchObject({ channel: WAR_ROOM, ts: cardTs });
    expect(JSON.stringify(settled?.args.blocks)).toMatch(/Done by u0cmdr001 at 2026-11-29T09:00:00.000Z/);
    expect(JSON.stringify(settled?.args.blocks)).not.toContain('"type":"actions"');
    const next = await slash(r, COMMANDER, WAR_ROOM, 'next');
    await slash(r, COMMANDER, WAR_ROOM, 'next');
    const retired = r.fake.callsTo('chat.update')[1];
    expect(JSON.stringify(retired?.args.blocks)).toContain('Shown again below.');
    expect(JSON.stringify(next.publicly[0]?.blocks)).toMatch(/"action_id":"runbook:done:[^"]+"/);
    for (const message of r.fake.sentMessages()) expect(blockKitProblems(message), message.via).toEqual([]);
  });
});

describe('user text is escaped in every message', () => {
  it('escapes <!channel>, a disguised link and & in the title, topic, header, cards and answers', async () => {
    // What Slack sends when someone types them: `<` `>` `&` arrive as entities, an @channel as <!channel>.
    const r = await declared({}, 'Leak <!channel> &lt;https://evil.example|click&gt; &amp; more');
    const topic = String(r.fake.callsTo('conversations.setTopic')[0]?.args.topic);
    expect(topic).toContain('Leak &lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; more');
    const note = `see &lt;https://evil.example|click&gt; &amp; ${'x'.repeat(3900)}`;
    await slash(r, COMMANDER, WAR_ROOM, `note ${note}`);
    await slash(r, COMMANDER, WAR_ROOM, `note ${'y'.repeat(5000)}`);
    await slash(r, COMMANDER, WAR_ROOM, 'timeline');
    const sent = r.fake.sentMessages();
    expect(sent.length).toBeGreaterThan(4);
    for (const message of sent) {
      expect(blockKitProblems(message), message.via).toEqual([]);
      expect(unescapedMarkup(message), message.via).toEqual([]);
      expect(renderedTexts(message).join('\n')).not.toMatch(/<!channel>|<https:\/\/evil/);
    }
    const timeline = sent.filter((message) => String(message.text).startsWith('Timeline of')).map((message) => JSON.stringify(message.blocks)).join('');
    expect(timeline).toContain('&lt;!channel&gt;');
    expect(timeline).toContain('…');
    expect(JSON.stringify(sent.map((message) => message.body))).toContain('The note has 5000 characters');
  });
});

describe('people named by email in IC_CONFIG', () => {
  it('are recognised in Slack: their email is looked up once (users.info) and cached', async () => {
    rig = await startSlackRig({ roles: { commander: [`slack:${COMMANDER}`], responder: ['soc-oncall@example.com'] } });
    const r = rig;
    await slash(r, 'U0SOC0001', 'C0GENERAL1', 'declare Leaked SAS token');
    const declaredEvent = (await r.events()).find((event) => event.type === 'IncidentDeclared');
    expect(declaredEvent?.actor).toEqual({ platform: 'slack', id: 'U0SOC0001', name: 'u0soc0001', email: 'soc-oncall@example.com' });
    await slash(r, 'U0SOC0001', WAR_ROOM, 'note first look');
    expect(r.fake.callsTo('users.info').map((call) => call.args.user)).toEqual(['U0SOC0001']);
    expect((await r.events()).filter((event) => event.type === 'NoteAdded')).toHaveLength(1);
  });
});

describe('app mentions and the error boundary', () => {
  it('runs "@bot status" in a war room in the channel, and a refused one privately, once per event id', async () => {
    const r = await declared();
    const mention = (text: string, user: string, eventId: string) => r.post(appMentionBody({ text: `<@${r.fake.botUserId}> ${text}`, userId: user, channelId: WAR_ROOM, eventId }), { contentType: 'application/json' });
    expect((await mention('status', RESPONDER, 'Ev1')).status).toBe(200);
    expect((await mention('status', RESPONDER, 'Ev1')).status).toBe(200);
    expect((await mention('status contained', RESPONDER, 'Ev2')).status).toBe(200);
    await r.app.work.drain(5000);
    const inChannel = r.fake.callsTo('chat.postMessage').filter((call) => String(call.args.text).startsWith('Incident ir-20261129-0001'));
    expect(inChannel.map((call) => call.args.channel)).toEqual([WAR_ROOM, WAR_ROOM]);
    const ephemeral = r.fake.callsTo('chat.postEphemeral');
    expect(ephemeral.map((call) => [call.args.channel, call.args.user])).toEqual([[WAR_ROOM, RESPONDER]]);
    expect(JSON.stringify(ephemeral[0]?.args.blocks)).toContain('Only the commander');
  });

  it('logs an unexpected failure with a correlation id and shows the person only the id', async () => {
    rig = await startSlackRig();
    const r = rig;
    r.app.service.incidentForRoom = async () => {
      throw new Error('the disk is on fire');
    };
    const answers = (await slash(r, COMMANDER, 'C0GENERAL1', 'status')).privately;
    const logged = r.logs.find((entry) => entry.message === 'slack request failed');
    const id = String(logged?.fields?.correlationId);
    expect(id).toMatch(/^err-/);
    expect(String(logged?.fields?.error)).toContain('the disk is on fire');
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(answers[0])).toContain(`error id ${id}`);
    expect(JSON.stringify(answers[0])).not.toMatch(/disk is on fire|at .*\.ts/);
  });
});
