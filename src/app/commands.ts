import { principalOf, type Actor } from '../domain/actor.ts';
import { domainError } from '../domain/errors.ts';
import type { IncidentEvent } from '../domain/event.types.ts';
import type { IncidentState } from '../incident/incident.state.ts';
import type { Command } from '../commands/command.types.ts';
import { parseCommand } from '../commands/parser.ts';
import { decide, isWriteCommand, type WriteCommand } from '../decision/decide.ts';
import { clocksBlocks } from '../clocks/clock.views.ts';
import type { IncidentLog } from '../log/incident-log.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { CommandReply, CommandRequest } from '../ports/commands.port.ts';
import type { IdSource } from '../ports/ids.port.ts';
import { helpView } from '../views/help.views.ts';
import { breachFormView } from '../views/forms.ts';
import { confirmationView, errorView } from '../views/incident.views.ts';
import type { View } from '../views/view.types.ts';
import type { Declarations } from './declare.ts';
import { draft, ticketFor } from './compose-draft.ts';
import { decideDraft } from '../drafts/draft.decide.ts';
import type { Effects } from './effects.ts';
import { failure, queryView, replyViews } from './replies.ts';
import type { SentinelTriage } from './sentinel-triage.ts';
import { decideContext, type CoreSettings } from './settings.ts';

/** The runbook step a server-built request belongs to. */
export interface StepOfRequest {
  id: string;
  owner?: string;
}

export interface TypedCommandDeps {
  log: IncidentLog;
  declarations: Declarations;
  triage: SentinelTriage;
  effects: Effects;
  clock: Clock;
  ids: IdSource;
  settings: CoreSettings;
  /** Called once per command with its outcome, for metrics. */
  onCommand?: (name: string, outcome: 'ok' | 'refused' | 'invalid') => void;
}

/**
 * The command use case: typed text parsed, answered from the incident
 * (queries), or decided, appended, and followed by what the append authorises.
 */
export class TypedCommands {
  constructor(private readonly deps: TypedCommandDeps) {}

  /** `step`: the text is a runbook step's action, built on the server (its request records the step and its owner). */
  async handle(request: CommandRequest, step?: StepOfRequest): Promise<CommandReply> {
    // `/ir breach` alone answers with the form: chat platforms draw it, the console prints the command.
    if (/^\s*(\/ir\s+)?breach\s*$/i.test(request.text) && request.incidentId) {
      return { ok: true, incidentId: request.incidentId, views: [breachFormView(request.incidentId)], appended: [] };
    }
    const parsed = parseCommand(request.text);
    if (!parsed.ok) {
      this.deps.onCommand?.('unparsed', 'invalid');
      return { ok: false, views: [errorView(parsed.error)], error: parsed.error, appended: [] };
    }
    const command =
      step && parsed.value.name === 'request'
        ? { ...parsed.value, stepId: step.id, ...(step.owner ? { stepOwner: step.owner } : {}) }
        : parsed.value;
    const reply = await this.#run(command, request);
    this.deps.onCommand?.(command.name, reply.ok ? 'ok' : reply.appended.length ? 'refused' : 'invalid');
    return reply;
  }

