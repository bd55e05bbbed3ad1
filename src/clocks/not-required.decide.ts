import { principalOf } from '../domain/actor.ts';
import { domainError } from '../domain/errors.ts';
import { newEvent } from '../domain/event.types.ts';
import type { IncidentState } from '../incident/incident.state.ts';
import type { Command } from '../commands/command.types.ts';
import type { DecideContext, Decision } from '../decision/decision.types.ts';
import { denied } from '../decision/denied.ts';
import { mayDeclareBreach, obligationsMet } from './clock.decide.ts';
import { isStopped } from './clocks.ts';
import { own } from '../domain/own.ts';

type Of<N extends Command['name']> = Extract<Command, { name: N }>;

/**
 * `not-required <regime> --reason`: the documented decision not to notify (GDPR Art. 33(5): facts, effects, remedial
 * action). Where the regime needs a second person (the default), the clock runs on, reminders included, until another
 * commander or legal confirms with `--confirm`; the author cannot confirm their own decision. A notice recorded
 * meanwhile stops the clock as notified.
 */
export function decideNotRequired(state: IncidentState, command: Of<'not-required'>, ctx: DecideContext): Decision {
  const refusal = mayDeclareBreach(state, ctx);
  if (refusal) return denied('not-required', refusal);
  const clock = own(state.breach.clocks, command.regime);
  if (!clock)
    return {
      ok: false,
      error: domainError('clock.not_running', `No ${command.regime} clock runs in ${state.id}.`, {
        hint: `Clocks: ${Object.keys(state.breach.clocks).join(', ') || 'none'}.`,
      }),
    };
  if (isStopped(clock))
    return {
      ok: false,
      error: domainError(
        'clock.stopped',
        clock.notifiedAt
          ? `The ${command.regime} authority was notified at ${clock.notifiedAt.toISOString()}; the notice stands.`
          : `The ${command.regime} notice was decided not required already (${clock.notRequired?.reason ?? ''}).`,
      ),
    };
  const by = principalOf(ctx.actor);
  const pending = clock.notRequired;
  if (command.confirm) {
    if (!pending)
      return {
        ok: false,
        error: domainError(
          'clock.no_decision',
          `No not-required decision for ${command.regime} waits to be confirmed.`,
          {
            hint: `Record one first: /ir not-required ${command.regime} --reason <text>.`,
          },
        ),
      };
    if (pending.decidedBy === by)
      return denied(
        'not-required',
        domainError(
          'policy.four_eyes',
          `${by} decided that ${command.regime} is not required; a second person confirms it, not the author.`,
          { hint: `Ask the commander or legal: /ir not-required ${command.regime} --confirm.` },
        ),
      );
    const events = [newEvent('NotRequiredConfirmed', { regime: command.regime, decidedBy: pending.decidedBy })];
    return { ok: true, events: [...events, ...obligationsMet(state, events, command.regime)] };
  }
  if (pending)
    return {
      ok: false,
      error: domainError(
        'clock.decision_pending',
        `${pending.decidedBy} decided that ${command.regime} is not required; it waits for confirmation.`,
        { hint: `A second person (commander or legal) confirms: /ir not-required ${command.regime} --confirm.` },
      ),
    };
  const regime = ctx.clocks.regimes.find((candidate) => candidate.id === command.regime);
  const confirmationNeeded = regime?.notRequiredConfirmation !== false;
  const events = [
    newEvent('NotRequiredDecided', { regime: command.regime, reason: command.reason ?? '', confirmationNeeded }),
  ];
  return {
    ok: true,
    events: confirmationNeeded ? events : [...events, ...obligationsMet(state, events, command.regime)],
  };
}
