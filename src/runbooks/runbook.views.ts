import type { Block, Button, View } from '../views/view.types.ts';
import { applicableSteps, currentStep, type RunbookProgress, type StepOutcome } from './runbook-progress.ts';
import type { Runbook, RunbookStep } from './runbook.schema.ts';
import type { IncidentFacts } from './runbook-select.ts';
import { buttonId } from '../views/interaction-ids.ts';

/**
 * A step card: where the step sits in the runbook, who owns it, the
 * instructions, what to record, the controls it evidences, and the buttons.
 * `buttons` are added after Done and Skip (e.g. the step's containment action,
 * which the caller builds because it needs a pending request id).
 * Button ids carry the step id so a press on an old card can be refused.
 */
export function stepView(
  runbook: Runbook,
  step: RunbookStep,
  progress: RunbookProgress,
  facts: IncidentFacts,
  buttons: readonly Button[] = [],
): View {
  const { position, total } = stepPosition(runbook, step, facts);
  const blocks: Block[] = [
    { type: 'header', text: `Step ${position} of ${total} (${step.phase}): ${step.title}` },
    { type: 'fields', fields: stepFields(runbook, step, progress) },
    { type: 'markdown', text: step.instructions },
  ];
  if (step.evidence) blocks.push({ type: 'text', text: `Evidence to record: ${step.evidence}` });
  blocks.push({ type: 'context', text: `Controls: ${step.controls.join(', ')}` });
  blocks.push({ type: 'actions', buttons: [...stepButtons(step), ...buttons] });
  return { summary: `${runbook.title}: step ${position} of ${total}, ${step.title} (${step.owner})`, blocks };
}

function stepPosition(runbook: Runbook, step: RunbookStep, facts: IncidentFacts): { position: number; total: number } {
  const applicable = applicableSteps(runbook, facts);
  const index = applicable.findIndex((candidate) => candidate.id === step.id);
  // A step outside the applicable list (facts changed since) is numbered within the whole runbook.
  if (index === -1)
    return {
      position: runbook.steps.findIndex((candidate) => candidate.id === step.id) + 1,
      total: runbook.steps.length,
    };
  return { position: index + 1, total: applicable.length };
}

function stepFields(
  runbook: Runbook,
  step: RunbookStep,
  progress: RunbookProgress,
): Array<{ label: string; value: string }> {
  const settled = runbook.steps.filter((candidate) => progress.outcomes[candidate.id]).length;
  return [
    { label: 'Owner', value: step.owner },
    { label: 'Mandatory', value: step.mandatory ? 'yes: only the commander can skip it' : 'no' },
    {
      label: 'Runbook',
      value: `${runbook.title} (v${runbook.version}), ${settled} of ${runbook.steps.length} steps done or skipped`,
    },
  ];
}

function stepButtons(step: RunbookStep): Button[] {
  return [
    {
      id: buttonId({ kind: 'step', stepId: step.id, verb: 'done' }),
      label: 'Done',
      style: 'primary',
      command: step.evidence ? '/ir done <what you recorded>' : '/ir done',
    },
    { id: buttonId({ kind: 'step', stepId: step.id, verb: 'skip' }), label: 'Skip', command: '/ir skip <reason>' },
  ];
}

/** The whole runbook as a checklist: done, skipped, the current step, and what is still to do. */
export function checklistView(runbook: Runbook, progress: RunbookProgress, facts: IncidentFacts): View {
  const steps = applicableSteps(runbook, facts);
  const current = currentStep(runbook, progress, facts);
  const items = steps.map((step) => ({
    label: checklistLabel(step, progress.outcomes[step.id]),
    state: itemState(step, progress.outcomes[step.id], current),
  }));
  const settled = steps.filter((step) => progress.outcomes[step.id]).length;
  const blocks: Block[] = [
    { type: 'header', text: `Runbook: ${runbook.title}` },
    { type: 'checklist', items },
    {
      type: 'context',
      text:
        `${settled} of ${steps.length} steps done or ` +
        `skipped.${current ? ` Next: ${current.title} (${current.owner}).` : ' Finished.'}`,
    },
  ];
  return { summary: `${runbook.title}: ${settled} of ${steps.length} steps done or skipped`, blocks };
}

function itemState(
  step: RunbookStep,
  outcome: StepOutcome | undefined,
  current: RunbookStep | undefined,
): 'done' | 'skipped' | 'current' | 'todo' {
  if (outcome) return outcome.kind;
  return current?.id === step.id ? 'current' : 'todo';
}

function checklistLabel(step: RunbookStep, outcome: StepOutcome | undefined): string {
  const base = `${step.title} (${step.owner})`;
  if (outcome?.kind === 'skipped')
    return `${base}: skipped by ${outcome.by}${outcome.reason ? `: ${outcome.reason}` : ''}`;
  if (outcome?.kind === 'done') return `${base}: done by ${outcome.by}`;
  return base;
}

/** Shown when the last applicable step is done or skipped: how many were done, which were skipped and why. */
export function finishedView(runbook: Runbook, progress: RunbookProgress): View {
  const outcomes = runbook.steps.flatMap((step) => {
    const outcome = progress.outcomes[step.id];
    return outcome ? [{ step, outcome }] : [];
  });
  const done = outcomes.filter(({ outcome }) => outcome.kind === 'done').length;
  const skipped = outcomes.filter(({ outcome }) => outcome.kind === 'skipped');
  const blocks: Block[] = [
    { type: 'header', text: `Runbook finished: ${runbook.title}` },
    {
      type: 'fields',
      fields: [
        { label: 'Done', value: String(done) },
        { label: 'Skipped', value: String(skipped.length) },
      ],
    },
  ];
  if (skipped.length > 0) {
    blocks.push({
      type: 'list',
      items: skipped.map(({ step, outcome }) => ({
        time: outcome.at,
        text: `Skipped "${step.title}" (${outcome.by}): ${outcome.reason ?? 'no reason given'}`,
      })),
    });
  }
  blocks.push({
    type: 'context',
    text: 'Every step is recorded in the incident timeline with who did or skipped it and when.',
  });
  return {
    summary: `Runbook ${runbook.title} finished: ${done} done, ${skipped.length} skipped`,
    blocks,
    tone: 'success',
  };
}
