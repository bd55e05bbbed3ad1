import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { loadConfig } from '../../../../adapters/config/app.config.ts';
import type { HttpServer } from '../../../../adapters/http/http.server.ts';
import { buildApp, startHttp, type App } from '../../../../adapters/main.ts';
import { createTeamsPlatform } from '../../../../adapters/teams/index.ts';
import type { IncidentConfig } from '../../../../src/config/incident.config.ts';
import type { IncidentEvent } from '../../../../src/domain/event.types.ts';
import type { Logger } from '../../../../src/ports/logger.port.ts';
import { FakeClock } from '../../../support/fake-clock.ts';
import { sequentialIds } from '../../../support/service-harness.ts';
import { assertValidCard } from './card-schema.ts';
import { FakeConnector } from './fake-connector.ts';
import { FakeGraph } from './fake-graph.ts';
import { TEAM_GROUP_ID } from './activities.ts';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

export interface Posted {
  status: number;
  body: unknown;
  /** Wall time from sending the request to the whole answer. */
  ms: number;
}

/** The real app (config, file store, core, Teams adapter, HTTP server) in this process, with a fake Bot Connector and a fake Graph. */
export interface TeamsRig {
  app: App;
  url: string;
  connector: FakeConnector;
  graph: FakeGraph;
  dataDir: string;
  logs: LogEntry[];
  /** POSTs an activity to /api/messages. */
  post(activity: unknown, headers?: Record<string, string>): Promise<Posted>;
  /** Waits for the work that continues after an answer (commands, posts). */
  settle(): Promise<void>;
  events(): Promise<IncidentEvent[]>;
  incidentFiles(): string[];
  /** Asserts that every card the fake connector received so far validates against the Adaptive Card 1.5 schema (stop() checks again). */
  assertEveryCardValid(): void;
  stop(): Promise<void>;
}

export interface RigOptions {
  roles?: IncidentConfig['roles'];
  /** Variables for loadConfig (the core); ALLOW_INSECURE_ENDPOINTS=true unless `secure`. */
  secure?: boolean;
  /** Variables for the Teams platform; TEAMS_TEAM_ID and GRAPH_ENDPOINT (the fake) are set unless overridden. */
  env?: Record<string, string>;
  /**
   * Points GRAPH_ENDPOINT at the fake's port over https (a secure config refuses http):
   * no call can succeed there, but any attempt shows in `graph.connections`.
   */
  graphOverHttps?: boolean;
  /** The invoke deadline (default: production's). */
  invokeDeadlineMs?: number;
  /** Where the bot fetches the keys of inbound tokens (a local fake OpenID document). */
  openIdMetadataUrl?: string;
  /** The people directory (IC_CONFIG `people:`). */
  people?: IncidentConfig['people'];
}

export async function startTeamsRig(options: RigOptions = {}): Promise<TeamsRig> {
  const connector = await FakeConnector.start();
  const graph = await FakeGraph.start();
  const dataDir = mkdtempSync(join(tmpdir(), 'ic-teams-'));
  const base = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...(options.secure ? {} : { ALLOW_INSECURE_ENDPOINTS: 'true', NODE_ENV: 'test' }) });
  const config = Object.freeze({ ...base, incident: { ...base.incident, roles: options.roles ?? {}, people: options.people ?? [] } });
  const logs: LogEntry[] = [];
  const env = { TEAMS_TEAM_ID: TEAM_GROUP_ID, GRAPH_ENDPOINT: options.graphOverHttps ? graph.endpoint.replace('http:', 'https:') : graph.endpoint, ...options.env };
  const app = await buildApp(config, { logger: recordingLogger(logs), stdout: new PassThrough(), clock: new FakeClock('2026-11-29T09:00:00.000Z'), ids: sequentialIds(), env, platforms: [createTeamsPlatform({ ...(options.invokeDeadlineMs !== undefined ? { invokeDeadlineMs: options.invokeDeadlineMs } : {}), ...(options.openIdMetadataUrl ? { openIdMetadataUrl: options.openIdMetadataUrl } : {}) })], defaultMetrics: false, inbox: { retryDelaysMs: [0] } });
  const server: HttpServer = await startHttp(app);
  const url = `http://127.0.0.1:${String(logs.find((entry) => entry.message === 'listening')?.fields?.port)}`;
  return {
    app,
    url,
    connector,
    graph,
    dataDir,
    logs,
    post: (activity, headers = {}) => postActivity(url, activity, headers),
    settle: async () => {
      if (!(await app.work.drain(5000))) throw new Error('work still in flight after 5 s');
    },
    events: async () => {
      const ids = await app.store.listOpen();
      return (await Promise.all(ids.map((id) => app.store.load(id)))).flat();
    },
    incidentFiles: () => readdirSync(dataDir).filter((name) => name.endsWith('.jsonl')),
    assertEveryCardValid: () => connector.cards().forEach(assertValidCard),
    stop: async () => {
      await server.close();
      await app.work.drain(5000);
      // Every card the fake Bot Connector received, in every test, must be a valid Adaptive Card 1.5.
      connector.cards().forEach(assertValidCard);
      await app.store.close();
      await connector.close();
      await graph.close();
    },
  };
}

export async function postActivity(url: string, activity: unknown, headers: Record<string, string> = {}): Promise<Posted> {
  const started = performance.now();
  const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body, ms: performance.now() - started };
}

function recordingLogger(logs: LogEntry[]): Logger {
  const write = (level: LogEntry['level']) => (message: string, fields?: Record<string, unknown>) => void logs.push({ level, message, ...(fields ? { fields } : {}) });
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
