import { describe, expect, it } from 'vitest';
import { jurisdictionRegimes, subjectsFor, type BreachFacts, type OrganisationProfile } from '../../src/clocks/applicability.ts';
import { deadlineFor, type StartTimes } from '../../src/clocks/deadline.ts';
import { BR_NATIONAL_CALENDAR, DEFAULT_CALENDARS, easterSunday, isBusinessDay, listedCalendar, US_SEC_EDGAR_CALENDAR, US_VT_CALENDAR } from '../../src/clocks/holidays.ts';
import type { Regime } from '../../src/clocks/regime.types.ts';
import { findRegime, SHIPPED_REGIMES } from '../../src/clocks/regimes.ts';
import { parseIsoDate } from '../../src/clocks/zoned-time.ts';

/**
 * The regimes added from the regulatory.md addendum (2026-12), one row per rule: the start, the deadline, where the
 * rule comes from and why the instant is right. All computed, not legal advice.
 */

function regime(id: string): Regime {
  const found = findRegime(SHIPPED_REGIMES, id);
  if (!found) throw new Error(`no regime ${id}`);
  return found;
}
const at = (iso: string) => new Date(iso);

interface Row {
  regime: string;
  source: string;
  starts: StartTimes;
  expected: string;
  why: string;
}

const ROWS: Row[] = [
  { regime: 'cra-early-warning', source: 'CRA Art. 14(2)(a)', starts: { awareness: at('2026-10-01T09:00:00Z') }, expected: '2026-10-02T09:00:00.000Z', why: '24 elapsed hours' },
  { regime: 'cra-notification', source: 'CRA Art. 14(2)(b)', starts: { awareness: at('2026-10-01T09:00:00Z') }, expected: '2026-10-04T09:00:00.000Z', why: '72 elapsed hours' },
  { regime: 'cra-final', source: 'CRA Art. 14(4)(c)', starts: { parentNotifiedAt: at('2026-10-31T10:00:00Z') }, expected: '2026-11-30T10:00:00.000Z', why: '31 Oct + 1 month clamps to 30 Nov (UTC dates when no legal zone is set)' },
  { regime: 'nis2-trust-early-warning', source: 'NIS2 Art. 23(4)(b)', starts: { awareness: at('2026-12-24T22:00:00Z') }, expected: '2026-12-25T22:00:00.000Z', why: '24 hours, holidays included' },
  { regime: 'uk-pecr', source: 'PECR reg. 5A; Reg. 611/2013 Art. 2', starts: { awareness: at('2026-03-28T23:30:00Z') }, expected: '2026-03-29T23:30:00.000Z', why: '24 real hours across the UK spring-forward' },
  { regime: 'nydfs-500-17', source: '23 NYCRR 500.17(a)', starts: { awareness: at('2026-11-25T15:00:00-05:00') }, expected: '2026-11-28T20:00:00.000Z', why: '72 hours across Thanksgiving' },
  { regime: 'ftc-safeguards', source: '16 CFR 314.4(j)', starts: { discovery: at('2027-02-20T23:30:00-05:00') }, expected: '2027-03-23T03:30:00.000Z', why: '20 Feb + 30 days = 22 Mar, 23:30 EDT on New York dates across the spring-forward' },
  { regime: 'sec-reg-sp', source: '17 CFR 248.30(a)(4)(iii)', starts: { awareness: at('2026-01-31T12:00:00-05:00') }, expected: '2026-03-02T17:00:00.000Z', why: '31 Jan + 30 days = 2 Mar, 12:00 EST' },
  { regime: 'us-bank-36h', source: '12 CFR 53.3', starts: { awareness: at('2026-11-06T20:00:00Z') }, expected: '2026-11-08T08:00:00.000Z', why: '36 elapsed hours over a weekend' },
  { regime: 'hipaa-ba', source: '45 CFR 164.410(b)', starts: { discovery: at('2026-01-15T23:30:00-05:00') }, expected: '2026-03-17T03:30:00.000Z', why: 'as HIPAA: 60 days on New York dates' },
  { regime: 'hipaa-hhs-annual', source: '45 CFR 164.408(c)', starts: { discovery: at('2027-06-10T12:00:00Z') }, expected: '2028-03-01T04:59:00.000Z', why: '31 Dec 2027 + 60 days = 29 Feb 2028 (a leap year), 23:59 EST' },
  { regime: 'hipaa-hhs-annual', source: '45 CFR 164.408(c)', starts: { discovery: at('2026-12-31T23:00:00-05:00') }, expected: '2027-03-02T04:59:00.000Z', why: 'discovered on New Year\'s Eve in New York (already 2027 in UTC): 2026\'s log, due 1 Mar 2027' },
  { regime: 'us-ca-ag', source: 'Cal. Civ. Code 1798.82(f); regulatory.md addendum', starts: { parentNotifiedAt: at('2026-02-20T10:00:00-08:00') }, expected: '2026-03-07T18:00:00.000Z', why: '15 days after the resident notice, on Los Angeles dates' },
  { regime: 'us-la-ag', source: 'La. R.S. 51:3074; regulatory.md section 5', starts: { parentNotifiedAt: at('2026-03-02T09:00:00-06:00') }, expected: '2026-03-12T14:00:00.000Z', why: '10 days after the resident notice, 09:00 CDT after the spring-forward' },
  { regime: 'us-vt-ag-preliminary', source: '9 V.S.A. 2435(b)(3); 1 V.S.A. 371', starts: { discovery: at('2026-06-15T10:00:00-04:00') }, expected: '2026-07-03T14:00:00.000Z', why: 'Juneteenth is a business day in Vermont and 4 July 2026 (a Saturday) is not moved to Friday 3 July, unlike the federal calendar' },
  { regime: 'us-vt-ag-preliminary', source: '9 V.S.A. 2435(b)(3); 1 V.S.A. 371', starts: { discovery: at('2027-02-22T10:00:00-05:00') }, expected: '2027-03-15T14:00:00.000Z', why: 'Town Meeting Day (Tue 2 Mar 2027) is skipped; 10:00 EDT after the spring-forward' },
  { regime: 'au-ndb-assessment', source: 'Privacy Act 1988 s 26WH(2)', starts: { awareness: at('2026-03-20T14:30:00Z') }, expected: '2026-04-19T15:30:00.000Z', why: '21 Mar 01:30 AEDT + 30 days = 20 Apr 01:30 AEST: Sydney dates across the end of DST, an hour later in UTC than 30 x 24 h' },
  { regime: 'sg-pdpa', source: 'PDPA s 26D(1)', starts: { classification: at('2026-05-08T18:00:00+08:00') }, expected: '2026-05-11T10:00:00.000Z', why: '3 calendar days after the assessment, on Singapore dates' },
  { regime: 'br-lgpd', source: 'Resolução CD/ANPD 15/2024 Art. 6', starts: { awareness: at('2026-04-01T10:00:00-03:00') }, expected: '2026-04-07T13:00:00.000Z', why: 'Thu 2 Apr (1), Good Friday 3 Apr skipped, Mon 6 (2), Tue 7 (3)' },
  { regime: 'br-lgpd', source: 'Resolução CD/ANPD 15/2024 Art. 6; Lei 14.759/2023', starts: { awareness: at('2026-11-18T10:00:00-03:00') }, expected: '2026-11-24T13:00:00.000Z', why: 'Thu 19 (1), Fri 20 Nov Consciência Negra skipped, Mon 23 (2), Tue 24 (3)' },
  { regime: 'in-dpdp', source: 'DPDP Rules 2025 rule 7(2)', starts: { awareness: at('2026-12-01T10:00:00+05:30') }, expected: '2026-12-04T04:30:00.000Z', why: '72 elapsed hours' },
  { regime: 'jp-appi-preliminary', source: 'APPI Art. 26; PPC guidelines (3-5 days)', starts: { awareness: at('2026-12-29T20:00:00+09:00') }, expected: '2027-01-01T11:00:00.000Z', why: 'the earliest reading, 3 days, on Tokyo dates' },
  { regime: 'jp-appi-final', source: 'Enforcement Rules Art. 8(2)', starts: { awareness: at('2026-01-31T09:00:00+09:00') }, expected: '2026-03-02T00:00:00.000Z', why: '31 Jan + 30 days = 2 Mar, 09:00 JST' },
  { regime: 'cn-cac', source: 'CAC incident reporting measures (2025)', starts: { classification: at('2026-11-10T08:00:00+08:00') }, expected: '2026-11-10T01:00:00.000Z', why: 'the earliest limit, 1 hour from classification' },
];

