import { createHash } from 'node:crypto';
import { principalOf, type Actor } from '../domain/actor.ts';
import { canonicalJson } from '../domain/canonical-json.ts';
import { domainError } from '../domain/errors.ts';
import { newEvent } from '../domain/event.types.ts';
import type { IncidentState } from '../incident/incident.state.ts';
import { entryMatches, isOpenMode, rolesOf, type RolePools } from '../incident/roles.policy.ts';
import { denied } from '../decision/denied.ts';
import type { DecideContext, Decision } from '../decision/decision.types.ts';
import type { Command } from '../commands/command.types.ts';
import { ACTION_CATALOG, actionParamsSchema, isActionType } from './catalog.ts';
import type { ActionRecord } from './action-record.ts';
import { isValidTarget, targetExample } from './action-targets.ts';
import { own } from '../domain/own.ts';
import { platformOfPrincipal, resolvePerson } from '../incident/people.ts';

/** `/ir request`, with the step it came from when it came from a step's action button. */
export type RequestCommand = Omit<Extract<Command, { name: 'request' }>, 'name'>;

/** sha256 of the canonical {type, target, params}: what an approval binds. */
export function hashParams(type: string, target: string, params: Record<string, string | number>): string {
  return createHash('sha256').update(canonicalJson({ type, target, params })).digest('hex');
}

function inPool(pools: RolePools, role: 'commander' | 'responder', actor: Actor): boolean {
  return !isOpenMode(pools) && (pools[role] ?? []).some((entry) => entryMatches(entry, actor));
}

/** May ask for containment: a responder or the commander of this incident (or of the pools), or the step's owner. */
function mayRequest(state: IncidentState, actor: Actor, pools: RolePools, stepOwner?: string): boolean {
  const roles: string[] = rolesOf(state, actor, pools);
  if (roles.includes('responder') || roles.includes('commander') || (stepOwner && roles.includes(stepOwner)))
    return true;
  return inPool(pools, 'commander', actor) || inPool(pools, 'responder', actor);
}

/**
 * Who may approve or deny this incident's actions: its commanders, and everyone in the configured commander pool
 * (principals and config entries). Approval cards carry it as their buttons' audience.
 */
export function approversOf(state: IncidentState, pools: RolePools): string[] {
  return [...new Set([...state.roles.commander, ...(pools.commander ?? [])])];
}

/** May approve or deny: named by {@link approversOf}. */
function mayApprove(state: IncidentState, actor: Actor, pools: RolePools): boolean {
  return approversOf(state, pools).some((entry) => entryMatches(entry, actor));
}

export function decideRequest(state: IncidentState, command: RequestCommand, ctx: DecideContext): Decision {
  if (!mayRequest(state, ctx.actor, ctx.pools, command.stepOwner)) {
    return denied(
      'request',
      domainError(
        'policy.not_responder',
        `${principalOf(ctx.actor)} is not a responder in ${state.id}, so cannot request containment.`,
        { hint: 'Ask the commander to /ir assign you as responder.' },
      ),
    );
  }
  if (!isActionType(command.type))
    return {
      ok: false,
      error: domainError('action.unknown_type', `"${command.type}" is not a containment action.`, {
        hint: '/ir help request lists them.',
      }),
    };
  const spec = ACTION_CATALOG[command.type];
  if (!isValidTarget(spec.targetKind, command.target)) {
    return {
      ok: false,
      error: domainError(
        'action.invalid_target',
        `${command.type} acts on ${targetExample(spec.targetKind)}; "${command.target}" is not one.`,
        { hint: 'Copy the id from the Azure portal (Properties > Resource ID) or from the incident entities.' },
      ),
    };
  }
  const parsed = actionParamsSchema(command.type).safeParse(command.params);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `--${issue.path.join('.') || 'params'}: ${issue.message}`)
      .join('; ');
    return {
      ok: false,
      error: domainError('action.invalid_params', `The parameters of ${command.type} are not right: ${problems}.`),
    };
  }
  const params = parsed.data as Record<string, string | number>;
  return requested(state, ctx, {
    type: command.type,
    target: command.target,
    params,
    change: spec.description,
    risk: spec.risk,
    ...(command.stepId ? { stepId: command.stepId } : {}),
  });
}

