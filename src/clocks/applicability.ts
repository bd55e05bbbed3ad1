import type { ApplicabilityFact, DataRole, Regime } from './regime.types.ts';
import { SHIPPED_REGIMES } from './regimes.ts';

/**
 * Which clocks a breach assessment starts. Jurisdictions are what the
 * assessment names (`EU`, `DE`, `UK`, `US-CA`); a member state of the EEA
 * counts as `EU` (GDPR applies EEA-wide), `GB` as `UK`, and any `US-XX` also
 * as `US`. Chained regimes (NIS2 final, DORA intermediate and final) are
 * never started here: `startableChained` offers them once the parent is notified.
 */

/** EU member states plus Iceland, Liechtenstein and Norway (EEA), ISO 3166-1 alpha-2. */
export const EEA_COUNTRIES: readonly string[] = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'IS',
  'LI',
  'NO',
];

/** US states, DC and the territories with breach-notification laws (ISO 3166-2:US), for `US-XX` codes. */
export const US_STATES: readonly string[] = (
  'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA ' +
  'RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI AS MP'
).split(' ');

/** Codes written otherwise than ISO 3166-1: the EU writes Greece `EL`; the UK is `UK` in the regimes. */
const ALIASES: Readonly<Record<string, string>> = { EL: 'GR', GB: 'UK' };

/** Upper case, trimmed, aliases resolved: `el` gives `GR`, `gb` gives `UK`. */
function spelled(raw: string): string {
  const upper = raw.trim().toUpperCase();
  return ALIASES[upper] ?? upper;
}

const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** ISO 3166-1 user-assigned and unknown codes: no country. */
const NOT_A_COUNTRY = /^(AA|Q[M-Z]|X[A-Z]|ZZ)$/;

/**
 * The jurisdiction as the bot counts it (upper case, `EL` -> `GR`, `GB` -> `UK`), or undefined when the code names
 * none: `EU`, `EEA`, `UK`, `US`, a country (ISO 3166-1), a US state or territory, or a code a regime names.
 */
export function canonicalJurisdiction(raw: string, regimes: readonly Regime[] = SHIPPED_REGIMES): string | undefined {
  const code = spelled(raw);
  if (['EU', 'EEA', 'UK', 'US'].includes(code)) return code;
  if (regimes.some((regime) => regime.appliesWhen.jurisdictions?.some((named) => named.toUpperCase() === code)))
    return code;
  if (code.startsWith('US-')) return US_STATES.includes(code.slice(3)) ? code : undefined;
  if (!/^[A-Z]{2}$/.test(code) || NOT_A_COUNTRY.test(code)) return undefined;
  const name = REGION_NAMES.of(code);
  return name && name !== code ? code : undefined;
}

/** What the breach assessment says about the breach. */
export interface BreachFacts {
  /** Controller or processor; GDPR clocks apply to controllers (a processor tells its controller). */
  role: DataRole;
  /** Personal data compromised; defaults to true, as the `breach` command records personal-data breaches. */
  personalData?: boolean;
  /** Likely to result in a high risk to data subjects (GDPR Art. 34). */
  highRisk?: boolean;
  /** Payment card account data involved (card-brand rules). */
  cardData?: boolean;
  /** Protected health information involved (HIPAA). */
  phi?: boolean;
  /** How many people are affected in all, when known. */
  subjects?: number;
  /** How many per jurisdiction as assessed (`US-CA` 4200), when known; counts for thresholds before the total. */
  subjectsIn?: Readonly<Record<string, number>>;
  /** When the organisation became aware: a regime applying only from a later date (`appliesWhen.from`) does not. */
  awareAt?: Date;
}

