import type { Actor } from './actor.ts';
import type { Classification, IncidentStatus, Role, Severity } from './incident.types.ts';

/** Where an incident's war room lives on one platform. */
export interface WarRoomRef {
  platform: string;
  channelId: string;
  name?: string;
  url?: string;
}

/** What the incident knows of its Sentinel origin: the reference, and the facts that choose a runbook. */
export interface SentinelRef {
  number?: string;
  /** The incident's ARM id. */
  id?: string;
  /** The incident's name (GUID). */
  name?: string;
  url?: string;
  facts?: { analyticRules?: string[]; tactics?: string[]; entityKinds?: string[] };
  /** Entities as action targets: AzureResource -> resource id, Account -> Entra object id, Ip -> address. */
  entities?: Array<{ kind: string; value: string }>;
}

/** The `data` of each event type. Types are past-tense facts (DESIGN.md). */
export interface EventDataMap {
  IncidentDeclared: {
    title: string;
    severity: Severity;
    sentinel?: SentinelRef;
    /** Whether the declarer took command, or the incident waits for `assign commander`. */
    commander?: string;
    /** A drill: practice on a runbook; containment always runs simulated. */
    drill?: boolean;
  };
  WarRoomOpened: WarRoomRef;
  RoleAssigned: { role: Role; principal: string; replaced?: string };
  NoteAdded: { text: string };
  StatusChanged: { from: IncidentStatus; to: IncidentStatus; reason?: string };
  /**
   * The incident is closed technically. `openObligations` names the notification clocks still running: the log stays
   * open (reminders, notices, corrections) until `ObligationsMet`.
   */
  IncidentClosed: {
    classification: Classification;
    comment?: string;
    from: IncidentStatus;
    openObligations?: string[];
  };
  /** The confirmed awareness time was wrong: the log keeps both; the clocks counted from it are recomputed after it. */
  AwarenessCorrected: { from: string; to: string; reason: string };
  /** The last notification obligation of a closed incident ended (notified or not required): the log is finished. */
  ObligationsMet: { last: string };
  PermissionDenied: { command: string; rule: string; reason: string; actionId?: string };
  /** A containment action asked for; nothing changes until the commander approves. Parameters are bound and hashed. */
  ActionRequested: {
    actionId: string;
    type: string;
    target: string;
    params: Record<string, string | number>;
    paramsHash: string;
    risk: 'high' | 'medium';
    /** What will change, in words, as shown to the approver. */
    change: string;
    simulated: boolean;
    expiresAt: string;
    stepId?: string;
    /** Set when this request undoes an executed action. */
    undoOf?: string;
    /** The person the requester resolved to (people directory), and whether that was more than the principal. */
    person?: string;
    personLinked?: boolean;
  };
  /** `person`: who the approving principal resolved to; four eyes compares it with the requester's. */
  ActionApproved: { actionId: string; paramsHash: string; person?: string };
  /** Sentinel changed a known incident (severity, alerts, entities); severity follows Sentinel. */
  SentinelUpdated: {
    severity?: Severity;
    previousSeverity?: Severity;
    alertCount?: number;
    entities?: Array<{ kind: string; value: string }>;
  };
  /** The breach assessment (GDPR Art. 33(5) documentation): awareness time confirmed by a person, never defaulted. */
  BreachAssessed: {
    awareAt: string;
    subjects?: number;
    /** Affected people per jurisdiction, when assessed so (`US-CA`: 4200); `subjects` is their sum. */
    subjectsIn?: Record<string, number>;
    /** The kinds of data involved: `personal`, `health` (starts HIPAA), `card` (card brands), `credentials`. */
    data?: string[];
    records?: number;
    categories: string[];
    jurisdictions: string[];
    role: 'controller' | 'processor';
    highRisk: boolean;
    /** The jurisdictions that started no clock, and why (no fixed deadline, waiting for a trigger, a processor). */
    withoutClock?: Array<{ jurisdiction: string; reason: string }>;
  };
  /** A notification clock runs from a human-confirmed moment; the deadline is computed, not legal advice. */
  ClockStarted: {
    regime: string;
    startedAt: string;
    startedFrom: string;
    deadline: string;
    deadlineBasis: string;
    reason: string;
    /**
     * The confirmed trigger times the deadline counts from, by trigger (ISO-8601). A second ClockStarted for a
     * running regime recomputes its deadline (a trigger confirmed later: DORA's classification after awareness).
     */
    triggers?: Record<string, string>;
    /** No fixed deadline ("without undue delay"): `deadline` is the start, reminders come on the regime's cadence. */
    noFixedDeadline?: true;
  };
  /**
   * The authority was notified: the clock stops. `sentAt`: when the notice was really sent, if not when it was
   * recorded. `update`: a follow-up notice after the first (GDPR Art. 33(4) phases, DORA's updated intermediate
   * report).
   */
  AuthorityNotified: { regime: string; reference: string; late: boolean; sentAt?: string; update?: boolean };
  /**
   * A documented decision that a regime's notice is not required (GDPR Art. 33(5)), with its reasons. With
   * `confirmationNeeded` the clock runs on until a second person confirms it (`NotRequiredConfirmed`); otherwise it
   * stops here.
   */
  NotRequiredDecided: { regime: string; reason: string; confirmationNeeded: boolean };
  /** The second person confirmed the decision: the clock stops as "not required". */
  NotRequiredConfirmed: { regime: string; decidedBy: string };
  /** One countdown ping, sent once per offset across restarts and replicas. */
  ReminderSent: { regime: string; offset: string; dueAt: string; late: boolean; recipients: string[] };
  /**
   * A countdown ping that never went out (the bot was down, chat failed) before a later one took its place: recorded
   * with that one.
   */
  ReminderSuperseded: { regime: string; offset: string; dueAt: string; supersededBy: string };
  /** A draft was produced; its hash is the evidence of what was shown. */
  DraftGenerated: {
    kind: 'regulator' | 'support' | 'customers' | 'register';
    regime?: string;
    sha256: string;
    characters: number;
  };
  /** A triage log's first event: a Sentinel incident proposed for declaration (ISO 27001 5.25: the assessment). */
  TriageProposed: { sentinel: SentinelRef; title: string; severity: Severity; rule: string };
  /** The assessment: declared (with the incident it became) or dismissed (with the reason). Closes the triage log. */
  TriageDecided: { decision: 'declared' | 'dismissed'; incidentId?: string; reason?: string };
  /** The documented procedure this incident follows (ISO 27001 5.26); a later one replaces it. */
  RunbookStarted: {
    runbookId: string;
    version: number;
    title: string;
    chosen: 'matched' | 'by-hand' | 'default';
    reasons: string[];
  };
  StepCompleted: { runbookId: string; stepId: string; title: string; evidence?: string; controls: string[] };
  StepSkipped: { runbookId: string; stepId: string; title: string; reason: string; controls: string[] };
  ActionDenied: { actionId: string; reason: string };
  /**
   * The bot is about to call Azure for an approved action: from here on, a crash leaves it uncertain whether the change
   * was made.
   */
  ActionStarted: { actionId: string; attempt: number };
  /**
   * The bot cannot tell whether an approved change reached Azure (it stopped
   * mid-call, and the change cannot be read back or safely sent again).
   * The commander checks Azure and approves again to retry.
   */
  ActionOutcomeUnknown: { actionId: string; reason: string };
  /** The change was made; `before` is the state it replaced, for undo. */
  ActionExecuted: { actionId: string; simulated: boolean; before: unknown; detail: string };
  ActionFailed: { actionId: string; simulated: boolean; status?: number; code: string; message: string; hint: string };
  /** An executed action was reversed by the undo action `undoActionId`. */
  ActionUndone: { actionId: string; undoActionId: string };
}

