/**
 * A notification regime is data (DESIGN.md, "Notification clocks"): who must
 * be told, by when, counted from which human-confirmed moment, and what the
 * notice must say. Shipped regimes live in `regimes.ts` and `us-states.ts`;
 * config overrides and extends them through `regime.config.ts`.
 */

/** The moments a human confirms and a clock can start from (regulatory.md, implementation notes). */
export const TRIGGER_KINDS = ['awareness', 'materiality', 'classification', 'discovery'] as const;
/**
 * `awareness` (GDPR, NIS2, DORA's 24 h bound), `materiality` (SEC), `classification`: the incident assessed as major
 * or notifiable (DORA, Singapore's PDPA, China's CAC), `discovery` (US states, HIPAA, card brands).
 */
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

/**
 * What starts a clock: a confirmed moment, or another regime's notice being sent (`{ after: 'nis2-notification' }`).
 */
export type Trigger =
  | TriggerKind
  | {
      after: string;
      /**
       * Counted from the parent's latest update, not its first notice: an update restarts it (DORA's final report, one
       * month after the latest updated intermediate report).
       */
      fromLatestUpdate?: boolean;
    };

/** How a deadline is counted. */
export const DEADLINE_UNITS = [
  'hours',
  'calendarDays',
  'businessDays',
  'months',
  'daysAfterYearEnd',
  'immediate',
  'withoutUndueDelay',
] as const;
/**
 * `hours`: elapsed time; `calendarDays`/`months`/`businessDays`: wall-clock dates in a zone; `daysAfterYearEnd`: N
 * days after 31 December of the start's year (HIPAA's annual log); `immediate`: the start itself;
 * `withoutUndueDelay`: no fixed deadline ("as soon as possible", "as soon as feasible"): the obligation is recorded
 * and reminded every `overdueEvery` from its start until the notice, never called overdue.
 */
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

/** A fixed time of day in a zone, e.g. 17:30 in America/New_York for SEC filings. */
export interface TimeOfDay {
  hour: number;
  minute: number;
  /** IANA zone, e.g. `America/New_York`. Also the zone the days are counted in. */
  timeZone: string;
}

/** The deadline rule of a regime. */
export interface DeadlineRule {
  unit: DeadlineUnit;
  /** Hours, days, business days or months; ignored for `immediate`. */
  amount: number;
  /** Holiday calendar id for `businessDays` (`us-federal` or one from config); weekends only when absent. */
  calendar?: string;
  /**
   * For day and month units: the deadline falls at this time on the last day instead of the start's wall-clock time.
   */
  timeOfDay?: TimeOfDay;
  /**
   * For day and month units without `timeOfDay`: the zone whose dates are counted. Absent: the legal contact's zone
   * (`contacts.legalTimeZone`, filled in by `withLegalTimeZone` at start-up; `UTC` when none is configured).
   */
  timeZone?: string;
  /**
   * Also count from the start's date as the person recorded it (the offset they typed), and take the earlier
   * deadline when that date differs from the rule zone's date (SEC 8-K: the determination's date where it was made).
   */
  fromStatedDate?: boolean;
  /**
   * A deadline that falls on a weekend day or a holiday of `calendar` (weekends only when absent), in the rule's zone,
   * moves to 12:00 on the next working day (DORA RTS 2025/301 Art. 5(4)); set only for an entity the relief covers.
   */
  nextWorkingDayNoon?: boolean;
}

/** Facts about the breach or the organisation that decide whether a regime applies. */
export const APPLICABILITY_FACTS = [
  'personalData',
  'highRisk',
  'nis2Entity',
  'doraEntity',
  'secRegistrant',
  'cardData',
  'phi',
  'craManufacturer',
  'trustServiceProvider',
  'pecrProvider',
  'nydfsCovered',
  'ftcFinancialInstitution',
  'secRegSpInstitution',
  'usBankingOrganisation',
] as const;
/**
 * One applicability fact: about the breach (personal data, high risk, card data, PHI) or about the organisation (an
 * NIS2 or DORA entity, an SEC registrant, a CRA manufacturer, a trust service provider, a PECR provider, an NYDFS
 * covered entity, an FTC-regulated financial institution, a Regulation S-P institution, a US banking organisation).
 */
export type ApplicabilityFact = (typeof APPLICABILITY_FACTS)[number];

