import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyLines } from '../../src/domain/hash-chain.ts';
import { FakeSlackApi } from '../adapters/slack/support/fake-slack-api.ts';
import { postToSlackEvents, slashCommandBody } from '../adapters/slack/support/slack-requests.ts';
import { startServer, type RunningServer } from '../support/cli.ts';

const SECRET = '5f1d7e3a9b2c4d6e8f0a1b3c5d7e9f21';
const TOKEN = 'xoxb-5555-6666-crash-token';
const WAR_ROOM = 'C00000001';
/** The stream is bounded in count and in time, and targets only the loopback server. */
const MAX_NOTES = 3_000;
const STREAM_MS = 1_500;
const CLIENTS = 6;

let servers: RunningServer[] = [];
let fake: FakeSlackApi | undefined;
afterEach(async () => {
  for (const server of servers) await server.stop('SIGKILL');
  servers = [];
  await fake?.close();
  fake = undefined;
});

const now = () => Math.floor(Date.now() / 1000);
const logsIn = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.jsonl'));

function slash(url: string, text: string, trigger: string, channel = WAR_ROOM) {
  const body = slashCommandBody({ text, user_id: 'U0DECL001', user_name: 'dana', channel_id: channel, channel_name: 'war-room', response_url: fake!.responseUrl(trigger), trigger_id: trigger });
  return postToSlackEvents(url, body, { secret: SECRET, timestamp: now() });
}

/**
 * Sends `/ir note` from several clients at full speed until the count or the
 * time is reached, or the server dies; returns the notes Slack would have
 * seen acknowledged (HTTP 200 with the empty body of a plain ack).
 */
async function streamNotes(url: string, onHalfway: () => void): Promise<string[]> {
  const acknowledged: string[] = [];
  const started = Date.now();
  let next = 0;
  let halfway = false;
  const client = async () => {
    while (next < MAX_NOTES && Date.now() - started < STREAM_MS) {
      const n = next++;
      if (!halfway && Date.now() - started > STREAM_MS / 2) {
        halfway = true;
        onHalfway();
      }
      try {
        const answer = await slash(url, `note crash-note-${n}`, `crash.${n}.t`);
        if (answer.status === 200 && answer.text === '') acknowledged.push(`crash-note-${n}`);
      } catch {
        // The server is gone: the connection was refused or cut.
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return acknowledged;
}

describe('kill -9 of serve under a stream of signed Slack commands (file store)', () => {
  it('keeps every acknowledged note exactly once, and every chain intact, after a restart', async () => {
    fake = await FakeSlackApi.start(TOKEN);
    const dataDir = mkdtempSync(join(tmpdir(), 'ic-crash-'));
    const env = { SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: fake.apiUrl, DATA_DIR: dataDir };
    const first = await startServer(env);
    servers.push(first);
    expect((await slash(first.url, 'declare Storage exfiltration --severity High', 'crash.declare', 'C0GENERAL1')).status).toBe(200);
    await expect.poll(() => fake!.callsTo('pins.add').length, { timeout: 10_000 }).toBe(1);
    // The room is pinned in Slack before it is recorded: a note sent in between is answered "no incident" (and rightly not recorded).
    await expect.poll(() => logsIn(dataDir).some((name) => readFileSync(join(dataDir, name), 'utf8').includes('"WarRoomOpened"')), { timeout: 10_000 }).toBe(true);

    const acknowledged = await streamNotes(first.url, () => first.child.kill('SIGKILL'));
    await first.stop('SIGKILL');
    expect(acknowledged.length).toBeGreaterThan(0);

    const second = await startServer(env);
    servers.push(second);
    const [file] = logsIn(dataDir);
    const notes = () => readFileSync(join(dataDir, file!), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { type: string; data: { text?: string } }).filter((event) => event.type === 'NoteAdded').map((event) => event.data.text ?? '');
    // The restart processes what the first life kept and did not finish.
    await expect.poll(() => acknowledged.filter((text) => !notes().includes(text)).length, { timeout: 30_000, interval: 200 }).toBe(0);
    const recorded = notes();
    expect(new Set(recorded).size).toBe(recorded.length);
    for (const name of logsIn(dataDir)) {
      const id = name.replace(/\.jsonl$/, '');
      expect(verifyLines(id, readFileSync(join(dataDir, name), 'utf8').trimEnd().split('\n'))).toMatchObject({ intact: true });
    }
    expect(await second.stop()).toBe(0);
    servers = [];
    console.info(`crash test: ${acknowledged.length} notes acknowledged before kill -9, ${recorded.length} recorded after the restart`);
  }, 90_000);
});
