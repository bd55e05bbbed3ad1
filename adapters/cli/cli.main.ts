import { PassThrough } from 'node:stream';
import { kindOf } from '../../src/domain/errors.ts';
import { loadConfig, ConfigError, SHIPPED_RUNBOOKS, type AppConfig } from '../config/app.config.ts';
import { formatIssue, loadRunbookDir } from '../../src/runbooks/runbook.loader.ts';
import { createLogger } from '../log/logger.ts';
import { exportIncident, exportMarkdown, verifyIncident, type EventReader } from '../../src/app/evidence.ts';
import { LogReader } from '../store/log-reader.ts';
import { STORE_ID } from '../store/store-common.ts';

const USAGE = `Usage: incident-commander <command>

  serve                         run the bot: HTTP on PORT (default 3978); with no chat
                                platform configured, also the console on stdin (default)
  console                       the chat on stdin/stdout, for demos, drills and scripts
  drill <runbook id>            the console, starting a drill on that runbook: a practice
                                incident whose containment always runs simulated
  runbooks lint [dir]           check every runbook file (default: the shipped runbooks):
                                exit 0 when all are valid, else 1 listing every error
  preflight [--scope <id>]... [--json]
                                ask Azure and Graph which permissions the bot's identity
                                holds: per action, ready or what is missing (exit 0/1/2)
  verify <incidentId>           recompute the hash chain: exit 0 intact, 1 broken
  export <incidentId> [--format json|md]
                                print the evidence document (default json)
  help                          this text

Configuration is read from the environment (see README.md, "Configuration").`;

type Io = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };

/** The CLI; returns the exit code (serve resolves only when it shuts down). */
export async function main(
  argv: string[],
  io: Io = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const [command = 'serve', ...args] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command === 'runbooks') return runbooksCommand(args, io);
  if (command === 'preflight') {
    const { preflightMain } = await import('../azure/preflight.cli.ts');
    return preflightMain(process.env, { stdout: io.stdout, stderr: io.stderr, args });
  }
  let config: Readonly<AppConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.message}\nNothing was started. Fix the variables above and start again.\n`);
      return 2;
    }
    throw error;
  }
  return dispatch(command, args, config, io);
}

async function dispatch(command: string, args: string[], config: Readonly<AppConfig>, io: Io): Promise<number> {
  switch (command) {
    case 'serve':
      return serve(config, io);
    case 'console':
      return consoleOnly(config, io);
    case 'drill':
      if (args.length !== 1 || !/^[a-z0-9-]{1,64}$/.test(args[0] ?? '')) {
        io.stderr.write(
          'Usage: incident-commander drill <runbook id>   (e.g. storage-exfiltration; incident-commander runbooks ' +
            'lint lists them)\n',
        );
        return 2;
      }
      return consoleOnly(config, io, `/ir drill ${args[0] ?? ''}`);
    case 'verify':
      return verify(config, args, io);
    case 'export':
      return exportCommand(config, args, io);
    default:
      io.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
      return 2;
  }
}

/** The composition root pulls in every SDK: loaded only by the commands that run the bot. */
const composition = () => import('../main.ts');

async function serve(config: Readonly<AppConfig>, io: Io): Promise<number> {
  const { buildApp, runConsole, startHttp } = await composition();
  const logger = createLogger(config.logLevel);
  if (config.allowInsecureEndpoints)
    logger.warn(
      'ALLOW_INSECURE_ENDPOINTS=true: http endpoints, placeholder Azure tokens and an unauthenticated Teams ' +
        'endpoint are allowed. Never use this in production.',
    );
  const app = await startOrExplain(() => buildApp(config, { logger, stdout: process.stdout }), io);
  if (!app) return 1;
  // Signals are heard from the start, so a stop during start-up still closes the store.
  const signalled = new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  const server = await startHttp(app);
  if (!app.hasChatPlatform) {
    // The console runs beside the server; when stdin closes (containers, CI) the server keeps serving.
    void runConsole(app, process.stdin, process.stdout).catch((error: unknown) =>
      logger.error('console stopped', { error: String(error) }),
    );
  }
  const signal = await signalled;
  logger.info('shutting down', { signal, inFlight: app.work.size });
  await server.close();
  await app.scheduler.stop();
  for (const platform of app.platforms)
    await platform
      .stop?.()
      .catch((error: unknown) =>
        logger.warn('platform did not stop cleanly', { platform: platform.name, error: String(error) }),
      );
  const started = Date.now();
  const inbox = await app.inbox.drain(config.shutdownGraceMs);
  if (!inbox.done)
    logger.warn(
      'shutdown grace period over: commands kept and not yet processed stay in the store for the next start',
      { left: inbox.left },
    );
  const drained = await app.work.drain(Math.max(0, config.shutdownGraceMs - (Date.now() - started)));
  if (!drained) logger.warn('shutdown grace period over with work still in flight', { inFlight: app.work.size });
  let closed = true;
  await app.store.close().catch((error: unknown) => {
    closed = false;
    logger.error('the store did not close cleanly: what it had not written may be lost', { error: String(error) });
  });
  logger.info('stopped');
  process.stdin.destroy();
  return closed ? 0 : 1;
}

async function consoleOnly(config: Readonly<AppConfig>, io: Io, firstLine?: string): Promise<number> {
  const { buildApp, runConsole } = await composition();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const app = await startOrExplain(
    () => buildApp(config, { logger, stdout: process.stdout, defaultMetrics: false }),
    io,
  );
  if (!app) return 1;
  try {
    await runConsole(app, firstLine ? withFirstLine(firstLine, process.stdin) : process.stdin, process.stdout);
  } finally {
    await app.store.close();
  }
  return 0;
}

/** The console input with one command typed first (`drill` starts with `/ir drill <id>`). */
function withFirstLine(line: string, rest: NodeJS.ReadableStream): PassThrough {
  const input = new PassThrough();
  input.write(`${line}\n`);
  rest.pipe(input);
  return input;
}

/** Builds the app; a known start-up refusal (the data folder is locked) is explained, not thrown. */
async function startOrExplain<T>(build: () => Promise<T>, io: Io): Promise<T | undefined> {
  try {
    return await build();
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.message}\nNothing was started. Fix the variables above and start again.\n`);
      return undefined;
    }
    if (
      error &&
      typeof error === 'object' &&
      'code' in error &&
      typeof error.code === 'string' &&
      kindOf(error.code) === 'unavailable'
    ) {
      io.stderr.write(`Refusing to start: ${(error as unknown as Error).message}\n`);
      return undefined;
    }
    throw error;
  }
}

