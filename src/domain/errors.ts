/**
 * Expected failures are values with a stable dotted code (STYLE.md, habit 7);
 * only the unexpected is thrown. Adapters map codes to words and HTTP statuses.
 */
export type ErrorCode =
  | 'parse.empty'
  | 'parse.unknown_command'
  | 'parse.missing_argument'
  | 'parse.unexpected_argument'
  | 'parse.unknown_flag'
  | 'parse.invalid_value'
  | 'parse.unterminated_quote'
  | 'incident.no_context'
  | 'incident.not_found'
  | 'incident.closed'
  | 'incident.illegal_transition'
  | 'incident.already_in_role'
  | 'policy.not_commander'
  | 'policy.not_participant'
  | 'policy.not_eligible'
  | 'policy.cannot_declare'
  | 'policy.mandatory_step'
  | 'runbook.invalid'
  | 'runbook.unknown'
  | 'runbook.none'
  | 'runbook.finished'
  | 'runbook.evidence_required'
  | 'runbook.reason_required'
  | 'policy.not_responder'
  | 'policy.not_approver'
  | 'policy.four_eyes'
  | 'action.unknown_type'
  | 'action.invalid_target'
  | 'action.invalid_params'
  | 'action.not_found'
  | 'action.not_pending'
  | 'action.expired'
  | 'action.not_undoable'
  | 'store.conflict'
  | 'store.corrupt'
  | 'store.locked';

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
