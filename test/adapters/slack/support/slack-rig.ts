import { PassThrough } from 'node:stream';
import { loadConfig } from '../../../../adapters/config/app.config.ts';
import type { HttpServer } from '../../../../adapters/http/http.server.ts';
import { buildApp, startHttp, type App } from '../../../../adapters/main.ts';
import { slackPlatform } from '../../../../adapters/slack/index.ts';
import type { IncidentConfig } from '../../../../src/config/incident.config.ts';
import type { IncidentEvent } from '../../../../src/domain/event.types.ts';
import type { Logger } from '../../../../src/ports/logger.port.ts';
import { FakeClock } from '../../../support/fake-clock.ts';
import { sequentialIds } from '../../../support/service-harness.ts';
import { FakeSlackApi } from './fake-slack-api.ts';
import { postToSlackEvents, type SlackPost } from './slack-requests.ts';

export const SIGNING_SECRET = 'e2c1f0a7d9b8c6a5e4f3d2c1b0a99887';
export const BOT_TOKEN = 'xoxb-1111-2222-fake-token';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

/** The real app (config, store, core, Slack adapter, HTTP server) in this process, with a fake clock and a fake Slack. */
export interface SlackRig {
  app: App;
  url: string;
  fake: FakeSlackApi;
  clock: FakeClock;
  logs: LogEntry[];
  /** The fake clock in whole seconds: what Slack would put in X-Slack-Request-Timestamp. */
  nowSeconds(): number;
  /** POSTs a body to /slack/events, signed now on the fake clock unless told otherwise. */
  post(body: string, options?: { timestamp?: number; retryNum?: number; signature?: string; contentType?: string }): Promise<SlackPost>;
  /** Every event of every incident in the store. */
  events(): Promise<IncidentEvent[]>;
  stop(): Promise<void>;
}

export async function startSlackRig(options: { roles?: IncidentConfig['roles']; env?: Record<string, string> } = {}): Promise<SlackRig> {
  const fake = await FakeSlackApi.start(BOT_TOKEN);
  const clock = new FakeClock('2026-11-29T09:00:00.000Z');
  const base = loadConfig({ PORT: '0', HOST: '127.0.0.1', IC_STORE: 'memory', LOG_LEVEL: 'silent' });
  const config = Object.freeze({ ...base, incident: { ...base.incident, roles: options.roles ?? {} } });
  const logs: LogEntry[] = [];
  const env = { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: fake.apiUrl, ...options.env };
  const app = await buildApp(config, { logger: recordingLogger(logs), stdout: new PassThrough(), clock, ids: sequentialIds(), env, platforms: [slackPlatform], defaultMetrics: false, inbox: { retryDelaysMs: [0] } });
  const server: HttpServer = await startHttp(app);
  const listening = logs.find((entry) => entry.message === 'listening');
  const url = `http://127.0.0.1:${String(listening?.fields?.port)}`;
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);
  return {
    app,
    url,
    fake,
    clock,
    logs,
    nowSeconds,
    post: (body, postOptions = {}) => postToSlackEvents(url, body, { secret: SIGNING_SECRET, timestamp: postOptions.timestamp ?? nowSeconds(), ...postOptions }),
    events: async () => {
      const ids = await app.store.listOpen();
      return (await Promise.all(ids.map((id) => app.store.load(id)))).flat();
    },
    stop: async () => {
      await server.close();
      for (const platform of app.platforms) await platform.stop?.();
      await app.work.drain(5000);
      await app.store.close();
      await fake.close();
    },
  };
}

function recordingLogger(logs: LogEntry[]): Logger {
  const write = (level: LogEntry['level']) => (message: string, fields?: Record<string, unknown>) => void logs.push({ level, message, ...(fields ? { fields } : {}) });
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