function requested(
  state: IncidentState,
  ctx: DecideContext,
  what: {
    type: string;
    target: string;
    params: Record<string, string | number>;
    change: string;
    risk: 'high' | 'medium';
    stepId?: string;
    undoOf?: string;
  },
): Decision {
  const requester = resolvePerson(ctx.people, ctx.actor);
  return {
    ok: true,
    events: [
      newEvent('ActionRequested', {
        actionId: ctx.newActionId,
        ...what,
        paramsHash: hashParams(what.type, what.target, what.params),
        simulated: ctx.simulated || state.drill,
        expiresAt: new Date(ctx.now.getTime() + ctx.approvalTtlMs).toISOString(),
        person: requester.id,
        personLinked: requester.linked,
      }),
    ],
  };
}

/** The request to decide on, if it can still be decided on. */
function pendingAction(
  state: IncidentState,
  actionId: string,
  now: Date,
): { ok: true; record: ActionRecord } | { ok: false; decision: Decision } {
  const record = own(state.actions, actionId);
  if (!record)
    return {
      ok: false,
      decision: {
        ok: false,
        error: domainError('action.not_found', `There is no action ${actionId} in ${state.id}.`, {
          hint: '/ir actions lists them.',
        }),
      },
    };
  // An action whose outcome is unknown is approved again to retry, once the commander has checked Azure; it does not
  // expire.
  if (record.status === 'unknown') return { ok: true, record };
  if (record.status !== 'pending')
    return {
      ok: false,
      decision: {
        ok: false,
        error: domainError(
          'action.not_pending',
          `Action ${actionId} is already ${record.status}; nothing more happens.`,
        ),
      },
    };
  if (now.getTime() > Date.parse(record.expiresAt)) {
    return {
      ok: false,
      decision: {
        ok: false,
        error: domainError(
          'action.expired',
          `The request ${actionId} expired at ${record.expiresAt} without a decision.`,
          { hint: `Request it again: /ir request ${record.type} ${record.target}` },
        ),
      },
    };
  }
  return { ok: true, record };
}

export function decideApprove(state: IncidentState, actionId: string, ctx: DecideContext): Decision {
  const approver = principalOf(ctx.actor);
  const notApprover = () =>
    denied(
      'approve',
      domainError(
        'policy.not_approver',
        `Only the commander (${state.roles.commander[0] ?? 'nobody yet'}) or the commander pool approves containment.`,
        { hint: 'Ask the commander to approve.' },
      ),
      actionId,
    );
  // The role first, then the state: an outsider learns nothing about the action, and the attempt is recorded. The
  // requester knows their own request, and hears the four-eyes rule instead.
  const mayApproveIt = mayApprove(state, ctx.actor, ctx.pools);
  const me = resolvePerson(ctx.people, ctx.actor);
  const isRequester = (candidate: ActionRecord | undefined) =>
    candidate !== undefined && (candidate.requestedBy === approver || (candidate.requestedByPerson ?? '') === me.id);
  if (!mayApproveIt && !isRequester(own(state.actions, actionId))) return notApprover();
  const found = pendingAction(state, actionId, ctx.now);
  if (!found.ok) return found.decision;
  const { record } = found;
  if (record.risk === 'high' && isRequester(record)) {
    return denied(
      'approve',
      domainError(
        'policy.four_eyes',
        `${record.type} is high-risk: the person who requested it (${approver}) cannot approve it too.`,
        {
          hint:
            `Another commander approves: ` +
            `${state.roles.commander[0] ?? 'assign one with /ir assign commander <user>'}.`,
        },
      ),
      actionId,
    );
  }
  // From another platform, and either side known only by its principal: the bot cannot tell whether this is the
  // requester, so a high-risk approval fails closed.
  const requesterLinked = record.requestedByLinked === true;
  if (
    record.risk === 'high' &&
    platformOfPrincipal(record.requestedBy) !== ctx.actor.platform &&
    !(requesterLinked && me.linked)
  ) {
    return denied(
      'approve',
      domainError(
        'policy.unlinked_identity',
        `${record.requestedBy} requested ${record.type} from another platform, and the bot cannot tell whether you ` +
          `(${approver}) are the requester.`,
        {
          hint:
            'Ask an admin to link your accounts under people: in IC_CONFIG, or approve from the platform the request ' +
            'came from.',
        },
      ),
      actionId,
    );
  }
  if (!mayApproveIt) return notApprover();
  return {
    ok: true,
    events: [newEvent('ActionApproved', { actionId, paramsHash: record.paramsHash, person: me.id })],
  };
}

