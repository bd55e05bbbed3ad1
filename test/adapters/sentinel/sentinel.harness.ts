import { Inbox } from '../../../src/app/inbox.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSentinel, type SentinelAdapter, type SentinelConnection } from '../../../adapters/sentinel/index.ts';
import { HttpServer } from '../../../adapters/http/http.server.ts';
import { Metrics } from '../../../adapters/http/metrics.ts';
import { WorkTracker } from '../../../adapters/http/work-tracker.ts';
import { MemoryStore } from '../../../adapters/store/index.ts';
import type { Logger } from '../../../src/ports/logger.port.ts';
import type { SentinelIncident, SentinelIntake } from '../../../src/ports/siem.port.ts';
import type { IncidentStore } from '../../../src/ports/store.port.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { FakeSentinelArm, type Workspace } from './fakes/fake-sentinel-arm.ts';

export const TOKEN = 'sentinel-test-token-6f0c2b8e4a1d9e7f3c5b';
export const WORKSPACE: Workspace = { subscriptionId: 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0', resourceGroup: 'myRg', workspaceName: 'myWorkspace' };

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'sentinel');
/** A fixture under test/fixtures/sentinel, parsed. */
export const fixture = <T = Record<string, unknown>>(path: string): T => JSON.parse(readFileSync(join(FIXTURES, path), 'utf8')) as T;

/** Every log line, for asserting what is (and is not) logged. */
export class RecordingLogger implements Logger {
  readonly lines: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
  debug = (message: string, fields?: Record<string, unknown>) => void this.lines.push({ level: 'debug', message, ...(fields ? { fields } : {}) });
  info = (message: string, fields?: Record<string, unknown>) => void this.lines.push({ level: 'info', message, ...(fields ? { fields } : {}) });
  warn = (message: string, fields?: Record<string, unknown>) => void this.lines.push({ level: 'warn', message, ...(fields ? { fields } : {}) });
  error = (message: string, fields?: Record<string, unknown>) => void this.lines.push({ level: 'error', message, ...(fields ? { fields } : {}) });
}

type Outcome = Awaited<ReturnType<SentinelIntake['ingest']>>;

/**
 * A stand-in for the core's intake: records each call, and de-duplicates on
 * the delivery id with `store.claim`, as the real one does. `hold` makes the
 * next calls wait until released (a slow intake); `failNext` makes one throw.
 */
export class RecordingIntake implements SentinelIntake {
  readonly calls: Array<{ incident: SentinelIncident; deliveryId: string; outcome: Outcome['outcome'] }> = [];
  hold: Promise<void> | undefined;
  failNext: Error | undefined;

  constructor(private readonly store: IncidentStore) {}

  async ingest(incident: SentinelIncident, deliveryId: string): Promise<Outcome> {
    if (this.hold) await this.hold;
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = undefined;
      throw error;
    }
    const fresh = await this.store.claim(`sentinel:delivery:${deliveryId}`, 7 * 24 * 3600 * 1000);
    const outcome = fresh ? 'declared' : 'duplicate';
    this.calls.push({ incident, deliveryId, outcome });
    return fresh ? { outcome, incidentId: `inc-${incident.number}` } : { outcome };
  }

  /** Only the deliveries that were new. */
  get declared(): SentinelIncident[] {
    return this.calls.filter((call) => call.outcome === 'declared').map((call) => call.incident);
  }
}

export interface SentinelRig {
  arm: FakeSentinelArm;
  env: NodeJS.ProcessEnv;
  store: MemoryStore;
  clock: FakeClock;
  work: WorkTracker;
  logger: RecordingLogger;
  intake: RecordingIntake;
  adapter: SentinelAdapter & SentinelConnection;
  /** The bot's HTTP server, with the adapter's routes mounted. */
  url: string;
  /** Builds the adapter again over the same store and fake: a restart. */
  rebuild(): SentinelAdapter & SentinelConnection;
  post(body: string | object, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** The fake ARM, the adapter built from env as the composition root would, and the HTTP server carrying its route. */
export async function startSentinelRig(options: { env?: NodeJS.ProcessEnv; answerWithinMs?: number; withInbox?: boolean } = {}): Promise<SentinelRig> {
  const arm = new FakeSentinelArm(WORKSPACE);
  const armUrl = await arm.start();
  const env: NodeJS.ProcessEnv = {
    SENTINEL_WEBHOOK_TOKEN: TOKEN,
    AZURE_SUBSCRIPTION_ID: WORKSPACE.subscriptionId,
    SENTINEL_RESOURCE_GROUP: WORKSPACE.resourceGroup,
    SENTINEL_WORKSPACE: WORKSPACE.workspaceName,
    SENTINEL_POLL_SECONDS: '60',
    ARM_ENDPOINT: armUrl,
    ...options.env,
  };
  const clock = new FakeClock('2026-11-29T09:00:00.000Z');
  const store = new MemoryStore({ clock });
  const work = new WorkTracker();
  const logger = new RecordingLogger();
  const intake = new RecordingIntake(store);
  const inbox = options.withInbox ? new Inbox({ store, clock, logger, retryDelaysMs: [0], track: (done) => work.track(done) }) : undefined;
  const build = (): SentinelAdapter & SentinelConnection => {
    const adapter = createSentinel({ config: { allowInsecureEndpoints: true }, env, logger, store, work, clock, tuning: { retryDelayMs: 1 }, ...(inbox ? { inbox } : {}), ...(options.answerWithinMs !== undefined ? { answerWithinMs: options.answerWithinMs } : {}) });
    if (!adapter) throw new Error('the Sentinel adapter was not built');
    return { ...adapter, ...adapter.connect(intake) };
  };
  const adapter = build();
  const server = new HttpServer({ routes: adapter.routes, logger, metrics: new Metrics({ defaults: false }), work, ready: async () => {} });
  const address = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    arm,
    env,
    store,
    clock,
    work,
    logger,
    intake,
    adapter,
    url,
    rebuild: build,
    async post(body, headers = { authorization: `Bearer ${TOKEN}` }) {
      const response = await fetch(`${url}/api/sentinel/incidents`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
      const text = await response.text();
      return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    },
    async close() {
      await server.close();
      await arm.close();
      await store.close();
    },
  };
}
