/**
 * The command kernel at scale: numbers for the notes, never asserted.
 * - Slash-command acknowledgement latency (p50/p99) of the real app over HTTP,
 *   side by side with a bare Bolt app that only acks (the floor), for note,
 *   status, declare, and help outside any war room with 10,000 open incidents.
 * - A scheduler tick over 10,000 open incidents (file and Redis stores).
 * - A note on a 20,000-event incident against one on a 20-event incident.
 * - Start-up over 10,000 incidents on disk: time and RSS.
 * Everything targets loopback only, bounded in count.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { App as BoltApp, HTTPReceiver, LogLevel } from '@slack/bolt';
import { loadConfig } from '../adapters/config/app.config.ts';
import { buildApp, startHttp } from '../adapters/main.ts';
import { slackPlatform } from '../adapters/slack/index.ts';
import { FileStore } from '../adapters/store/file.store.ts';
import { RedisStore } from '../adapters/store/redis.store.ts';
import { IncidentService } from '../src/app/incident.service.ts';
import { SHIPPED_REGIMES } from '../src/clocks/regimes.ts';
import { DEFAULT_CALENDARS } from '../src/clocks/holidays.ts';
import type { Actor } from '../src/domain/actor.ts';
import { newEvent, type IncidentEvent } from '../src/domain/event.types.ts';
import { GENESIS_HASH, chainEvents, serialiseEvent } from '../src/domain/hash-chain.ts';
import { systemClock } from '../src/ports/clock.port.ts';
import { randomIds } from '../src/ports/ids.port.ts';
import { silentLogger } from '../src/ports/logger.port.ts';
import type { IncidentStore } from '../src/ports/store.port.ts';
import { FakeSlackApi } from '../test/adapters/slack/support/fake-slack-api.ts';
import { postToSlackEvents, slashCommandBody } from '../test/adapters/slack/support/slack-requests.ts';
import { FakeContainment } from '../test/support/fake-containment.ts';
import { ConsoleChat } from '../adapters/console/console.adapter.ts';

const SECRET = '8f14e45fceea167a5a36dedd4bea2543';
const TOKEN = 'xoxb-9999-8888-bench-token';
const OPEN_INCIDENTS = 10_000;
const ACKS = 300;
const alice: Actor = { platform: 'slack', id: 'U0BENCH01', name: 'alice' };

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
function report(name: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  console.log(`${name.padEnd(56)} p50 ${pct(sorted, 50).toFixed(2).padStart(7)} ms  p99 ${pct(sorted, 99).toFixed(2).padStart(7)} ms  (n=${samples.length})`);
}
const line = (name: string, text: string) => console.log(`${name.padEnd(56)} ${text}`);

/** One incident's log: declared, a Slack war room, `notes` notes. */
function incidentLog(id: string, room: string, notes: number, at = new Date('2026-12-01T09:00:00Z')): IncidentEvent[] {
  const events = chainEvents({ incidentId: id, seq: 0, hash: GENESIS_HASH }, [newEvent('IncidentDeclared', { title: `bench ${id}`, severity: 'High', commander: 'slack:U0BENCH01' }), newEvent('WarRoomOpened', { platform: 'slack', channelId: room, name: id })], alice, at);
  for (let n = 0; n < notes; n += 500) {
    const head = events.at(-1) as IncidentEvent;
    const batch = Array.from({ length: Math.min(500, notes - n) }, (_, k) => newEvent('NoteAdded', { text: `note ${n + k}: StorageBlobLogs show reads from 203.0.113.${k % 250}` }));
    events.push(...chainEvents({ incidentId: id, seq: head.seq, hash: head.hash }, batch, alice, at));
  }
  return events;
}

/** Writes `count` incidents straight into a data folder (what a long-running bot leaves behind). */
function seedFolder(dir: string, count: number): void {
  for (let n = 0; n < count; n++) {
    const id = `ir-20261201-${String(n).padStart(5, '0')}`;
    writeFileSync(join(dir, `${id}.jsonl`), `${incidentLog(id, `C${String(n).padStart(8, '0')}`, 1).map(serialiseEvent).join('\n')}\n`);
  }
}

async function timeIt<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await run();
  return [value, performance.now() - started];
}

// ---- Acknowledgement latency: the real app against a bare Bolt app ----

