import { describe, expect, it } from 'vitest';
import { applyDeadlineRule, computeDeadline, deadlineFor, describeRule } from '../../src/clocks/deadline.ts';
import { DEFAULT_CALENDARS, listedCalendar, US_FEDERAL_CALENDAR } from '../../src/clocks/holidays.ts';
import { DEADLINE_LABEL, type Regime } from '../../src/clocks/regime.types.ts';
import { findRegime, SHIPPED_REGIMES } from '../../src/clocks/regimes.ts';

function regime(id: string): Regime {
  const found = findRegime(SHIPPED_REGIMES, id);
  if (!found) throw new Error(`no regime ${id}`);
  return found;
}
const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();

describe('acceptance: the deadlines legal relies on', () => {
  it('gdpr-art33: aware 2026-11-20T09:15Z gives 2026-11-23T09:15Z, labelled computed, not legal advice', () => {
    const deadline = deadlineFor(regime('gdpr-art33'), { awareness: at('2026-11-20T09:15:00Z') });
    expect(iso(deadline?.at ?? at('1970-01-01'))).toBe('2026-11-23T09:15:00.000Z');
    expect(deadline?.label).toBe('computed, not legal advice');
    expect(deadline?.basis).toBe('72 hours from awareness');
  });

  it('sec-8k: determined the day before Thanksgiving 2026, due 2 December 17:30 New York time', () => {
    const deadline = computeDeadline(regime('sec-8k'), at('2026-11-25T15:00:00-05:00'));
    // Thu 26 Nov Thanksgiving skipped; Fri 27 (1), Mon 30 (2), Tue 1 Dec (3), Wed 2 Dec (4); 17:30 EST = 22:30Z.
    expect(iso(deadline)).toBe('2026-12-02T22:30:00.000Z');
  });
});

describe('hours are elapsed time', () => {
  it('72 h across the EU spring-forward night stay 72 real hours (local time moves by one hour)', () => {
    const start = at('2026-03-28T09:00:00Z'); // 10:00 CET in Berlin
    expect(iso(computeDeadline(regime('gdpr-art33'), start))).toBe('2026-03-31T09:00:00.000Z'); // 11:00 CEST
  });

  it('24 h across the US fall-back night', () => {
    expect(iso(computeDeadline(regime('nis2-early-warning'), at('2026-11-01T04:00:00Z')))).toBe('2026-11-02T04:00:00.000Z');
  });

  it('over a weekend and a holiday', () => {
    expect(iso(computeDeadline(regime('uk-gdpr'), at('2026-12-24T17:00:00Z')))).toBe('2026-12-27T17:00:00.000Z');
  });
});

describe('calendar days: local date + N at the same local time', () => {
  it('us-ca 30 days across the end of DST keeps 10:00 Los Angeles time (not start + 720 h)', () => {
    const start = at('2026-10-20T17:00:00Z'); // 10:00 PDT
    expect(iso(computeDeadline(regime('us-ca'), start))).toBe('2026-11-19T18:00:00.000Z'); // 10:00 PST
  });

  it('counts the date in the rule zone: 23:30 in New York is already the next day in UTC', () => {
    const start = at('2026-01-10T04:30:00Z'); // 9 Jan 23:30 EST
    expect(iso(computeDeadline(regime('us-ny'), start))).toBe('2026-02-09T04:30:00.000Z'); // 8 Feb 23:30 EST
  });

  it('hipaa: 60 calendar days on New York dates, keeping 07:00 New York time across the spring-forward', () => {
    expect(iso(computeDeadline(regime('hipaa'), at('2026-01-15T12:00:00Z')))).toBe('2026-03-16T11:00:00.000Z');
  });

  it('a wall-clock time skipped by DST on the last day moves forward by the gap', () => {
    const rule = { unit: 'calendarDays' as const, amount: 1, timeZone: 'America/New_York' };
    expect(iso(applyDeadlineRule(rule, at('2026-03-07T07:30:00Z')))).toBe('2026-03-08T07:30:00.000Z'); // 02:30 EST -> 03:30 EDT
  });

  it('a time of day puts the deadline at that hour on the last day', () => {
    const rule = { unit: 'calendarDays' as const, amount: 2, timeOfDay: { hour: 23, minute: 59, timeZone: 'Europe/Berlin' } };
    expect(iso(applyDeadlineRule(rule, at('2026-06-01T08:00:00Z')))).toBe('2026-06-03T21:59:00.000Z');
  });
});

describe('months: clamped to the end of the month', () => {
  it('nis2-final one month after 31 January 2026 is 28 February', () => {
    expect(iso(computeDeadline(regime('nis2-final'), at('2026-01-31T12:00:00Z')))).toBe('2026-02-28T12:00:00.000Z');
  });

  it('29 February in a leap year, and an ordinary month', () => {
    expect(iso(computeDeadline(regime('dora-final'), at('2028-01-31T08:00:00Z')))).toBe('2028-02-29T08:00:00.000Z');
    expect(iso(computeDeadline(regime('dora-final'), at('2026-03-15T08:00:00Z')))).toBe('2026-04-15T08:00:00.000Z');
  });
});

