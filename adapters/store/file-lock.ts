import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import path from 'node:path';

/** What `.lock` holds: who owns the data folder, and since when. */
export interface LockOwner {
  pid: number;
  hostname: string;
  /** ISO-8601 UTC. */
  startedAt: string;
}

/**
 * Thrown when another process holds the data folder (DESIGN.md: two processes
 * never share a folder). The message says who holds it and what to do.
 */
export class StoreLockedError extends Error {
  /** Stable error code (STYLE.md, habit 7). */
  readonly code = 'store.locked';
  override readonly name = 'StoreLockedError';
}

/** The lock on a data folder, held by this process until {@link FolderLock.release}. */
export interface FolderLock {
  /** The `.lock` file. */
  readonly lockPath: string;
  /** What this process wrote into it. */
  readonly owner: LockOwner;
  /** The owner of a stale lock this process took over (its process had exited); undefined otherwise. */
  readonly staleOwner: LockOwner | undefined;
  /** Deletes `.lock` if it is still this process's. */
  release(): Promise<void>;
}

/** Where the lock lives and, for tests, who this process claims to be. */
export interface LockOptions {
  pid?: number;
  hostname?: string;
  now?: () => Date;
}

/**
 * Takes `<dataDir>/.lock` with an exclusive create. An existing lock held by a
 * live process, or written on another host, throws {@link StoreLockedError}; a
 * lock left by a process of this host that has exited is taken over.
 */
export async function acquireFolderLock(dataDir: string, options: LockOptions = {}): Promise<FolderLock> {
  const lockPath = path.join(dataDir, '.lock');
  const owner: LockOwner = {
    pid: options.pid ?? process.pid,
    hostname: options.hostname ?? osHostname(),
    startedAt: (options.now?.() ?? new Date()).toISOString(),
  };
  // A few rounds: a competitor may remove or take over the lock between our steps.
  for (let round = 0; round < 3; round++) {
    if (await createLock(lockPath, owner)) return heldLock(lockPath, owner, undefined);
    const found = await readLock(lockPath);
    if (found === 'missing') continue;
    if (found === 'unreadable') throw unreadableLockError(dataDir, lockPath);
    if (found.hostname !== owner.hostname || isAlive(found.pid)) throw lockedError(dataDir, lockPath, found);
    if (await takeOver(lockPath, found, owner)) return heldLock(lockPath, owner, found);
  }
  throw new StoreLockedError(`DATA_DIR ${dataDir} is being locked and unlocked by other processes at this moment; try again, and make sure only one process uses this folder.`);
}

/** Whether a process with this pid runs on this host: signal 0 tests without sending anything. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function createLock(lockPath: string, owner: LockOwner): Promise<boolean> {
  try {
    const handle = await fs.open(lockPath, 'wx');
    try {
      await handle.writeFile(JSON.stringify(owner));
      await handle.sync();
    } catch (error) {
      await handle.close();
      await fs.rm(lockPath, { force: true });
      throw error;
    }
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function readLock(lockPath: string): Promise<LockOwner | 'missing' | 'unreadable'> {
  let text: string;
  try {
    text = await fs.readFile(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockOwner>;
    const { pid, hostname, startedAt } = parsed;
    // pid 0 or a negative pid would make process.kill signal a whole process group.
    if (!Number.isSafeInteger(pid) || (pid as number) <= 0 || typeof hostname !== 'string') return 'unreadable';
    return { pid: pid as number, hostname, startedAt: typeof startedAt === 'string' ? startedAt : 'an unknown time' };
  } catch {
    return 'unreadable';
  }
}

/**
 * Moves the stale lock aside, then creates ours. Only one competitor's move
 * finds the stale content; one that moved a fresh lock instead puts it back.
 */
async function takeOver(lockPath: string, stale: LockOwner, owner: LockOwner): Promise<boolean> {
  const aside = `${lockPath}.${owner.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    await fs.rename(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const moved = await readLock(aside);
  const same = typeof moved === 'object' && moved.pid === stale.pid && moved.hostname === stale.hostname && moved.startedAt === stale.startedAt;
  if (!same) {
    await fs.link(aside, lockPath).catch(() => undefined);
    await fs.rm(aside, { force: true });
    return false;
  }
  await fs.rm(aside, { force: true });
  return createLock(lockPath, owner);
}

function heldLock(lockPath: string, owner: LockOwner, staleOwner: LockOwner | undefined): FolderLock {
  return {
    lockPath,
    owner,
    staleOwner,
    async release() {
      const found = await readLock(lockPath);
      const ours = typeof found === 'object' && found.pid === owner.pid && found.hostname === owner.hostname && found.startedAt === owner.startedAt;
      if (ours) await fs.rm(lockPath, { force: true });
    },
  };
}

function lockedError(dataDir: string, lockPath: string, holder: LockOwner): StoreLockedError {
  return new StoreLockedError(
    `DATA_DIR ${dataDir} is in use by process ${holder.pid} on host ${holder.hostname} (since ${holder.startedAt}). ` +
      'Two processes must never share a data folder: stop that process, or point DATA_DIR at another folder. ' +
      `If no such process is running, delete ${lockPath}.`,
  );
}

function unreadableLockError(dataDir: string, lockPath: string): StoreLockedError {
  return new StoreLockedError(
    `DATA_DIR ${dataDir} is locked by ${lockPath}, which does not say which process holds it. ` +
      'Two processes must never share a data folder: stop any other process using it, or point DATA_DIR at another folder. ' +
      `If no other process uses this folder, delete ${lockPath}.`,
  );
}
