import type { EventDataMap } from '../domain/event.types.ts';
import type { ActionType } from './catalog.ts';

export type ActionStatus = 'pending' | 'approved' | 'denied' | 'executed' | 'failed' | 'undone' | 'unknown';

/** What a request fixed when it was made, as `ActionRequested` recorded it. */
type Requested = Pick<
  EventDataMap['ActionRequested'],
  'target' | 'params' | 'paramsHash' | 'risk' | 'change' | 'simulated' | 'expiresAt' | 'stepId' | 'undoOf'
>;

/** One containment request as the incident knows it: folded from its Action* events. */
export interface ActionRecord extends Requested {
  id: string;
  type: ActionType;
  status: ActionStatus;
  requestedBy: string;
  /** The person the requester resolved to (absent in logs from before the people directory: the principal). */
  requestedByPerson?: string;
  /** Whether that person was linked (by config or a verified email), not just the principal. */
  requestedByLinked?: boolean;
  requestedAt: string;
  approvedBy?: string;
  approvedAt?: string;
  deniedBy?: string;
  denyReason?: string;
  executedAt?: string;
  /** Calls to Azure begun for this action (ActionStarted); the last one's time. */
  attempts?: number;
  startedAt?: string;
  /** The commander approved again after the outcome was unknown: send it again, without reconciling first. */
  retryApproved?: boolean;
  /** Why the outcome is unknown (ActionOutcomeUnknown). */
  unknownReason?: string;
  before?: unknown;
  detail?: string;
  failure?: { status?: number; code: string; message: string; hint: string };
  undoneBy?: string;
}
