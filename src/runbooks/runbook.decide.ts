import { principalOf } from '../domain/actor.ts';
import { domainError } from '../domain/errors.ts';
import { newEvent, type NewEvent } from '../domain/event.types.ts';
import type { IncidentState } from '../incident/incident.state.ts';
import { isCommander, isParticipant } from '../incident/roles.policy.ts';
import { checkDone, checkSkip, type RunbookProgress } from './runbook-progress.ts';
import type { Runbook } from './runbook.schema.ts';
import { rankRunbooks, type IncidentFacts } from './runbook-select.ts';
import type { DecideContext, Decision } from '../decision/decision.types.ts';
import { denied } from '../decision/denied.ts';

/**
 * What the runbook engine knows of an incident. Sentinel facts (rules, tactics, entities) join when the incident came
 * from Sentinel.
 */
export function factsOf(state: IncidentState): IncidentFacts {
  return { title: state.title, severity: state.severity, ...(state.sentinel?.facts ?? {}) };
}

/** The runbook an incident follows and its progress, if it has one and it is still loaded. */
export function runbookOf(
  state: IncidentState,
  runbooks: readonly Runbook[],
): { runbook: Runbook; progress: RunbookProgress } | undefined {
  const current = state.runbook;
  const runbook = current && runbooks.find((candidate) => candidate.id === current.id);
  return runbook && current ? { runbook, progress: { runbookId: runbook.id, outcomes: current.outcomes } } : undefined;
}

/** The RunbookStarted event for a newly declared incident, when a runbook matches it. */
export function selectedRunbookEvent(facts: IncidentFacts, runbooks: readonly Runbook[]): NewEvent | undefined {
  const best = rankRunbooks(runbooks, facts)[0];
  if (!best) return undefined;
  return newEvent('RunbookStarted', {
    runbookId: best.runbook.id,
    version: best.runbook.version,
    title: best.runbook.title,
    chosen: 'matched',
    reasons: best.reasons,
  });
}

function noRunbook(state: IncidentState, runbooks: readonly Runbook[]): Decision {
  return {
    ok: false,
    error: domainError('runbook.none', `Incident ${state.id} follows no runbook yet.`, {
      hint: `Choose one with /ir runbook <id>: ${runbooks.map((r) => r.id).join(', ')}.`,
    }),
  };
}

export function decideDone(state: IncidentState, evidence: string | undefined, ctx: DecideContext): Decision {
  const found = runbookOf(state, ctx.runbooks);
  if (!found) return noRunbook(state, ctx.runbooks);
  if (!isParticipant(state, ctx.actor, ctx.pools)) return denied('done', notParticipant(state, ctx));
  const checked = checkDone(found.runbook, found.progress, factsOf(state), evidence);
  if (!checked.ok) return { ok: false, error: checked.error };
  const { step } = checked.value;
  return {
    ok: true,
    events: [
      newEvent('StepCompleted', {
        runbookId: found.runbook.id,
        stepId: step.id,
        title: step.title,
        ...(evidence ? { evidence } : {}),
        controls: [...step.controls],
      }),
    ],
  };
}

export function decideSkip(state: IncidentState, reason: string, ctx: DecideContext): Decision {
  const found = runbookOf(state, ctx.runbooks);
  if (!found) return noRunbook(state, ctx.runbooks);
  if (!isParticipant(state, ctx.actor, ctx.pools)) return denied('skip', notParticipant(state, ctx));
  const checked = checkSkip(found.runbook, found.progress, factsOf(state), reason, isCommander(state, ctx.actor));
  if (!checked.ok)
    return checked.error.code === 'policy.mandatory_step'
      ? denied('skip', checked.error)
      : { ok: false, error: checked.error };
  const { step } = checked.value;
  return {
    ok: true,
    events: [
      newEvent('StepSkipped', {
        runbookId: found.runbook.id,
        stepId: step.id,
        title: step.title,
        reason,
        controls: [...step.controls],
      }),
    ],
  };
}

export function decideRunbookChoice(state: IncidentState, runbookId: string, ctx: DecideContext): Decision {
  const runbook = ctx.runbooks.find((candidate) => candidate.id === runbookId);
  if (!runbook)
    return {
      ok: false,
      error: domainError('runbook.unknown', `There is no runbook "${runbookId}".`, {
        hint: `Runbooks: ${ctx.runbooks.map((r) => r.id).join(', ')}.`,
      }),
    };
  if (!isCommander(state, ctx.actor)) {
    return denied(
      'runbook',
      domainError(
        'policy.not_commander',
        `Only the commander (${state.roles.commander[0] ?? 'nobody yet'}) chooses the runbook.`,
      ),
    );
  }
  if (state.runbook?.id === runbookId)
    return { ok: false, error: domainError('runbook.invalid', `The incident already follows ${runbookId}.`) };
  return {
    ok: true,
    events: [
      newEvent('RunbookStarted', {
        runbookId,
        version: runbook.version,
        title: runbook.title,
        chosen: 'by-hand',
        reasons: [`chosen by ${principalOf(ctx.actor)}`],
      }),
    ],
  };
}

function notParticipant(state: IncidentState, ctx: DecideContext) {
  return domainError(
    'policy.not_participant',
    `${principalOf(ctx.actor)} holds no role in ${state.id}, so cannot record runbook steps.`,
    { hint: 'Ask the commander to /ir assign you a role.' },
  );
}
