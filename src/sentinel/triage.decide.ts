import { principalOf, type Actor } from '../domain/actor.ts';
import { domainError } from '../domain/errors.ts';
import { newEvent } from '../domain/event.types.ts';
import { actorEligible, type RolePools } from '../incident/roles.policy.ts';
import type { Decision } from '../decision/decision.types.ts';
import { denied } from '../decision/denied.ts';

/** Who may triage a proposal: the same people who may declare (the commander and responder pools). */
function mayTriage(actor: Actor, pools: RolePools): boolean {
  return actorEligible(pools, 'commander', actor) || actorEligible(pools, 'responder', actor);
}

/**
 * `/ir dismiss sentinel:<n> <reason>` on a proposal not yet decided: the recorded assessment that it is not an
 * incident (ISO 27001 5.25's disposition, with its rationale). A refusal goes on the proposal's record.
 */
export function decideDismiss(reason: string, ctx: { actor: Actor; pools: RolePools }): Decision {
  if (!mayTriage(ctx.actor, ctx.pools))
    return denied(
      'dismiss',
      domainError(
        'policy.cannot_declare',
        `${principalOf(ctx.actor)} is not in the commander or responder pool, so cannot triage.`,
        { hint: 'Ask a commander or a responder to triage it.' },
      ),
    );
  return { ok: true, events: [newEvent('TriageDecided', { decision: 'dismissed', reason })] };
}