describe('the regimes of the 2026-12 addendum', () => {
  it.each(ROWS)('$regime: $why ($source)', (row) => {
    const deadline = deadlineFor(regime(row.regime), row.starts, DEFAULT_CALENDARS);
    expect(deadline?.at.toISOString(), row.why).toBe(row.expected);
    expect(deadline?.label).toBe('computed, not legal advice');
  });

  it('every shipped regime has a source and at least one note or content line', () => {
    for (const shipped of SHIPPED_REGIMES) {
      expect(shipped.source, shipped.id).toMatch(/\S/);
      expect(shipped.contents.length, shipped.id).toBeGreaterThan(0);
    }
  });
});

const day = (text: string) => parseIsoDate(text) ?? { year: 0, month: 0, day: 0 };

describe('business days per jurisdiction', () => {
  it.each([
    [US_VT_CALENDAR, '2027-03-02', false, 'Town Meeting Day, the first Tuesday in March'],
    [US_VT_CALENDAR, '2026-06-19', true, 'Juneteenth is not a Vermont legal holiday'],
    [US_VT_CALENDAR, '2026-08-17', false, 'Bennington Battle Day on a Sunday is kept on the Monday'],
    [US_VT_CALENDAR, '2026-07-03', true, 'a Saturday holiday is not moved to the Friday'],
    [BR_NATIONAL_CALENDAR, '2027-03-26', false, 'Good Friday 2027 (Easter 28 March)'],
    [BR_NATIONAL_CALENDAR, '2026-02-17', true, 'Carnival Tuesday is an optional day, not a holiday'],
    [BR_NATIONAL_CALENDAR, '2023-11-20', true, 'Consciência Negra is national only from 2024'],
    [BR_NATIONAL_CALENDAR, '2026-11-20', false, 'Consciência Negra (Lei 14.759/2023)'],
    [US_SEC_EDGAR_CALENDAR, '2025-12-24', false, 'EDGAR closed by executive order'],
    [US_SEC_EDGAR_CALENDAR, '2026-11-26', false, 'Thanksgiving, from the federal calendar'],
  ])('%s %s is a business day: %s (%s)', (calendar, date, business) => {
    expect(isBusinessDay(day(date), calendar)).toBe(business);
  });

  it('computes Easter for known years', () => {
    expect([2024, 2025, 2026, 2027, 2038].map((year) => easterSunday(year))).toEqual([
      { year: 2024, month: 3, day: 31 }, { year: 2025, month: 4, day: 20 }, { year: 2026, month: 4, day: 5 },
      { year: 2027, month: 3, day: 28 }, { year: 2038, month: 4, day: 25 },
    ]);
  });

  it('a calendar from config removes days as well as adds them', () => {
    const calendar = listedCalendar('acme', 'Acme', ['2026-11-27'], DEFAULT_CALENDARS['us-federal'], undefined, ['2026-10-12']);
    expect(isBusinessDay(day('2026-10-12'), calendar)).toBe(true); // Columbus Day worked
    expect(isBusinessDay(day('2026-11-27'), calendar)).toBe(false); // the day after Thanksgiving closed
    expect(isBusinessDay(day('2026-11-26'), calendar)).toBe(false); // Thanksgiving still from the base
  });
});