async function bareBolt(): Promise<{ url: string; stop: () => Promise<void> }> {
  const receiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
  const app = new BoltApp({ receiver, authorize: async () => ({ botToken: TOKEN, botId: 'B0', botUserId: 'U0BOT' }), tokenVerificationEnabled: false, logLevel: LogLevel.ERROR });
  app.command(/^\/.+/, async ({ ack }) => {
    await ack();
  });
  const server = (await receiver.start(0)) as unknown as { address(): AddressInfo };
  return { url: `http://127.0.0.1:${server.address().port}`, stop: () => receiver.stop() };
}

async function acks(url: string, text: (n: number) => string, channel: string, tag: string): Promise<number[]> {
  const samples: number[] = [];
  for (let n = 0; n < ACKS; n++) {
    const body = slashCommandBody({ text: text(n), user_id: alice.id, user_name: 'alice', channel_id: channel, channel_name: 'war-room', response_url: `${fakeSlack?.responseUrl(`${tag}.${n}`) ?? 'http://127.0.0.1:9/'}`, trigger_id: `${tag}.${n}.${process.pid}` });
    const answer = await postToSlackEvents(url, body, { secret: SECRET, timestamp: Math.floor(Date.now() / 1000) });
    if (answer.status !== 200) throw new Error(`ack failed: ${answer.status} ${answer.text}`);
    samples.push(answer.ms);
  }
  return samples;
}

let fakeSlack: FakeSlackApi | undefined;