  async #run(command: Command, request: CommandRequest): Promise<CommandReply> {
    const { log, settings } = this.deps;
    if (command.name === 'help') return { ok: true, views: [helpView(command.topic)], appended: [] };
    if (command.name === 'declare') {
      const known = command.sentinelNumber
        ? await this.deps.triage.declareKnown(command.sentinelNumber, request.actor, request.origin)
        : undefined;
      return known ?? this.deps.declarations.open(command, request.actor, request.origin, request);
    }
    if (command.name === 'dismiss')
      return this.deps.triage.dismiss(command.sentinelNumber, command.reason, request.actor);
    if (!request.incidentId) {
      const error = domainError('incident.no_context', 'This conversation has no incident.', {
        hint: 'Declare one with /ir declare <title>, or run the command in its war room.',
      });
      return failure(error, []);
    }
    const { state, events } = await log.load(request.incidentId);
    if (!state.exists)
      return failure(domainError('incident.not_found', `There is no incident ${request.incidentId}.`), []);
    if (command.name === 'draft') return this.#draft(command, state, events, request.actor);
    const view = queryView(command, state, events, settings.runbooks);
    if (view)
      return {
        ok: true,
        incidentId: state.id,
        views:
          command.name === 'status'
            ? [withClocks(view, state, this.deps.clock.now(), settings.contacts.legalTimeZone ?? 'UTC')]
            : [view],
        appended: [],
      };
    if (!isWriteCommand(command)) throw new Error(`no handler for the command ${command.name}`);
    if (command.name === 'request' && command.type === 'support.create-ticket') {
      const ticket = ticketFor(state, events, settings.contacts);
      if (!ticket.ok) return failure(ticket.error, [], state.id);
      return this.#decide({ ...command, params: { ...command.params, ticket: ticket.value } }, request, state.id);
    }
    return this.#decide(command, request, state.id);
  }

  /** `/ir draft ...`: the draft as a view, its hash recorded as DraftGenerated. */
  async #draft(
    command: Extract<Command, { name: 'draft' }>,
    state: IncidentState,
    events: readonly IncidentEvent[],
    actor: Actor,
  ): Promise<CommandReply> {
    const { log, settings } = this.deps;
    const produced = draft(command, state, events, settings.contacts, settings.clocks, this.deps.clock.now());
    const outcome = await log.decideAndAppend(
      state.id,
      (current) => decideDraft(current, produced, { actor, pools: settings.pools }),
      actor,
    );
    if (!outcome.ok || !produced.ok)
      return failure(
        outcome.ok ? domainError('policy.not_participant', 'Refused.') : outcome.error,
        outcome.appended,
        state.id,
      );
    // A draft carries the breach figures: it goes to the person who asked, by direct message on every platform that
    // reaches them (the console prints it); the room only hears that a draft was made, and by whom.
    const { view } = produced.value;
    const delivered = await this.deps.effects.notify(principalOf(actor), view);
    const sha = produced.value.sha256.slice(0, 16);
    const notice: View = delivered
      ? confirmationView(
          `${actor.name} made a draft: ${view.summary} (sha256 ${sha}…), sent to them privately.`,
          'info',
        )
      : errorView(
          domainError(
            'draft.not_delivered',
            `The draft (${view.summary}, sha256 ${sha}…) was made but could not be sent to you privately.`,
            {
              hint:
                'Open a direct message with the bot (in Teams, install it in a 1:1 chat) and ask again; drafts are ' +
                'never posted in the room.',
            },
          ),
        );
    return { ok: true, incidentId: state.id, views: [notice], appended: outcome.appended };
  }

  /** Decides a write command against the incident, appends, and sets off what the append authorises. */
  async #decide(command: WriteCommand, request: CommandRequest, incidentId: string): Promise<CommandReply> {
    const { log, settings, ids, clock } = this.deps;
    const newActionId = ids.actionId(request.commandId);
    const outcome = await log.decideAndAppend(
      incidentId,
      (current) => decide(current, command, decideContext(settings, request.actor, newActionId, clock.now())),
      request.actor,
      request.commandId,
    );
    if (!outcome.ok) return failure(outcome.error, outcome.appended, incidentId);
    const followUp = this.deps.effects.after(incidentId, outcome.appended);
    return {
      ok: true,
      incidentId,
      views: replyViews(outcome.state, outcome.appended, settings.runbooks, settings.pools),
      appended: outcome.appended,
      followUp,
    };
  }
}

function withClocks(view: View, state: IncidentState, now: Date, timeZone: string): View {
  return { ...view, blocks: [...view.blocks, ...clocksBlocks(state, now, timeZone)] };
}
