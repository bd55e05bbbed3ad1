import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeDeadline } from '../../src/clocks/deadline.ts';
import { DEFAULT_CALENDARS, isBusinessDay } from '../../src/clocks/holidays.ts';
import type { Regime } from '../../src/clocks/regime.types.ts';
import { findRegime, SHIPPED_REGIMES } from '../../src/clocks/regimes.ts';
import { addDays, zonedDate, zonedParts, type LocalDate } from '../../src/clocks/zoned-time.ts';

function regime(id: string): Regime {
  const found = findRegime(SHIPPED_REGIMES, id);
  if (!found) throw new Error(`no regime ${id}`);
  return found;
}
const instants = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true });
const same = (a: LocalDate, b: LocalDate) => a.year === b.year && a.month === b.month && a.day === b.day;

describe('deadline properties over 2020-2040', () => {
  it('hours are exactly N x 3600 s of elapsed time', () => {
    fc.assert(fc.property(instants, (start) => computeDeadline(regime('gdpr-art33'), start).getTime() - start.getTime() === 72 * 3_600_000));
  });

  it('sec-8k: 17:30 New York on an EDGAR business day, with exactly 4 of them after the start day', () => {
    // EDGAR's calendar: the federal holidays plus the executive-order closures (2025-12-24 and 26).
    const edgar = DEFAULT_CALENDARS['us-sec-edgar'];
    fc.assert(
      fc.property(instants, (start) => {
        const deadline = computeDeadline(regime('sec-8k'), start);
        const local = zonedParts(deadline, 'America/New_York');
        expect([local.hour, local.minute]).toEqual([17, 30]);
        const end = zonedDate(deadline, 'America/New_York');
        expect(isBusinessDay(end, edgar)).toBe(true);
        let count = 0;
        for (let day = addDays(zonedDate(start, 'America/New_York'), 1); !same(day, addDays(end, 1)); day = addDays(day, 1)) {
          if (isBusinessDay(day, edgar)) count += 1;
        }
        expect(count).toBe(4);
      }),
      { numRuns: 300, examples: [[new Date('2025-12-22T15:00:00Z')]] },
    );
  });

  it('calendar days keep the local date + N and the local wall-clock time (a skipped time moves by the gap)', () => {
    fc.assert(
      fc.property(instants, (start) => {
        const zone = 'America/Los_Angeles';
        const deadline = computeDeadline(regime('us-ca'), start);
        const from = zonedParts(start, zone);
        const to = zonedParts(deadline, zone);
        expect(same(to, addDays(from, 30))).toBe(true);
        expect([to.minute, to.second]).toEqual([from.minute, from.second]);
        // Only a wall-clock time skipped by spring-forward (02:xx) moves, by the one-hour gap.
        expect(to.hour === from.hour || (from.hour === 2 && to.hour === 3)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
