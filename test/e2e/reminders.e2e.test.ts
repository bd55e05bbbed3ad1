import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../adapters/config/app.config.ts';
import { buildApp, type App } from '../../adapters/main.ts';
import { MemoryStore } from '../../adapters/store/memory.store.ts';
import { ConsoleChat } from '../../adapters/console/console.adapter.ts';
import { IncidentService } from '../../src/app/incident.service.ts';
import { silentLogger } from '../../src/ports/logger.port.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { FakeContainment } from '../support/fake-containment.ts';
import { person, sequentialIds } from '../support/service-harness.ts';

const AWARE = '2026-11-20T09:15:00Z';
/** 71 hours 30 minutes after awareness: the T-1h reminder of the 72-hour clock fell due 30 minutes ago. */
const NOW = new Date(Date.parse(AWARE) + (71 * 60 + 30) * 60_000);

function configFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ic-rem-cfg-')), 'ic.yaml');
  writeFileSync(file, 'roles:\n  commander: [console:alice]\n  legal: [console:lena]\n');
  return file;
}

async function start(dataDir: string, clock: FakeClock, ic: string) {
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const env = { DATA_DIR: dataDir, IC_CONFIG: ic, IC_TICK_SECONDS: '15' };
  const app: App = await buildApp(loadConfig(env), { logger: silentLogger, stdout: output, env, clock, defaultMetrics: false, ids: sequentialIds() });
  return { app, printed: () => printed };
}

describe('countdown reminders', () => {
  it('sends the T-1h reminder to legal within two ticks, records it, and not again after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ic-rem-data-'));
    const ic = configFile();
    const clock = new FakeClock('2026-11-20T10:00:00Z');
    const first = await start(dataDir, clock, ic);
    const declared = await first.app.service.handle({ text: '/ir declare Customer data copied --severity High', actor: person('alice') });
    const id = declared.incidentId!;
    await first.app.service.handle({ text: `/ir breach --aware-at ${AWARE} --subjects 100 --jurisdictions EU`, actor: person('alice'), incidentId: id });
    clock.set(NOW);
    await first.app.scheduler.tick();
    clock.advance(15_000);
    await first.app.scheduler.tick();
    const sent = (await first.app.store.load(id)).filter((event) => event.type === 'ReminderSent');
    expect(sent).toMatchObject([{ data: { regime: 'gdpr-art33', offset: '-PT1H', late: true, recipients: ['console:lena', 'room:console:console'] } }]);
    expect(first.printed()).toContain('-> to console:lena:');
    await first.app.store.close();

    clock.advance(60_000);
    const second = await start(dataDir, clock, ic);
    await second.app.scheduler.tick();
    clock.advance(15_000);
    await second.app.scheduler.tick();
    expect((await second.app.store.load(id)).filter((event) => event.type === 'ReminderSent')).toHaveLength(1);
    expect(second.printed()).not.toContain('-> to console:lena:');
    clock.set('2026-11-23T09:15:00Z');
    await second.app.scheduler.tick();
    expect((await second.app.store.load(id)).filter((event) => event.type === 'ReminderSent').map((event) => event.data)).toMatchObject([{ offset: '-PT1H' }, { offset: 'PT0S', late: false }]);
    await second.app.store.close();
  });

  it('keeps reminding legal after the incident is closed, takes the notice, and then the incident is finished', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ic-rem-data-'));
    const ic = configFile();
    const clock = new FakeClock('2026-11-20T10:00:00Z');
    const run = await start(dataDir, clock, ic);
    const alice = person('alice');
    const id = (await run.app.service.handle({ text: '/ir declare Customer data copied --severity High', actor: alice })).incidentId!;
    await run.app.service.handle({ text: `/ir breach --aware-at ${AWARE} --jurisdictions EU`, actor: alice, incidentId: id });
    const closed = await run.app.service.handle({ text: '/ir close TruePositive contained and restored', actor: alice, incidentId: id });
    expect(closed.ok).toBe(true);
    expect(closed.views[0]?.summary).toContain('1 notification obligation stays open (gdpr-art33)');
    const status = await run.app.service.handle({ text: '/ir status', actor: alice, incidentId: id });
    expect(status.views[0]?.summary).toContain('closed, 1 notification obligation open');
    expect(JSON.stringify(status.views)).toContain('gdpr-art33');
    // The room still leads to the incident, and what is not an obligation is refused as closed.
    expect(await run.app.service.incidentForRoom('console', 'console')).toBe(id);
    const note = await run.app.service.handle({ text: '/ir note one more thing', actor: alice, incidentId: id });
    expect(note.error).toMatchObject({ code: 'incident.closed' });
    expect(note.error?.hint).toContain('gdpr-art33');

    clock.set(NOW);
    await run.app.scheduler.tick();
    const reminders = (await run.app.store.load(id)).filter((event) => event.type === 'ReminderSent');
    expect(reminders).toMatchObject([{ data: { regime: 'gdpr-art33', offset: '-PT1H' } }]);
    expect(run.printed()).toContain('-> to console:lena:');

    const notified = await run.app.service.handle({ text: '/ir notified gdpr-art33 DPC-2026-1142', actor: alice, incidentId: id });
    expect(notified.appended.map((event) => event.type)).toEqual(['AuthorityNotified', 'ObligationsMet']);
    expect(await run.app.store.listOpen()).toEqual([]);
    clock.set('2026-11-23T09:15:00Z');
    await run.app.scheduler.tick();
    expect((await run.app.store.load(id)).filter((event) => event.type === 'ReminderSent')).toHaveLength(1);
    expect(await run.app.service.incidentForRoom('console', 'console')).toBeUndefined();
    await run.app.store.close();
  });

  it('sends each reminder once when two schedulers share one store', async () => {
    const clock = new FakeClock('2026-11-20T10:00:00Z');
    const store = new MemoryStore({ clock });
    const make = () => new IncidentService({ store, clock, ids: sequentialIds(), pools: { commander: ['console:alice'], legal: ['console:lena'] }, chats: [new ConsoleChat(new PassThrough())], logger: silentLogger, containment: new FakeContainment(), runbooks: [] });
    const [one, two] = [make(), make()];
    const declared = await one.handle({ text: '/ir declare Customer data copied --severity High', actor: person('alice') });
    await one.handle({ text: `/ir breach --aware-at ${AWARE} --jurisdictions EU,UK`, actor: person('alice'), incidentId: declared.incidentId! });
    clock.set(NOW);
    const counts = await Promise.all([one.tick(), two.tick(), one.tick(), two.tick()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2);
    const sent = (await store.load(declared.incidentId!)).filter((event) => event.type === 'ReminderSent').map((event) => (event.data as { regime: string }).regime);
    expect(sent.sort()).toEqual(['gdpr-art33', 'uk-gdpr']);
  });
});
