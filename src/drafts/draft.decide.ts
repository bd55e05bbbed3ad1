import { principalOf, type Actor } from '../domain/actor.ts';
import { domainError, type DomainError, type Result } from '../domain/errors.ts';
import type { NewEvent } from '../domain/event.types.ts';
import type { IncidentState } from '../incident/incident.state.ts';
import { isParticipant, type RolePools } from '../incident/roles.policy.ts';
import type { Decision } from '../decision/decision.types.ts';
import { denied } from '../decision/denied.ts';

/**
 * A draft is recorded (its hash, as DraftGenerated) for a participant only: drafts carry the breach assessment
 * (numbers of people, categories of data). A refusal goes on the record; a draft that cannot be made records nothing.
 */
export function decideDraft(
  state: IncidentState,
  produced: Result<{ event: NewEvent }, DomainError>,
  ctx: { actor: Actor; pools: RolePools },
): Decision {
  if (!isParticipant(state, ctx.actor, ctx.pools)) {
    return denied(
      'draft',
      domainError(
        'policy.not_participant',
        `${principalOf(ctx.actor)} holds no role in ${state.id}, so cannot see its drafts.`,
        { hint: 'Ask the commander to /ir assign you a role.' },
      ),
    );
  }
  return produced.ok ? { ok: true, events: [produced.value.event] } : { ok: false, error: produced.error };
}
