import type { Readable, Writable } from 'node:stream';
import { IncidentService } from '../src/app/incident.service.ts';
import { systemClock, type Clock } from '../src/ports/clock.port.ts';
import { randomIds, type IdSource } from '../src/ports/ids.port.ts';
import type { ChatPort } from '../src/ports/chat.port.ts';
import type { Logger } from '../src/ports/logger.port.ts';
import type { IncidentStore } from '../src/ports/store.port.ts';
import { ConfigError, type AppConfig } from './config/app.config.ts';
import { formatIssue, loadRunbookDir } from '../src/runbooks/runbook.loader.ts';
import type { Runbook } from '../src/runbooks/runbook.schema.ts';
import { ConsoleChat, runConsoleSession } from './console/console.adapter.ts';
import { HttpServer, type Route } from './http/http.server.ts';
import { Metrics } from './http/metrics.ts';
import { WorkTracker } from './http/work-tracker.ts';
import type { ConnectedPlatform, PlatformFactory } from './platform.ts';
import { PLATFORM_FACTORIES } from './platforms.ts';
import { createStore } from './store/index.ts';
import { createSentinel } from './sentinel/index.ts';
import { Scheduler, type ScheduledTask } from './scheduler/scheduler.ts';
import { WriteBackQueue } from '../src/app/writeback-queue.ts';
import type { CommandsPort } from '../src/ports/commands.port.ts';
import { IncidentLog } from '../src/log/incident-log.ts';
import { createContainment, SimulatedContainment } from './azure/index.ts';
import type { Containment } from '../src/ports/containment.port.ts';
import { Inbox, type InboxOptions } from '../src/app/inbox.ts';
import { correlationId as newCorrelationId } from './log/correlation.ts';

/** What the composition root builds: every part, wired, nothing started. */
export interface App {
  config: Readonly<AppConfig>;
  logger: Logger;
  store: IncidentStore;
  /** The core's driving port. */
  service: CommandsPort;
  metrics: Metrics;
  work: WorkTracker;
  chats: ChatPort[];
  /** Routes brought by the platform adapters. */
  routes: Route[];
  /** The chat platforms configured (none: the console is the chat). */
  platforms: ConnectedPlatform[];
  /** Whether a chat platform other than the console is configured. */
  hasChatPlatform: boolean;
  /** Reminders, write-back retries and the Sentinel poller, on one timer. */
  scheduler: Scheduler;
  /** Where every delivery is kept before it is acknowledged. */
  inbox: Inbox;
}

export interface BuildOptions {
  logger: Logger;
  stdout: Writable;
  clock?: Clock;
  ids?: IdSource;
  /** Defaults for tests: no process metrics. */
  defaultMetrics?: boolean;
  /** The environment the platforms read (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Containment to use instead of the one the environment selects (Azure, or simulated). */
  containment?: Containment;
  /** Inbox limits and retry waits (tests: no waits between attempts). */
  inbox?: Pick<InboxOptions, 'maxInFlight' | 'concurrency' | 'retryDelaysMs' | 'orphanAfterMs'>;
  /** Platform factories (default: every platform this build knows). */
  platforms?: readonly PlatformFactory[];
}

