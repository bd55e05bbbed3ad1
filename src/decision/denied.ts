import type { DomainError } from '../domain/errors.ts';
import { newEvent } from '../domain/event.types.ts';
import type { Decision } from './decision.types.ts';

/** A refusal that goes on the record: who tried what, and which rule said no. */
export function denied(command: string, error: DomainError, actionId?: string): Decision {
  return {
    ok: false,
    error,
    record: newEvent('PermissionDenied', {
      command,
      rule: error.code,
      reason: error.message,
      ...(actionId ? { actionId } : {}),
    }),
  };
}
