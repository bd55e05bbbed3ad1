import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../support/cli.ts';
import { blockKitProblems, unescapedMarkup } from './support/block-kit-checker.ts';
import { FakeSlackApi } from './support/fake-slack-api.ts';
import { postToSlackEvents, slashCommandBody } from './support/slack-requests.ts';

const SECRET = '5f1d7e3a9b2c4d6e8f0a1b3c5d7e9f21';
const TOKEN = 'xoxb-5555-6666-e2e-token';

let server: RunningServer | undefined;
let fake: FakeSlackApi | undefined;
afterEach(async () => {
  await server?.stop();
  await fake?.close();
  server = undefined;
  fake = undefined;
});

const journal = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.jsonl'));

describe('incident-commander serve with Slack configured (the real CLI process)', () => {
  it('refuses a forged /ir declare, acknowledges a signed one at once and opens the war room in Slack', async () => {
    fake = await FakeSlackApi.start(TOKEN);
    const dataDir = mkdtempSync(join(tmpdir(), 'ic-slack-e2e-'));
    server = await startServer({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: fake.apiUrl, DATA_DIR: dataDir });
    const body = slashCommandBody({ text: 'declare Exfiltration from stprod01 --severity High', user_id: 'U0DECL001', user_name: 'dana', channel_id: 'C0GENERAL1', channel_name: 'general', response_url: fake.responseUrl('e2e'), trigger_id: '42.42.e2e' });
    const now = () => Math.floor(Date.now() / 1000);

    const forged = await postToSlackEvents(server.url, body, { secret: 'not-the-secret', timestamp: now() });
    expect(forged.status).toBe(401);
    expect(journal(dataDir)).toEqual([]);
    expect(fake.calls.filter((call) => call.method !== 'auth.test')).toEqual([]);

    const release = fake.hold('conversations.create');
    const ack = await postToSlackEvents(server.url, body, { secret: SECRET, timestamp: now() });
    expect(ack.status).toBe(200);
    expect(ack.ms).toBeLessThan(3000);
    await expect.poll(() => fake!.callsTo('conversations.create').length).toBe(1);
    expect(fake.responsePosts).toEqual([]);
    release();

    await expect.poll(() => fake!.responsePosts.some((post) => JSON.stringify(post.body).includes('War room: <#C00000001>')), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => fake!.callsTo('pins.add').length).toBe(1);
    expect(fake.callsTo('conversations.invite').map((call) => call.args.users)).toEqual(['U0DECL001']);
    expect(fake.callsTo('conversations.setTopic')).toHaveLength(1);
    expect(fake.callsTo('chat.postMessage').length).toBeGreaterThanOrEqual(2);
    for (const message of fake.sentMessages()) {
      expect(blockKitProblems(message), message.via).toEqual([]);
      expect(unescapedMarkup(message), message.via).toEqual([]);
    }

    expect(await server.stop()).toBe(0);
    const files = journal(dataDir);
    expect(files).toHaveLength(1);
    const types = readFileSync(join(dataDir, files[0]!), 'utf8').trimEnd().split('\n').map((line) => (JSON.parse(line) as { type: string }).type);
    expect(types).toContain('IncidentDeclared');
    expect(types).toContain('WarRoomOpened');
    expect(server.stderr()).not.toContain(SECRET);
    expect(server.stderr()).not.toContain(TOKEN);
    server = undefined;
  });
});
