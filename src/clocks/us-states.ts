import { DEFAULT_OVERDUE_EVERY, DEFAULT_REMINDER_OFFSETS, type DeadlineRule, type Regime } from './regime.types.ts';

/**
 * US state breach-notification laws with a fixed day limit (regulatory.md
 * section 5). States that only say "without unreasonable delay" (DC, IL, IA,
 * MA, OK, PA, UT) are obligations without a deadline, reminded daily
 * (`undue-delay-regimes.ts`), with the Oklahoma and Iowa AG notices after them.
 * Days are calendar days counted in the zone where the state's day ends
 * first, at the wall-clock time of the discovery (see `deadline.ts`).
 */

interface StateRow {
  /** Two-letter code, lower case; the regime id is `us-<code>`. */
  code: string;
  name: string;
  days: number;
  /** When the statute counts from, in its words. */
  from: string;
  /** The regulator notice, as regulatory.md states it. */
  regulator: string;
  source: string;
  /**
   * The zone where the state's day ends first: the capital's, or for a state spanning zones the easternmost one
   * (Tennessee counts Knoxville's Eastern dates, Oregon Malheur County's Mountain ones, Arizona the Navajo Nation's,
   * which keeps DST), so a deadline never falls after the last day has ended anywhere in the state.
   */
  timeZone: string;
}

