import type { ActionType } from './action-types.ts';

export type ActionStatus = 'pending' | 'approved' | 'denied' | 'executed' | 'failed' | 'undone';

/** One containment request as the incident knows it: folded from its Action* events. */
export interface ActionRecord {
  id: string;
  type: ActionType;
  target: string;
  params: Record<string, string | number>;
  paramsHash: string;
  risk: 'high' | 'medium';
  change: string;
  simulated: boolean;
  status: ActionStatus;
  requestedBy: string;
  requestedAt: string;
  expiresAt: string;
  stepId?: string;
  undoOf?: string;
  approvedBy?: string;
  approvedAt?: string;
  deniedBy?: string;
  denyReason?: string;
  executedAt?: string;
  before?: unknown;
  detail?: string;
  failure?: { status?: number; code: string; message: string; hint: string };
  undoneBy?: string;
}
