import { describe, expect, it } from 'vitest';
import { deadlineFor, type StartTimes } from '../../src/clocks/deadline.ts';
import { withDoraRelief, withLegalTimeZone } from '../../src/clocks/regime.config.ts';
import { findRegime, SHIPPED_REGIMES } from '../../src/clocks/regimes.ts';

/**
 * DORA's weekend relief, RTS (EU) 2025/301 Art. 5(4)-(5): a deadline that falls on a weekend or bank holiday may be
 * met by 12:00 on the next working day; not for the initial and intermediate reports of credit institutions, central
 * counterparties, trading venues and entities also under NIS2. Opt-in per entity (`organisation.doraWeekendRelief`),
 * never assumed. Days in the legal contact's zone (Europe/Berlin here). Computed, not legal advice.
 */

interface Row {
  rule: string;
  regime: string;
  relief?: 'all-reports' | 'final-report';
  starts: StartTimes;
  expected: string;
  why: string;
}

const at = (iso: string) => new Date(iso);
const SOURCE = 'RTS 2025/301 Art. 5(4)-(5); regulatory.md addendum, DORA';

const ROWS: Row[] = [
  {
    rule: 'no relief unless the entity opted in',
    regime: 'dora-initial',
    starts: { awareness: at('2026-12-04T10:00:00+01:00') },
    expected: '2026-12-05T09:00:00.000Z',
    why: 'Aware Friday 10:00 Berlin; 24 h bound ends Saturday 10:00 CET (09:00Z); without the relief it stands.',
  },
  {
    rule: 'an initial report due on a Saturday moves to Monday 12:00 for an entity with the relief',
    regime: 'dora-initial',
    relief: 'all-reports',
    starts: { awareness: at('2026-12-04T10:00:00+01:00') },
    expected: '2026-12-07T11:00:00.000Z',
    why: 'Saturday 10:00 is not a working day: the next working day is Monday 7 Dec, 12:00 CET = 11:00Z.',
  },
  {
    rule: 'a deadline on a working day stands, even after 12:00',
    regime: 'dora-initial',
    relief: 'all-reports',
    starts: { awareness: at('2026-12-03T15:00:00+01:00') },
    expected: '2026-12-04T14:00:00.000Z',
    why: 'Aware Thursday 15:00; due Friday 15:00 CET, a working day: Art. 5(4) only covers weekends and holidays.',
  },
  {
    rule: 'credit institutions (final-report relief) get none for the initial report',
    regime: 'dora-initial',
    relief: 'final-report',
    starts: { awareness: at('2026-12-04T10:00:00+01:00') },
    expected: '2026-12-05T09:00:00.000Z',
    why: 'Art. 5(5): the relief does not apply to their initial and intermediate reports.',
  },
  {
    rule: 'credit institutions do get it for the final report',
    regime: 'dora-final',
    relief: 'final-report',
    starts: { parentNotifiedAt: at('2026-10-31T11:00:00+01:00') },
    expected: '2026-11-30T10:00:00.000Z',
    why: 'Intermediate report Saturday 31 Oct 11:00 CET; one month is Monday 30 Nov (clamped), a working day: it stands.',
  },
  {
    rule: 'a final report due on a Sunday moves to Monday 12:00',
    regime: 'dora-final',
    relief: 'final-report',
    starts: { parentNotifiedAt: at('2026-10-22T16:00:00+02:00') },
    expected: '2026-11-23T11:00:00.000Z',
    why: 'Intermediate report Thursday 22 Oct 16:00 CEST; one month is Sunday 22 Nov 16:00: Monday 23 Nov 12:00 CET.',
  },
  {
    rule: 'the relief never makes a deadline earlier: Friday 23:00 stays',
    regime: 'dora-intermediate',
    relief: 'all-reports',
    starts: { parentNotifiedAt: at('2026-12-01T23:00:00+01:00') },
    expected: '2026-12-04T22:00:00.000Z',
    why: 'Initial report Tuesday 23:00; 72 h later is Friday 23:00 CET, still Friday, a working day.',
  },
];

describe('DORA weekend relief, one row per edge', () => {
  it.each(ROWS)(
    '$rule',
    ({ regime, relief, starts, expected }) => {
      const regimes = withLegalTimeZone(withDoraRelief(SHIPPED_REGIMES, relief), 'Europe/Berlin');
      const found = findRegime(regimes, regime);
      if (!found) throw new Error(`no regime ${regime} (${SOURCE})`);
      expect(deadlineFor(found, starts)?.at.toISOString()).toBe(expected);
    },
  );

  it('says so in the basis', () => {
    const regimes = withLegalTimeZone(withDoraRelief(SHIPPED_REGIMES, 'all-reports'), 'Europe/Berlin');
    const basis = deadlineFor(findRegime(regimes, 'dora-initial')!, { awareness: at('2026-12-04T10:00:00+01:00') })?.basis;
    expect(basis).toContain('or 12:00 Europe/Berlin on the next working day when it falls on a weekend or holiday');
  });
});