export type EventType = keyof EventDataMap;

/**
 * What every appended fact carries besides its type and data. `hash = sha256(prevHash + canonical JSON of the rest)`.
 */
export interface EventEnvelope {
  incidentId: string;
  seq: number;
  /** ISO-8601 UTC with milliseconds. */
  at: string;
  actor: Actor;
  /**
   * The command that produced the event (a platform's delivery id, or one
   * derived from it): a store refuses to append the same command twice, so a
   * re-sent or replayed command neither doubles nor drops. Absent on events
   * written before it existed.
   */
  commandId?: string;
  prevHash: string;
  hash: string;
}

/**
 * One appended fact: a union discriminated by `type`, so `switch (event.type)` narrows `data` without casts.
 * `IncidentEvent<'NoteAdded'>` is one member; `IncidentEvent` is any.
 */
export type IncidentEvent<T extends EventType = EventType> = Extract<AnyEvent, { type: T }>;

type AnyEvent = { [K in EventType]: EventEnvelope & { type: K; data: EventDataMap[K] } }[EventType];

/** Whether `event` is of one of `types`, narrowing it. */
export function isEventOf<T extends EventType>(event: IncidentEvent, ...types: T[]): event is IncidentEvent<T> {
  return (types as EventType[]).includes(event.type);
}

/** What `decide` returns: an event before the log stamps it. */
export type NewEvent = { [T in EventType]: { type: T; data: EventDataMap[T] } }[EventType];

export function newEvent<T extends EventType>(type: T, data: EventDataMap[T]): NewEvent {
  return { type, data } as NewEvent;
}
