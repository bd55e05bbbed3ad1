import { principalOf } from '../domain/actor.ts';
import type { IncidentEvent } from '../domain/event.types.ts';
import type { ActionType } from './catalog.ts';
import type { ActionRecord } from './action-record.ts';
import { own } from '../domain/own.ts';

type Actions = Readonly<Record<string, ActionRecord>>;

/** Applies one Action* event to the incident's actions; other events leave them as they are. */
export function foldAction(actions: Actions, event: IncidentEvent): Actions {
  switch (event.type) {
    case 'ActionRequested': {
      const data = event.data;
      const record: ActionRecord = {
        id: data.actionId,
        type: data.type as ActionType,
        target: data.target,
        params: data.params,
        paramsHash: data.paramsHash,
        risk: data.risk,
        change: data.change,
        simulated: data.simulated,
        status: 'pending',
        requestedBy: principalOf(event.actor),
        ...(data.person ? { requestedByPerson: data.person, requestedByLinked: data.personLinked === true } : {}),
        requestedAt: event.at,
        expiresAt: data.expiresAt,
        ...(data.stepId ? { stepId: data.stepId } : {}),
        ...(data.undoOf ? { undoOf: data.undoOf } : {}),
      };
      return { ...actions, [data.actionId]: record };
    }
    case 'ActionApproved': {
      const { actionId } = event.data;
      // Approving an action whose outcome is unknown is the commander's word to send it again.
      return update(actions, actionId, {
        status: 'approved',
        approvedBy: principalOf(event.actor),
        approvedAt: event.at,
        retryApproved: own(actions, actionId)?.status === 'unknown',
      });
    }
    case 'ActionDenied': {
      const { actionId, reason } = event.data;
      return update(actions, actionId, { status: 'denied', deniedBy: principalOf(event.actor), denyReason: reason });
    }
    case 'ActionExecuted': {
      const { actionId, before, detail } = event.data;
      return update(actions, actionId, { status: 'executed', executedAt: event.at, before, detail });
    }
    case 'ActionFailed': {
      const { actionId, status, code, message, hint } = event.data;
      return update(actions, actionId, {
        status: 'failed',
        executedAt: event.at,
        failure: { ...(status !== undefined ? { status } : {}), code, message, hint },
      });
    }
    case 'ActionStarted': {
      const { actionId, attempt } = event.data;
      return update(actions, actionId, { attempts: attempt, startedAt: event.at, retryApproved: false });
    }
    case 'ActionOutcomeUnknown': {
      const { actionId, reason } = event.data;
      return update(actions, actionId, { status: 'unknown', unknownReason: reason });
    }
    case 'ActionUndone': {
      const { actionId, undoActionId } = event.data;
      return update(actions, actionId, { status: 'undone', undoneBy: undoActionId });
    }
    default:
      return actions;
  }
}

function update(actions: Actions, actionId: string, change: Partial<ActionRecord>): Actions {
  const record = own(actions, actionId);
  return record ? { ...actions, [actionId]: { ...record, ...change } } : actions;
}
