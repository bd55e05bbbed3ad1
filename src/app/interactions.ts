import { domainError, kindOf } from '../domain/errors.ts';
import type { Runbook } from '../runbooks/runbook.schema.ts';
import { commandForButton } from '../views/buttons.ts';
import { actionIdOf, parseButtonId, parseFormId, type ButtonRef } from '../views/interaction-ids.ts';
import { commandForForm, denyFormView, dismissFormView, refilledForm } from '../views/forms.ts';
import type { View } from '../views/view.types.ts';
import { draftInputOf } from './compose-draft.ts';
import type { IncidentLog } from '../log/incident-log.ts';
import type { CommandReply, CommandRequest, FormRequest, PressRequest } from '../ports/commands.port.ts';
import { failure } from './replies.ts';
import type { Contacts } from './settings.ts';
import { stepRequestText } from './step-action.ts';
import type { StepOfRequest } from './commands.ts';

/** What interactions need: the typed-command path they resolve to, the log, the open incidents, the contacts. */
export interface InteractionDeps {
  handle(request: CommandRequest, step?: StepOfRequest): Promise<CommandReply>;
  log: IncidentLog;
  contacts: Contacts;
  runbooks: readonly Runbook[];
}

/**
 * Button presses and form submissions. Buttons and forms carry only opaque
 * ids: each is resolved here, on the server, to the command it stands for,
 * which then runs through the same path as typed input.
 */
export class Interactions {
  constructor(private readonly deps: InteractionDeps) {}

  /**
   * A button press: the id is resolved to the command it stands for and runs
   * through the same path as typed input, so every rule is checked again.
   */
  async press(request: PressRequest): Promise<CommandReply> {
    const button = parseButtonId(request.buttonId);
    if (button?.kind === 'step' && button.verb === 'act') return this.#pressStepAction(request, button.stepId);
    if (button?.kind === 'support-ticket' && request.incidentId) return this.#fileSupportTicket(request);
    const form = button && formForButton(button);
    if (form)
      return {
        ok: true,
        ...(request.incidentId ? { incidentId: request.incidentId } : {}),
        views: [form],
        appended: [],
      };
    const text = commandForButton(request.buttonId);
    if (!text) {
      const error = domainError('parse.unknown_command', 'This button is not one the bot issued, or it has expired.', {
        hint: 'Run /ir status for the current state.',
      });
      return failure(error, []);
    }
    const { buttonId: _buttonId, ...rest } = request;
    // An approval card sent by DM has no war room around it: the action id names its incident.
    const actionId = actionIdOf(button);
    const incidentId = rest.incidentId ?? (actionId ? await this.deps.log.incidentForAction(actionId) : undefined);
    return this.deps.handle({ ...rest, ...(incidentId ? { incidentId } : {}), text });
  }

  /**
   * A form submission: the values become the same command as typed input
   * (quoted, so typed text cannot add options), and every rule is checked again.
   */
  async submitForm(request: FormRequest): Promise<CommandReply> {
    const text = commandForForm(request.formId, request.values);
    if (!text)
      return failure(
        domainError('parse.unknown_command', 'This form is not one the bot issued.', { hint: 'Run /ir help.' }),
        [],
      );
    const { formId, values, ...rest } = request;
    const actionId = actionIdOf(parseFormId(formId));
    const incidentId = rest.incidentId ?? (actionId ? await this.deps.log.incidentForAction(actionId) : undefined);
    const reply = await this.deps.handle({ ...rest, ...(incidentId ? { incidentId } : {}), text });
    // A malformed submission records nothing: answer with the form again, filled in, beside the reason.
    const again =
      !reply.ok && reply.appended.length === 0 && reply.error && kindOf(reply.error.code) === 'malformed'
        ? refilledForm(formId, values, incidentId ?? '')
        : undefined;
    return again ? { ...reply, views: [...reply.views, again] } : reply;
  }

  /**
   * The "File with Microsoft Support" button: the subscription is taken from the incident's resources, never from the
   * button.
   */
  async #fileSupportTicket(request: Omit<CommandRequest, 'text'>): Promise<CommandReply> {
    const { state, events } = await this.deps.log.load(request.incidentId ?? '');
    const resource = draftInputOf(state, events, this.deps.contacts).resources[0];
    const subscription = /^\/subscriptions\/[^/]+/i.exec(resource ?? '')?.[0];
    if (!subscription) {
      return failure(
        domainError(
          'action.invalid_target',
          'The incident names no Azure resource, so the subscription to file under is unknown.',
          { hint: 'Type it: /ir request support.create-ticket /subscriptions/<subscription id>' },
        ),
        [],
        state.id,
      );
    }
    return this.deps.handle({ ...request, text: `/ir request support.create-ticket ${subscription}` });
  }

  /**
   * A step's action button: the request is built on the server from the step's
   * action and the incident's entities, never from what the button carries.
   */
  async #pressStepAction(request: Omit<CommandRequest, 'text'>, stepId: string): Promise<CommandReply> {
    if (!request.incidentId)
      return failure(domainError('incident.no_context', 'This conversation has no incident.'), []);
    const { state } = await this.deps.log.load(request.incidentId);
    const step =
      state.runbook && this.deps.runbooks.find((r) => r.id === state.runbook?.id)?.steps.find((s) => s.id === stepId);
    if (!step?.action)
      return failure(
        domainError('parse.unknown_command', 'This step has no action, or the card is out of date.', {
          hint: 'Run /ir next for the current step.',
        }),
        [],
        state.id,
      );
    const text = stepRequestText(step.action, state);
    if (!text.ok) return failure(text.error, [], state.id);
    return this.deps.handle(
      { ...request, text: text.value },
      { id: step.id, ...(step.owner ? { owner: step.owner } : {}) },
    );
  }
}

/** Buttons that answer with a form rather than a command: Deny and Dismiss need a reason. */
function formForButton(button: ButtonRef): View | undefined {
  if (button.kind === 'action' && button.verb === 'deny') return denyFormView(button.actionId);
  return button.kind === 'triage' && button.verb === 'dismiss' ? dismissFormView(button.number) : undefined;
}
