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
}

/** What the organisation is, from config. */
export interface OrganisationProfile {
  /** An essential or important entity under NIS2 (national transposition). */
  nis2Entity?: boolean;
  /** A financial entity under DORA. */
  doraEntity?: boolean;
  /** An SEC registrant (Form 8-K filer). */
  secRegistrant?: boolean;
}

/** Upper-cases and expands jurisdictions: `de` gives `DE` and `EU`, `GB` gives `UK`, `us-ca` gives `US-CA` and `US`. */
export function normaliseJurisdictions(jurisdictions: readonly string[]): Set<string> {
  const result = new Set<string>();
  for (const raw of jurisdictions) {
    const code = raw.trim().toUpperCase();
    if (!code) continue;
    result.add(code === 'GB' ? 'UK' : code);
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
  return (when.requires ?? []).every((fact) => factHolds(fact, breach, organisation));
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
