import { describe, expect, it } from 'vitest';
import type { ClockState } from '../../src/clocks/clock.types.ts';
import { recordNotified, startClock } from '../../src/clocks/clocks.ts';
import { dueReminders, nextReminderAt, reminderClaimKey, type SentReminder } from '../../src/clocks/reminders.ts';
import type { Regime } from '../../src/clocks/regime.types.ts';
import { findRegime, SHIPPED_REGIMES } from '../../src/clocks/regimes.ts';

const HOUR = 3_600_000;
const aware = new Date('2026-11-20T09:15:00Z');
const after = (hours: number) => new Date(aware.getTime() + hours * HOUR);
const who = { by: 'console:alice', reason: 'test' };
const options = { incidentId: 'INC-7' };

function regime(id: string): Regime {
  const found = findRegime(SHIPPED_REGIMES, id);
  if (!found) throw new Error(`no regime ${id}`);
  return found;
}
function clock(id: string, starts = { awareness: aware, discovery: aware, classification: aware }): ClockState {
  const started = startClock(regime(id), starts, who, aware);
  if (!started) throw new Error('not started');
  return started;
}
const due = (clocks: ClockState[], sent: SentReminder[], now: Date, tolerance?: number) =>
  dueReminders(clocks, sent, now, SHIPPED_REGIMES, tolerance === undefined ? options : { ...options, toleranceMs: tolerance });

describe('dueReminders for a 72 h GDPR clock', () => {
  const gdpr = () => clock('gdpr-art33');

  it('nothing before T-48h', () => {
    expect(due([gdpr()], [], after(23.9))).toEqual([]);
  });

  it('T-48h at 24 h, on time, with its claim key', () => {
    expect(due([gdpr()], [], after(24))).toEqual([
      { regime: 'gdpr-art33', offset: '-PT48H', dueAt: after(24), late: false, pastDeadline: false, claimKey: 'reminder:INC-7:gdpr-art33:-PT48H' },
    ]);
  });

  it('T-1h is due at 71 h and not late within the tolerance; late past it', () => {
    const sent = ['-PT48H', '-PT24H', '-PT12H', '-PT6H', '-PT2H'].map((offset) => ({ regime: 'gdpr-art33', offset }));
    expect(due([gdpr()], sent, after(71))).toMatchObject([{ offset: '-PT1H', late: false }]);
    expect(due([gdpr()], sent, new Date(after(71).getTime() + 30_000))).toMatchObject([{ offset: '-PT1H', late: false }]);
    expect(due([gdpr()], sent, new Date(after(71).getTime() + 30_001))).toMatchObject([{ offset: '-PT1H', late: true }]);
    // At 71h30m the T-1h reminder is half an hour old: not late with a 45-minute tolerance, late with the default.
    expect(due([gdpr()], sent, after(71.5), 45 * 60_000)).toMatchObject([{ offset: '-PT1H', late: false }]);
    expect(due([gdpr()], sent, after(71.5))).toMatchObject([{ offset: '-PT1H', late: true }]);
  });

  it('after a restart sends only the latest missed reminder, marked late', () => {
    const sent = [{ regime: 'gdpr-art33', offset: '-PT48H' }];
    const reminders = due([gdpr()], sent, after(70.5)); // -PT24H, -PT12H, -PT6H and -PT2H were missed
    expect(reminders).toEqual([
      { regime: 'gdpr-art33', offset: '-PT2H', dueAt: after(70), late: true, pastDeadline: false, claimKey: 'reminder:INC-7:gdpr-art33:-PT2H' },
    ]);
  });

  it('never twice: a sent offset is not due again, and older missed ones stay skipped', () => {
    const sent = [{ regime: 'gdpr-art33', offset: '-PT2H' }];
    expect(due([gdpr()], sent, after(70.5))).toEqual([]);
    expect(due([gdpr()], sent, after(70.99))).toEqual([]);
    expect(due([gdpr()], [...sent, { regime: 'gdpr-art33', offset: '-PT1H' }], after(71.5))).toEqual([]);
  });

  it('any spelling of a sent offset counts: -P2D is -PT48H', () => {
    expect(due([gdpr()], [{ regime: 'gdpr-art33', offset: '-P2D' }], after(30))).toEqual([]);
  });

  it('at the deadline, then every 6 h overdue', () => {
    expect(due([gdpr()], [], after(72))).toMatchObject([{ offset: 'PT0S', late: false, pastDeadline: false }]);
    expect(due([gdpr()], [{ regime: 'gdpr-art33', offset: 'PT0S' }], after(77.9))).toEqual([]);
    expect(due([gdpr()], [{ regime: 'gdpr-art33', offset: 'PT0S' }], after(78))).toMatchObject([{ offset: 'PT6H', late: false, pastDeadline: true, claimKey: 'reminder:INC-7:gdpr-art33:PT6H' }]);
    expect(due([gdpr()], [{ regime: 'gdpr-art33', offset: 'PT6H' }], after(85))).toMatchObject([{ offset: 'PT12H', dueAt: after(84), late: true }]);
    expect(due([gdpr()], [], after(72 + 24 * 7))).toMatchObject([{ offset: 'PT168H' }]);
  });

  it('a notified clock gets nothing, even overdue', () => {
    const notified = recordNotified(gdpr(), { at: after(50), by: 'console:legal' });
    expect(due([notified], [], after(71))).toEqual([]);
    expect(due([recordNotified(gdpr(), { at: after(90), by: 'console:legal' })], [], after(100))).toEqual([]);
  });
});