export function decideDeny(state: IncidentState, actionId: string, reason: string, ctx: DecideContext): Decision {
  if (!mayApprove(state, ctx.actor, ctx.pools)) {
    return denied(
      'deny',
      domainError(
        'policy.not_approver',
        `Only the commander (${state.roles.commander[0] ?? 'nobody yet'}) or the commander pool denies containment.`,
      ),
      actionId,
    );
  }
  const found = pendingAction(state, actionId, ctx.now);
  if (!found.ok) return found.decision;
  if (found.record.status === 'unknown') {
    return {
      ok: false,
      error: domainError(
        'action.not_pending',
        `Whether ${actionId} changed Azure is unknown, so it cannot be denied now.`,
        {
          hint:
            `Check ${found.record.target} in Azure; approve it again to retry, or record what you found with ` +
            `/ir note.`,
        },
      ),
    };
  }
  return { ok: true, events: [newEvent('ActionDenied', { actionId, reason })] };
}

export function decideUndo(state: IncidentState, actionId: string, ctx: DecideContext): Decision {
  if (!mayRequest(state, ctx.actor, ctx.pools)) {
    return denied(
      'undo',
      domainError(
        'policy.not_responder',
        `${principalOf(ctx.actor)} is not a responder in ${state.id}, so cannot request an undo.`,
      ),
      actionId,
    );
  }
  const record = own(state.actions, actionId);
  if (!record)
    return {
      ok: false,
      error: domainError('action.not_found', `There is no action ${actionId} in ${state.id}.`, {
        hint: '/ir actions lists them.',
      }),
    };
  const undo = ACTION_CATALOG[record.type].undo;
  if (record.status !== 'executed' || record.undoOf)
    return {
      ok: false,
      error: domainError(
        'action.not_undoable',
        `Action ${actionId} is ${record.undoOf ? 'itself an undo' : record.status}; only an executed action can ` +
          `be undone.`,
      ),
    };
  if (!undo)
    return {
      ok: false,
      error: domainError(
        'action.not_undoable',
        `${record.type} cannot be undone: ${ACTION_CATALOG[record.type].description}`,
      ),
    };
  const refusal = undo.refuse?.({ id: actionId, target: record.target, params: record.params, before: record.before });
  if (refusal) return { ok: false, error: domainError('action.not_undoable', refusal.message, { hint: refusal.hint }) };
  return requested(state, ctx, {
    type: record.type,
    target: record.target,
    params: record.params,
    change: `Undo of ${actionId}: ${undo.describe}.`,
    risk: record.risk,
    undoOf: actionId,
  });
}

/** Records what the executor reported, if the action is still approved and unchanged since approval. */
export function decideOutcome(
  state: IncidentState,
  actionId: string,
  outcome:
    | { ok: true; before: unknown; detail: string }
    | { ok: false; failure: { status?: number; code: string; message: string; hint: string } },
): Decision {
  const record = own(state.actions, actionId);
  if (!record || (record.status !== 'approved' && record.status !== 'unknown')) return { ok: true, events: [] };
  if (!outcome.ok)
    return {
      ok: true,
      events: [newEvent('ActionFailed', { actionId, simulated: record.simulated, ...outcome.failure })],
    };
  const events = [
    newEvent('ActionExecuted', {
      actionId,
      simulated: record.simulated,
      before: outcome.before ?? null,
      detail: outcome.detail,
    }),
  ];
  if (record.undoOf) events.push(newEvent('ActionUndone', { actionId: record.undoOf, undoActionId: actionId }));
  return { ok: true, events };
}
