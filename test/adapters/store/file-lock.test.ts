import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreLockedError, type LockOwner } from '../../../adapters/store/file-lock.ts';
import { FileStore } from '../../../adapters/store/file.store.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const OPENER = path.join(ROOT, 'test', 'support', 'open-file-store.script.ts');

interface Ran {
  code: number | null;
  pid: number | undefined;
  stdout: string;
  stderr: string;
}

/** Runs node with `args` from the project root and collects what it printed. */
function runNode(args: string[]): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, pid: child.pid, stdout, stderr }));
  });
}

function lockedMessage(dir: string, owner: LockOwner, reason: string): string {
  return (
    `DATA_DIR ${dir} is in use by process ${owner.pid} on host ${owner.hostname} (since ${owner.startedAt}): ${reason}. ` +
    'Two processes must never share a data folder: stop that process, or point DATA_DIR at another folder. ' +
    `If no such process is running, delete ${path.join(dir, '.lock')}.`
  );
}

async function readOwner(dir: string): Promise<LockOwner> {
  return JSON.parse(await fs.readFile(path.join(dir, '.lock'), 'utf8')) as LockOwner;
}

/** The pid of a process that has run and exited: nothing answers to it any more. */
async function deadPid(): Promise<number> {
  const ran = await runNode(['-e', '']);
  if (ran.pid === undefined) throw new Error('node -e did not start');
  return ran.pid;
}

