import { randomBytes } from 'node:crypto';
import { readFileSync, readlinkSync, promises as fs } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { hostname as osHostname } from 'node:os';
import path from 'node:path';

/**
 * What `.lock` holds: which process instance owns the data folder, and since
 * when. A pid alone does not name an instance: after kill -9 in a container
 * the next bot is PID 1 again, and after a reboot any pid may be reused. The
 * boot id, the PID namespace and the process start time together do, and the
 * socket beside the lock answers only while its owner lives.
 */
export interface LockOwner {
  pid: number;
  hostname: string;
  /** ISO-8601 UTC. */
  startedAt: string;
  /** `/proc/sys/kernel/random/boot_id`: which boot of which kernel (Linux). */
  bootId?: string;
  /** The PID namespace (`/proc/self/ns/pid`), in which `pid` means something (Linux). */
  pidNamespace?: string;
  /** The process's start time in clock ticks since boot (`/proc/<pid>/stat` field 22, Linux). */
  processStart?: string;
  /** Whether the owner listens on `.lock.sock` (a liveness probe that works across PID namespaces). */
  socket?: boolean;
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
  /** The owner of a stale lock this process took over; undefined otherwise. */
  readonly staleOwner: LockOwner | undefined;
  /** Why the stale lock was judged stale, in words for the operator. */
  readonly staleReason: string | undefined;
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
 * The owner refreshes the lock's mtime this often; a lock not refreshed for {@link HEARTBEAT_STALE_MS} has no live
 * owner.
 */
export const HEARTBEAT_MS = 5_000;
export const HEARTBEAT_STALE_MS = 30_000;
/** Unix socket paths are limited to about 108 bytes; longer data folders go without the socket probe. */
const MAX_SOCKET_PATH = 100;

/**
 * Takes `<dataDir>/.lock` with an exclusive create. An existing lock whose
 * owner still runs throws {@link StoreLockedError}; a lock whose owner is gone
 * (its socket does not answer, no process with its pid and start time runs,
 * the machine rebooted, or its heartbeat stopped) is taken over.
 */
export async function acquireFolderLock(dataDir: string, options: LockOptions = {}): Promise<FolderLock> {
  const lockPath = path.join(dataDir, '.lock');
  const socketPath = path.join(dataDir, '.lock.sock');
  const pid = options.pid ?? process.pid;
  const self = pid === process.pid ? thisInstance() : {};
  const owner: LockOwner = {
    pid,
    hostname: options.hostname ?? osHostname(),
    startedAt: (options.now?.() ?? new Date()).toISOString(),
    ...self,
  };
  // A few rounds: a competitor may remove or take over the lock between our steps.
  for (let round = 0; round < 3; round++) {
    if (await createLock(lockPath, owner)) return heldLock(lockPath, socketPath, owner, undefined, undefined);
    const found = await readLock(lockPath);
    if (found === 'missing') continue;
    if (found === 'unreadable') throw unreadableLockError(dataDir, lockPath);
    const verdict = await judge(found, owner, lockPath, socketPath);
    if (verdict.live) throw lockedError(dataDir, lockPath, found, verdict.reason);
    if (await takeOver(lockPath, found, owner)) return heldLock(lockPath, socketPath, owner, found, verdict.reason);
  }
  throw new StoreLockedError(
    `DATA_DIR ${dataDir} is being locked and unlocked by other processes at this moment; try again, and make sure ` +
      `only one process uses this folder.`,
  );
}

/** Whether a process with this pid runs in this PID namespace: signal 0 tests without sending anything. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** This process instance as Linux names it; empty elsewhere. */
function thisInstance(): Pick<LockOwner, 'bootId' | 'pidNamespace' | 'processStart'> {
  const bootId = readProc(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim());
  const pidNamespace = readProc(() => readlinkSync('/proc/self/ns/pid'));
  const processStart = processStartOf('self');
  return {
    ...(bootId ? { bootId } : {}),
    ...(pidNamespace ? { pidNamespace } : {}),
    ...(processStart ? { processStart } : {}),
  };
}

/** Field 22 of `/proc/<pid>/stat`: when the process started, in clock ticks since boot. */
function processStartOf(pid: number | 'self'): string | undefined {
  return readProc(() => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  });
}

function readProc(read: () => string | undefined): string | undefined {
  try {
    return read() || undefined;
  } catch {
    return undefined;
  }
}

type Verdict = { live: boolean; reason: string };

/** Decides whether the recorded owner may still be running, and says why in words. */
async function judge(found: LockOwner, me: LockOwner, lockPath: string, socketPath: string): Promise<Verdict> {
  const sameKernel =
    found.bootId !== undefined && me.bootId !== undefined ? found.bootId === me.bootId : found.hostname === me.hostname;
  if (!sameKernel) {
    if (found.bootId !== undefined && me.bootId !== undefined && found.hostname === me.hostname)
      return { live: false, reason: 'this machine has restarted since (its boot id changed)' };
    return heartbeat(lockPath, `it was written on host ${found.hostname}`);
  }
  if (found.socket) {
    const answered = await probeSocket(socketPath);
    if (answered !== 'unknown')
      return answered
        ? { live: true, reason: 'its socket answers' }
        : { live: false, reason: 'its socket no longer answers' };
  }
  const sameNamespace =
    found.pidNamespace !== undefined && me.pidNamespace !== undefined
      ? found.pidNamespace === me.pidNamespace
      : found.hostname === me.hostname;
  if (!sameNamespace) return heartbeat(lockPath, 'it ran in another PID namespace');
  if (
    found.pid === process.pid &&
    me.pid === process.pid &&
    found.processStart !== undefined &&
    found.processStart !== me.processStart
  ) {
    return { live: false, reason: `process ${found.pid} is now this process, started later` };
  }
  if (!isAlive(found.pid)) return { live: false, reason: `no process ${found.pid} is running` };
  if (found.processStart !== undefined) {
    const start = processStartOf(found.pid);
    if (start !== undefined && start !== found.processStart)
      return { live: false, reason: `process ${found.pid} is another program, started after the lock was written` };
  }
  return { live: true, reason: `process ${found.pid} is running` };
}

