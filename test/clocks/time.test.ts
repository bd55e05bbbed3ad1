import { describe, expect, it } from 'vitest';
import { describeSpan, formatIsoDuration, parseIsoDuration } from '../../src/clocks/duration.ts';
import { US_FEDERAL_CALENDAR, isBusinessDay, listedCalendar, nthWeekday, usFederalHolidays } from '../../src/clocks/holidays.ts';
import { addMonths, isValidTimeZone, parseIsoDate, toInstant, zonedParts } from '../../src/clocks/zoned-time.ts';

const HOUR = 3_600_000;

describe('ISO-8601 reminder offsets', () => {
  it.each([
    ['-PT48H', -48 * HOUR],
    ['-P2D', -48 * HOUR],
    ['PT0S', 0],
    ['-PT0S', 0],
    ['PT6H', 6 * HOUR],
    ['-PT1H30M', -1.5 * HOUR],
    ['P1W', 7 * 24 * HOUR],
    ['PT0.5S', 500],
  ])('%s is %d ms', (text, ms) => {
    expect(parseIsoDuration(text)).toBe(ms);
  });

  it.each(['', 'P', 'PT', '-P1M', 'P1Y', '48h', 'PT-1H', 'PT1H ago'])('rejects %j (no months or years: an offset is elapsed time)', (text) => {
    expect(parseIsoDuration(text)).toBeUndefined();
  });

  it('spells every offset one canonical way, so -P2D and -PT48H share a claim key', () => {
    expect(formatIsoDuration(parseIsoDuration('-P2D') ?? NaN)).toBe('-PT48H');
    expect(formatIsoDuration(0)).toBe('PT0S');
    expect(formatIsoDuration(-5_400_000)).toBe('-PT1H30M');
    expect(formatIsoDuration(12 * HOUR)).toBe('PT12H');
  });

  it('describes spans for chat', () => {
    expect(describeSpan(72 * HOUR)).toBe('3d');
    expect(describeSpan(47 * HOUR + 59 * 60_000)).toBe('47h 59m');
    expect(describeSpan(5 * 60_000)).toBe('5m');
    expect(describeSpan(20_000)).toBe('under a minute');
  });
});

describe('wall-clock time in IANA zones (Intl only)', () => {
  it('reads local parts', () => {
    expect(zonedParts(new Date('2026-11-25T20:00:00Z'), 'America/New_York')).toMatchObject({ year: 2026, month: 11, day: 25, hour: 15, minute: 0 });
  });

  it('moves a skipped local time forward by the DST gap (New York, 8 March 2026)', () => {
    const instant = toInstant({ year: 2026, month: 3, day: 8, hour: 2, minute: 30, second: 0, millisecond: 0 }, 'America/New_York');
    expect(instant.toISOString()).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
  });

  it('takes the earlier instant of a repeated local time (New York, 1 November 2026)', () => {
    const instant = toInstant({ year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0, millisecond: 0 }, 'America/New_York');
    expect(instant.toISOString()).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT, not EST
  });

  it('clamps month arithmetic to the end of the month', () => {
    expect(addMonths({ year: 2026, month: 1, day: 31 }, 1)).toEqual({ year: 2026, month: 2, day: 28 });
    expect(addMonths({ year: 2028, month: 1, day: 31 }, 1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addMonths({ year: 2026, month: 12, day: 15 }, 1)).toEqual({ year: 2027, month: 1, day: 15 });
  });

  it('validates dates and zones', () => {
    expect(parseIsoDate('2026-02-30')).toBeUndefined();
    expect(parseIsoDate('2026-02-28')).toEqual({ year: 2026, month: 2, day: 28 });
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe('US federal holidays, computed by rule', () => {
  it('lists 2026 as OPM publishes it, Independence Day observed on Friday 3 July', () => {
    expect(usFederalHolidays(2026).map((holiday) => holiday.date)).toEqual([
      '2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-03', '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25',
    ]);
    expect(usFederalHolidays(2026).find((holiday) => holiday.date === '2026-07-03')?.name).toBe('Independence Day (observed)');
  });

  it('observes a Saturday New Year on the Friday before, in the previous year', () => {
    expect(usFederalHolidays(2021).map((holiday) => holiday.date)).toContain('2021-12-31');
    expect(usFederalHolidays(2022).map((holiday) => holiday.date)).not.toContain('2022-01-01');
    expect(usFederalHolidays(2022)).toHaveLength(10); // its New Year's Day was observed in 2021
  });

  it('observes Sunday holidays on Monday and Saturday ones on Friday', () => {
    expect(usFederalHolidays(2023).map((holiday) => holiday.date)).toContain('2023-01-02');
    expect(usFederalHolidays(2027).map((holiday) => holiday.date)).toEqual(expect.arrayContaining(['2027-06-18', '2027-07-05', '2027-12-24', '2027-12-31']));
    expect(usFederalHolidays(2028).map((holiday) => holiday.date)).toContain('2028-11-10');
  });

  it('has no Juneteenth before 2021', () => {
    expect(usFederalHolidays(2020).some((holiday) => holiday.name.startsWith('Juneteenth'))).toBe(false);
  });

  it('finds nth and last weekdays', () => {
    expect(nthWeekday(2026, 11, 4, 4)).toEqual({ year: 2026, month: 11, day: 26 });
    expect(nthWeekday(2026, 5, 1, -1)).toEqual({ year: 2026, month: 5, day: 25 });
    expect(nthWeekday(2027, 5, 1, -1)).toEqual({ year: 2027, month: 5, day: 31 });
  });

  it('knows business days', () => {
    expect(isBusinessDay({ year: 2026, month: 11, day: 26 }, US_FEDERAL_CALENDAR)).toBe(false);
    expect(isBusinessDay({ year: 2026, month: 11, day: 28 })).toBe(false);
    expect(isBusinessDay({ year: 2026, month: 11, day: 27 }, US_FEDERAL_CALENDAR)).toBe(true);
    const vermont = listedCalendar('us-vt', 'Vermont', ['2027-03-02'], US_FEDERAL_CALENDAR);
    expect(isBusinessDay({ year: 2027, month: 3, day: 2 }, vermont)).toBe(false);
    expect(isBusinessDay({ year: 2026, month: 11, day: 26 }, vermont)).toBe(false);
  });
});

describe('wall-clock time east of UTC', () => {
  it('Berlin: the skipped 02:30 on 29 March 2026 becomes 03:30 CEST; the repeated 02:30 on 25 October takes CEST', () => {
    expect(toInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0, millisecond: 0 }, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(toInstant({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0, millisecond: 0 }, 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(toInstant({ year: 2026, month: 7, day: 1, hour: 12, minute: 0, second: 0, millisecond: 0 }, 'Asia/Kolkata').toISOString()).toBe('2026-07-01T06:30:00.000Z');
  });
});
