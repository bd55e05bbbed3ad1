import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackChat } from '../../../adapters/slack/slack.chat.ts';
import { SlackDirectory } from '../../../adapters/slack/slack.directory.ts';
import { MemoryStore } from '../../../adapters/store/memory.store.ts';
import { silentLogger } from '../../../src/ports/logger.port.ts';
import type { View } from '../../../src/views/view.types.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { blockKitProblems } from './support/block-kit-checker.ts';
import { FakeSlackApi } from './support/fake-slack-api.ts';

const TOKEN = 'xoxb-3333-4444-chat-token';
let fake: FakeSlackApi;
let chat: SlackChat;
let store: MemoryStore;

beforeEach(async () => {
  fake = await FakeSlackApi.start(TOKEN);
  const clock = new FakeClock();
  store = new MemoryStore({ clock });
  const client = new webApi.WebClient(TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  chat = new SlackChat({ client, directory: new SlackDirectory(client, clock, silentLogger), logger: silentLogger, store, private: true, responders: [], triageChannel: 'C0TRIAGE1' });
});
afterEach(() => fake.close());

const notice: View = { summary: 'GDPR Art. 33 deadline in 24 h', blocks: [{ type: 'header', text: 'Deadline in 24 h' }, { type: 'text', text: 'Notify the authority by 2026-12-02T09:00Z.' }] };
const stepCard = (state: string): View => ({
  summary: `Step 1: ${state}`,
  blocks: [
    { type: 'header', text: `Step 1 of 3: Confirm the signal (${state})` },
    { type: 'actions', buttons: [{ id: 'runbook:done:confirm-signal', label: 'Done', style: 'primary', command: '/ir done' }, { id: 'runbook:skip:confirm-signal', label: 'Skip', command: '/ir skip <reason>' }] },
  ],
});

describe('SlackChat.notify', () => {
  it('opens a DM with a slack: principal and posts the view there', async () => {
    expect(await chat.notify('slack:U0LEGAL01', notice)).toBe(true);
    expect(fake.callsTo('conversations.open').map((call) => call.args)).toEqual([{ users: 'U0LEGAL01' }]);
    const [post] = fake.callsTo('chat.postMessage');
    expect(post?.args).toMatchObject({ channel: 'D0LEGAL01', text: 'GDPR Art. 33 deadline in 24 h' });
    expect(blockKitProblems(post!.args)).toEqual([]);
  });

  it('looks an email up first, and says false for unknown people and other platforms\' principals', async () => {
    expect(await chat.notify('SOC-Oncall@Example.com', notice)).toBe(true);
    expect(fake.callsTo('users.lookupByEmail').map((call) => call.args.email)).toEqual(['soc-oncall@example.com']);
    expect(fake.callsTo('conversations.open').map((call) => call.args.users)).toEqual(['U0SOC0001']);
    expect(await chat.notify('nobody@example.com', notice)).toBe(false);
    expect(await chat.notify('teams:00000000-0000-0000-0000-000000000001', notice)).toBe(false);
    expect(await chat.notify('console:lena', notice)).toBe(false);
    expect(fake.callsTo('conversations.open')).toHaveLength(1);
  });
});

describe('SlackChat.post', () => {
  it('posts into a Slack war room and ignores other platforms\' rooms', async () => {
    await chat.post({ platform: 'teams', channelId: '19:abc@thread.tacv2' }, notice);
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
    await chat.post({ platform: 'slack', channelId: 'C0ROOM001' }, notice);
    expect(fake.callsTo('chat.postMessage').map((call) => call.args.channel)).toEqual(['C0ROOM001']);
  });

  it('settles a step card in place with its outcome, and retires an older copy when the same step is posted again', async () => {
    const room = { platform: 'slack', channelId: 'C0ROOM001' };
    await chat.post(room, stepCard('current'));
    await chat.post(room, stepCard('again'));
    expect(fake.callsTo('chat.postMessage').map((call) => call.answer?.ts)).toEqual(['1764406800.000001', '1764406800.000002']);
    const [retired] = fake.callsTo('chat.update');
    expect(retired?.args).toMatchObject({ channel: 'C0ROOM001', ts: '1764406800.000001', text: 'Step 1: current' });
    expect(JSON.stringify(retired?.args.blocks)).toContain('Shown again below.');
    expect(JSON.stringify(retired?.args.blocks)).not.toContain('"type":"actions"');

    await chat.settleStep('C0ROOM001', 'confirm-signal', 'Done by dana <!here> at 09:00.');
    const settled = fake.callsTo('chat.update')[1];
    expect(settled?.args).toMatchObject({ ts: '1764406800.000002', text: 'Step 1: again' });
    expect(JSON.stringify(settled?.args.blocks)).toContain('Done by dana &lt;!here&gt; at 09:00.');
    expect(blockKitProblems(settled!.args)).toEqual([]);
    expect(await store.getRecord('slack:card:C0ROOM001:step:confirm-signal')).toBeUndefined();
    await chat.settleStep('C0ROOM001', 'confirm-signal', 'again');
    expect(fake.callsTo('chat.update')).toHaveLength(2);
  });

  it('keeps going when the card to update is gone', async () => {
    await store.putRecord('slack:card:C0ROOM001:step:confirm-signal', { channel: 'C0ROOM001', ts: '1.999', view: stepCard('old') });
    await chat.post({ platform: 'slack', channelId: 'C0ROOM001' }, stepCard('new'));
    expect(fake.callsTo('chat.update')[0]?.answer).toEqual({ ok: false, error: 'message_not_found' });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(await store.getRecord('slack:card:C0ROOM001:step:confirm-signal')).toMatchObject({ ts: '1764406800.000001' });
  });
});

describe('SlackChat.postToTriage', () => {
  it('posts "Declare?" cards into SLACK_TRIAGE_CHANNEL, and says false when Slack refuses or none is set', async () => {
    const card: View = { summary: 'Declare Sentinel #4711?', blocks: [{ type: 'text', text: 'Mass download from stprod01' }, { type: 'actions', buttons: [{ id: 'triage:4711:declare', label: 'Declare', style: 'primary', command: '/ir declare sentinel:4711' }] }] };
    expect(await chat.postToTriage(card)).toBe(true);
    expect(fake.callsTo('chat.postMessage').map((call) => call.args.channel)).toEqual(['C0TRIAGE1']);
    expect(JSON.stringify(fake.callsTo('chat.postMessage')[0]?.args.blocks)).toContain('"action_id":"triage:4711:declare"');
    fake.failOnce('chat.postMessage', 'not_in_channel');
    expect(await chat.postToTriage(card)).toBe(false);
    const untargeted = new SlackChat({ client: new webApi.WebClient(TOKEN, { slackApiUrl: fake.apiUrl }), directory: new SlackDirectory(new webApi.WebClient(TOKEN, { slackApiUrl: fake.apiUrl }), new FakeClock(), silentLogger), logger: silentLogger, store, private: true, responders: [] });
    expect(await untargeted.postToTriage(card)).toBe(false);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
  });
});
