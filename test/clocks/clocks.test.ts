import { describe, expect, it } from 'vitest';
import { clockStatus, phaseAt, recordNotified, startableChained, startClock } from '../../src/clocks/clocks.ts';
import type { Regime } from '../../src/clocks/regime.types.ts';
import { findRegime, SHIPPED_REGIMES } from '../../src/clocks/regimes.ts';

function regime(id: string): Regime {
  const found = findRegime(SHIPPED_REGIMES, id);
  if (!found) throw new Error(`no regime ${id}`);
  return found;
}
const HOUR = 3_600_000;
const aware = new Date('2026-11-20T09:15:00Z');
const later = (hours: number) => new Date(aware.getTime() + hours * HOUR);
const who = { by: 'slack:ULEGAL', reason: 'breach assessed; aware-at confirmed' };

function gdprClock() {
  const clock = startClock(regime('gdpr-art33'), { awareness: aware }, who, later(1));
  if (!clock) throw new Error('not started');
  return clock;
}

describe('a clock from a confirmed start', () => {
  it('records the start, who confirmed it, the deadline, its basis and the label', () => {
    expect(gdprClock()).toEqual({
      regime: 'gdpr-art33',
      startedAt: aware,
      startedFrom: 'awareness',
      startedBy: 'slack:ULEGAL',
      startReason: 'breach assessed; aware-at confirmed',
      // The confirmed triggers it counts from, so that one recorded later can recompute it.
      triggers: { awareness: aware },
      deadline: new Date('2026-11-23T09:15:00Z'),
      deadlineBasis: '72 hours from awareness',
      deadlineLabel: 'computed, not legal advice',
      state: 'running',
    });
  });

  it('does not start without its trigger (SEC before the materiality determination)', () => {
    expect(startClock(regime('sec-8k'), { awareness: aware }, who, aware)).toBeUndefined();
  });

  it('starts already overdue when the confirmed awareness is long past', () => {
    expect(startClock(regime('nis2-early-warning'), { awareness: aware }, who, later(30))?.state).toBe('overdue');
  });
});

describe('clockStatus: time left, overdue by, notified', () => {
  it('counts down and labels the deadline', () => {
    const status = clockStatus(gdprClock(), later(24));
    expect(status).toMatchObject({ state: 'running', msLeft: 48 * HOUR, msOverdue: 0 });
    expect(status.summary).toBe('gdpr-art33: 2d left (deadline 2026-11-23T09:15:00.000Z, computed, not legal advice)');
  });

  it('the deadline instant itself is still on time', () => {
    expect(phaseAt(gdprClock(), later(72))).toBe('running');
    expect(clockStatus(gdprClock(), new Date(later(72).getTime() + 1)).state).toBe('overdue');
  });

  it('overdue by', () => {
    const status = clockStatus(gdprClock(), later(75.5));
    expect(status).toMatchObject({ state: 'overdue', msLeft: 0, msOverdue: 3.5 * HOUR });
    expect(status.summary).toMatch(/^gdpr-art33: overdue by 3h 30m/);
  });

  it('notified on time stops the clock, whatever the time', () => {
    const notified = recordNotified(gdprClock(), { at: later(70), by: 'slack:ULEGAL', reference: 'CNIL-2026-0042' });
    expect(notified).toMatchObject({ state: 'notified', notifiedBy: 'slack:ULEGAL', reference: 'CNIL-2026-0042' });
    expect(clockStatus(notified, later(200))).toMatchObject({ state: 'notified', msLeft: 0, msOverdue: 0 });
    expect(clockStatus(notified, later(200)).summary).toMatch(/notified 2h before the deadline/);
  });

  it('notified late is kept apart, with the delay', () => {
    const late = recordNotified(gdprClock(), { at: later(80), by: 'slack:ULEGAL' });
    expect(clockStatus(late, later(81))).toMatchObject({ state: 'notified-late', msOverdue: 8 * HOUR });
    expect(recordNotified(late, { at: later(90), by: 'slack:UOTHER' }).notifiedAt).toEqual(later(80));
  });
});

describe('startableChained', () => {
  it('offers nis2-final once nis2-notification is notified, one month later', () => {
    const notification = startClock(regime('nis2-notification'), { awareness: aware }, who, aware);
    if (!notification) throw new Error('not started');
    expect(startableChained([notification])).toEqual([]);
    const notified = recordNotified(notification, { at: later(60), by: 'teams:legal-1', reference: 'BSI-77' });
    const [chained] = startableChained([notified]);
    expect(chained).toEqual({ regime: 'nis2-final', after: 'nis2-notification', startAt: later(60), startedBy: 'teams:legal-1', reason: `nis2-notification notified at ${later(60).toISOString()} (reference BSI-77)` });
    const final = chained && startClock(regime(chained.regime), { parentNotifiedAt: chained.startAt }, { by: chained.startedBy, reason: chained.reason }, later(60));
    expect(final?.deadline.toISOString()).toBe('2026-12-22T21:15:00.000Z');
  });

  it('walks the DORA chain one link at a time and never offers a started clock twice', () => {
    const initial = startClock(regime('dora-initial'), { awareness: aware, classification: later(2) }, who, later(2));
    if (!initial) throw new Error('not started');
    const sent = recordNotified(initial, { at: later(5), by: 'slack:ULEGAL' });
    expect(startableChained([sent]).map((start) => start.regime)).toEqual(['dora-intermediate']);
    const intermediate = startClock(regime('dora-intermediate'), { parentNotifiedAt: later(5) }, who, later(5));
    if (!intermediate) throw new Error('not started');
    expect(intermediate.deadline).toEqual(later(77));
    expect(startableChained([sent, intermediate])).toEqual([]);
    expect(startableChained([sent, recordNotified(intermediate, { at: later(70), by: 'slack:ULEGAL' })]).map((start) => start.regime)).toEqual(['dora-final']);
  });
});