async function ackLatency(): Promise<void> {
  fakeSlack = await FakeSlackApi.start(TOKEN);
  const bolt = await bareBolt();
  report('floor: bare Bolt app, /ir note ack', await acks(bolt.url, (n) => `note floor ${n}`, 'C00000000', 'floor'));
  const dir = mkdtempSync(join(tmpdir(), 'ic-bench-ack-'));
  seedFolder(dir, OPEN_INCIDENTS);
  const base = loadConfig({ PORT: '0', HOST: '127.0.0.1', IC_STORE: 'file', DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const config = Object.freeze({ ...base, incident: { ...base.incident, roles: { commander: ['slack:U0BENCH01'], responder: ['slack:U0BENCH01'] } } });
  const env = { SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: fakeSlack.apiUrl };
  let port = 0;
  const logger = { ...silentLogger, info: (message: string, fields?: Record<string, unknown>) => void (message === 'listening' ? (port = Number(fields?.port)) : undefined) };
  const app = await buildApp(config, { logger, stdout: new PassThrough(), env, platforms: [slackPlatform], defaultMetrics: false });
  const server = await startHttp(app);
  const url = `http://127.0.0.1:${port}`;
  const room = 'C00000042';
  report(`incident commander (${OPEN_INCIDENTS} open), /ir note ack`, await acks(url, (n) => `note bench ${n}`, room, 'note'));
  report(`incident commander (${OPEN_INCIDENTS} open), /ir status ack`, await acks(url, () => 'status', room, 'status'));
  report(`incident commander (${OPEN_INCIDENTS} open), /ir declare ack`, await acks(url, (n) => `declare Bench ${n} --severity Low`, 'C0GENERAL', 'declare'));
  report(`incident commander (${OPEN_INCIDENTS} open), /ir help ack, no war room`, await acks(url, () => 'help', 'C0NOTAROOM', 'help'));
  report('floor again: bare Bolt app, /ir note ack', await acks(bolt.url, (n) => `note floor ${n}`, 'C00000000', 'floor2'));
  await app.inbox.drain(30_000);
  await server.close();
  await app.work.drain(30_000);
  for (const platform of app.platforms) await platform.stop?.();
  await app.store.close();
  await bolt.stop();
  await fakeSlack.close();
  rmSync(dir, { recursive: true, force: true });
}

// ---- The core over a store with many incidents ----

function coreOver(store: IncidentStore): IncidentService {
  return new IncidentService({ store, clock: systemClock, ids: randomIds, pools: { commander: ['slack:U0BENCH01'], responder: ['slack:U0BENCH01'] }, chats: [new ConsoleChat(new PassThrough())], logger: silentLogger, containment: new FakeContainment(), runbooks: [], clocks: { regimes: SHIPPED_REGIMES, calendars: DEFAULT_CALENDARS, organisation: {} } });
}

async function notes(service: IncidentService, incidentId: string, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let n = 0; n < count; n++) {
    const [, ms] = await timeIt(() => service.handle({ text: `note size bench ${n}`, actor: alice, incidentId }));
    samples.push(ms);
  }
  return samples;
}

async function fileCore(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ic-bench-core-'));
  seedFolder(dir, OPEN_INCIDENTS);
  writeFileSync(join(dir, 'ir-20261201-big.jsonl'), `${incidentLog('ir-20261201-big', 'C0BIG', 20_000).map(serialiseEvent).join('\n')}\n`);
  writeFileSync(join(dir, 'ir-20261201-small.jsonl'), `${incidentLog('ir-20261201-small', 'C0SMALL', 18).map(serialiseEvent).join('\n')}\n`);
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const [store, openMs] = await timeIt(() => FileStore.open(dir));
  const service = coreOver(store);
  const [, firstTickMs] = await timeIt(() => service.tick());
  const rss = process.memoryUsage().rss;
  line(`file: start-up over ${OPEN_INCIDENTS + 2} incidents`, `open ${openMs.toFixed(0)} ms, first tick (learns every due time) ${firstTickMs.toFixed(0)} ms, RSS ${(rss / 2 ** 20).toFixed(0)} MiB (+${((rss - rssBefore) / 2 ** 20).toFixed(0)})`);
  const ticks: number[] = [];
  for (let n = 0; n < 20; n++) ticks.push((await timeIt(() => service.tick()))[1]);
  report(`file: scheduler tick, ${OPEN_INCIDENTS} open, none due`, ticks);
  const rooms: number[] = [];
  for (let n = 0; n < 200; n++) rooms.push((await timeIt(() => service.incidentForRoom('slack', `C0MISS${n}`)))[1]);
  report(`file: war-room lookup miss, ${OPEN_INCIDENTS} open`, rooms);
  await notes(service, 'ir-20261201-small', 5);
  report('file: /ir note on a 20-event incident (fsync each)', await notes(service, 'ir-20261201-small', 200));
  await notes(service, 'ir-20261201-big', 5);
  report('file: /ir note on a 20,000-event incident (fsync each)', await notes(service, 'ir-20261201-big', 200));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

async function redisCore(): Promise<void> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `ic-bench-k-${process.pid}:`;
  const store = await RedisStore.open(url, { keyPrefix: prefix, connectTimeoutMs: 500 }).catch(() => undefined);
  if (!store) return console.log(`redis: skipped, no Redis answers at ${url.replace(/\/\/[^@]*@/, '//')}`);
  const started = performance.now();
  for (let n = 0; n < OPEN_INCIDENTS; n += 100) {
    await Promise.all(Array.from({ length: 100 }, (_, k) => {
      const id = `ir-20261201-${String(n + k).padStart(5, '0')}`;
      return store.append(id, 0, incidentLog(id, `C${String(n + k).padStart(8, '0')}`, 1));
    }));
  }
  line(`redis: seeded ${OPEN_INCIDENTS} incidents`, `${(performance.now() - started).toFixed(0)} ms`);
  const service = coreOver(store);
  const [, firstTickMs] = await timeIt(() => service.tick());
  line(`redis: first tick (learns every due time)`, `${firstTickMs.toFixed(0)} ms`);
  const ticks: number[] = [];
  for (let n = 0; n < 20; n++) ticks.push((await timeIt(() => service.tick()))[1]);
  report(`redis: scheduler tick, ${OPEN_INCIDENTS} open, none due`, ticks);
  const fresh = coreOver(store);
  const [, replicaTick] = await timeIt(() => fresh.tick());
  line('redis: a new replica\'s first tick (index kept in Redis)', `${replicaTick.toFixed(1)} ms`);
  await store.append('ir-20261201-big', 0, incidentLog('ir-20261201-big', 'C0BIG', 20_000));
  await notes(service, 'ir-20261201-00000', 5);
  report('redis: /ir note on a 3-event incident', await notes(service, 'ir-20261201-00000', 200));
  await notes(service, 'ir-20261201-big', 5);
  report('redis: /ir note on a 20,000-event incident', await notes(service, 'ir-20261201-big', 200));
  await store.close();
  const { Redis } = await import('ioredis');
  const cleaner = new Redis(url);
  let cursor = '0';
  do {
    const [next, keys] = await cleaner.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await cleaner.del(...keys);
  } while (cursor !== '0');
  await cleaner.quit();
}

export async function kernelBench(): Promise<void> {
  console.log('\n-- the command kernel at scale --');
  await fileCore();
  await redisCore();
  await ackLatency();
}