/** What the organisation is, from config. */
export interface OrganisationProfile {
  /** An essential or important entity under NIS2 (national transposition). */
  nis2Entity?: boolean;
  /** A financial entity under DORA. */
  doraEntity?: boolean;
  /** An SEC registrant (Form 8-K filer). */
  secRegistrant?: boolean;
  /** A manufacturer of products with digital elements under the Cyber Resilience Act. */
  craManufacturer?: boolean;
  /** A trust service provider under NIS2 / eIDAS (24 h notification). */
  trustServiceProvider?: boolean;
  /** A provider of public electronic communications services under UK PECR. */
  pecrProvider?: boolean;
  /** A covered entity under 23 NYCRR 500 (NYDFS). */
  nydfsCovered?: boolean;
  /** A financial institution under the FTC Safeguards Rule (16 CFR 314). */
  ftcFinancialInstitution?: boolean;
  /** A broker-dealer, investment company, adviser or transfer agent under SEC Regulation S-P. */
  secRegSpInstitution?: boolean;
  /** A banking organisation under the US computer-security incident notification rule. */
  usBankingOrganisation?: boolean;
  /** Which DORA reports may move off a weekend or holiday to 12:00 the next working day (`withDoraRelief`). */
  doraWeekendRelief?: 'all-reports' | 'final-report';
}

/** Upper-cases and expands jurisdictions: `de` gives `DE` and `EU`, `GB` gives `UK`, `us-ca` gives `US-CA` and `US`. */
export function normaliseJurisdictions(jurisdictions: readonly string[]): Set<string> {
  const result = new Set<string>();
  for (const raw of jurisdictions) {
    const code = spelled(raw);
    if (!code) continue;
    result.add(code);
    if (EEA_COUNTRIES.includes(code) || code === 'EEA') result.add('EU');
    if (code.startsWith('US-')) result.add('US');
  }
  return result;
}

function factHolds(fact: ApplicabilityFact, breach: BreachFacts, organisation: OrganisationProfile): boolean {
  switch (fact) {
    case 'personalData':
      return breach.personalData ?? true;
    case 'highRisk':
      return breach.highRisk === true;
    case 'cardData':
      return breach.cardData === true;
    case 'phi':
      return breach.phi === true;
    default:
      return organisation[fact] === true;
  }
}

/**
 * How many affected people count for `regime`: those assessed in its jurisdictions (a `US` regime counts every
 * `US-XX`, an `EU` one every EEA country), else the total when nothing is counted per jurisdiction, else undefined
 * (not known: a jurisdiction named without its count).
 */
export function subjectsFor(regime: Regime, breach: BreachFacts): number | undefined {
  const named = regime.appliesWhen.jurisdictions?.map((code) => code.toUpperCase());
  const counted = Object.entries(breach.subjectsIn ?? {}).filter(
    ([code]) => !named || named.some((name) => normaliseJurisdictions([code]).has(name)),
  );
  if (counted.length) return counted.reduce((sum, [, count]) => sum + count, 0);
  // Counted per jurisdiction, but not in this regime's: unknown (the total belongs to others), so a threshold applies.
  return breach.subjectsIn && Object.keys(breach.subjectsIn).length ? undefined : breach.subjects;
}

function withinThresholds(regime: Regime, breach: BreachFacts): boolean {
  const { minSubjects, maxSubjects } = regime.appliesWhen;
  if (minSubjects === undefined && maxSubjects === undefined) return true;
  const count = subjectsFor(regime, breach);
  if (minSubjects !== undefined && count !== undefined && count < minSubjects) return false;
  return maxSubjects === undefined || (count !== undefined && count <= maxSubjects);
}

/**
 * True when a chained regime applies once its parent is notified: its roles and its thresholds hold (the parent's
 * notice already settled the jurisdiction and the organisation facts).
 */
export function chainedApplies(regime: Regime, breach: BreachFacts): boolean {
  if (regime.appliesWhen.roles && !regime.appliesWhen.roles.includes(breach.role)) return false;
  return withinThresholds(regime, breach);
}

/** True when `regime` applies to this breach and organisation (ignoring whether its trigger is known). */
export function regimeApplies(
  regime: Regime,
  jurisdictions: Set<string>,
  breach: BreachFacts,
  organisation: OrganisationProfile = {},
): boolean {
  const when = regime.appliesWhen;
  if (when.jurisdictions && !when.jurisdictions.some((code) => jurisdictions.has(code.toUpperCase()))) return false;
  if (when.roles && !when.roles.includes(breach.role)) return false;
  if (!withinThresholds(regime, breach) || !inForce(regime, breach)) return false;
  return (when.requires ?? []).every((fact) => factHolds(fact, breach, organisation));
}

