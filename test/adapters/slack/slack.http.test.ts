import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentEvent } from '../../../src/domain/event.types.ts';
import { blockKitProblems, unescapedMarkup } from './support/block-kit-checker.ts';
import { blockActionsBody, slashCommandBody } from './support/slack-requests.ts';
import { startSlackRig, type SlackRig } from './support/slack-rig.ts';

let rig: SlackRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const DECLARE = 'declare Exfiltration from stprod01 --severity High';

function declareBody(r: SlackRig, fields: { trigger?: string; user?: string; text?: string } = {}): string {
  return slashCommandBody({
    text: fields.text ?? DECLARE,
    user_id: fields.user ?? 'U0DECL001',
    user_name: 'dana',
    channel_id: 'C0GENERAL1',
    channel_name: 'general',
    response_url: r.fake.responseUrl(fields.trigger ?? 'declare'),
    trigger_id: fields.trigger ?? '1111.2222.declare',
  });
}

/** Every message Slack received must respect Block Kit's limits and carry no unescaped user markup. */
function expectEveryMessageWithinLimits(r: SlackRig): void {
  const sent = r.fake.sentMessages();
  expect(sent.length).toBeGreaterThan(0);
  for (const message of sent) {
    expect(blockKitProblems(message), message.via).toEqual([]);
    expect(unescapedMarkup(message), message.via).toEqual([]);
  }
}

const types = (events: IncidentEvent[]) => events.map((event) => event.type);

describe('POST /slack/events: /ir declare', () => {
  it('acknowledges within 3 seconds, before the war room exists, then creates, invites, sets the topic, posts and pins', async () => {
    rig = await startSlackRig();
    const r = rig;
    const release = r.fake.hold('conversations.create');
    const ack = await r.post(declareBody(r));
    expect(ack.status).toBe(200);
    expect(ack.ms).toBeLessThan(3000);
    // The ack is back while conversations.create is still unanswered: the war room work runs after it.
    await expect.poll(() => r.fake.callsTo('conversations.create').length).toBe(1);
    expect(r.fake.callsTo('chat.postMessage')).toHaveLength(0);
    expect(r.fake.responsePosts).toHaveLength(0);
    release();

    await r.app.work.drain(5000);
    const [create] = r.fake.callsTo('conversations.create');
    expect(create?.args).toMatchObject({ name: 'ir-20261129-exfiltration-from-stprod01', is_private: 'true' });
    const channel = 'C00000001';
    expect(r.fake.callsTo('conversations.invite').map((call) => call.args)).toEqual([{ channel, users: 'U0DECL001' }]);
    expect(r.fake.callsTo('conversations.setTopic')[0]?.args).toMatchObject({ channel, topic: 'High | declared | ir-20261129-0001: Exfiltration from stprod01' });
    const posts = r.fake.callsTo('chat.postMessage');
    expect(posts.length).toBeGreaterThanOrEqual(2);
    expect(posts.every((call) => call.args.channel === channel)).toBe(true);
    expect(JSON.stringify(posts[0]?.args.blocks)).toContain('Incident ir-20261129-0001: Exfiltration from stprod01');
    expect(JSON.stringify(posts[1]?.args.blocks)).toContain('"action_id":"cmd:status"');
    const pinned = r.fake.callsTo('pins.add').map((call) => call.args);
    expect(pinned).toEqual([{ channel, timestamp: '1764406800.000001' }]);
    expect(r.fake.calls.every((call) => call.authorized && call.contentType.startsWith('application/x-www-form-urlencoded'))).toBe(true);

    const answer = r.fake.responsePosts[0]!;
    expect(answer.path).toBe('/response/declare');
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(JSON.stringify(answer.body.blocks)).toContain(`War room: <#${channel}>`);
    expect(JSON.stringify(answer.body.blocks)).not.toContain('"type":"actions"');
    expect(types(await r.events()).filter((type) => type === 'IncidentDeclared' || type === 'WarRoomOpened')).toEqual(['IncidentDeclared', 'WarRoomOpened']);
    expect((await r.events()).find((event) => event.type === 'WarRoomOpened')?.data).toMatchObject({ platform: 'slack', channelId: channel, name: 'ir-20261129-exfiltration-from-stprod01', url: `https://slack.com/app_redirect?channel=${channel}&team=T111` });
    expectEveryMessageWithinLimits(r);
  });

  it('numbers the channel name after name_taken and invites configured responders by id and by email', async () => {
    rig = await startSlackRig({ roles: { commander: ['slack:U0DECL001'], responder: ['soc-oncall@example.com', 'console:bob'] }, env: { SLACK_RESPONDERS: 'U0RESP001,nobody@example.com', SLACK_WAR_ROOM_PRIVATE: 'false' } });
    const r = rig;
    r.fake.nameTakenOnce();
    expect((await r.post(declareBody(r))).status).toBe(200);
    await r.app.work.drain(5000);
    expect(r.fake.callsTo('conversations.create').map((call) => call.args)).toEqual([
      { name: 'ir-20261129-exfiltration-from-stprod01', is_private: 'false' },
      { name: 'ir-20261129-exfiltration-from-stprod01-2', is_private: 'false' },
    ]);
    expect(r.fake.callsTo('users.lookupByEmail').map((call) => call.args.email).sort()).toEqual(['nobody@example.com', 'soc-oncall@example.com']);
    expect(r.fake.membersOf('C00000001').sort()).toEqual(['U0BOT0001', 'U0DECL001', 'U0RESP001', 'U0SOC0001']);
    expect(r.logs.some((entry) => entry.level === 'warn' && entry.fields?.principal === 'nobody@example.com')).toBe(true);
  });
});

