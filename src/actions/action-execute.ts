import type { Containment } from '../ports/containment.port.ts';
import { ACTION_CATALOG, actionParamsSchema } from './catalog.ts';
import { notAttempted, type ActionCall, type ActionOutcome, type Observation } from './define-action.ts';
import type { ActionRecord } from './action-record.ts';

export type { Observation } from './define-action.ts';

/** Runs an approved action (or the undo of `original`) through the containment ports, as its module says. */
export async function executeAction(
  containment: Containment,
  record: ActionRecord,
  original?: ActionRecord,
): Promise<ActionOutcome> {
  if (record.undoOf) {
    if (!original || original.before === undefined) return missingBefore(record);
    const undo = ACTION_CATALOG[original.type].undo;
    if (!undo) return notAttempted('action.not_undoable', `${original.type} cannot be undone.`, 'Nothing was changed.');
    const call = callOf(original);
    if (!call.ok) return call.outcome;
    return undo.revert(containment, { ...call.call, before: original.before });
  }
  const call = callOf(record);
  if (!call.ok) return call.outcome;
  return ACTION_CATALOG[record.type].execute(containment, call.call);
}

/** Reads back whether an approved action's change is in place, where the resource can tell. */
export async function observeAction(containment: Containment, record: ActionRecord): Promise<Observation> {
  const observe = ACTION_CATALOG[record.type].observe;
  if (record.undoOf || !observe || !record.startedAt) return 'unknown';
  const call = callOf(record);
  return call.ok ? observe(containment, { ...call.call, startedAt: record.startedAt }) : 'unknown';
}

/** Whether the change may be sent again without harm when it is unknown whether the first call reached Azure. */
export function isResendSafe(record: ActionRecord): boolean {
  return ACTION_CATALOG[record.type].resendSafe;
}

/** The recorded parameters, checked again by the action's own schemas (they were checked when it was requested). */
function callOf(record: ActionRecord): { ok: true; call: ActionCall } | { ok: false; outcome: Promise<ActionOutcome> } {
  const params = actionParamsSchema(record.type).safeParse(record.params);
  if (params.success) return { ok: true, call: { id: record.id, target: record.target, params: params.data } };
  return {
    ok: false,
    outcome: notAttempted(
      'action.invalid_params',
      `The recorded parameters of ${record.id} no longer fit ${record.type}: ${params.error.issues
        .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
        .join('; ')}.`,
      'Nothing was changed. Request the action again.',
    ),
  };
}

function missingBefore(record: ActionRecord): Promise<ActionOutcome> {
  return notAttempted(
    'action.not_undoable',
    `The state before ${record.undoOf ?? 'the action'} was not captured, so it cannot be restored.`,
    'Restore it by hand in the Azure portal and record a note.',
  );
}