async function readProcSelf(): Promise<{ bootId: string; pidNamespace: string }> {
  return { bootId: (await fs.readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim(), pidNamespace: await fs.readlink('/proc/self/ns/pid') };
}

describe('the DATA_DIR lock', () => {
  let dir: string;
  let warnings: string[];
  const open = (): Promise<FileStore> => FileStore.open(dir, { onWarning: (message) => warnings.push(message) });

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ic-file-lock-'));
    warnings = [];
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('records who holds the folder in .lock, and removes it on close', async () => {
    const store = await open();
    const owner = await readOwner(dir);
    expect(owner).toMatchObject({ pid: process.pid, hostname: os.hostname(), startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    if (process.platform === 'linux') {
      expect(owner.bootId).toBe((await fs.readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim());
      expect(owner.pidNamespace).toBe(await fs.readlink('/proc/self/ns/pid'));
      expect(owner.processStart).toMatch(/^\d+$/);
      expect(owner.socket).toBe(true);
    }
    await store.close();
    await expect(fs.access(path.join(dir, '.lock'))).rejects.toThrow();
  });

  it('refuses a second open in the same process, saying who holds it and what to do', async () => {
    const store = await open();
    const owner = await readOwner(dir);
    const second = open();
    await expect(second).rejects.toBeInstanceOf(StoreLockedError);
    await expect(second).rejects.toThrow(lockedMessage(dir, owner, 'its socket answers'));
    await expect(second).rejects.toMatchObject({ code: 'store.locked' });
    await store.close();
    await (await open()).close();
  });

  it('refuses a second process on the same folder', async () => {
    const store = await open();
    const ran = await runNode(['--import', 'tsx', OPENER, dir]);
    expect(ran.code).not.toBe(0);
    expect(ran.stderr).toContain('store.locked');
    expect(ran.stderr).toContain(`process ${process.pid}`);
    expect(ran.stderr).toContain(`DATA_DIR ${dir}`);
    expect(ran.stdout).not.toContain('opened');
    await store.close();
  });

  it('takes over a lock left by a process of this host that has exited, and warns', async () => {
    const pid = await deadPid();
    const stale: LockOwner = { pid, hostname: os.hostname(), startedAt: '2026-11-28T22:00:00.000Z' };
    await fs.writeFile(path.join(dir, '.lock'), JSON.stringify(stale));
    const store = await open();
    expect(warnings).toEqual([expect.stringContaining(`process ${pid} on host ${os.hostname()}`)]);
    expect((await readOwner(dir)).pid).toBe(process.pid);
    expect((await fs.readdir(dir)).filter((name) => name.startsWith('.lock') && name !== '.lock.sock')).toEqual(['.lock']);
    await store.close();
  });

  it('never takes over a lock written on another host while its heartbeat is fresh', async () => {
    const other: LockOwner = { pid: await deadPid(), hostname: `not-${os.hostname()}`, startedAt: '2026-11-28T22:00:00.000Z', bootId: 'another-kernel' };
    await fs.writeFile(path.join(dir, '.lock'), JSON.stringify(other));
    await expect(open()).rejects.toThrow(`process ${other.pid} on host ${other.hostname} (since ${other.startedAt}): it was written on host ${other.hostname}, and its heartbeat is recent`);
    expect(await readOwner(dir)).toEqual(other);
  });

  it('takes over a lock from another host whose heartbeat stopped, naming how long ago', async () => {
    const other: LockOwner = { pid: 4242, hostname: `not-${os.hostname()}`, startedAt: '2026-11-28T22:00:00.000Z', bootId: 'another-kernel' };
    const lockFile = path.join(dir, '.lock');
    await fs.writeFile(lockFile, JSON.stringify(other));
    const old = new Date(Date.now() - 120_000);
    await fs.utimes(lockFile, old, old);
    const store = await open();
    expect(warnings).toEqual([expect.stringMatching(/left by process 4242 .*its heartbeat stopped 1\d\d s ago/)]);
    await store.close();
  });

  it.runIf(process.platform === 'linux')('takes over a lock left before a reboot, even when its pid now runs', async () => {
    // pid 1 always runs: only the changed boot id says that the lock is from another life of this machine.
    const before: LockOwner = { pid: 1, hostname: os.hostname(), startedAt: '2026-11-28T22:00:00.000Z', bootId: 'an-earlier-boot' };
    await fs.writeFile(path.join(dir, '.lock'), JSON.stringify(before));
    const store = await open();
    expect(warnings).toEqual([expect.stringContaining('this machine has restarted since (its boot id changed)')]);
    await store.close();
  });

  it.runIf(process.platform === 'linux')('takes over a lock whose pid was reused by another program, by its start time', async () => {
    const me = await readProcSelf();
    // This very pid, but written by an instance that started at another time: not this process.
    const reused: LockOwner = { pid: process.pid, hostname: os.hostname(), startedAt: '2026-11-28T22:00:00.000Z', bootId: me.bootId, pidNamespace: me.pidNamespace, processStart: '1' };
    await fs.writeFile(path.join(dir, '.lock'), JSON.stringify(reused));
    const store = await open();
    expect(warnings).toEqual([expect.stringContaining(`process ${process.pid} is now this process, started later`)]);
    await store.close();
  });

  it.runIf(process.platform === 'linux')('takes over a lock from another PID namespace whose socket no longer answers', async () => {
    const me = await readProcSelf();
    const container: LockOwner = { pid: 1, hostname: 'c0ffee', startedAt: '2026-11-28T22:00:00.000Z', bootId: me.bootId, pidNamespace: 'pid:[1]', processStart: '7', socket: true };
    await fs.writeFile(path.join(dir, '.lock'), JSON.stringify(container));
    await fs.writeFile(path.join(dir, '.lock.sock'), '');
    const store = await open();
    expect(warnings).toEqual([expect.stringContaining('left by process 1 on host c0ffee (since 2026-11-28T22:00:00.000Z), which is no longer running: its socket no longer answers')]);
    expect((await readOwner(dir)).pid).toBe(process.pid);
    await store.close();
  });

  it('refuses a lock file it cannot read, and says to delete it if nothing uses the folder', async () => {
    await fs.writeFile(path.join(dir, '.lock'), '{"pid": 0');
    const attempt = open();
    await expect(attempt).rejects.toBeInstanceOf(StoreLockedError);
    await expect(attempt).rejects.toThrow(`If no other process uses this folder, delete ${path.join(dir, '.lock')}.`);
  });
});