describe('business days: weekends and US federal holidays, incl. observed dates', () => {
  const sec = () => regime('sec-8k');

  it('skips a weekend: Thursday -> Wednesday 17:30 ET', () => {
    expect(iso(computeDeadline(sec(), at('2026-06-04T14:00:00Z')))).toBe('2026-06-10T21:30:00.000Z'); // EDT
  });

  it('skips Veterans Day on a Wednesday', () => {
    expect(iso(computeDeadline(sec(), at('2026-11-06T15:00:00Z')))).toBe('2026-11-13T22:30:00.000Z');
  });

  it('skips Christmas 2027 observed on Friday 24 December and New Year 2028 observed on Friday 31 December', () => {
    expect(iso(computeDeadline(sec(), at('2027-12-22T15:00:00Z')))).toBe('2027-12-29T22:30:00.000Z');
    expect(iso(computeDeadline(sec(), at('2027-12-28T15:00:00Z')))).toBe('2028-01-04T22:30:00.000Z');
  });

  it('skips Independence Day 2026 observed on Friday 3 July', () => {
    expect(iso(computeDeadline(sec(), at('2026-07-01T15:00:00Z')))).toBe('2026-07-08T21:30:00.000Z');
  });

  it('a determination on a Saturday counts from Monday', () => {
    expect(iso(computeDeadline(sec(), at('2026-06-06T15:00:00Z')))).toBe('2026-06-11T21:30:00.000Z');
  });

  it('the New York date decides: 21:00 ET on Friday is Saturday in UTC but counts from Friday', () => {
    expect(iso(computeDeadline(sec(), at('2026-06-06T01:00:00Z')))).toBe('2026-06-11T21:30:00.000Z');
    expect(iso(computeDeadline(sec(), at('2026-06-05T15:00:00Z')))).toBe('2026-06-11T21:30:00.000Z');
  });

  it('without a calendar only weekends are skipped; a config calendar adds its dates', () => {
    const rule = { unit: 'businessDays' as const, amount: 1 };
    expect(iso(applyDeadlineRule(rule, at('2026-11-25T12:00:00Z')))).toBe('2026-11-26T12:00:00.000Z');
    const calendars = { ...DEFAULT_CALENDARS, acme: listedCalendar('acme', 'Acme', ['2026-11-27'], US_FEDERAL_CALENDAR) };
    expect(iso(applyDeadlineRule({ ...rule, calendar: 'acme' }, at('2026-11-25T12:00:00Z'), calendars))).toBe('2026-11-30T12:00:00.000Z');
  });

  it('an unknown calendar is a wiring bug and throws with the fix', () => {
    expect(() => applyDeadlineRule({ unit: 'businessDays', amount: 1, calendar: 'nope' }, at('2026-11-25T12:00:00Z'))).toThrow(/regimes.calendars/);
  });

  it('us-vt-ag-preliminary: 14 business days on Vermont\'s calendar (Veterans Day and Thanksgiving are holidays there too)', () => {
    // From Mon 9 Nov 2026: Veterans Day and Thanksgiving skipped.
    expect(iso(computeDeadline(regime('us-vt-ag-preliminary'), at('2026-11-09T15:00:00Z')))).toBe('2026-12-01T15:00:00.000Z');
  });
});

describe('immediate and chained', () => {
  it('pci-visa is due at the discovery itself', () => {
    expect(iso(computeDeadline(regime('pci-visa'), at('2026-05-05T05:05:05Z')))).toBe('2026-05-05T05:05:05.000Z');
  });

  it('a chained regime counts from the parent notice', () => {
    const deadline = deadlineFor(regime('dora-intermediate'), { parentNotifiedAt: at('2026-03-01T10:00:00Z') });
    expect(deadline).toMatchObject({ startedFrom: 'dora-initial notified', basis: '72 hours from dora-initial notified' });
    expect(iso(deadline?.at ?? at('1970-01-01'))).toBe('2026-03-04T10:00:00.000Z');
    expect(deadlineFor(regime('dora-intermediate'), { awareness: at('2026-03-01T10:00:00Z') })).toBeUndefined();
  });
});

describe('dora-initial: 4 h from classification, no later than 24 h from awareness', () => {
  const dora = () => regime('dora-initial');
  const aware = at('2026-03-01T00:00:00Z');

  it('classified early: 4 h from classification', () => {
    const deadline = deadlineFor(dora(), { awareness: aware, classification: at('2026-03-01T06:00:00Z') });
    expect(iso(deadline?.at ?? aware)).toBe('2026-03-01T10:00:00.000Z');
  });

  it('classified at 22 h: the 24 h bound from awareness is earlier and wins', () => {
    const deadline = deadlineFor(dora(), { awareness: aware, classification: at('2026-03-01T22:00:00Z') });
    expect(iso(deadline?.at ?? aware)).toBe('2026-03-02T00:00:00.000Z');
    expect(deadline?.basis).toMatch(/24 hours from awareness \(earlier than 4 hours from classification\)/);
  });

  it('classified after the 24 h bound expired: 4 h from classification', () => {
    const deadline = deadlineFor(dora(), { awareness: aware, classification: at('2026-03-03T09:00:00Z') });
    expect(iso(deadline?.at ?? aware)).toBe('2026-03-03T13:00:00.000Z');
  });

  it('only one start known: that rule alone; none known: no deadline', () => {
    expect(iso(deadlineFor(dora(), { awareness: aware })?.at ?? aware)).toBe('2026-03-02T00:00:00.000Z');
    expect(iso(deadlineFor(dora(), { classification: aware })?.at ?? aware)).toBe('2026-03-01T04:00:00.000Z');
    expect(deadlineFor(dora(), {})).toBeUndefined();
  });
});

describe('every shipped regime computes a labelled deadline after its start', () => {
  it.each(SHIPPED_REGIMES.map((entry) => [entry.id, entry]))('%s', (_id, entry) => {
    const start = at('2026-11-25T20:00:00Z');
    const deadline = deadlineFor(entry, { awareness: start, materiality: start, classification: start, discovery: start, parentNotifiedAt: start });
    expect(deadline?.label).toBe(DEADLINE_LABEL);
    expect(deadline?.at.getTime()).toBeGreaterThanOrEqual(start.getTime());
    expect(describeRule(entry.deadline)).not.toBe('');
  });
});
