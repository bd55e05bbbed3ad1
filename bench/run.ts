/**
 * Benchmarks: numbers for the notes, never asserted by tests.
 * Run with `npm run bench`. Each case reports operations per second and
 * the heap growth it caused.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, constants, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '../adapters/store/file.store.ts';
import { MemoryStore } from '../adapters/store/memory.store.ts';
import { RedisStore } from '../adapters/store/redis.store.ts';
import { parseCommand } from '../src/commands/parser.ts';
import type { Actor } from '../src/domain/actor.ts';
import { newEvent } from '../src/domain/event.types.ts';
import { GENESIS_HASH, chainEvents, serialiseEvent, verifyLines } from '../src/domain/hash-chain.ts';
import { foldEvents } from '../src/incident/incident.state.ts';

const actor: Actor = { platform: 'console', id: 'alice', name: 'alice' };

function chain(count: number) {
  const events = chainEvents({ incidentId: 'ir-20261129-bench1', seq: 0, hash: GENESIS_HASH }, [newEvent('IncidentDeclared', { title: 'bench', severity: 'High', commander: 'console:alice' })], actor, new Date());
  for (let seq = 1; seq < count; seq++) {
    const head = events.at(-1)!;
    events.push(...chainEvents({ incidentId: head.incidentId, seq: head.seq, hash: head.hash }, [newEvent('NoteAdded', { text: `note ${seq} with some realistic length of text about StorageBlobLogs` })], actor, new Date()));
  }
  return events;
}

async function measure(name: string, operations: number, run: () => Promise<void> | void): Promise<void> {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = process.hrtime.bigint();
  await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const heapDelta = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  console.log(`${name.padEnd(48)} ${String(Math.round(operations / seconds)).padStart(9)} ops/s  ${(seconds * 1000).toFixed(1).padStart(8)} ms  heap ${heapDelta >= 0 ? '+' : ''}${heapDelta.toFixed(1)} MiB`);
}

const events = chain(10_000);
const lines = events.map(serialiseEvent);

await measure('parse commands (10k)', 10_000, () => {
  for (let n = 0; n < 10_000; n++) parseCommand(`/ir declare Exfiltration from stprod${n} --severity High`);
});
await measure('chain events (10k)', 10_000, () => void chain(10_000));
await measure('verify a 10k-event log', 10_000, () => void verifyLines('ir-20261129-bench1', lines));
await measure('fold a 10k-event log into state', 10_000, () => void foldEvents('ir-20261129-bench1', events));

const memory = new MemoryStore();
await measure('memory store: 2k appends', 2_000, async () => {
  for (let n = 0; n < 2_000; n++) await memory.append('ir-20261129-bench1', n, [events[n]!]);
});

const dir = mkdtempSync(join(tmpdir(), 'ic-bench-'));
// The floor under every file-store write: append one line and fsync, nothing else.
await measure('floor: bare write + fsync loop (500)', 500, () => {
  const fd = openSync(join(dir, 'floor.bin'), 'a');
  for (let n = 0; n < 500; n++) {
    writeSync(fd, `${'x'.repeat(300)}\n`);
    fsyncSync(fd);
  }
  closeSync(fd);
});
// The same with O_DSYNC (each write returns once on the disk), as the file store writes.
await measure('floor: bare O_DSYNC write loop (500)', 500, () => {
  const fd = openSync(join(dir, 'floor-dsync.bin'), constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_DSYNC);
  for (let n = 0; n < 500; n++) writeSync(fd, `${'x'.repeat(300)}\n`);
  closeSync(fd);
});
const file = await FileStore.open(dir);
await measure('file store: 500 appends, on the disk each', 500, async () => {
  for (let n = 0; n < 500; n++) await file.append('ir-20261129-bench1', n, [events[n]!]);
});
await measure('file store: load a 500-event log (x100)', 100, async () => {
  for (let n = 0; n < 100; n++) await file.load('ir-20261129-bench1');
});
// The inbox write is what a Slack acknowledgement waits for: one by one (a quiet hour), and 64 at once (a flood, group commit).
await measure('file inbox: 500 puts one by one, on the disk each', 500, async () => {
  for (let n = 0; n < 500; n++) await file.inboxPut({ id: `one-${n}`, source: 'bench', receivedAt: new Date().toISOString(), payload: { text: 'note' } }, 'bench');
});
await measure('file inbox: 5k puts, 64 in flight (group commit)', 5_000, async () => {
  for (let batch = 0; batch < 5_000 / 64; batch++) {
    await Promise.all(Array.from({ length: 64 }, (_, n) => file.inboxPut({ id: `many-${batch}-${n}`, source: 'bench', receivedAt: new Date().toISOString(), payload: { text: 'note' } }, 'bench')));
  }
});
await file.close();
rmSync(dir, { recursive: true, force: true });

// The Redis store, when a Redis answers (REDIS_URL, default the local one); its keys are removed afterwards.
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `ic-bench-${process.pid}:`;
const redis = await RedisStore.open(redisUrl, { keyPrefix: prefix, connectTimeoutMs: 500 }).catch(() => undefined);
if (redis) {
  // The floor under the Redis store: the server's own benchmark, one client, no pipelining.
  const floor = spawnSync('redis-benchmark', ['-u', redisUrl, '-q', '-c', '1', '-n', '5000', '-t', 'set,lpush'], { encoding: 'utf8' });
  if (floor.status === 0) for (const row of floor.stdout.trim().split(/\r|\n/).filter((text) => /requests per second/.test(text))) console.log(`floor: redis-benchmark ${row.trim()}`);
  else console.log('floor: redis-benchmark not found or failed; install redis-tools to see the floor');
  await measure('redis inbox: 2k puts (Lua)', 2_000, async () => {
    for (let n = 0; n < 2_000; n++) await redis.inboxPut({ id: `r-${n}`, source: 'bench', receivedAt: new Date().toISOString(), payload: { text: 'note' } }, 'bench');
  });
  await measure('redis store: 2k appends (Lua, expected seq)', 2_000, async () => {
    for (let n = 0; n < 2_000; n++) await redis.append('ir-20261129-bench1', n, [events[n]!]);
  });
  await measure('redis store: load a 2k-event log (x20)', 20, async () => {
    for (let n = 0; n < 20; n++) await redis.load('ir-20261129-bench1');
  });
  await redis.close();
  const { Redis } = await import('ioredis');
  const cleaner = new Redis(redisUrl);
  const keys = await cleaner.keys(`${prefix}*`);
  if (keys.length) await cleaner.del(...keys);
  await cleaner.quit();
} else {
  console.log(`redis store: skipped, no Redis answers at ${redisUrl.replace(/\/\/[^@]*@/, '//')}`);
}

const { kernelBench } = await import('./kernel.ts');
await kernelBench();
