import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../src/ports/clock.port.ts';
import { syncDir } from './file-log.ts';
import { KeyedQueue } from './keyed-queue.ts';

/** What a claim file holds. */
interface ClaimRecord {
  key: string;
  /** ISO-8601 UTC; the claim is free from this instant on. */
  expiresAt: string;
}

type Found = { expiresAtMs: number; key: string } | 'missing' | 'unreadable';

/**
 * Claims that survive a restart: `<dir>/<sha256 hex of key>` holding
 * `{key, expiresAt}`, fsynced before `claim` answers, so work claimed before a
 * crash is not done twice after it. The folder lock keeps other processes out;
 * a per-key queue keeps this process's own callers from racing.
 */
export class FileClaims {
  private readonly queue = new KeyedQueue();

  private constructor(
    private readonly dir: string,
    private readonly clock: Clock,
    private readonly onWarning: (message: string) => void,
  ) {}

  /** Creates the claims folder if needed and deletes claims that have expired. */
  static async open(dir: string, clock: Clock, onWarning: (message: string) => void): Promise<FileClaims> {
    await fs.mkdir(dir, { recursive: true });
    const claims = new FileClaims(dir, clock, onWarning);
    await claims.sweep();
    return claims;
  }

  /** True if `key` was free (never claimed, released or expired) and is now held for `ttlMs`. */
  claim(key: string, ttlMs: number): Promise<boolean> {
    return this.queue.run(key, async () => {
      const file = this.fileOf(key);
      const now = this.clock.now().getTime();
      const record: ClaimRecord = { key, expiresAt: new Date(now + ttlMs).toISOString() };
      const found = await readClaim(file);
      if (found === 'missing') return createClaim(file, record);
      if (found !== 'unreadable' && found.expiresAtMs > now) return false;
      if (found === 'unreadable')
        this.onWarning(
          `Claim file ${file} for ${JSON.stringify(key)} could not be read; it was never acknowledged and is replaced.`,
        );
      await replaceClaim(file, record);
      return true;
    });
  }

  /** Deletes the claim on `key`, if any. */
  release(key: string): Promise<void> {
    return this.queue.run(key, () => fs.rm(this.fileOf(key), { force: true }));
  }

  /** Resolves when no claim or release is in flight. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private fileOf(key: string): string {
    return path.join(this.dir, createHash('sha256').update(key, 'utf8').digest('hex'));
  }

  /** Removes expired claims and temp files left by a crash, so the folder does not grow forever. */
  private async sweep(): Promise<void> {
    const now = this.clock.now().getTime();
    for (const name of await fs.readdir(this.dir)) {
      const file = path.join(this.dir, name);
      if (name.endsWith('.tmp')) {
        await fs.rm(file, { force: true });
        continue;
      }
      const found = await readClaim(file);
      // A lease's holder was a process that used this folder before: the folder lock proves it gone, so its leases are
      // free.
      const lease = found !== 'unreadable' && found !== 'missing' && found.key.startsWith('lease:');
      if (found === 'unreadable' || lease || (found !== 'missing' && found.expiresAtMs <= now))
        await fs.rm(file, { force: true });
    }
  }
}

async function readClaim(file: string): Promise<Found> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const record = JSON.parse(text) as Partial<ClaimRecord>;
    const expiresAtMs = typeof record.expiresAt === 'string' ? Date.parse(record.expiresAt) : Number.NaN;
    return Number.isNaN(expiresAtMs)
      ? 'unreadable'
      : { expiresAtMs, key: typeof record.key === 'string' ? record.key : '' };
  } catch {
    return 'unreadable';
  }
}

/** Exclusive create: false if the file appeared meanwhile (someone holds the key). */
async function createClaim(file: string, record: ClaimRecord): Promise<boolean> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(record));
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(file, { force: true });
    throw error;
  }
  await handle.close();
  await syncDir(path.dirname(file));
  return true;
}

/** Replaces an expired claim atomically: a reader sees the old record or the new one, never half of one. */
async function replaceClaim(file: string, record: ClaimRecord): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await fs.open(temp, 'wx');
    try {
      await handle.writeFile(JSON.stringify(record));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncDir(path.dirname(file));
}
