import { foldAction } from '../actions/action.fold.ts';
import { EMPTY_BREACH_STATE, foldBreach, type BreachState } from '../clocks/clock.fold.ts';
import { openObligations } from '../clocks/clocks.ts';
import type { ActionRecord } from '../actions/action-record.ts';
import type { StepOutcome } from '../runbooks/runbook-progress.ts';
import { principalOf, type Actor } from '../domain/actor.ts';
import { GENESIS_HASH } from '../domain/hash-chain.ts';
import type { IncidentEvent, SentinelRef, WarRoomRef } from '../domain/event.types.ts';
import type { Classification, IncidentStatus, Role, Severity } from '../domain/incident.types.ts';

/**
 * Closed, and no notification obligation open: nothing more happens in it. An incident closed while clocks run is
 * not finished: reminders, notices and corrections go on until the last clock stops.
 */
export function isFinished(state: Pick<IncidentState, 'status' | 'breach'>): boolean {
  return state.status === 'closed' && openObligations(state.breach.clocks).length === 0;
}

/** The current incident: a fold over its events. Never stored, always derived. */
export interface IncidentState {
  id: string;
  /** Seq of the last event; 0 before the incident exists. */
  seq: number;
  headHash: string;
  exists: boolean;
  /** A practice incident: every containment action runs simulated. */
  drill: boolean;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  sentinel?: SentinelRef;
  declaredAt?: string;
  declaredBy?: Actor;
  /** Principals holding each role; `commander` has at most one. */
  roles: Record<Role, string[]>;
  warRooms: WarRoomRef[];
  closed?: { classification: Classification; comment?: string; at: string; by: Actor };
  /** The runbook followed and each step's outcome. */
  runbook?: { id: string; version: number; title: string; outcomes: Readonly<Record<string, StepOutcome>> };
  /** Containment requests by action id. */
  actions: Readonly<Record<string, ActionRecord>>;
  /** The breach assessment, the notification clocks and the reminders sent. */
  breach: BreachState;
}

export function emptyState(id: string): IncidentState {
  return {
    id,
    seq: 0,
    headHash: GENESIS_HASH,
    exists: false,
    drill: false,
    title: '',
    severity: 'Medium',
    status: 'declared',
    roles: { commander: [], responder: [], legal: [], comms: [], scribe: [], observer: [] },
    warRooms: [],
    actions: {},
    breach: EMPTY_BREACH_STATE,
  };
}

export function foldEvents(id: string, events: readonly IncidentEvent[]): IncidentState {
  return events.reduce(applyEvent, emptyState(id));
}

/** Applies one event. Unknown types (from newer versions) only advance the head. */
export function applyEvent(state: IncidentState, event: IncidentEvent): IncidentState {
  const next: IncidentState = {
    ...state,
    seq: event.seq,
    headHash: event.hash,
    actions: foldAction(state.actions, event),
    breach: foldBreach(state.breach, event),
  };
  switch (event.type) {
    case 'IncidentDeclared': {
      const data = event.data;
      return {
        ...next,
        exists: true,
        drill: data.drill === true,
        title: data.title,
        severity: data.severity,
        status: 'declared',
        ...(data.sentinel ? { sentinel: data.sentinel } : {}),
        declaredAt: event.at,
        declaredBy: event.actor,
        roles: data.commander ? { ...next.roles, commander: [data.commander] } : next.roles,
      };
    }
    case 'RoleAssigned': {
      const { role, principal } = event.data;
      const holders =
        role === 'commander' ? [principal] : [...next.roles[role].filter((p) => p !== principal), principal];
      return { ...next, roles: { ...next.roles, [role]: holders } };
    }
    case 'RunbookStarted': {
      const { runbookId, version, title } = event.data;
      return { ...next, runbook: { id: runbookId, version, title, outcomes: {} } };
    }
    case 'StepCompleted':
    case 'StepSkipped':
      return {
        ...next,
        ...(next.runbook ? { runbook: foldStep(next.runbook, event) } : {}),
      };
    case 'SentinelUpdated': {
      const { severity, entities } = event.data;
      const sentinel = entities && next.sentinel ? { ...next.sentinel, entities } : next.sentinel;
      return { ...next, ...(severity ? { severity } : {}), ...(sentinel ? { sentinel } : {}) };
    }
    case 'WarRoomOpened':
      return { ...next, warRooms: [...next.warRooms, event.data] };
    case 'StatusChanged':
      return { ...next, status: event.data.to };
    case 'IncidentClosed': {
      const { classification, comment } = event.data;
      return {
        ...next,
        status: 'closed',
        closed: { classification, ...(comment ? { comment } : {}), at: event.at, by: event.actor },
      };
    }
    default:
      return next;
  }
}

function foldStep(
  runbook: NonNullable<IncidentState['runbook']>,
  event: IncidentEvent<'StepCompleted' | 'StepSkipped'>,
): NonNullable<IncidentState['runbook']> {
  const data = event.data as { runbookId: string; stepId: string; evidence?: string; reason?: string };
  if (data.runbookId !== runbook.id) return runbook;
  const outcome: StepOutcome = {
    kind: event.type === 'StepCompleted' ? 'done' : 'skipped',
    by: principalOf(event.actor),
    at: event.at,
    ...(data.evidence ? { evidence: data.evidence } : {}),
    ...(data.reason ? { reason: data.reason } : {}),
  };
  return { ...runbook, outcomes: { ...runbook.outcomes, [data.stepId]: outcome } };
}
