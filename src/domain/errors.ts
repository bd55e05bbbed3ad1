/**
 * Expected failures are values with a stable dotted code (STYLE.md, habit 7);
 * only the unexpected is thrown. This is the one registry of codes, for every
 * layer: each code with its meaning and its kind, and where it mirrors an HTTP
 * answer (an upstream's, or ours), its status. Behaviour keys on the kind,
 * never on a code's prefix. A test checks that every code used in `src/` and
 * `adapters/` is registered here and every registered code is used.
 */

/**
 * - `malformed`: the input is wrong and can be corrected (a form is shown again, filled in);
 * - `refused`: a rule says no to this person or in this state;
 * - `conflict`: it happened already, or something else holds it now;
 * - `unavailable`: a dependency cannot answer now; trying again later may work;
 * - `unexpected`: a fault; the person sees an error id.
 */
export type ErrorKind = 'malformed' | 'refused' | 'conflict' | 'unavailable' | 'unexpected';

interface ErrorSpec {
  kind: ErrorKind;
  meaning: string;
  /** The HTTP status it stands for, where it crosses HTTP. */
  status?: number;
}

export const ERROR_REGISTRY = {
  // The command line.
  'parse.empty': { kind: 'malformed', meaning: 'nothing after /ir' },
  'parse.unknown_command': { kind: 'malformed', meaning: 'no such sub-command, button or form' },
  'parse.missing_argument': { kind: 'malformed', meaning: 'a required argument or flag is missing' },
  'parse.unknown_flag': { kind: 'malformed', meaning: 'a flag the sub-command does not take' },
  'parse.invalid_value': { kind: 'malformed', meaning: 'an argument or flag value of the wrong shape' },
  'parse.unterminated_quote': { kind: 'malformed', meaning: 'a quote opened and not closed' },
  // The incident.
  'incident.no_context': { kind: 'malformed', meaning: 'the command needs a war room or an incident id' },
  'incident.not_found': { kind: 'malformed', meaning: 'no incident has that id' },
  'incident.exists': { kind: 'conflict', meaning: 'an incident with that id was declared already' },
  'incident.closed': { kind: 'refused', meaning: 'the incident is closed and changes no more' },
  'incident.illegal_transition': { kind: 'refused', meaning: 'the status cannot move that way' },
  'incident.already_in_role': { kind: 'conflict', meaning: 'the person already holds that role' },
  // Who may do what.
  'policy.not_commander': { kind: 'refused', meaning: 'only the commander may do this' },
  'policy.not_participant': { kind: 'refused', meaning: 'only people in the incident may do this' },
  'policy.not_eligible': { kind: 'refused', meaning: 'the person is not in the pool for the role' },
  'policy.cannot_declare': { kind: 'refused', meaning: 'the person may not declare incidents' },
  'policy.mandatory_step': { kind: 'refused', meaning: 'a mandatory runbook step cannot be skipped' },
  'policy.not_responder': { kind: 'refused', meaning: 'only responders may request containment' },
  'policy.not_approver': { kind: 'refused', meaning: 'only commanders may approve or deny' },
  'policy.four_eyes': {
    kind: 'refused',
    meaning: 'a high-risk action or a not-required decision needs a second person besides its author',
  },
  // Runbooks.
  'runbook.invalid': { kind: 'malformed', meaning: 'a runbook file does not fit the schema' },
  'runbook.unknown': { kind: 'malformed', meaning: 'no runbook or step has that id' },
  'runbook.none': { kind: 'refused', meaning: 'the incident has no runbook attached' },
  'runbook.finished': { kind: 'conflict', meaning: 'the runbook has no step left' },
  'runbook.evidence_required': { kind: 'malformed', meaning: 'the step needs evidence to be completed' },
  'runbook.reason_required': { kind: 'malformed', meaning: 'skipping the step needs a reason' },
  // Notification clocks.
  'clock.unknown_regime': { kind: 'malformed', meaning: 'no notification regime has that id' },
  'clock.no_breach': { kind: 'refused', meaning: 'no breach assessment is recorded to correct' },
  'clock.unknown_jurisdiction': { kind: 'malformed', meaning: 'a jurisdiction code names no jurisdiction' },
  'clock.time_in_future': { kind: 'malformed', meaning: 'a time confirmed as past lies in the future' },
  'clock.awareness_confirmed': { kind: 'conflict', meaning: 'awareness was confirmed already; clocks run from it' },
  'policy.unlinked_identity': {
    kind: 'refused',
    meaning: 'a high-risk approval from another platform by a principal the people directory cannot tie to a person',
  },
  'draft.not_delivered': {
    kind: 'unavailable',
    meaning: 'the draft was made but no platform could deliver it privately to the person who asked',
  },
  'clock.role_confirmed': {
    kind: 'conflict',
    meaning: 'the breach was assessed with the other role (controller or processor); its clocks follow that role',
  },
  'clock.starts_by_trigger': { kind: 'refused', meaning: 'the clock starts by itself when another is notified' },
  'clock.already_running': { kind: 'conflict', meaning: 'the clock is running already' },
  'clock.cannot_start': { kind: 'refused', meaning: 'what is known does not start the clock' },
  'clock.not_running': { kind: 'malformed', meaning: 'no such clock runs in the incident' },
  'clock.notice_before_start': { kind: 'malformed', meaning: 'a notice cannot be sent before its clock started' },
  'clock.stopped': { kind: 'conflict', meaning: 'the clock stopped already: notified or decided not required' },
  'clock.decision_pending': { kind: 'conflict', meaning: 'a not-required decision waits for its confirmation' },
  'clock.no_decision': { kind: 'refused', meaning: 'no not-required decision waits for confirmation' },
  // Sentinel triage.
  'triage.in_progress': { kind: 'conflict', meaning: 'the Sentinel incident is being declared right now' },
  'triage.already_declared': { kind: 'conflict', meaning: 'the Sentinel incident has its incident already' },
  'triage.dismissed': { kind: 'conflict', meaning: 'the Sentinel incident was triaged and dismissed' },
  'triage.already_decided': { kind: 'conflict', meaning: 'the Sentinel incident was triaged already' },
  // Containment.
  'action.unknown_type': { kind: 'malformed', meaning: 'no containment action has that type' },
  'action.invalid_target': { kind: 'malformed', meaning: 'the target is not what the action acts on' },
  'action.invalid_params': { kind: 'malformed', meaning: 'the parameters do not fit the action' },
  'action.not_found': { kind: 'malformed', meaning: 'no action has that id in the incident' },
  'action.not_pending': { kind: 'conflict', meaning: 'the action was approved, denied or has lapsed already' },
  'action.expired': { kind: 'refused', meaning: 'the request lapsed before it was approved' },
  'action.not_undoable': { kind: 'refused', meaning: 'this change cannot be undone' },
  'action.no_simulator': { kind: 'unexpected', meaning: 'a drill has no simulated executor' },
  // Azure and Graph, as the containment adapter reports them.
  'azure.invalid_target': { kind: 'malformed', meaning: 'the resource id does not parse', status: 400 },
  'azure.forbidden': { kind: 'refused', meaning: "the bot's identity lacks a permission", status: 403 },
  'azure.not_found': { kind: 'malformed', meaning: 'the resource does not exist', status: 404 },
  'azure.conflict': { kind: 'conflict', meaning: 'Azure refused the change in the resource state', status: 409 },
  'azure.throttled': { kind: 'unavailable', meaning: 'Azure asked to slow down', status: 429 },
  'azure.unavailable': { kind: 'unavailable', meaning: 'Azure or the credential did not answer', status: 503 },
  'azure.error': { kind: 'unexpected', meaning: 'Azure answered with another error', status: 500 },
  // Sentinel, as the SIEM adapter reports it.
  'sentinel.invalid_locator': { kind: 'malformed', meaning: 'the Sentinel incident id does not parse', status: 400 },
  'sentinel.forbidden': { kind: 'refused', meaning: "the bot's identity lacks a Sentinel role", status: 403 },
  'sentinel.not_found': { kind: 'malformed', meaning: 'the Sentinel incident does not exist', status: 404 },
  'sentinel.conflict': { kind: 'conflict', meaning: 'the Sentinel incident changed meanwhile', status: 409 },
  'sentinel.unavailable': { kind: 'unavailable', meaning: 'Sentinel did not answer', status: 503 },
  'sentinel.failed': { kind: 'unexpected', meaning: 'Sentinel answered with another error', status: 500 },
  // Stores and configuration.
  'store.conflict': { kind: 'conflict', meaning: 'another append came first (expected seq moved)', status: 409 },
  'store.corrupt': { kind: 'unexpected', meaning: 'a stored log does not parse or verify' },
  'store.locked': { kind: 'unavailable', meaning: 'another process holds the data folder' },
  'store.unreachable': { kind: 'unavailable', meaning: 'the store does not answer', status: 503 },
  'config.invalid': { kind: 'malformed', meaning: 'the configuration does not validate' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_REGISTRY;

/** The kind of a code; a code nobody registered is unexpected. */
export function kindOf(code: string): ErrorKind {
  return Object.hasOwn(ERROR_REGISTRY, code) ? ERROR_REGISTRY[code as ErrorCode].kind : 'unexpected';
}

export interface DomainError {
  code: ErrorCode;
  /** What went wrong, in plain words. */
  message: string;
  /** What to do about it. */
  hint?: string;
  /** The usage of the sub-command, when the input was malformed. */
  usage?: string;
}

export function domainError(
  code: ErrorCode,
  message: string,
  extra: Omit<DomainError, 'code' | 'message'> = {},
): DomainError {
  return { code, message, ...extra };
}

export type Result<T, E = DomainError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E>(error: E): Result<never, E> => ({ ok: false, error });