describe('dueReminders across clocks and regimes', () => {
  it('one latest reminder per clock, sorted by due time', () => {
    const reminders = due([clock('gdpr-art33'), clock('nis2-early-warning')], [], after(23.5));
    expect(reminders.map((reminder) => `${reminder.regime} ${reminder.offset}`)).toEqual(['nis2-early-warning -PT1H']);
    const later = due([clock('gdpr-art33'), clock('nis2-early-warning')], [], after(24));
    expect(later.map((reminder) => `${reminder.regime} ${reminder.offset}`)).toEqual(['gdpr-art33 -PT48H', 'nis2-early-warning PT0S']);
  });

  it('skips offsets before the clock started: a 4 h DORA clock first pings at T-2h', () => {
    const dora = clock('dora-initial');
    expect(due([dora], [], after(1))).toEqual([]);
    expect(due([dora], [], after(2))).toMatchObject([{ regime: 'dora-initial', offset: '-PT2H', late: false }]);
  });

  it('an immediate regime pings at its start', () => {
    expect(due([clock('pci-visa')], [], aware)).toMatchObject([{ regime: 'pci-visa', offset: 'PT0S', late: false }]);
  });

  it('uses the regime offsets from config, and the defaults for a regime no longer configured', () => {
    const custom: Regime = { ...regime('gdpr-art33'), reminderOffsets: ['-PT30M'], overdueEvery: 'PT1H' };
    const gdpr = clock('gdpr-art33');
    expect(dueReminders([gdpr], [], after(71.5), [custom], options)).toMatchObject([{ offset: '-PT30M', late: false }]);
    expect(dueReminders([gdpr], [], after(74), [custom], options)).toMatchObject([{ offset: 'PT2H' }]);
    expect(dueReminders([gdpr], [], after(71), [], options)).toMatchObject([{ offset: '-PT1H' }]);
  });

  it('claim keys name incident, regime and offset', () => {
    expect(reminderClaimKey('INC-7', 'us-ca', 'PT6H')).toBe('reminder:INC-7:us-ca:PT6H');
  });

  it('nextReminderAt tells when the next ping is due', () => {
    const gdpr = clock('gdpr-art33');
    expect(nextReminderAt(gdpr, regime('gdpr-art33'), after(1))).toEqual(after(24));
    expect(nextReminderAt(gdpr, regime('gdpr-art33'), after(71.5))).toEqual(after(72));
    expect(nextReminderAt(gdpr, regime('gdpr-art33'), after(73))).toEqual(after(78));
    expect(nextReminderAt(recordNotified(gdpr, { at: after(2), by: 'x' }), regime('gdpr-art33'), after(3))).toBeUndefined();
  });
});
