import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../adapters/config/app.config.ts';
import { buildApp, startHttp } from '../../../adapters/main.ts';
import { teamsPlatform } from '../../../adapters/teams/index.ts';
import { silentLogger, type Logger } from '../../../src/ports/logger.port.ts';
import { startServer, type RunningServer } from '../../support/cli.ts';
import { ALICE, channelMessage, TEAM_GROUP_ID } from './support/activities.ts';
import { assertValidCard } from './support/card-schema.ts';
import { FakeConnector } from './support/fake-connector.ts';
import { FakeGraph } from './support/fake-graph.ts';
import { postActivity } from './support/teams-rig.ts';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const freshDir = () => mkdtempSync(join(tmpdir(), 'ic-teams-cli-'));

describe('the Teams endpoint is off without app credentials unless in the explicit local mode', () => {
  it('in process: no MicrosoftAppId and no ALLOW_INSECURE_ENDPOINTS builds no Teams platform, /api/messages is 404, the bot still serves', async () => {
    let port = 0;
    const logger: Logger = { ...silentLogger, info: (message, fields) => void (message === 'listening' && (port = Number(fields?.port))) };
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', IC_STORE: 'memory', LOG_LEVEL: 'silent' });
    const app = await buildApp(config, { logger, stdout: new PassThrough(), env: { TEAMS_TEAM_ID: TEAM_GROUP_ID }, platforms: [teamsPlatform], defaultMetrics: false });
    const server = await startHttp(app);
    cleanups.push(() => app.store.close(), () => server.close());
    expect(app.platforms).toEqual([]);
    expect(app.hasChatPlatform).toBe(false);
    const posted = await postActivity(`http://127.0.0.1:${port}`, { type: 'message', text: 'declare x' });
    expect(posted.status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });
});

describe('the real CLI as a local Teams rig (ALLOW_INSECURE_ENDPOINTS)', () => {
  it('declares from a channel message: Graph creates the channel with a bearer token, the connector gets valid cards, SIGTERM stops it cleanly', async () => {
    const connector = await FakeConnector.start();
    const graph = await FakeGraph.start();
    const dataDir = freshDir();
    let server: RunningServer | undefined = await startServer({ DATA_DIR: dataDir, ALLOW_INSECURE_ENDPOINTS: 'true', NODE_ENV: 'test', TEAMS_TEAM_ID: TEAM_GROUP_ID, GRAPH_ENDPOINT: graph.endpoint });
    cleanups.push(() => connector.close(), () => graph.close(), async () => server?.stop());
    expect(server.stderr()).toContain('Teams runs WITHOUT inbound token checks');

    const posted = await postActivity(server.url, channelMessage({ serviceUrl: connector.serviceUrl, from: ALICE, text: 'declare Exfiltration from stprod01 --severity High' }));
    expect(posted.status).toBe(200);
    await expect.poll(() => connector.calls.filter((call) => call.kind === 'send').length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(graph.calls).toHaveLength(1);
    expect(graph.calls[0]?.authorization).toMatch(/^Bearer \S+/);
    expect(connector.calls.filter((call) => call.kind === 'create')).toHaveLength(1);
    connector.cards().forEach(assertValidCard);

    expect(await server.stop()).toBe(0);
    server = undefined;
    expect(readdirSync(dataDir).filter((name) => name.endsWith('.jsonl'))).toHaveLength(1);
  });
});