/** False when the regime applies only from a date after the breach's awareness (`appliesWhen.from`). */
function inForce(regime: Regime, breach: BreachFacts): boolean {
  const from = regime.appliesWhen.from;
  return !from || !breach.awareAt || breach.awareAt.getTime() >= Date.parse(`${from}T00:00:00Z`);
}

/**
 * The regimes a breach assessment starts, in catalog order: EU gives
 * `gdpr-art33` (plus the NIS2 and DORA clocks only for an NIS2 or DORA
 * entity), UK `uk-gdpr`, US-CA `us-ca`, ... Chained regimes are excluded.
 * Regimes whose trigger is not awareness (SEC materiality, DORA
 * classification, discovery) are included: the caller starts each once its
 * trigger time is confirmed (`deadlineFor` says whether it can be computed).
 */
export function jurisdictionRegimes(
  jurisdictions: readonly string[],
  breach: BreachFacts,
  organisation: OrganisationProfile = {},
  regimes: readonly Regime[] = SHIPPED_REGIMES,
): Regime[] {
  const codes = normaliseJurisdictions(jurisdictions);
  return regimes.filter(
    (regime) => typeof regime.trigger === 'string' && regimeApplies(regime, codes, breach, organisation),
  );
}

/**
 * Why a jurisdiction of the assessment started no clock, in words for the reply and the record, or undefined when a
 * clock of it runs (`started`: the regimes with a clock after the assessment).
 */
export function withoutClock(
  code: string,
  started: ReadonlySet<string>,
  breach: BreachFacts,
  organisation: OrganisationProfile = {},
  regimes: readonly Regime[] = SHIPPED_REGIMES,
): string | undefined {
  const applicable = jurisdictionRegimes([code], breach, organisation, regimes);
  if (applicable.some((regime) => started.has(regime.id))) return undefined;
  const notYet = breach.awareAt
    ? jurisdictionRegimes([code], { ...breach, awareAt: undefined }, organisation, regimes).filter(
        (regime) => !applicable.includes(regime),
      )
    : [];
  if (!applicable.length && notYet.length)
    return notYet
      .map((regime) => `${regime.id} applies only to breaches known from ${regime.appliesWhen.from ?? ''} on`)
      .concat(['no clock started'])
      .join('; ');
  const waiting = applicable.filter((regime) => regime.trigger !== 'awareness' && regime.trigger !== 'discovery');
  if (waiting.length)
    return waiting
      .map((regime) => {
        const trigger = typeof regime.trigger === 'string' ? regime.trigger : `${regime.trigger.after} notice`;
        return `${regime.id} waits for its ${trigger}: /ir clock start ${regime.id} --at <time>`;
      })
      .join('; ');
  if (
    breach.role === 'processor' &&
    jurisdictionRegimes([code], { ...breach, role: 'controller' }, organisation, regimes).length
  )
    return (
      'as processor: tell the controller (the data owner) without undue delay (GDPR Art. 33(2); US service-provider ' +
      "duties); the authority's deadline is the controller's, no clock started"
    );
  return 'no fixed deadline: notify without undue delay where the law requires it; no clock started';
}

/** What an assessment (as commanded or as recorded) says for applicability: health data is PHI, card data PCI. */
export function breachFacts(assessed: {
  role: DataRole;
  highRisk: boolean;
  subjects?: number;
  subjectsIn?: Record<string, number>;
  data?: readonly string[];
}): BreachFacts {
  return {
    role: assessed.role,
    personalData: true,
    highRisk: assessed.highRisk,
    phi: assessed.data?.includes('health') ?? false,
    cardData: assessed.data?.includes('card') ?? false,
    ...(assessed.subjects !== undefined ? { subjects: assessed.subjects } : {}),
    ...(assessed.subjectsIn ? { subjectsIn: assessed.subjectsIn } : {}),
  };
}

/** Counts per jurisdiction keyed as the bot spells jurisdictions (`EL` is `GR`), summed where two codes meet. */
export function canonicalCounts(
  counts: Readonly<Record<string, number>> | undefined,
  regimes: readonly Regime[],
): Record<string, number> | undefined {
  if (!counts) return undefined;
  const result: Record<string, number> = {};
  for (const [code, n] of Object.entries(counts)) {
    const canonical = canonicalJurisdiction(code, regimes) ?? code;
    result[canonical] = (result[canonical] ?? 0) + n;
  }
  return result;
}
