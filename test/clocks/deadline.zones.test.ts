import { describe, expect, it } from 'vitest';
import { deadlineFor, type StartTimes } from '../../src/clocks/deadline.ts';
import { withLegalTimeZone } from '../../src/clocks/regime.config.ts';
import type { Regime } from '../../src/clocks/regime.types.ts';
import { findRegime, SHIPPED_REGIMES } from '../../src/clocks/regimes.ts';
import { statedOffset } from '../../src/commands/clock.grammar.ts';

/**
 * Day and month counts run on the calendar of a named zone, never on UTC dates (issue: "Zones"). One row per rule
 * and edge; each says where the rule comes from and why the expected instant is the right one. All deadlines are
 * computed, not legal advice.
 */

interface Row {
  rule: string;
  source: string;
  regime: string;
  /** The legal contact's zone (`contacts.legalTimeZone`); UTC when absent. */
  legalZone?: string;
  starts: StartTimes;
  expected: string;
  why: string;
  basis?: RegExp;
}

const at = (iso: string) => new Date(iso);

const ROWS: Row[] = [
  {
    rule: 'HIPAA 60 days counted on New York dates, across the US spring-forward',
    source: '45 CFR 164.404(b): no later than 60 calendar days after discovery',
    regime: 'hipaa',
    starts: { discovery: at('2026-01-15T23:30:00-05:00') },
    expected: '2026-03-17T03:30:00.000Z',
    why:
      '15 Jan + 60 days = 16 Mar, 23:30 EDT. Counted on UTC dates it was 17 Mar 04:30Z, half an hour into the ' +
      'day after the last in New York.',
  },
  {
    rule: 'Arizona 45 days on the Navajo Nation calendar (keeps DST, its day ends first in summer)',
    source: 'A.R.S. 18-552(B): 45 days after determination; regulatory.md section 5',
    regime: 'us-az',
    starts: { discovery: at('2026-02-20T23:30:00-07:00') },
    expected: '2026-04-07T05:30:00.000Z',
    why: '20 Feb + 45 days = 6 Apr, 23:30 MDT (05:30Z); on Phoenix time (no DST) it would be 06:30Z, an hour later.',
  },
  {
    rule: 'NIS2 final report: one month on the Berlin date of the notification, not the UTC date',
    source: 'NIS2 Art. 23(4)(d): no later than one month after the incident notification',
    regime: 'nis2-final',
    legalZone: 'Europe/Berlin',
    starts: { parentNotifiedAt: at('2026-01-31T00:30:00+01:00') },
    expected: '2026-02-27T23:30:00.000Z',
    why: 'Notified 31 Jan 00:30 in Berlin (30 Jan 23:30Z). 31 Jan + 1 month clamps to 28 Feb, 00:30 CET.',
    basis: /dates in Europe\/Berlin/,
  },
  {
    rule: 'the same notification counted without a legal zone runs on UTC dates (the zone matters)',
    source: 'NIS2 Art. 23(4)(d)',
    regime: 'nis2-final',
    starts: { parentNotifiedAt: at('2026-01-31T00:30:00+01:00') },
    expected: '2026-02-28T23:30:00.000Z',
    why: '30 Jan 23:30Z + 1 month = 28 Feb 23:30Z: a day later than the Berlin count.',
  },
  {
    rule: 'DORA final report: one month after the intermediate report, on the legal contact dates',
    source: 'RTS (EU) 2025/301 Art. 5(3): final report within one month of the latest updated intermediate report',
    regime: 'dora-final',
    legalZone: 'Europe/Paris',
    starts: { parentNotifiedAt: at('2026-03-31T23:15:00+02:00') },
    expected: '2026-04-30T21:15:00.000Z',
    why: '31 Mar 23:15 CEST is 21:15Z on the 31st; 31 Mar + 1 month clamps to 30 Apr, 23:15 CEST.',
  },
  {
    rule: 'SEC 8-K: determined at 22:00 in California, already the next day in New York: the earlier count wins',
    source: 'Form 8-K General Instruction B.1 and Item 1.05: four business days after the determination',
    regime: 'sec-8k',
    starts: {
      materiality: at('2026-03-05T22:00:00-08:00'),
      statedOffsetMinutes: { materiality: statedOffset('2026-03-05T22:00:00-08:00') },
    },
    expected: '2026-03-11T21:30:00.000Z',
    why:
      'Recorded Thu 5 Mar: Fri 6, Mon 9, Tue 10, Wed 11, at 17:30 EDT (21:30Z). New York dates (Fri 6 Mar) ' +
      'would give Thu 12 Mar.',
    basis: /counted from 2026-03-05 as recorded \(UTC-08:00\), earlier than from 2026-03-06 in America\/New_York/,
  },
  {
    rule: 'SEC 8-K: determined at 01:00 in Berlin, still the day before in New York: New York is earlier',
    source: 'Form 8-K Item 1.05',
    regime: 'sec-8k',
    starts: {
      materiality: at('2026-03-06T01:00:00+01:00'),
      statedOffsetMinutes: { materiality: statedOffset('2026-03-06T01:00:00+01:00') },
    },
    expected: '2026-03-11T21:30:00.000Z',
    why: 'New York date Thu 5 Mar gives Wed 11 Mar; the Berlin date (6 Mar) would give 12 Mar, so New York stands.',
    basis: /^4 business days \(us-sec-edgar\), at 17:30 America\/New_York from materiality$/,
  },
  {
    rule: 'SEC 8-K: a determination recorded in UTC on a New York weekend evening',
    source: 'Form 8-K Item 1.05; 5 U.S.C. 6103 (federal holidays)',
    regime: 'sec-8k',
    starts: { materiality: at('2026-11-26T02:00:00Z'), statedOffsetMinutes: { materiality: 0 } },
    expected: '2026-12-02T22:30:00.000Z',
    why:
      'UTC date Thu 26 Nov (Thanksgiving), New York date Wed 25 Nov: counted from 25 Nov, Thanksgiving is ' +
      'skipped: Fri 27, Mon 30, Tue 1, Wed 2 Dec at 17:30 EST.',
  },
];

function regime(id: string, legalZone = 'UTC'): Regime {
  const found = findRegime(withLegalTimeZone(SHIPPED_REGIMES, legalZone), id);
  if (!found) throw new Error(`no regime ${id}`);
  return found;
}

describe('day and month counts run in the zone the law counts in', () => {
  it.each(ROWS)('$rule ($source)', (row) => {
    const deadline = deadlineFor(regime(row.regime, row.legalZone), row.starts);
    expect(deadline?.at.toISOString(), row.why).toBe(row.expected);
    expect(deadline?.label).toBe('computed, not legal advice');
    if (row.basis) expect(deadline?.basis).toMatch(row.basis);
  });

  it('a rule that names its own zone keeps it under any legal zone', () => {
    expect(regime('us-ca', 'Europe/Berlin').deadline.timeZone).toBe('America/Los_Angeles');
    expect(regime('sec-8k', 'Europe/Berlin').deadline.timeZone).toBeUndefined();
    expect(regime('gdpr-art33', 'Europe/Berlin').deadline.timeZone).toBeUndefined();
  });

  it('every shipped day, business-day or month rule names the zone it counts in once the legal zone is applied', () => {
    for (const shipped of withLegalTimeZone(SHIPPED_REGIMES, 'Europe/Berlin')) {
      const rule = shipped.deadline;
      if (rule.unit === 'hours' || rule.unit === 'immediate') continue;
      expect(rule.timeZone ?? rule.timeOfDay?.timeZone, shipped.id).toBeTruthy();
    }
  });
});