describe('POST /slack/events: request authentication', () => {
  it.each([
    ['a wrong signature', (now: number) => ({ timestamp: now, signature: `v0=${'0'.repeat(64)}` })],
    ['a timestamp 6 minutes old', (now: number) => ({ timestamp: now - 6 * 60 })],
    ['a timestamp 10 minutes in the future', (now: number) => ({ timestamp: now + 10 * 60 })],
    ['no signature at all', (now: number) => ({ timestamp: now, signature: '' })],
  ])('refuses %s with 401 and changes nothing', async (_label, options) => {
    rig = await startSlackRig();
    const r = rig;
    const response = await r.post(declareBody(r), options(r.nowSeconds()));
    expect(response.status).toBe(401);
    expect(response.text).toBe('');
    await r.app.work.drain(5000);
    expect(await r.app.store.listOpen()).toEqual([]);
    expect(r.fake.calls.filter((call) => call.method !== 'auth.test')).toEqual([]);
    expect(r.fake.responsePosts).toEqual([]);
    expect(r.logs.some((entry) => entry.message === 'slack request refused')).toBe(true);
  });

  it('accepts the same request signed 4 minutes ago or 4 minutes ahead (the window is 5 minutes both ways, on the injected clock)', async () => {
    rig = await startSlackRig();
    const r = rig;
    const help = (trigger: string) => slashCommandBody({ text: 'help', user_id: 'U0DECL001', channel_id: 'C0GENERAL1', response_url: r.fake.responseUrl(trigger), trigger_id: trigger });
    expect((await r.post(help('t-old'), { timestamp: r.nowSeconds() - 4 * 60 })).status).toBe(200);
    expect((await r.post(help('t-new'), { timestamp: r.nowSeconds() + 4 * 60 })).status).toBe(200);
    r.clock.advance(60 * 60 * 1000);
    expect((await r.post(help('t-late'), { timestamp: r.nowSeconds() - 60 * 60 })).status).toBe(401);
  });

  it('answers the URL verification handshake only when it is signed', async () => {
    rig = await startSlackRig();
    const body = JSON.stringify({ token: 'x', challenge: 'c-123', type: 'url_verification' });
    expect(await rig.post(body, { contentType: 'application/json' })).toMatchObject({ status: 200, text: '{"challenge":"c-123"}' });
    expect((await rig.post(body, { contentType: 'application/json', signature: 'v0=bad' })).status).toBe(401);
  });
});

describe('POST /slack/events: bound to the workspace of the bot token', () => {
  const from = (r: SlackRig, origin: Record<string, string | undefined>) => {
    const form = new URLSearchParams(declareBody(r));
    for (const [key, value] of Object.entries(origin)) {
      if (value === undefined) form.delete(key);
      else form.set(key, value);
    }
    return form.toString();
  };

  it('refuses a signed request from another workspace, organisation or app with nothing recorded and one warning each, and takes its own', async () => {
    rig = await startSlackRig();
    for (const origin of [{ team_id: 'T999' }, { enterprise_id: 'E999' }, { enterprise_id: undefined }, { api_app_id: 'A999' }, { team_id: undefined }]) {
      const answer = await rig.post(from(rig, origin));
      expect(answer.status, JSON.stringify(origin)).toBe(200);
      expect(answer.text, JSON.stringify(origin)).toBe('');
    }
    await rig.app.work.drain(5000);
    expect(await rig.events()).toEqual([]);
    const refusals = rig.logs.filter((entry) => entry.message === 'slack request from another workspace refused');
    expect(refusals).toHaveLength(5);
    expect(refusals.map((entry) => entry.fields?.reason)).toEqual([
      'workspace T999 is not T111',
      'organisation E999 is not E111',
      'organisation (none) is not E111',
      "app A999 is not this bot's app A111",
      'workspace (none) is not T111',
    ]);
    const own = await rig.post(from(rig, { api_app_id: 'A111' }));
    expect(own.status).toBe(200);
    await rig.app.work.drain(5000);
    expect((await rig.events()).map((event) => event.type)).toContain('IncidentDeclared');
  });
});