async function verify(config: Readonly<AppConfig>, args: string[], io: Io): Promise<number> {
  const [incidentId] = args;
  if (!incidentId || args.length > 1 || !STORE_ID.test(incidentId)) {
    io.stderr.write('Usage: incident-commander verify <incidentId>   (an id such as ir-20261129-k7q2x9)\n');
    return 2;
  }
  const reader = await openReader(config);
  const verdict = await verifyIncident(reader, incidentId).finally(() => reader.close());
  if (verdict.count === 0) {
    io.stderr.write(`No incident ${incidentId} in ${reader.where}.\n`);
    return 2;
  }
  if (verdict.intact) {
    io.stdout.write(`${incidentId}: chain intact, ${verdict.count} events, head ${verdict.headHash}\n`);
    return 0;
  }
  io.stdout.write(`${incidentId}: chain BROKEN at seq ${verdict.brokenSeq}: ${verdict.reason}\n`);
  return 1;
}

async function exportCommand(config: Readonly<AppConfig>, args: string[], io: Io): Promise<number> {
  const [incidentId, ...rest] = args;
  const format = parseFormat(rest);
  if (!incidentId || !format || !STORE_ID.test(incidentId)) {
    io.stderr.write(
      'Usage: incident-commander export <incidentId> [--format json|md]   (an id such as ir-20261129-k7q2x9)\n',
    );
    return 2;
  }
  const reader = await openReader(config);
  const doc = await exportIncident(reader, incidentId, new Date()).finally(() => reader.close());
  if (!doc) {
    io.stderr.write(`No incident ${incidentId} in ${reader.where}.\n`);
    return 2;
  }
  io.stdout.write(format === 'md' ? exportMarkdown(doc) : `${JSON.stringify(doc, null, 2)}\n`);
  return doc.verification.intact ? 0 : 1;
}

/**
 * Where `verify` and `export` read: the data folder without its lock (so they
 * work while the bot runs), or the Redis store when that is the store.
 */
async function openReader(
  config: Readonly<AppConfig>,
): Promise<EventReader & { where: string; close(): Promise<void> }> {
  if (config.store === 'redis') {
    const { createStore } = await import('../store/index.ts');
    const store = await createStore({ kind: 'redis', url: config.redisUrl });
    return {
      load: (id) => store.load(id),
      loadRaw: (id) => store.loadRaw(id),
      where: 'the Redis store',
      close: () => store.close(),
    };
  }
  const reader = new LogReader(config.dataDir);
  return {
    load: (id) => reader.load(id),
    loadRaw: (id) => reader.loadRaw(id),
    where: config.dataDir,
    close: async () => {},
  };
}

function parseFormat(rest: string[]): 'json' | 'md' | undefined {
  if (rest.length === 0) return 'json';
  const joined = rest.join('=').replace(/^--format=/, '');
  return joined === 'json' || joined === 'md' ? joined : undefined;
}

async function runbooksCommand(args: string[], io: Io): Promise<number> {
  const [sub, dir, ...extra] = args;
  if (sub !== 'lint' || extra.length) {
    io.stderr.write('Usage: incident-commander runbooks lint [dir]\n');
    return 2;
  }
  const folder = dir ?? SHIPPED_RUNBOOKS;
  let result: Awaited<ReturnType<typeof loadRunbookDir>>;
  try {
    result = await loadRunbookDir(folder);
  } catch (error) {
    io.stderr.write(`Cannot read runbooks in ${folder}: ${(error as Error).message}\n`);
    return 2;
  }
  for (const issue of result.issues) io.stdout.write(`${formatIssue(issue)}\n`);
  if (result.files.length === 0) {
    io.stdout.write(`No runbook files (*.yaml, *.yml) in ${folder}.\n`);
    return 1;
  }
  if (result.issues.length) {
    io.stdout.write(
      `${result.issues.length} problem(s) in ${result.files.length} file(s); ${result.runbooks.length} ` +
        `runbook(s) valid.\n`,
    );
    return 1;
  }
  io.stdout.write(`${result.runbooks.length} runbooks valid: ${result.runbooks.map((r) => r.id).join(', ')}\n`);
  return 0;
}
