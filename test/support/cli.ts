import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'incident-commander.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment for a child: this process's, minus anything that would configure a platform. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', ...extra };
  return env;
}

/** Runs the real CLI as a user would, feeding `input` on stdin. */
export function runCli(args: string[], options: { env: Record<string, string>; input?: string }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

export interface RunningServer {
  child: ChildProcess;
  port: number;
  url: string;
  stdout: () => string;
  stderr: () => string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `serve` on a free port and resolves once it logs that it listens. */
export function startServer(env: Record<string, string>, options: { keepStdinOpen?: boolean; wrap?: readonly string[] } = {}): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    // `wrap` runs serve under another program (e.g. unshare, for a fresh PID namespace).
    const argv = [...(options.wrap ?? []), process.execPath, BIN, 'serve'];
    const command = argv[0] ?? process.execPath;
    const args = argv.slice(1);
    const child = spawn(command, args, { env: cleanEnv({ PORT: '0', HOST: '127.0.0.1', ...env }), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /"msg":"listening"/.test(stderr) ? /"port":(\d+)[^\n]*"msg":"listening"|"msg":"listening"[^\n]*"port":(\d+)/.exec(stderr) : null;
      if (match) {
        const port = Number(match[1] ?? match[2]);
        resolve({
          child,
          port,
          url: `http://127.0.0.1:${port}`,
          stdout: () => stdout,
          stderr: () => stderr,
          stop: (signal = 'SIGTERM') => {
            child.kill(signal);
            return exited;
          },
        });
      }
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code} before listening:\n${stderr}`)));
    if (!options.keepStdinOpen) child.stdin!.end();
  });
}
