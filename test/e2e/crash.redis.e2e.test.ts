import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyLines } from '../../src/domain/hash-chain.ts';
import { FakeSlackApi } from '../adapters/slack/support/fake-slack-api.ts';
import { postToSlackEvents, slashCommandBody } from '../adapters/slack/support/slack-requests.ts';
import { startServer, type RunningServer } from '../support/cli.ts';
import { REDIS_URL, redisTarget, redisTestsRun } from '../support/redis.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';

const runs = await redisTestsRun('the crash tests of three replicas on Redis');

const SECRET = '5f1d7e3a9b2c4d6e8f0a1b3c5d7e9f21';
const TOKEN = 'xoxb-5555-6666-crash-redis';
const WAR_ROOM = 'C00000001';
/** Bounded in count and time; loopback only. */
const MAX_NOTES = 1_500;
const STREAM_MS = 4_000;
const CUT_EVERY_MS = 1_500;

let servers: RunningServer[] = [];
let fake: FakeSlackApi | undefined;
let proxy: TcpProxy | undefined;
let redis: Redis | undefined;
let prefix = '';
afterEach(async () => {
  for (const server of servers) await server.stop('SIGKILL');
  servers = [];
  await fake?.close();
  await proxy?.close();
  if (redis) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  }
  redis = undefined;
});

const now = () => Math.floor(Date.now() / 1000);
function slash(url: string, text: string, trigger: string, channel = WAR_ROOM) {
  const body = slashCommandBody({ text, user_id: 'U0DECL001', user_name: 'dana', channel_id: channel, channel_name: 'war-room', response_url: fake!.responseUrl(trigger), trigger_id: trigger });
  return postToSlackEvents(url, body, { secret: SECRET, timestamp: now() });
}

describe.runIf(runs)('three replicas on Redis, one killed with -9, the Redis connection cut every 1.5 s', () => {
  it('keeps every acknowledged note exactly once, with the chain intact', async () => {
    fake = await FakeSlackApi.start(TOKEN);
    proxy = await TcpProxy.start(redisTarget());
    redis = new Redis(REDIS_URL);
    prefix = `ic-test:${process.pid}-${randomBytes(4).toString('hex')}:`;
    const env = { SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: fake.apiUrl, IC_STORE: 'redis', REDIS_URL: proxy.url, IC_REDIS_PREFIX: prefix, IC_TICK_SECONDS: '1' };
    servers = await Promise.all([startServer(env), startServer(env), startServer(env)]);
    expect((await slash(servers[0]!.url, 'declare Storage exfiltration --severity High', 'redis.declare', 'C0GENERAL1')).status).toBe(200);
    await expect.poll(() => fake!.callsTo('pins.add').length, { timeout: 10_000 }).toBe(1);
    // The room is pinned in Slack before it is recorded: a note sent in between is answered "no incident" (and rightly not recorded).
    const roomRecorded = async () => {
      const [id] = await redis!.zrange(`${prefix}open`, '0', '-1');
      return id ? (await redis!.lrange(`${prefix}{${id}}:log`, 0, -1)).some((line) => line.includes('"WarRoomOpened"')) : false;
    };
    await expect.poll(roomRecorded, { timeout: 10_000 }).toBe(true);

    const acknowledged: string[] = [];
    const started = Date.now();
    const cuts = setInterval(() => proxy!.cut(), CUT_EVERY_MS);
    let next = 0;
    let killed = false;
    const client = async (replica: number) => {
      while (next < MAX_NOTES && Date.now() - started < STREAM_MS) {
        const n = next++;
        if (!killed && Date.now() - started > STREAM_MS / 2) {
          killed = true;
          servers[0]!.child.kill('SIGKILL');
        }
        try {
          const answer = await slash(servers[(replica + n) % 3]!.url, `note redis-note-${n}`, `redis.${n}.t`);
          if (answer.status === 200 && answer.text === '') acknowledged.push(`redis-note-${n}`);
        } catch {
          // That replica is gone.
        }
      }
    };
    await Promise.all([0, 1, 2, 3, 4, 5].map(client));
    clearInterval(cuts);
    await servers[0]!.stop('SIGKILL');
    servers[0] = await startServer(env);
    expect(acknowledged.length).toBeGreaterThan(0);

    const [incidentId] = await redis.zrange(`${prefix}open`, '0', '-1');
    const lines = () => redis!.lrange(`${prefix}{${incidentId}}:log`, 0, -1);
    const notes = async () => (await lines()).map((line) => JSON.parse(line) as { type: string; data: { text?: string } }).filter((event) => event.type === 'NoteAdded').map((event) => event.data.text ?? '');
    // The dead replica's kept deliveries are taken over once orphaned (30 s).
    const unrecorded = async () => {
      const recorded = await notes();
      return acknowledged.filter((text) => !recorded.includes(text)).length;
    };
    try {
      await expect.poll(unrecorded, { timeout: 60_000, interval: 500 }).toBe(0);
    } catch (error) {
      // What the replicas said about the notes that were acknowledged and never recorded.
      const recorded = await notes();
      const missing = acknowledged.filter((text) => !recorded.includes(text));
      const said = servers.flatMap((server) => server.stderr().split('\n')).filter((line) => /"level":"(warn|error)"/.test(line) && missing.some((text) => line.includes(`redis.${text.slice('redis-note-'.length)}.t`) || /inbox|failed/.test(line)));
      console.error(`unrecorded: ${missing.join(', ')}\n${said.slice(-40).join('\n')}`);
      throw error;
    }
    const recorded = await notes();
    expect(new Set(recorded).size).toBe(recorded.length);
    expect(verifyLines(incidentId!, await lines())).toMatchObject({ intact: true });
    console.info(`redis crash test: ${acknowledged.length} notes acknowledged, ${recorded.length} recorded`);
  }, 120_000);
});
