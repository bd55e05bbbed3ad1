import type { ClockState } from '../clocks/clock.types.ts';
import type { DataRole } from '../clocks/regime.types.ts';
import type { Severity } from '../domain/incident.types.ts';

/**
 * The plain input every draft generator reads. The caller fills it from the
 * incident's state; anything absent is written as `[TO COMPLETE: ...]` in the
 * draft, never guessed. All strings are untrusted user text: the generators
 * escape them before they reach markdown.
 */

/** The breach assessment (`breach --aware-at ... --subjects N ...`). */
export interface BreachAssessment {
  /** When the organisation became aware, as a human confirmed it. */
  awareAt: Date;
  /** Approximate number of data subjects concerned. */
  subjects?: number;
  /** The same per jurisdiction, when assessed so: a state's letter states its residents, not the total. */
  subjectsIn?: Record<string, number>;
  /** Approximate number of personal data records concerned. */
  records?: number;
  /** Categories of personal data, e.g. `email`, `health`. */
  categories: string[];
  /** Where the data subjects are, e.g. `EU`, `US-CA`. */
  jurisdictions: string[];
  role: DataRole;
  /** Likely to result in a high risk to data subjects (GDPR Art. 34). */
  highRisk?: boolean;
  /** The principal who recorded the assessment. */
  setBy: string;
}

/** A phone-and-email contact. */
export interface ContactPoint {
  name: string;
  email: string;
  phone?: string;
}

/** The person Microsoft Support contacts (Support API `contactDetails`). */
export interface SupportContact {
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
  /** ISO 3166-1 alpha-3, lower case as the API spells it, e.g. `usa`, `deu`. */
  country: string;
  /** Windows time zone name, e.g. `Pacific Standard Time`, `W. Europe Standard Time`. */
  timeZone: string;
  /** e.g. `en-US`. */
  language: string;
}

/** Contacts from config. */
export interface DraftContacts {
  /** Data protection officer or other contact point (GDPR Art. 33(3)(b)). */
  dpo?: ContactPoint;
  /** The legal name of the organisation. */
  company?: string;
  supportContact?: SupportContact;
}

/** One line of the incident timeline. */
export interface TimelineEntry {
  at: Date;
  text: string;
  /** Display name or principal of who did it. */
  actor?: string;
}

/** A containment action that was executed. */
export interface ExecutedAction {
  /** Catalog type, e.g. `storage.rotate-key`. */
  type: string;
  /** The target, e.g. an ARM resource id. */
  target: string;
  at: Date;
}

/** Business impact for the Microsoft Support severity (A `critical`, B `moderate`, C `minimal`). */
export type SupportSeverity = 'critical' | 'moderate' | 'minimal';

/** Facts for the NIS2 and SEC drafts, when the incident knows them. */
export interface IncidentFacts {
  /** Suspected to be caused by unlawful or malicious acts (NIS2 early warning). */
  suspectedMalicious?: boolean;
  /** Possible cross-border impact (NIS2). */
  crossBorder?: boolean;
  /** Indicators of compromise (IPs, hashes, domains). */
  indicators?: string[];
  /** Likely consequences for data subjects, as legal assessed them. */
  consequences?: string;
}

/** Microsoft Support ticket specifics. */
export interface SupportRequest {
  /** `/providers/Microsoft.Support/services/{serviceGuid}` from `services.list()`. */
  serviceId?: string;
  /**
   * `/providers/Microsoft.Support/services/{serviceGuid}/problemClassifications/{id}` from
   * `problemClassifications.list()`.
   */
  problemClassificationId?: string;
  /** What is asked of Microsoft. */
  ask?: string;
  /** When the problem started; defaults to the incident's declaration. */
  problemStartTime?: Date;
}

/** Everything a draft may use. */
export interface DraftInput {
  incident: { id: string; title: string; severity: Severity; status: string; declaredAt: Date };
  timeline: TimelineEntry[];
  breach?: BreachAssessment;
  contacts: DraftContacts;
  actions: ExecutedAction[];
  /** Affected Azure resource ids. */
  resources: string[];
  clocks: ClockState[];
  facts?: IncidentFacts;
  businessImpact?: SupportSeverity;
  support?: SupportRequest;
}
