import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/cli.ts';

/** Whether this machine lets the tests make PID namespaces (root on Linux, with util-linux's unshare). */
function canUnshare(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    execFileSync('unshare', ['--pid', '--fork', '--mount-proc', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const UNSHARE = canUnshare();
if (!UNSHARE) {
  if (process.env.CI) throw new Error('CI must run the container lock test: unshare --pid --fork --mount-proc failed (run CI as root on Linux)');
  console.warn('SKIPPED: the container lock test needs unshare --pid (root on Linux); it runs in CI.');
}

/** The bot as PID 1 of a fresh PID namespace, as in a container; --kill-child makes a kill -9 of unshare a kill -9 of the bot. */
const CONTAINER = ['unshare', '--pid', '--fork', '--mount-proc', '--kill-child=SIGKILL'];

describe.runIf(UNSHARE)('serve as PID 1 in a container', () => {
  let dataDir: string;
  let running: RunningServer | undefined;

  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ic-pid1-'));
  });
  afterEach(async () => {
    await running?.stop('SIGKILL');
    running = undefined;
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('starts over the lock a killed PID 1 left, and says it took the lock over', async () => {
    const env = { IC_STORE: 'file', DATA_DIR: dataDir };
    const first = await startServer(env, { wrap: CONTAINER });
    const left = JSON.parse(await fs.readFile(path.join(dataDir, '.lock'), 'utf8')) as { pid: number; pidNamespace: string };
    expect(left.pid).toBe(1);
    await first.stop('SIGKILL');
    // The lock is still there: nothing released it.
    expect(JSON.parse(await fs.readFile(path.join(dataDir, '.lock'), 'utf8'))).toMatchObject({ pid: 1 });

    running = await startServer(env, { wrap: CONTAINER });
    expect(running.stderr()).toMatch(/Took over the lock on DATA_DIR [^\n]* left by process 1 on host [^\n]*which is no longer running: its socket no longer answers/);
    const now = JSON.parse(await fs.readFile(path.join(dataDir, '.lock'), 'utf8')) as { pid: number; pidNamespace: string };
    expect(now.pid).toBe(1);
    expect(now.pidNamespace).not.toBe(left.pidNamespace);
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
  });

  it('refuses to start while the first PID 1 still runs in its own namespace', async () => {
    const env = { IC_STORE: 'file', DATA_DIR: dataDir };
    running = await startServer(env, { wrap: CONTAINER });
    const second = startServer(env, { wrap: CONTAINER });
    await expect(second).rejects.toThrow(/store\.locked|is in use by process 1 [^\n]*its socket answers/);
  });
});
