import { actionsListView, approvalView } from '../actions/action.views.ts';
import type { RolePools } from '../incident/roles.policy.ts';
import type { IncidentEvent } from '../domain/event.types.ts';
import type { IncidentState } from '../incident/incident.state.ts';
import type { Command } from '../commands/command.types.ts';
import { factsOf, runbookOf } from '../runbooks/runbook.decide.ts';
import { currentStep } from '../runbooks/runbook-progress.ts';
import type { Runbook } from '../runbooks/runbook.schema.ts';
import { checklistView, finishedView, stepView } from '../runbooks/runbook.views.ts';
import { describeEvent } from '../views/event-describe.ts';
import { breachAssessedView } from '../clocks/clock.views.ts';
import { confirmationView, errorView, headerView, timelineView } from '../views/incident.views.ts';
import type { DomainError } from '../domain/errors.ts';
import type { CommandReply } from '../ports/commands.port.ts';
import type { Button, View } from '../views/view.types.ts';
import { buttonId } from '../views/interaction-ids.ts';
import { own } from '../domain/own.ts';

/** The view of a read-only command, or undefined when the command writes. */
export function queryView(
  command: Command,
  state: IncidentState,
  events: readonly IncidentEvent[],
  runbooks: readonly Runbook[],
): View | undefined {
  switch (command.name) {
    case 'status':
      return headerView(state);
    case 'timeline':
      return timelineView(state, events);
    case 'actions':
      return actionsListView(state);
    case 'next':
      return currentStepView(state, runbooks);
    case 'runbook':
      return command.runbookId ? undefined : checklistOrChoice(state, runbooks);
    default:
      return undefined;
  }
}

/** The current step card, the finished card, or how to choose a runbook. */
export function currentStepView(state: IncidentState, runbooks: readonly Runbook[]): View {
  const found = runbookOf(state, runbooks);
  if (!found) return choiceView(state, runbooks);
  const facts = factsOf(state);
  const step = currentStep(found.runbook, found.progress, facts);
  if (!step) return finishedView(found.runbook, found.progress);
  const buttons: Button[] = step.action
    ? [
        {
          id: buttonId({ kind: 'step', stepId: step.id, verb: 'act' }),
          label: `Request ${step.action.type}`,
          style: 'danger',
          command: `/ir request ${step.action.type} <target>${paramHint(step.action.params)}`,
        },
      ]
    : [];
  return stepView(found.runbook, step, found.progress, facts, buttons);
}

function paramHint(params: Record<string, unknown> | undefined): string {
  return Object.entries(params ?? {})
    .map(([name, value]) => {
      const given = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
      return ` --${name} ${given ? String(value) : `<${name}>`}`;
    })
    .join('');
}

function checklistOrChoice(state: IncidentState, runbooks: readonly Runbook[]): View {
  const found = runbookOf(state, runbooks);
  return found ? checklistView(found.runbook, found.progress, factsOf(state)) : choiceView(state, runbooks);
}

function choiceView(state: IncidentState, runbooks: readonly Runbook[]): View {
  return {
    summary: `${state.id} follows no runbook yet`,
    blocks: [
      { type: 'text', text: `${state.id} follows no runbook yet. The commander chooses one with /ir runbook <id>:` },
      { type: 'fields', fields: runbooks.map((runbook) => ({ label: runbook.id, value: runbook.title })) },
    ],
  };
}

/**
 * What the person who gave a write command sees: the approval card for a request, the next step after a step, else a
 * confirmation.
 */
export function replyViews(
  state: IncidentState,
  appended: readonly IncidentEvent[],
  runbooks: readonly Runbook[],
  pools: RolePools,
): View[] {
  const requested = appended.find(
    (event): event is IncidentEvent<'ActionRequested'> => event.type === 'ActionRequested',
  );
  const record = requested && own(state.actions, requested.data.actionId);
  if (record) return [approvalView(state, record, pools)];
  const breach = breachAssessedView(appended);
  if (breach) return [breach];
  const last = appended.at(-1);
  const confirmation = confirmationView(last ? `Recorded: ${describeEvent(last)}.` : 'Nothing to record.');
  const stepMoved = appended.some(
    (event) => event.type === 'StepCompleted' || event.type === 'StepSkipped' || event.type === 'RunbookStarted',
  );
  return stepMoved ? [confirmation, currentStepView(state, runbooks)] : [confirmation];
}

/** A refused or failed command's reply: the error as a view, and what it recorded (a PermissionDenied), if anything. */
export function failure(error: DomainError, appended: IncidentEvent[], incidentId?: string): CommandReply {
  return { ok: false, views: [errorView(error)], error, appended, ...(incidentId ? { incidentId } : {}) };
}
