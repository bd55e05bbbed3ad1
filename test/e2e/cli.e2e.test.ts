import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startServer, type RunningServer } from '../support/cli.ts';

const freshDir = () => mkdtempSync(join(tmpdir(), 'ic-e2e-'));
const SCRIPT = ['/ir declare Exfiltration from stprod01 --severity High', '/ir status', '/ir note first look', '/ir timeline', ''].join('\n');

function incidentFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.jsonl'));
}

describe('the console, driven by a script on stdin', () => {
  it('leaves exactly one incident whose chain verifies, and names the seq of any changed byte', async () => {
    const dir = freshDir();
    const run = await runCli(['console'], { env: { DATA_DIR: dir }, input: SCRIPT });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Exfiltration from stprod01');
    expect(run.stdout).toContain('noted: first look');
    const files = incidentFiles(dir);
    expect(files).toHaveLength(1);
    const id = files[0]!.replace(/\.jsonl$/, '');
    const lines = readFileSync(join(dir, files[0]!), 'utf8').trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line).type)).toEqual(['IncidentDeclared', 'RunbookStarted', 'WarRoomOpened', 'NoteAdded']);
    expect(JSON.parse(lines[1]!).data.runbookId).toBe('storage-exfiltration');

    const intact = await runCli(['verify', id], { env: { DATA_DIR: dir } });
    expect(intact).toMatchObject({ code: 0 });
    expect(intact.stdout).toMatch(/chain intact, 4 events/);

    // Change one byte in the middle of the third line (seq 3).
    const text = readFileSync(join(dir, files[0]!));
    const at = lines[0]!.length + 1 + lines[1]!.length + 1 + Math.floor(lines[2]!.length / 2);
    text[at] = text[at] === 0x41 ? 0x42 : 0x41;
    writeFileSync(join(dir, files[0]!), text);
    const broken = await runCli(['verify', id], { env: { DATA_DIR: dir } });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/BROKEN at seq 3/);
  });

  it('prints usage for unknown or malformed commands and adds no event', async () => {
    const dir = freshDir();
    const run = await runCli(['console'], { env: { DATA_DIR: dir }, input: '/ir frobnicate\n/ir declare --severity Apocalyptic\n' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/"frobnicate" is not a command[\s\S]*Usage: \/ir declare/);
    expect(run.stdout).toMatch(/"Apocalyptic" is not a severity[\s\S]*Usage: \/ir declare/);
    expect(incidentFiles(dir)).toEqual([]);
  });

  it('switches the acting user with :as, so one terminal plays several people', async () => {
    const dir = freshDir();
    const input = ['/ir declare Leaked SAS token', ':as bob', '/ir status contained', ':as operator', '/ir status contained', ''].join('\n');
    const run = await runCli(['console'], { env: { DATA_DIR: dir }, input });
    expect(run.stdout).toContain('You are now console:bob.');
    expect(run.stdout).toMatch(/Only the commander \(console:operator\) changes the status/);
    const events = readFileSync(join(dir, incidentFiles(dir)[0]!), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(events.map((event) => event.type)).toEqual(['IncidentDeclared', 'RunbookStarted', 'WarRoomOpened', 'PermissionDenied', 'StatusChanged']);
    expect(events[3].actor.id).toBe('bob');
  });

  it('exports the evidence document as JSON and Markdown', async () => {
    const dir = freshDir();
    await runCli(['console'], { env: { DATA_DIR: dir }, input: SCRIPT });
    const id = incidentFiles(dir)[0]!.replace(/\.jsonl$/, '');
    const json = await runCli(['export', id, '--format', 'json'], { env: { DATA_DIR: dir } });
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc.incident).toMatchObject({ id, title: 'Exfiltration from stprod01', severity: 'High', status: 'declared', sentinel: null });
    expect(doc.events).toHaveLength(4);
    expect(doc).toMatchObject({ actions: [], clocks: [], verification: { intact: true, eventCount: 4, headHash: doc.events[3].hash } });
    const md = await runCli(['export', id, '--format', 'md'], { env: { DATA_DIR: dir } });
    expect(md.stdout).toMatch(/^# Incident /);
    expect(md.stdout).toContain('The hash chain is intact: 4 events');
  });

  it('refuses to start on a bad configuration, naming the variable', async () => {
    const run = await runCli(['console'], { env: { DATA_DIR: freshDir(), PORT: 'eighty', IC_STORE: 'postgres' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/PORT: must be a port number/);
    expect(run.stderr).toMatch(/IC_STORE: must be "file"/);
  });
});

describe('serve', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    if (server && server.child.exitCode === null) await server.stop('SIGKILL');
    server = undefined;
  });

  it('answers health, readiness and metrics with no configuration, and keeps serving when stdin closes', async () => {
    server = await startServer({ DATA_DIR: freshDir() });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('ic_http_requests_total');
    expect(metrics).toContain('ic_process_cpu_user_seconds_total');
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
  });

  it('with METRICS_TOKEN, answers /metrics only to that bearer token, and never logs the token', async () => {
    const token = 'metrics-token-7f3a9c2e4b1d';
    server = await startServer({ DATA_DIR: freshDir(), METRICS_TOKEN: token });
    for (const authorization of [undefined, 'Bearer wrong-token-000000000', `Basic ${token}`, `Bearer ${token}x`]) {
      const refused = await fetch(`${server.url}/metrics`, authorization ? { headers: { authorization } } : {});
      expect(refused.status, authorization).toBe(401);
    }
    const allowed = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('ic_http_requests_total');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(server.stdout() + server.stderr()).not.toContain(token);
  });

  it('accepts console commands on stdin beside the server', async () => {
    const dir = freshDir();
    server = await startServer({ DATA_DIR: dir }, { keepStdinOpen: true });
    server.child.stdin!.write('/ir declare DDoS on the front door --severity High\n');
    await expect.poll(() => server!.stdout(), { timeout: 10_000 }).toContain('DDoS on the front door');
    expect(incidentFiles(dir)).toHaveLength(1);
  });

  it('refuses a second process on the same DATA_DIR and says why', async () => {
    const dir = freshDir();
    server = await startServer({ DATA_DIR: dir });
    const second = await runCli(['console'], { env: { DATA_DIR: dir }, input: '/ir declare should not happen\n' });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/Refusing to start: .*in use by process \d+/);
    expect(second.stderr).toContain(dir);
    expect(incidentFiles(dir)).toEqual([]);
  });

  it('shuts down gracefully on SIGTERM, closing the store so the folder can be reused', async () => {
    const dir = freshDir();
    server = await startServer({ DATA_DIR: dir });
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.stderr()).toContain('"msg":"stopped"');
    const after = await runCli(['console'], { env: { DATA_DIR: dir }, input: '/ir declare reused folder\n' });
    expect(after.code).toBe(0);
    expect(incidentFiles(dir)).toHaveLength(1);
  });
});