const STATES: readonly StateRow[] = [
  {
    code: 'al',
    name: 'Alabama',
    days: 45,
    from: 'discovery',
    regulator: 'AG if more than 1,000 residents, within 45 days',
    source: 'CIQ; Sidley [S]',
    timeZone: 'America/Chicago',
  },
  {
    code: 'az',
    name: 'Arizona',
    days: 45,
    from: 'determination of the breach',
    regulator: 'AG, AZ Dept of Homeland Security and the 3 CRAs if more than 1,000, within 45 days',
    source: 'Akin Gump 2022 [S]',
    timeZone: 'America/Denver',
  },
  {
    code: 'ca',
    name: 'California',
    days: 30,
    from: 'discovery (SB 446, from 1 Jan 2026)',
    regulator: 'AG sample notice if more than 500 residents, within 15 days of notifying individuals',
    source: 'Mondaq; Moore & Van Allen; Daily Journal [S]',
    timeZone: 'America/Los_Angeles',
  },
  {
    code: 'co',
    name: 'Colorado',
    days: 30,
    from: 'determination of the breach',
    regulator: 'AG if 500 or more, within 30 days',
    source: 'CIQ; Covington [S]',
    timeZone: 'America/Denver',
  },
  {
    code: 'ct',
    name: 'Connecticut',
    days: 60,
    from: 'discovery',
    regulator: 'AG no later than the notice to residents (online form)',
    source: 'portal.ct.gov AG [V]',
    timeZone: 'America/New_York',
  },
  {
    code: 'de',
    name: 'Delaware',
    days: 60,
    from: 'determination of the breach',
    regulator: 'AG if more than 500',
    source: 'CIQ; SC Magazine [S]',
    timeZone: 'America/New_York',
  },
  {
    code: 'fl',
    name: 'Florida',
    days: 30,
    from: 'determination of the breach (+15 days for good cause)',
    regulator: 'Dept of Legal Affairs (AG) if 500 or more, within 30 days',
    source: 'pepperlaw AG table; CIQ [S]',
    timeZone: 'America/New_York',
  },
  {
    code: 'in',
    name: 'Indiana',
    days: 45,
    from: 'discovery',
    regulator: 'AG (threshold and timing to verify)',
    source: 'Akin Gump [S]',
    timeZone: 'America/Indiana/Indianapolis',
  },
  {
    code: 'la',
    name: 'Louisiana',
    days: 60,
    from: 'discovery',
    regulator: 'AG within 10 days of the consumer notice',
    source: 'CIQ [S]',
    timeZone: 'America/Chicago',
  },
  {
    code: 'me',
    name: 'Maine',
    days: 30,
    from: 'becoming aware of the breach and its scope',
    regulator: 'AG (or PFR regulator) for any Maine resident',
    source: 'maine.gov AG; CIQ [S]',
    timeZone: 'America/New_York',
  },
  {
    code: 'md',
    name: 'Maryland',
    days: 45,
    from: 'discovery (or conclusion of the investigation: sources conflict, verify)',
    regulator: 'AG before notifying individuals',
    source: 'CIQ [S]',
    timeZone: 'America/New_York',
  },
  {
    code: 'nm',
    name: 'New Mexico',
    days: 45,
    from: 'discovery',
    regulator: 'AG and CRAs if more than 1,000, within 45 days',
    source: 'N.M. Stat. 57-12C-10 [V]',
    timeZone: 'America/Denver',
  },
  {
    code: 'ny',
    name: 'New York',
    days: 30,
    from: 'discovery (GBL 899-aa, Dec 2024)',
    regulator: 'AG, Dept of State and State Police; NYDFS within 72 hours for DFS-covered entities (23 NYCRR 500.17)',
    source: 'Covington; docmagic [S]',
    timeZone: 'America/New_York',
  },
  {
    code: 'oh',
    name: 'Ohio',
    days: 45,
    from: 'discovery',
    regulator: 'none in general',
    source: 'CIQ [S]',
    timeZone: 'America/New_York',
  },
  {
    code: 'or',
    name: 'Oregon',
    days: 45,
    from: 'discovery',
    regulator: 'AG if more than 250 (vendors tell the owner within 10 days)',
    source: 'ORS 646A.604 [V]',
    timeZone: 'America/Boise',
  },
  {
    code: 'pr',
    name: 'Puerto Rico',
    days: 10,
    from: 'detection',
    regulator: 'Dept of Consumer Affairs within 10 days of detection (individuals: as expeditiously as possible)',
    source: 'Snell & Wilmer; Constangy [S]',
    timeZone: 'America/Puerto_Rico',
  },
  {
    code: 'ri',
    name: 'Rhode Island',
    days: 45,
    from: 'confirmation of the breach',
    regulator: 'AG and CRAs if more than 500',
    source: 'R.I. Gen. Laws 11-49.3-4 [V]',
    timeZone: 'America/New_York',
  },
  {
    code: 'sd',
    name: 'South Dakota',
    days: 60,
    from: 'discovery',
    regulator: 'AG if more than 250',
    source: 'SDCL 22-40-20 [V]',
    timeZone: 'America/Chicago',
  },
  {
    code: 'tn',
    name: 'Tennessee',
    days: 45,
    from: 'discovery',
    regulator: 'none in general',
    source: 'CIQ [S]',
    timeZone: 'America/New_York',
  },
  {
    code: 'tx',
    name: 'Texas',
    days: 60,
    from: 'determination of the breach',
    regulator: 'AG if 250 or more, within 30 days (electronic form): see us-tx-ag',
    source: 'texasattorneygeneral.gov [V]; DWT 2023 [S]',
    timeZone: 'America/Chicago',
  },
  {
    code: 'vt',
    name: 'Vermont',
    days: 45,
    from: 'discovery',
    regulator: 'AG (or DFR) preliminary notice within 14 business days: see us-vt-ag',
    source: '9 V.S.A. 2435 [V]; Klinedinst [S]',
    timeZone: 'America/New_York',
  },
  {
    code: 'wa',
    name: 'Washington',
    days: 30,
    from: 'discovery',
    regulator: 'AG if more than 500, within 30 days',
    source: 'atg.wa.gov [V]',
    timeZone: 'America/Los_Angeles',
  },
  {
    code: 'wi',
    name: 'Wisconsin',
    days: 45,
    from: 'learning of the breach',
    regulator: 'none in general',
    source: 'CIQ [S]',
    timeZone: 'America/Chicago',
  },
];

const SPANS_ZONES = new Set(['az', 'fl', 'in', 'or', 'sd', 'tn', 'tx']);

/** What a state notice to residents contains, for every state's regime. */
export const STATE_CONTENTS = [
  'what happened, and the date or estimated date of the breach',
  'the types of personal information involved',
  'what the organisation is doing about it',
  'what affected residents can do, incl. contact details for questions',
  'any further elements the state statute requires (check the statute)',
];

const COMMON_NOTES = [
  "The affected person's state of residence decides which law applies.",
  'Most states allow a law-enforcement delay and have an encryption safe harbor; notice to the credit reporting ' +
    'agencies is usually required above 1,000 residents.',
];

