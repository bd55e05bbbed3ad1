import { describe, expect, it } from 'vitest';
import { exportIncident, exportMarkdown } from '../../src/app/evidence.ts';
import type { IncidentEvent } from '../../src/domain/event.types.ts';
import { person, serviceHarness } from '../support/service-harness.ts';

/**
 * Laws with no fixed limit ("as soon as possible", "without unreasonable delay") record an obligation instead of an
 * invented deadline: open, reminded every 24 hours from the start through the real service and its fake clock, never
 * overdue, stopped by the notice. Switzerland's nFADP Art. 24 and Illinois's 815 ILCS 530/10.
 */

const alice = person('alice');
const lena = person('lena');
const pools = { commander: ['console:alice'], legal: ['console:lena'] };
const textOf = (reply: { views: unknown }) => JSON.stringify(reply.views);

async function swissBreach() {
  const h = serviceHarness(pools);
  h.clock.set('2026-12-07T09:00:00Z');
  await h.run(alice, '/ir declare Customer data copied --severity High');
  await h.run(alice, '/ir assign legal lena');
  const reply = await h.run(lena, '/ir breach --aware-at 2026-12-07T08:00:00Z --subjects 40 --jurisdictions CH,US-IL');
  return { h, reply };
}

const reminders = async (h: Awaited<ReturnType<typeof swissBreach>>['h']) =>
  (await h.store.load(h.incident()!)).filter((event): event is IncidentEvent<'ReminderSent'> => event.type === 'ReminderSent');

describe('obligations without a fixed deadline', () => {
  it('the breach reply names them as obligations without a deadline, not as clocks with one', async () => {
    const { reply } = await swissBreach();
    expect(reply.appended).toMatchObject([
      { type: 'BreachAssessed' },
      { type: 'ClockStarted', data: { regime: 'us-il', noFixedDeadline: true } },
      { type: 'ClockStarted', data: { regime: 'ch-nfadp', noFixedDeadline: true } },
    ]);
    expect(textOf(reply)).toContain('ch-nfadp: no fixed deadline, notify without undue delay');
    expect(textOf(reply)).not.toContain('ch-nfadp: deadline');
  });

  it('status reads "open for ..." days later, never overdue; the export has no deadline for it', async () => {
    const { h } = await swissBreach();
    h.clock.set('2026-12-10T10:00:00Z');
    const status = textOf(await h.run(lena, '/ir status'));
    expect(status).toContain('open for 3d 2h: notify without undue delay');
    expect(status).not.toMatch(/overdue/);
    const doc = await exportIncident(h.store, h.incident()!, h.clock.now());
    expect(doc?.clocks.find((clock) => clock.regime === 'ch-nfadp')).toMatchObject({ deadline: null, state: 'open', notifiedAt: null });
    expect(exportMarkdown(doc!)).toContain('| ch-nfadp | 2026-12-07T08:00:00.000Z | none fixed: without undue delay |');
  });

  it('is reminded every 24 hours from its start, once each, and the reminders stop at the notice', async () => {
    const { h } = await swissBreach();
    h.clock.set('2026-12-08T07:59:00Z');
    expect(await h.service.tick()).toBe(0);
    h.clock.set('2026-12-08T08:00:05Z');
    expect(await h.service.tick()).toBe(2);
    expect(await h.service.tick()).toBe(0);
    expect((await reminders(h)).map((event) => [event.data.regime, event.data.offset, event.data.dueAt])).toEqual([
      ['ch-nfadp', 'PT24H', '2026-12-08T08:00:00.000Z'],
      ['us-il', 'PT24H', '2026-12-08T08:00:00.000Z'],
    ]);
    h.clock.set('2026-12-08T12:05:00Z');
    const notified = await h.run(lena, '/ir notified ch-nfadp FDPIC-2026-88 --at 2026-12-08T12:00:00Z');
    expect(notified.appended).toMatchObject([{ type: 'AuthorityNotified', data: { regime: 'ch-nfadp', late: false } }]);
    h.clock.set('2026-12-09T08:00:05Z');
    expect(await h.service.tick()).toBe(1);
    expect((await reminders(h)).at(-1)?.data).toMatchObject({ regime: 'us-il', offset: 'PT48H' });
    const doc = await exportIncident(h.store, h.incident()!, h.clock.now());
    expect(doc?.clocks.find((clock) => clock.regime === 'ch-nfadp')).toMatchObject({ state: 'notified', reference: 'FDPIC-2026-88' });
  });

  it('the draft states no deadline for it, and its reminder is not called overdue', async () => {
    const { h } = await swissBreach();
    await h.run(lena, '/ir draft regulator ch-nfadp');
    const draft = JSON.stringify(h.lastNotice(lena));
    expect(draft).toContain('none fixed: notify without undue delay');
    expect(draft).not.toContain('after the deadline');
    h.clock.set('2026-12-08T08:00:05Z');
    await h.service.tick();
    const sent = h.printed();
    expect(sent).toContain('open +24h: ch-nfadp');
    expect(sent).not.toMatch(/overdue \+/);
  });

  it('the breach register entry documents every decision: the notice sent, the one not required with its reasons, the one open', async () => {
    const { h } = await swissBreach();
    h.clock.set('2026-12-08T12:05:00Z');
    await h.run(lena, '/ir notified ch-nfadp FDPIC-2026-88 --at 2026-12-08T12:00:00Z');
    await h.run(lena, '/ir not-required us-il --reason the 40 people are all Swiss residents; none in Illinois');
    await h.run(lena, '/ir draft register');
    const open = JSON.stringify(h.lastNotice(lena));
    expect(open).toContain('Breach register entry (GDPR Art. 33(5))');
    expect(open).toContain('**ch-nfadp:** notified 2026-12-08T12:00:00Z, reference FDPIC-2026-88');
    expect(open).toContain('**us-il:** not required, awaiting a second person');
    await h.run(alice, '/ir not-required us-il --confirm');
    const register = await h.run(lena, '/ir draft register');
    expect(JSON.stringify(h.lastNotice(lena))).toContain('**us-il:** not required: the 40 people are all Swiss residents; none in Illinois. Decided by console:lena');
    expect(JSON.stringify(h.lastNotice(lena))).toContain('confirmed by console:alice');
    expect(register.appended).toMatchObject([{ type: 'DraftGenerated', data: { kind: 'register' } }]);
    const refused = await h.run(lena, '/ir draft register gdpr-art33');
    expect(refused.appended).toEqual([]);
    expect(JSON.stringify(refused.error)).toContain('/ir draft register');
  });
});