/** The one composition root: reads the validated config, builds the adapters, wires the core. */
export async function buildApp(config: Readonly<AppConfig>, options: BuildOptions): Promise<App> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const store = await createStore(
    config.store === 'redis'
      ? { kind: 'redis', url: config.redisUrl, keyPrefix: config.redisPrefix }
      : config.store === 'memory'
        ? { kind: 'memory' }
        : { kind: 'file', dataDir: config.dataDir },
    { clock, onWarning: (message: string) => logger.warn(message) },
  );
  const metrics = new Metrics({ defaults: options.defaultMetrics !== false });
  const work = new WorkTracker();
  const inbox = new Inbox({ store, clock, logger, track: (work_) => work.track(work_), ...options.inbox });
  const env = options.env ?? process.env;
  const containment = options.containment ?? createContainment({ config, env, logger });
  const runbooks = await loadRunbooksOrRefuse(config.runbooksDir, store);
  // Built in dependency order, each part once: the log, the outbound sides (chats, Sentinel write-back),
  // the core over them, then the inbound sides connected to the core's driving port.
  const log = new IncidentLog({ store, clock, regimes: config.clocks.regimes });
  const sentinel = guard(() => createSentinel({ config, env, logger, store, work, clock, inbox }));
  const writeBack = sentinel?.siem ? new WriteBackQueue(sentinel.siem, store, logger) : undefined;
  const adapters = guard(() =>
    (options.platforms ?? PLATFORM_FACTORIES).flatMap(
      (factory) => factory({ config, env, incidents: log, store, inbox, logger, work, clock }) ?? [],
    ),
  );
  const chats: ChatPort[] = adapters.length
    ? adapters.map((platform) => platform.chat)
    : [new ConsoleChat(options.stdout)];
  const service = new IncidentService({
    containment,
    drillContainment: new SimulatedContainment(),
    runbooks,
    clocks: config.clocks,
    contacts: config.incident.contacts,
    rules: config.incident.sentinel.declaration,
    ...(writeBack ? { writeBack } : {}),
    ...(sentinel?.siem ? { siem: sentinel.siem } : {}),
    store,
    log,
    clock,
    ids: options.ids ?? randomIds,
    pools: config.incident.roles,
    people: config.incident.people,
    chats,
    logger,
    onCommand: (command, outcome) => metrics.commands.inc({ command, outcome }),
  });
  const commands: CommandsPort = service;
  const platforms: ConnectedPlatform[] = adapters.map((platform) => ({
    name: platform.name,
    chat: platform.chat,
    ...platform.connect(commands),
  }));
  const inboundSentinel = sentinel?.connect(commands);
  const routes = [...platforms.flatMap((platform) => [...platform.routes]), ...(inboundSentinel?.routes ?? [])];
  const poller = inboundSentinel?.poller;
  const tasks: ScheduledTask[] = [
    // Deliveries kept by a replica that died (or that failed here and wait for a retry).
    { name: 'inbox', everyMs: config.tickMs, run: () => inbox.recover() },
    { name: 'reminders', everyMs: config.tickMs, run: () => commands.tick() },
    // Approved actions left without an outcome by a crash; a live executor holds its lease, so this only takes orphans.
    { name: 'approved actions', everyMs: 60_000, run: () => commands.recoverActions() },
    ...(writeBack
      ? [{ name: 'sentinel write-back retries', everyMs: 60_000, run: () => commands.retryWriteBacks() }]
      : []),
    ...(poller ? [{ name: 'sentinel poller', everyMs: poller.intervalMs, run: () => poller.tick() }] : []),
  ];
  const scheduler = new Scheduler(tasks, config.tickMs, logger, work, () => clock.now().getTime());
  return {
    config,
    logger,
    store,
    service: commands,
    metrics,
    work,
    chats,
    routes,
    platforms,
    scheduler,
    inbox,
    hasChatPlatform: platforms.length > 0,
  };

  /** A platform's bad configuration closes the store before the start is refused. */
  function guard<T>(build: () => T): T {
    try {
      return build();
    } catch (error) {
      void store.close();
      throw error;
    }
  }
}

/**
 * Loads every runbook; one invalid file refuses the start, naming each problem (runbooks are validated at start-up).
 */
async function loadRunbooksOrRefuse(dir: string, store: IncidentStore): Promise<Runbook[]> {
  const loaded = await loadRunbookDir(dir).catch(async (error: unknown) => {
    await store.close();
    throw new ConfigError([
      { variable: 'IC_RUNBOOKS_DIR', problem: `cannot read the runbooks in ${dir}: ${String(error)}` },
    ]);
  });
  if (loaded.issues.length === 0) return loaded.runbooks;
  await store.close();
  throw new ConfigError(
    loaded.issues.map((issue) => ({
      variable: 'IC_RUNBOOKS_DIR',
      problem: `${formatIssue(issue)} (run incident-commander runbooks lint ${dir})`,
    })),
  );
}

/** Runs the console on `input` against a built app; resolves when the input ends. */
export function runConsole(app: App, input: Readable, output: Writable): Promise<void> {
  return runConsoleSession({
    service: app.service,
    store: app.store,
    input,
    output,
    onUnexpected: (error) => {
      const correlationId = newCorrelationId();
      app.logger.error('console command failed', {
        correlationId,
        error: error instanceof Error ? error.stack : String(error),
      });
      return correlationId;
    },
  });
}

/** Starts the HTTP server for a built app. */
export async function startHttp(app: App): Promise<HttpServer> {
  const server = new HttpServer({
    routes: app.routes,
    logger: app.logger,
    metrics: app.metrics,
    work: app.work,
    ready: () => app.store.ping(),
    busy: () => app.inbox.busy(),
    ...(app.config.metricsToken ? { metricsToken: app.config.metricsToken } : {}),
  });
  const address = await server.listen(app.config.port, app.config.host);
  for (const platform of app.platforms) await platform.start?.();
  // What the last life of this process kept and did not finish; a Redis store leaves other replicas' fresh entries to
  // them.
  const recovered = await app.inbox.recover({ all: app.config.store !== 'redis' });
  if (recovered > 0) app.logger.warn('processing commands kept before the last stop', { count: recovered });
  const resumed = await app.service.recoverActions();
  if (resumed > 0) app.logger.warn('approved actions left without an outcome were driven to one', { count: resumed });
  app.scheduler.start();
  app.logger.info('listening', { port: address.port, host: address.address });
  return server;
}