/** A lock whose owner cannot be seen from here is live while its heartbeat (the file's mtime) is fresh. */
async function heartbeat(lockPath: string, why: string): Promise<Verdict> {
  const stat = await fs.stat(lockPath).catch(() => undefined);
  if (!stat) return { live: false, reason: `${why}, and it is gone` };
  const ageMs = Date.now() - stat.mtimeMs;
  const age = `${Math.round(ageMs / 1000)} s ago`;
  if (ageMs > HEARTBEAT_STALE_MS) return { live: false, reason: `${why}, and its heartbeat stopped ${age}` };
  return {
    live: true,
    reason: `${why}, and its heartbeat is recent (${age}; it lapses after ${HEARTBEAT_STALE_MS / 1000} s)`,
  };
}

/** True if something listens on the lock's socket, false if nothing does, unknown if sockets do not work here. */
function probeSocket(socketPath: string): Promise<boolean | 'unknown'> {
  return new Promise((resolve) => {
    const socket = createConnection(socketPath);
    const done = (result: boolean | 'unknown') => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(1_000, () => done('unknown'));
    socket.once('connect', () => done(true));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done(error.code === 'ECONNREFUSED' || error.code === 'ENOENT' ? false : 'unknown'),
    );
  });
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
    const text_ = (value: unknown) => (typeof value === 'string' ? value : undefined);
    const bootId = text_(parsed.bootId);
    const pidNamespace = text_(parsed.pidNamespace);
    const processStart = text_(parsed.processStart);
    return {
      pid: pid as number,
      hostname,
      startedAt: typeof startedAt === 'string' ? startedAt : 'an unknown time',
      ...(bootId ? { bootId } : {}),
      ...(pidNamespace ? { pidNamespace } : {}),
      ...(processStart ? { processStart } : {}),
      ...(parsed.socket === true ? { socket: true } : {}),
    };
  } catch {
    return 'unreadable';
  }
}

function sameOwner(a: LockOwner, b: LockOwner): boolean {
  return (
    a.pid === b.pid && a.hostname === b.hostname && a.startedAt === b.startedAt && a.processStart === b.processStart
  );
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
  if (typeof moved !== 'object' || !sameOwner(moved, stale)) {
    await fs.link(aside, lockPath).catch(() => undefined);
    await fs.rm(aside, { force: true });
    return false;
  }
  await fs.rm(aside, { force: true });
  return createLock(lockPath, owner);
}

/** The lock, held: its socket listens and its heartbeat beats until release. */
async function heldLock(
  lockPath: string,
  socketPath: string,
  created: LockOwner,
  staleOwner: LockOwner | undefined,
  staleReason: string | undefined,
): Promise<FolderLock> {
  // The lock says `socket` only once the socket listens: a competitor never mistakes a lock being set up for a dead
  // one.
  const canListen = process.platform !== 'win32' && socketPath.length <= MAX_SOCKET_PATH;
  const server = canListen ? await listen(socketPath) : undefined;
  const owner: LockOwner = server ? { ...created, socket: true } : created;
  if (server) await rewriteLock(lockPath, owner);
  const beat = setInterval(() => {
    const now = new Date();
    void fs.utimes(lockPath, now, now).catch(() => undefined);
  }, HEARTBEAT_MS);
  beat.unref();
  return {
    lockPath,
    owner,
    staleOwner,
    staleReason,
    async release() {
      clearInterval(beat);
      if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
      const found = await readLock(lockPath);
      if (typeof found === 'object' && sameOwner(found, owner)) {
        if (server) await fs.rm(socketPath, { force: true });
        await fs.rm(lockPath, { force: true });
      }
    },
  };
}

/**
 * Replaces the lock's content atomically (temp file, fsync, rename): a reader sees the old owner record or the new one.
 */
async function rewriteLock(lockPath: string, owner: LockOwner): Promise<void> {
  const temp = `${lockPath}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await fs.open(temp, 'wx');
  try {
    await handle.writeFile(JSON.stringify(owner));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temp, lockPath);
}

/** Listens on the lock's socket (replacing a dead owner's socket file); no socket if the file system refuses one. */
async function listen(socketPath: string): Promise<Server | undefined> {
  // Only the lock's holder gets here: a socket file left behind is a dead owner's.
  await fs.rm(socketPath, { force: true });
  const server = createServer((socket) => socket.end());
  server.unref();
  return new Promise((resolve) => {
    server.once('error', () => resolve(undefined));
    server.listen(socketPath, () => resolve(server));
  });
}

function lockedError(dataDir: string, lockPath: string, holder: LockOwner, reason: string): StoreLockedError {
  return new StoreLockedError(
    `DATA_DIR ${dataDir} is in use by process ${holder.pid} on host ${holder.hostname} (since ${holder.startedAt}): ` +
      `${reason}. ` +
      'Two processes must never share a data folder: stop that process, or point DATA_DIR at another folder. ' +
      `If no such process is running, delete ${lockPath}.`,
  );
}

function unreadableLockError(dataDir: string, lockPath: string): StoreLockedError {
  return new StoreLockedError(
    `DATA_DIR ${dataDir} is locked by ${lockPath}, which does not say which process holds it. ` +
      'Two processes must never share a data folder: stop any other process using it, or point DATA_DIR at ' +
      'another folder. ' +
      `If no other process uses this folder, delete ${lockPath}.`,
  );
}
