/**
 * The command kernel at scale: numbers for the notes, never asserted.
 * - Slash-command acknowledgement latency (p50/p99) of the real app over HTTP,
 *   side by side with a bare Bolt app that only acks (the floor), for note,
 *   status, declare, and help outside any war room with 10,000 open incidents.
 * - A scheduler tick over 10,000 open incidents (file and Redis stores).
 * - A note on a 20,000-event incident against one on a 20-event incident.
 * - Start-up over 10,000 incidents on disk: time and RSS.
 * Everything targets loopback only, bounded in count.
 * Knobs: BENCH_ACK_ONLY=<text> runs only the acknowledgement cases whose name
 * contains it; BENCH_NODE_ARGS is passed to the bot's node (e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it under this load, or
 * `--trace-gc`); BENCH_ACK_PACE_MS=<ms> pauses after each acknowledgement, so
 * the load stays under what the bot can process (back to back, the default,
 * offers declares faster than 2 cores process them, and the ack waits for CPU).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
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

// ---- Acknowledgement latency: the real bot (`serve`) against a bare Bolt app, each in its own process ----

interface Child {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Spawns a server that logs `{"msg":"listening","port":N}` on stderr; resolves with its URL and the time it took. */
function spawnServer(args: string[], env: NodeJS.ProcessEnv): Promise<[Child, number]> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // BENCH_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) is passed to the bot's node, to profile it under this load.
    const extra = args[0]?.endsWith('incident-commander.js') ? (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean) : [];
    const child = spawn(process.execPath, [...extra, '--import', 'tsx', ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const port = /"msg":"listening"[^\n]*"port":(\d+)|"port":(\d+)[^\n]*"msg":"listening"/.exec(stderr);
      if (port) {
        stderr = '';
        const exited = new Promise<void>((done) => child.on('close', () => done()));
        resolve([{ url: `http://127.0.0.1:${port[1] ?? port[2]}`, pid: child.pid ?? 0, stop: () => (child.kill('SIGTERM'), exited) }, performance.now() - started]);
      }
    });
    child.on('close', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${stderr}`)));
  });
}

/** The resident set of a process, from /proc (Linux). */
function rssMiB(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

async function acks(url: string, text: (n: number) => string, channel: string, tag: string, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let n = 0; n < count; n++) {
    const body = slashCommandBody({ text: text(n), user_id: alice.id, user_name: 'alice', channel_id: channel, channel_name: 'war-room', response_url: `${slackUrl}/response/${tag}.${n}`, trigger_id: `${tag}.${n}.${process.pid}` });
    const answer = await postToSlackEvents(url, body, { secret: SECRET, timestamp: Math.floor(Date.now() / 1000) });
    if (answer.status !== 200 || answer.text !== '') throw new Error(`ack failed: ${answer.status} ${answer.text}`);
    samples.push(answer.ms);
    if (PACE_MS > 0) await new Promise((resolve) => setTimeout(resolve, PACE_MS));
  }
  return samples;
}

let slackUrl = 'http://127.0.0.1:9';
/** BENCH_ACK_PACE_MS: a pause after each acknowledgement (an open-ish loop; default 0, back to back). */
const PACE_MS = Number(process.env.BENCH_ACK_PACE_MS ?? 0);

export async function ackLatency(): Promise<void> {
  const [fakeSlack] = await spawnServer([join(import.meta.dirname, 'fake-slack.ts')], { SLACK_BOT_TOKEN: TOKEN });
  slackUrl = fakeSlack.url;
  const dir = mkdtempSync(join(tmpdir(), 'ic-bench-ack-'));
  seedFolder(dir, OPEN_INCIDENTS);
  const configFile = join(dir, '..', `ic-bench-${process.pid}.yaml`);
  writeFileSync(configFile, 'roles:\n  commander: [slack:U0BENCH01]\n  responder: [slack:U0BENCH01]\n');
  const slackEnv = { SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: `${fakeSlack.url}/api/`, ALLOW_INSECURE_ENDPOINTS: 'true', NODE_ENV: 'test' };
  const serveArgs = [join(import.meta.dirname, '..', 'bin', 'incident-commander.js'), 'serve'];
  const serveEnv = { ...slackEnv, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, IC_CONFIG: configFile, LOG_LEVEL: 'info' };
  const [first, firstMs] = await spawnServer(serveArgs, serveEnv);
  line(`serve: first start over ${OPEN_INCIDENTS} never-indexed incidents`, `${firstMs.toFixed(0)} ms to listening (reads each once for its due time), RSS ${rssMiB(first.pid).toFixed(0)} MiB`);
  await first.stop();
  const [bot, startMs] = await spawnServer(serveArgs, serveEnv);
  line(`serve: restart over ${OPEN_INCIDENTS} incidents`, `${startMs.toFixed(0)} ms to listening, RSS ${rssMiB(bot.pid).toFixed(0)} MiB`);
  const [bolt] = await spawnServer([join(import.meta.dirname, 'bare-bolt.ts')], slackEnv);
  const kinds: Array<{ name: string; text: (n: number) => string; channel: string }> = [
    { name: '/ir note in a war room', text: (n) => `note bench ${n}`, channel: 'C00000042' },
    { name: '/ir status in a war room', text: () => 'status', channel: 'C00000042' },
    { name: '/ir declare', text: (n) => `declare Bench ${n} --severity Low`, channel: 'C0GENERAL' },
    { name: '/ir help outside any war room', text: () => 'help', channel: 'C0NOTAROOM' },
  ];
  for (const kind of kinds.filter((candidate) => !process.env.BENCH_ACK_ONLY || candidate.name.includes(process.env.BENCH_ACK_ONLY))) {
    const floor: number[] = [];
    const ours: number[] = [];
    // Rounds that alternate, so that drift on the machine falls on both alike.
    for (let round = 0; round < ACKS / 50; round++) {
      floor.push(...(await acks(bolt.url, kind.text, kind.channel, `floor.${kind.name}.${round}`, 50)));
      ours.push(...(await acks(bot.url, kind.text, kind.channel, `ours.${kind.name}.${round}`, 50)));
    }
    report(`floor (bare Bolt): ${kind.name}`, floor);
    report(`serve, ${OPEN_INCIDENTS} open: ${kind.name}`, ours);
  }
  line('serve: RSS after the runs', `${rssMiB(bot.pid).toFixed(0)} MiB`);
  await bot.stop();
  await bolt.stop();
  await fakeSlack.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(configFile, { force: true });
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

export async function fileCore(): Promise<void> {
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

export async function redisCore(): Promise<void> {
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