describe('POST /slack/events: oversized bodies', () => {
  it('answers 413 before the signature check, declared or streamed, logs one warning without a stack, and records nothing', async () => {
    rig = await startSlackRig();
    const huge = `text=${'x'.repeat(2 * 1024 * 1024)}`;
    const declared = await fetch(`${rig.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: huge });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: 'too_large', message: expect.stringMatching(/larger than \d+ bytes/) });
    const streamed = await fetch(`${rig.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new ReadableStream({ start(controller) { for (let i = 0; i < 40; i += 1) controller.enqueue(new TextEncoder().encode('x'.repeat(64 * 1024))); controller.close(); } }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    const warnings = rig.logs.filter((entry) => entry.message === 'request body too large');
    expect(warnings).toHaveLength(2);
    expect(warnings.every((entry) => entry.level === 'warn' && !JSON.stringify(entry).includes(' at '))).toBe(true);
    expect(rig.logs.filter((entry) => entry.level === 'error')).toEqual([]);
    expect(await rig.events()).toEqual([]);
  });
});

describe('POST /slack/events: retries and duplicates', () => {
  it('makes one incident when the same slash command arrives twice, the second as a retry', async () => {
    rig = await startSlackRig();
    const r = rig;
    const body = declareBody(r);
    const [first, second] = await Promise.all([r.post(body), r.post(body, { retryNum: 1 })]);
    expect([first.status, second.status]).toEqual([200, 200]);
    await r.app.work.drain(5000);
    expect(types(await r.events()).filter((type) => type === 'IncidentDeclared')).toHaveLength(1);
    expect(await r.app.store.listOpen()).toHaveLength(1);
    expect(r.fake.callsTo('conversations.create')).toHaveLength(1);
    expect(new Set(r.fake.responsePosts.map((post) => post.path))).toEqual(new Set(['/response/declare']));
    expect(r.fake.responsePosts.filter((post) => JSON.stringify(post.body).includes('War room: <#C00000001>'))).toHaveLength(1);
    expect(r.logs.filter((entry) => entry.message === 'slack duplicate delivery ignored')).toHaveLength(1);
  });

  it('makes one press of a button pressed once but delivered twice', async () => {
    rig = await startSlackRig();
    const r = rig;
    await r.post(declareBody(r));
    await r.app.work.drain(5000);
    const press = blockActionsBody({ actionId: 'cmd:status', userId: 'U0DECL001', channelId: 'C00000001', responseUrl: r.fake.responseUrl('press'), triggerId: '9.9.press' });
    const postsBefore = r.fake.callsTo('chat.postMessage').length;
    await r.post(press);
    await r.post(press, { retryNum: 1 });
    await r.app.work.drain(5000);
    const answers = r.fake.callsTo('chat.postMessage').slice(postsBefore);
    expect(answers.map((call) => [call.args.channel, call.args.text])).toEqual([['C00000001', 'Incident ir-20261129-0001: Exfiltration from stprod01: High, declared']]);
  });
});

describe('POST /slack/events: what the bot does not handle', () => {
  it('answers a signed interaction it does not offer at once with 404, a malformed body with 400, Slack\'s SSL probe with 200', async () => {
    rig = await startSlackRig();
    const viewSubmission = `payload=${encodeURIComponent(JSON.stringify({ type: 'view_submission', team: { id: 'T111', enterprise_id: 'E111' }, api_app_id: 'A111', user: { id: 'U1' }, view: { id: 'V1', callback_id: 'x', state: { values: {} } }, trigger_id: '5.5.5' }))}`;
    const unhandled = await rig.post(viewSubmission);
    expect(unhandled.status).toBe(404);
    expect(unhandled.ms).toBeLessThan(1000);
    expect((await rig.post('{not json', { contentType: 'application/json' })).status).toBe(400);
    expect((await rig.post('ssl_check=1&token=x', { signature: 'v0=unsigned' })).status).toBe(200);
    await rig.app.work.drain(5000);
    expect(rig.fake.calls.filter((call) => call.method !== 'auth.test')).toEqual([]);
  });
});