function stateRegime(row: StateRow): Regime {
  const zoneNote = SPANS_ZONES.has(row.code)
    ? [`${row.name} spans time zones; days are counted in ${row.timeZone}, where its day ends first.`]
    : [];
  return {
    id: `us-${row.code}`,
    name: `${row.name} breach notification`,
    authority: row.code === 'pr' ? 'Puerto Rico Dept of Consumer Affairs' : `affected ${row.name} residents`,
    jurisdiction: `US-${row.code.toUpperCase()}`,
    trigger: 'discovery',
    deadline: { unit: 'calendarDays', amount: row.days, timeZone: row.timeZone },
    reminderOffsets: [...DEFAULT_REMINDER_OFFSETS],
    overdueEvery: DEFAULT_OVERDUE_EVERY,
    // The owner's duty to residents; a service provider tells the owner instead (applicability.ts, withoutClock).
    appliesWhen: { jurisdictions: [`US-${row.code.toUpperCase()}`], requires: ['personalData'], roles: ['controller'] },
    contents: STATE_CONTENTS,
    source: `${row.source} (regulatory.md section 5)`,
    notes: [
      `${row.days} calendar days from ${row.from}.`,
      `Regulator: ${row.regulator}.`,
      ...zoneNote,
      ...COMMON_NOTES,
    ],
    draft: 'generic',
  };
}

/** A regulator notice whose limit is shorter than the one for individuals. */
function regulatorRegime(
  row: StateRow,
  authority: string,
  deadline: DeadlineRule,
  note: string,
  extra: Partial<Pick<Regime, 'id' | 'trigger' | 'appliesWhen'>> = {},
): Regime {
  const base = stateRegime(row);
  return {
    ...base,
    id: `${base.id}-ag`,
    ...extra,
    name: `${row.name} Attorney General notice`,
    authority,
    deadline,
    contents: ['the notice in the form the regulator requires (check its online form)', ...STATE_CONTENTS.slice(0, 3)],
    notes: [note, ...base.notes.slice(1)],
  };
}

function row(code: string): StateRow {
  const found = STATES.find((state) => state.code === code);
  if (!found) throw new Error(`no state row ${code}`);
  return found;
}

/**
 * `us-<state>` for every state with a fixed limit, plus the Attorney General notices with a limit of their own:
 * `us-tx-ag` (250 or more Texans), `us-vt-ag-preliminary`, and `us-ca-ag` and `us-la-ag`, which count from the
 * resident notice. Oklahoma's and Iowa's AG notices follow their resident obligations (`undue-delay-regimes.ts`).
 */
export const US_STATE_REGIMES: readonly Regime[] = [
  ...STATES.map(stateRegime),
  regulatorRegime(
    row('tx'),
    'Texas Attorney General (electronic form)',
    { unit: 'calendarDays', amount: 30, timeZone: 'America/Chicago' },
    '30 days from determination, if 250 or more Texans are affected (an unknown count starts the clock).',
    { appliesWhen: { jurisdictions: ['US-TX'], requires: ['personalData'], roles: ['controller'], minSubjects: 250 } },
  ),
  regulatorRegime(
    row('vt'),
    'Vermont Attorney General (or DFR)',
    { unit: 'businessDays', amount: 14, calendar: 'us-vt', timeZone: 'America/New_York' },
    'Preliminary notice within 14 business days of discovery or of the consumer notice, whichever is sooner; ' +
      "counted on Vermont's legal holidays (1 V.S.A. 371: Town Meeting Day is one, Juneteenth is not).",
    { id: 'us-vt-ag-preliminary' },
  ),
  regulatorRegime(
    row('ca'),
    'California Attorney General (sample notice, online form)',
    { unit: 'calendarDays', amount: 15, timeZone: 'America/Los_Angeles' },
    'A sample of the resident notice within 15 days after notifying residents, when more than 500 Californians ' +
      'are affected (an unknown count starts the clock); starts when us-ca is notified.',
    {
      trigger: { after: 'us-ca' },
      appliesWhen: { jurisdictions: ['US-CA'], requires: ['personalData'], roles: ['controller'], minSubjects: 501 },
    },
  ),
  regulatorRegime(
    row('la'),
    'Louisiana Attorney General',
    { unit: 'calendarDays', amount: 10, timeZone: 'America/Chicago' },
    'Within 10 days after notifying residents; starts when us-la is notified.',
    { trigger: { after: 'us-la' } },
  ),
];