/** Controller or processor in the GDPR sense. */
export type DataRole = 'controller' | 'processor';

/** When a breach assessment starts the regime. All present conditions must hold. */
export interface AppliesWhen {
  /** Any of these jurisdictions (upper case: `EU`, `UK`, `US`, `US-CA`); absent means any jurisdiction. */
  jurisdictions?: string[];
  /** Every one of these facts must be true. */
  requires?: ApplicabilityFact[];
  /** The organisation's role must be one of these. */
  roles?: DataRole[];
  /**
   * At least this many affected people in the regime's jurisdictions (Texas AG 250, FTC 500). An unknown count
   * applies: a clock that may not be needed beats a missed one.
   */
  minSubjects?: number;
  /** At most this many (HIPAA's annual log: fewer than 500). An unknown count does not apply. */
  maxSubjects?: number;
  /**
   * The date (`YYYY-MM-DD`, UTC) from which the rule applies: a breach the organisation became aware of before it
   * starts no clock (the CRA's reporting duties from 11 September 2026, India's breach rules from May 2027).
   */
  from?: string;
}

/** Which draft generator writes the regulator notice. */
export const DRAFT_TEMPLATES = ['gdpr', 'nis2-early-warning', 'nis2-notification', 'sec-8k', 'generic'] as const;
/** `gdpr` (also UK GDPR), the two NIS2 stages, SEC 8-K Item 1.05, or `generic` (built from `contents`). */
export type DraftTemplate = (typeof DRAFT_TEMPLATES)[number];

/** A notification regime. */
export interface Regime {
  /** Stable id (DESIGN.md contracts, "regime ids"): `gdpr-art33`, `sec-8k`, `us-ca`, ... */
  id: string;
  /** Human name, e.g. `GDPR Art. 33`. */
  name: string;
  /** Who is notified, e.g. `lead supervisory authority`. */
  authority: string;
  /** Where it applies: `EU`, `UK`, `US`, `US-CA`, or a sector such as `card payments`. */
  jurisdiction: string;
  /** What starts the clock. */
  trigger: Trigger;
  /** How the deadline is computed from the start. */
  deadline: DeadlineRule;
  /**
   * A second, absolute bound (DORA: 4 h from classification AND no later than 24 h from awareness); the earlier
   * deadline wins.
   */
  noLaterThan?: { trigger: TriggerKind; deadline: DeadlineRule };
  /** Reminder offsets relative to the deadline, signed ISO-8601 durations (`-PT48H` ... `PT0S`). */
  reminderOffsets: string[];
  /** Overdue reminders repeat at this interval after the deadline (`PT6H`). */
  overdueEvery: string;
  /** When a breach assessment starts it. */
  appliesWhen: AppliesWhen;
  /** What the notice must contain, in order. */
  contents: string[];
  /** Citation, from regulatory.md. */
  source: string;
  /** Caveats shown with the clock and in the draft. */
  notes: string[];
  /** The draft generator for the regulator notice. */
  draft: DraftTemplate;
  /**
   * Whether a "not required" decision needs a second person (commander or legal, not the decider) to confirm it
   * before the clock stops. Absent: it does.
   */
  notRequiredConfirmation?: boolean;
}

/** T-48h, T-24h, T-12h, T-6h, T-2h, T-1h and the deadline (DESIGN.md, "Notification clocks"). */
export const DEFAULT_REMINDER_OFFSETS: readonly string[] = [
  '-PT48H',
  '-PT24H',
  '-PT12H',
  '-PT6H',
  '-PT2H',
  '-PT1H',
  'PT0S',
];

/** Overdue reminders every 6 hours after the deadline. */
export const DEFAULT_OVERDUE_EVERY = 'PT6H';

/** The default reminder fields of a shipped regime, fresh arrays each time. */
export function defaultReminders(): Pick<Regime, 'reminderOffsets' | 'overdueEvery'> {
  return { reminderOffsets: [...DEFAULT_REMINDER_OFFSETS], overdueEvery: DEFAULT_OVERDUE_EVERY };
}

/** The label every computed deadline carries. */
export const DEADLINE_LABEL = 'computed, not legal advice' as const;

/** The moments a human confirmed, by kind (absent: not confirmed yet). */
export type TriggerTimes = Partial<Record<TriggerKind, Date>>;