describe('thresholds and facts', () => {
  const controller: BreachFacts = { role: 'controller', personalData: true };
  const ids = (regimes: Regime[]) => regimes.map((found) => found.id);
  const started = (codes: string[], facts: BreachFacts, organisation: OrganisationProfile = {}) => ids(jurisdictionRegimes(codes, facts, organisation));

  it.each<[Partial<BreachFacts>, boolean, string]>([
    [{ subjects: 249 }, false, '249 Texans: below the AG threshold'],
    [{ subjects: 250 }, true, '250 Texans: the AG is told (Tex. Bus. & Com. Code 521.053(i))'],
    [{}, true, 'an unknown count starts the clock'],
    [{ subjects: 12000, subjectsIn: { 'US-TX': 200, 'US-CA': 11800 } }, false, '200 Texans of 12,000: counted per state'],
    [{ subjects: 11800, subjectsIn: { 'US-CA': 11800 } }, true, 'Texas named without its count: unknown, not the Californians'],
  ])('us-tx-ag with %j: %s (%s)', (counts, applies, why) => {
    expect(started(['US-TX', 'US-CA'], { ...controller, ...counts }).includes('us-tx-ag'), why).toBe(applies);
  });

  it('HIPAA starts from health data; under 500 the annual log, 500 or more HHS with the letters; a business associate tells the covered entity', () => {
    expect(started(['US-NY'], controller)).not.toContain('hipaa');
    expect(started(['US-NY'], { ...controller, phi: true, subjects: 120 })).toEqual(expect.arrayContaining(['hipaa', 'hipaa-hhs-annual']));
    expect(started(['US-NY'], { ...controller, phi: true, subjects: 500 })).not.toContain('hipaa-hhs-annual');
    const processor = started(['US-NY'], { role: 'processor', personalData: true, phi: true });
    expect(processor).toContain('hipaa-ba');
    expect(processor).not.toContain('hipaa');
  });

  it('the FTC Safeguards Rule at 500 consumers, for a financial institution only', () => {
    const org = { ftcFinancialInstitution: true };
    expect(started(['US-NY'], { ...controller, subjects: 499 }, org)).not.toContain('ftc-safeguards');
    expect(started(['US-NY'], { ...controller, subjects: 500 }, org)).toContain('ftc-safeguards');
    expect(started(['US-NY'], { ...controller, subjects: 500 })).not.toContain('ftc-safeguards');
  });

  it('profile regimes start only for the organisation they bind', () => {
    expect(started(['DE'], controller)).not.toEqual(expect.arrayContaining(['cra-early-warning']));
    expect(started(['DE'], controller, { craManufacturer: true })).toEqual(expect.arrayContaining(['cra-early-warning', 'cra-notification']));
    expect(started(['UK'], controller, { pecrProvider: true })).toContain('uk-pecr');
    expect(started(['US-CA'], controller, { nydfsCovered: true, usBankingOrganisation: true })).toEqual(expect.arrayContaining(['nydfs-500-17', 'us-bank-36h']));
    expect(started(['BR', 'JP', 'AU', 'IN'], controller)).toEqual(['au-ndb-assessment', 'br-lgpd', 'in-dpdp', 'jp-appi-preliminary', 'jp-appi-final']);
  });

  it('counts people in the regime\'s own jurisdictions: a US regime counts every state, an EU one every EEA country', () => {
    const facts = { ...controller, subjects: 16500, subjectsIn: { DE: 12000, FR: 300, 'US-CA': 4200 } };
    expect(subjectsFor(regime('us-ca-ag'), facts)).toBe(4200);
    expect(subjectsFor(regime('ftc-safeguards'), facts)).toBe(4200);
    expect(subjectsFor(regime('gdpr-art33'), facts)).toBe(12300);
    expect(subjectsFor(regime('us-tx-ag'), facts)).toBeUndefined(); // Texans not counted: unknown, so the AG clock starts
    expect(subjectsFor(regime('us-tx-ag'), { ...controller, subjects: 80 })).toBe(80);
  });
});
