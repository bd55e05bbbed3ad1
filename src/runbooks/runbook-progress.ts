import { domainError, fail, ok, type DomainError, type Result } from '../domain/errors.ts';
import type { Runbook, RunbookStep } from './runbook.schema.ts';
import type { IncidentFacts } from './runbook-select.ts';

/** What happened to one step. */
export interface StepOutcome {
  kind: 'done' | 'skipped';
  /** The principal who recorded it (`slack:U024BE7LH`). */
  by: string;
  /** ISO-8601 UTC. */
  at: string;
  /** What was recorded, for steps that ask for evidence. */
  evidence?: string;
  /** Why the step was skipped. */
  reason?: string;
}

/** The minimal progress the engine needs: which runbook, and the outcome of each step by step id. */
export interface RunbookProgress {
  runbookId: string;
  outcomes: Readonly<Record<string, StepOutcome>>;
}

/** The steps whose `when` conditions hold for this incident, in runbook order. */
export function applicableSteps(runbook: Runbook, facts: IncidentFacts): RunbookStep[] {
  return runbook.steps.filter((step) => stepApplies(step, facts));
}

/**
 * Whether every condition of the step's `when` holds: the severity is listed, and an entity of a listed kind exists.
 */
export function stepApplies(step: RunbookStep, facts: IncidentFacts): boolean {
  const when = step.when;
  if (!when) return true;
  if (when.severity && !when.severity.includes(facts.severity)) return false;
  if (when.entityKinds && !when.entityKinds.some((kind) => facts.entityKinds?.includes(kind))) return false;
  return true;
}

/** The first applicable step without an outcome, or undefined when the runbook is finished. */
export function currentStep(
  runbook: Runbook,
  progress: RunbookProgress,
  facts: IncidentFacts,
): RunbookStep | undefined {
  assertSameRunbook(runbook, progress);
  return applicableSteps(runbook, facts).find((step) => !progress.outcomes[step.id]);
}

/** Whether every applicable step is done or skipped. */
export function isFinished(runbook: Runbook, progress: RunbookProgress, facts: IncidentFacts): boolean {
  return currentStep(runbook, progress, facts) === undefined;
}

/** May the current step be marked done with this evidence? Returns the step, or why not. */
export function checkDone(
  runbook: Runbook,
  progress: RunbookProgress,
  facts: IncidentFacts,
  evidence?: string,
): Result<{ step: RunbookStep }, DomainError> {
  const step = currentStep(runbook, progress, facts);
  if (!step) return fail(finishedError(runbook));
  if (step.evidence && !evidence?.trim()) {
    return fail(
      domainError('runbook.evidence_required', `Step "${step.title}" asks for evidence: ${sentence(step.evidence)}`, {
        hint: 'Run /ir done <what you recorded>.',
      }),
    );
  }
  return ok({ step });
}

/**
 * May the current step be skipped? A reason is always needed, and a mandatory
 * step may be skipped only by the incident commander.
 */
export function checkSkip(
  runbook: Runbook,
  progress: RunbookProgress,
  facts: IncidentFacts,
  reason: string | undefined,
  isCommander: boolean,
): Result<{ step: RunbookStep }, DomainError> {
  const step = currentStep(runbook, progress, facts);
  if (!step) return fail(finishedError(runbook));
  if (step.mandatory && !isCommander) {
    return fail(
      domainError(
        'policy.mandatory_step',
        `Step "${step.title}" is mandatory: only the incident commander can skip it.`,
        {
          hint: 'Complete it with /ir done, or ask the commander to run /ir skip <reason>.',
        },
      ),
    );
  }
  if (!reason?.trim()) {
    return fail(
      domainError('runbook.reason_required', `Skipping step "${step.title}" needs a reason, for the record.`, {
        hint: 'Run /ir skip <why this step does not apply>.',
      }),
    );
  }
  return ok({ step });
}

/** Ends the text with a full stop unless it already ends with punctuation. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?:]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function finishedError(runbook: Runbook): DomainError {
  return domainError('runbook.finished', `Runbook "${runbook.title}" is finished: every step is done or skipped.`, {
    hint: 'Nothing is left in this runbook; /ir status shows the incident.',
  });
}

// A progress record of another runbook is a bug in the caller, not an expected outcome.
function assertSameRunbook(runbook: Runbook, progress: RunbookProgress): void {
  if (progress.runbookId !== runbook.id) {
    throw new Error(`Progress of runbook "${progress.runbookId}" used with runbook "${runbook.id}".`);
  }
}
