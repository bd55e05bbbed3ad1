import { principalOf, type Actor } from '../domain/actor.ts';
import { isParticipant } from '../domain/roles.policy.ts';
import { denied } from '../decide/denied.ts';
import { SYSTEM_ACTOR } from '../domain/actor.ts';
import { domainError, type DomainError, type ErrorCode } from '../domain/errors.ts';
import type { IncidentEvent, NewEvent, WarRoomRef } from '../domain/event.types.ts';
import { chainEvents } from '../domain/hash-chain.ts';
import { applyEvent, foldEvents, type IncidentState } from '../domain/incident.state.ts';
import type { RolePools } from '../domain/roles.policy.ts';
import type { Command } from '../commands/command.types.ts';
import { parseCommand } from '../commands/parser.ts';
import { decide, isWriteCommand, type WriteCommand } from '../decide/decide.ts';
import type { DecideContext, Decision } from '../decide/decide.types.ts';
import type { Containment } from '../ports/containment.port.ts';
import { Effects } from './effects.ts';
import { currentStepView, queryView, replyViews } from './replies.ts';
import type { Runbook } from '../runbooks/runbook.schema.ts';
import type { ChatPort } from '../ports/chat.port.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { IdSource } from '../ports/ids.port.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { IncidentStore } from '../ports/store.port.ts';
import { helpView } from '../views/help.views.ts';
import { confirmationView, declaredView, errorView } from '../views/incident.views.ts';
import type { View } from '../views/view.types.ts';
import { KeyedMutex } from './keyed-mutex.ts';
import { breachFormView } from '../views/forms.ts';
import { Interactions } from './interactions.ts';
import { draft, ticketFor } from './drafts.ts';
import { sendDueReminders } from './reminders.ts';
import type { ClockConfig } from '../decide/decide.types.ts';
import type { DraftContacts } from '../drafts/draft.types.ts';
import { SHIPPED_REGIMES } from '../clocks/regimes.ts';
import { DEFAULT_CALENDARS } from '../clocks/holidays.ts';
import { clocksBlocks } from '../clocks/clock.views.ts';
import { SentinelTriage } from './sentinel.triage.ts';
import type { WriteBack } from './writeback.ts';
import { DEFAULT_DECLARATION_RULES, type DeclarationRules } from '../sentinel/declaration.rules.ts';
import type { SentinelIncident, SentinelIntake, SiemPort } from '../ports/siem.port.ts';

/** Where a command was typed: the conversation and, if known, its incident. */
export interface CommandRequest {
  text: string;
  actor: Actor;
  /** The incident this conversation is about (a war room, or the console's current one). */
  incidentId?: string;
  /** The conversation the command came from; a war room opened there gets no second header. */
  origin?: WarRoomRef;
  /**
   * The platform's delivery id (a Slack envelope, a Teams activity, a console
   * line): every append the command makes carries it, so the same delivery
   * processed again (a replay from the inbox after a crash, a re-sent
   * request) is recognised by the store and changes nothing.
   */
  commandId?: string;
  /** When the delivery was received (kept in the inbox): ids minted for it are the same on a replay. */
  receivedAt?: Date;
}

export interface CommandReply {
  ok: boolean;
  /** The incident acted on; for `declare`, the new one. */
  incidentId?: string;
  views: View[];
  error?: DomainError;
  /** Events this command appended, in order (refusals may append a PermissionDenied). */
  appended: IncidentEvent[];
  /**
   * Work the command set off that continues after the reply (executing an
   * approved action, posting results): chat adapters answer first and track it;
   * the console waits for it before the next line.
   */
  followUp?: Promise<void>;
}

export interface IncidentServiceDeps {
  store: IncidentStore;
  clock: Clock;
  ids: IdSource;
  pools: RolePools;
  chats: readonly ChatPort[];
  logger: Logger;
  /** Where approved containment runs: Azure, or the simulated executor. */
  containment: Containment;
  /** Where drills' approved actions run: always a simulated executor. */
  drillContainment?: Containment;
  /** The runbooks loaded and validated at start-up. */
  runbooks: readonly Runbook[];
  /** Regimes, holiday calendars and the organisation profile (default: the shipped regimes). */
  clocks?: ClockConfig;
  /** Who the drafts name (DPO, company, Microsoft Support contact) and the legal contact's time zone for deadlines. */
  contacts?: Contacts;
  /** Which Sentinel incidents open a war room at once and which are proposed (default: High declares, Medium and Low propose). */
  rules?: DeclarationRules;
  /** Sentinel write-back, when Sentinel is configured. */
  writeBack?: WriteBack;
  /** Sentinel itself, for the entities a delivery lacks. */
  siem?: SiemPort;
  /** How long a containment request waits for approval (default 15 minutes). */
  approvalTtlMs?: number;
  /** Called once per command with its outcome, for metrics. */
  onCommand?: (name: string, outcome: 'ok' | 'refused' | 'invalid') => void;
}

/** Concurrent appends by other replicas are retried this often, with a growing random pause, before the command is handed back to the inbox. */
const MAX_CONFLICT_RETRIES = 20;

/**
 * The incident kept changing under a command (many replicas writing at
 * once): nothing was recorded, and the delivery is retried later from the
 * inbox rather than answered with an error. Transient by nature.
 */
export class StoreBusyError extends Error {
  readonly code = 'store.conflict';
  readonly transient = true;
}
/** An unanswered containment request lapses after this (DESIGN.md: 15 minutes by default). */
export const DEFAULT_APPROVAL_TTL_MS = 15 * 60 * 1000;

export type AppendOutcome = { ok: true; appended: IncidentEvent[]; state: IncidentState; replayed?: true } | { ok: false; error: DomainError; appended: IncidentEvent[] };

/**
 * The use cases: load, decide, append with the expected seq (reloading on a
 * conflict), then run the side effects the append authorised.
 */
export class IncidentService {
  readonly #mutex = new KeyedMutex();
  /** `<platform>:<channelId>` of each known war room -> incident id. */
  readonly #rooms = new Map<string, string>();
  /** Incidents whose war rooms are in `#rooms` already (an incident still opening its rooms is read again). */
  readonly #indexed = new Set<string>();

  readonly #effects: Effects;
  readonly #triage: SentinelTriage;
  readonly #interactions: Interactions;
  readonly clockConfig: ClockConfig;
  readonly contacts: Contacts;

  constructor(private readonly deps: IncidentServiceDeps) {
    this.clockConfig = deps.clocks ?? { regimes: SHIPPED_REGIMES, calendars: DEFAULT_CALENDARS, organisation: {} };
    this.contacts = deps.contacts ?? {};
    this.#effects = new Effects(deps, this);
    this.#interactions = new Interactions(this, deps.runbooks);
    this.#triage = new SentinelTriage({ ...deps, rules: deps.rules ?? DEFAULT_DECLARATION_RULES }, this);
  }

  /** Sentinel incidents in (webhook, poller): declared, proposed, or an update to a known incident. */
  ingestSentinel(incident: SentinelIncident, deliveryId: string): ReturnType<SentinelIntake['ingestSentinel']> {
    return this.#triage.ingestSentinel(incident, deliveryId);
  }

  /** Retries Sentinel write-backs that failed before; called on each scheduler tick. */
  async retryWriteBacks(): Promise<number> {
    return (await this.deps.writeBack?.retryPending()) ?? 0;
  }

  /** Posts a view into every war room of the incident. */
  async postToRooms(state: IncidentState, view: View): Promise<void> {
    await this.#effects.postToRooms(state, view);
  }

  async handle(request: CommandRequest): Promise<CommandReply> {
    // `/ir breach` alone answers with the form: chat platforms draw it, the console prints the command.
    if (/^\s*(\/ir\s+)?breach\s*$/i.test(request.text) && request.incidentId) {
      return { ok: true, incidentId: request.incidentId, views: [breachFormView(request.incidentId)], appended: [] };
    }
    const parsed = parseCommand(request.text);
    if (!parsed.ok) {
      this.deps.onCommand?.('unparsed', 'invalid');
      return { ok: false, views: [errorView(parsed.error)], error: parsed.error, appended: [] };
    }
    const command = parsed.value;
    const reply = await this.run(command, request);
    this.deps.onCommand?.(command.name, reply.ok ? 'ok' : reply.appended.length ? 'refused' : 'invalid');
    return reply;
  }

  /** A button press: resolved on the server to the command it stands for (src/app/interactions.ts). */
  press(request: Omit<CommandRequest, 'text'> & { buttonId: string }): Promise<CommandReply> {
    return this.#interactions.press(request);
  }

  /** A form submission: the values become the same command as typed input. */
  submitForm(request: Omit<CommandRequest, 'text'> & { formId: string; values: Readonly<Record<string, string | boolean | undefined>> }): Promise<CommandReply> {
    return this.#interactions.submitForm(request);
  }

  /** `/ir draft ...`: the draft as a view, its hash recorded as DraftGenerated. */
  async #draft(command: Extract<Command, { name: 'draft' }>, state: IncidentState, events: IncidentEvent[], actor: Actor): Promise<CommandReply> {
    // Drafts carry the breach assessment (numbers of people, categories of data): participants only.
    if (!isParticipant(state, actor, this.deps.pools)) {
      const refusal = denied('draft', domainError('policy.not_participant', `${principalOf(actor)} holds no role in ${state.id}, so cannot see its drafts.`, { hint: 'Ask the commander to /ir assign you a role.' }));
      const outcome = await this.decideAndAppend(state.id, () => refusal, actor);
      return failure(outcome.ok ? domainError('policy.not_participant', 'Refused.') : outcome.error, outcome.appended, state.id);
    }
    const produced = draft(command, state, events, this.contacts, this.clockConfig, this.deps.clock.now());
    if (!produced.ok) return failure(produced.error, [], state.id);
    const outcome = await this.decideAndAppend(state.id, () => ({ ok: true, events: [produced.value.event] }), actor);
    return { ok: true, incidentId: state.id, views: [produced.value.view], appended: outcome.appended };
  }

  /** One scheduler tick: the countdown reminders that are due, each sent once across replicas and restarts. */
  tick(): Promise<number> {
    return sendDueReminders(this, this.#effects, { store: this.deps.store, clock: this.deps.clock, pools: this.deps.pools, logger: this.deps.logger, clocks: this.clockConfig, timeZone: this.contacts.legalTimeZone ?? 'UTC' });
  }

  /** Drives every approved action that has no outcome to one (after a crash, or a replica that died mid-call). */
  async recoverActions(): Promise<number> {
    let driven = 0;
    for (const id of await this.deps.store.listOpen()) {
      const { state } = await this.load(id);
      if (Object.values(state.actions).some((action) => action.status === 'approved')) driven += await this.#effects.recoverActions(state);
    }
    return driven;
  }

  /** Ids of the open incidents and triage items. */
  openIncidents(): Promise<string[]> {
    return this.deps.store.listOpen();
  }

  /** The open incident whose war room is this conversation, if any. */
  async incidentForRoom(platform: string, channelId: string): Promise<string | undefined> {
    const key = `${platform}:${channelId}`;
    const cached = this.#rooms.get(key);
    if (cached) return cached;
    // A miss (a command outside any war room) reads only incidents not indexed before: one listOpen, not a load of each.
    // A room another replica adds to an already indexed incident is found after a restart.
    for (const id of await this.deps.store.listOpen()) {
      if (this.#indexed.has(id)) continue;
      const { state } = await this.load(id);
      for (const room of state.warRooms) this.#rooms.set(`${room.platform}:${room.channelId}`, id);
      if (state.warRooms.length > 0 || !state.exists) this.#indexed.add(id);
    }
    return this.#rooms.get(key);
  }

  async load(incidentId: string): Promise<{ state: IncidentState; events: IncidentEvent[] }> {
    const events = await this.deps.store.load(incidentId);
    return { state: foldEvents(incidentId, events), events };
  }

  private async run(command: Command, request: CommandRequest): Promise<CommandReply> {
    if (command.name === 'help') return { ok: true, views: [helpView(command.topic)], appended: [] };
    if (command.name === 'declare') {
      const known = command.sentinelNumber ? await this.#triage.declareKnown(command.sentinelNumber, request.actor, request.origin) : undefined;
      return known ?? this.openIncident(command, request.actor, request.origin, request);
    }
    if (command.name === 'dismiss') return this.#triage.dismiss(command.sentinelNumber, command.reason, request.actor);
    if (!request.incidentId) {
      const error = domainError('incident.no_context', 'This conversation has no incident.', { hint: 'Declare one with /ir declare <title>, or run the command in its war room.' });
      return failure(error, []);
    }
    const { state, events } = await this.load(request.incidentId);
    if (!state.exists) return failure(domainError('incident.not_found', `There is no incident ${request.incidentId}.`), []);
    if (command.name === 'draft') return this.#draft(command, state, events, request.actor);
    const view = queryView(command, state, events, this.deps.runbooks);
    if (view) return { ok: true, incidentId: state.id, views: command.name === 'status' ? [withClocks(view, state, this.deps.clock.now(), this.contacts.legalTimeZone ?? 'UTC')] : [view], appended: [] };
    if (!isWriteCommand(command)) throw new Error(`no handler for the command ${command.name}`);
    if (command.name === 'request' && command.type === 'support.create-ticket') {
      const ticket = ticketFor(state, events, this.contacts);
      if (!ticket.ok) return failure(ticket.error, [], state.id);
      return this.#decideCommand({ ...command, params: { ...command.params, ticket: ticket.value } }, request, state.id);
    }
    return this.#decideCommand(command, request, state.id);
  }

  /** Decides a write command against the incident, appends, and sets off what the append authorises. */
  async #decideCommand(command: WriteCommand, request: CommandRequest, incidentId: string): Promise<CommandReply> {
    const newActionId = this.deps.ids.actionId(request.commandId);
    const outcome = await this.decideAndAppend(incidentId, (current) => decide(current, command, this.context(request.actor, newActionId)), request.actor, request.commandId);
    if (!outcome.ok) return failure(outcome.error, outcome.appended, incidentId);
    const followUp = this.#effects.after(incidentId, outcome.appended);
    return { ok: true, incidentId, views: replyViews(outcome.state, outcome.appended, this.deps.runbooks), appended: outcome.appended, followUp };
  }

  /** Declares a new incident (typed, or from Sentinel) and opens its war rooms. */
  async openIncident(command: Extract<Command, { name: 'declare' }>, actor: Actor, origin?: WarRoomRef, delivery: Pick<CommandRequest, 'commandId' | 'receivedAt'> = {}): Promise<CommandReply> {
    const { commandId } = delivery;
    // A delivery's incident id is derived from it, so a replay of the same declaration finds the incident it made.
    const incidentId = this.deps.ids.incidentId(delivery.receivedAt ?? this.deps.clock.now(), commandId);
    const outcome = await this.decideAndAppend(incidentId, (state) => decide(state, command, this.context(actor, this.deps.ids.actionId())), actor, commandId);
    if (!outcome.ok) return failure(outcome.error, outcome.appended);
    const opened = await this.openWarRooms(incidentId, origin, commandId);
    const followUp = this.#effects.after(incidentId, [...outcome.appended, ...opened.appended]);
    const { state } = await this.load(incidentId);
    const views = [declaredView(state), currentStepView(state, this.deps.runbooks), ...opened.problems.map((text) => confirmationView(text, 'warning'))];
    return { ok: true, incidentId, views, appended: [...outcome.appended, ...opened.appended], followUp };
  }

  /** Opens a war room on every configured platform, records each, and posts the header where it is new. */
  private async openWarRooms(incidentId: string, origin?: WarRoomRef, commandId?: string): Promise<{ appended: IncidentEvent[]; problems: string[] }> {
    const appended: IncidentEvent[] = [];
    const problems: string[] = [];
    for (const chat of this.deps.chats) {
      try {
        const { state } = await this.load(incidentId);
        // A replayed declaration whose room was opened before the crash: the room is kept, not opened twice.
        if (state.warRooms.some((room) => room.platform === chat.platform)) continue;
        const room = await chat.openWarRoom(state);
        const outcome = await this.decideAndAppend(incidentId, () => ({ ok: true, events: [{ type: 'WarRoomOpened', data: room }] }), SYSTEM_ACTOR, commandId ? `${commandId}/room:${chat.platform}` : undefined);
        if (outcome.ok) appended.push(...outcome.appended);
        this.#rooms.set(`${room.platform}:${room.channelId}`, incidentId);
        const sameAsOrigin = origin && origin.platform === room.platform && origin.channelId === room.channelId;
        if (!sameAsOrigin) await chat.post(room, declaredView((await this.load(incidentId)).state));
      } catch (error) {
        this.deps.logger.error('war room could not be opened', { incidentId, platform: chat.platform, error: String(error) });
        problems.push(`The ${chat.platform} war room could not be opened (${String(error)}); the incident is recorded, retry with /ir status in a channel there.`);
      }
    }
    return { appended, problems };
  }

  /**
   * Appends what `decideFn` decides, retrying on a concurrent append. With a
   * `commandId`, the append is the command's: if the log already holds it
   * (a replay), nothing is written and the events it appended the first time
   * come back, marked `replayed`.
   */
  decideAndAppend(incidentId: string, decideFn: (state: IncidentState) => Decision, actor: Actor, commandId?: string): Promise<AppendOutcome> {
    return this.#mutex.run(incidentId, () => this.#decideAndAppend(incidentId, decideFn, actor, commandId));
  }

  async #decideAndAppend(incidentId: string, decideFn: (state: IncidentState) => Decision, actor: Actor, commandId: string | undefined): Promise<AppendOutcome> {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      const { state, events } = await this.load(incidentId);
      if (commandId !== undefined && events.some((event) => event.commandId === commandId)) return replayedOutcome(state, events, commandId);
      const decision = decideFn(state);
      const toAppend: NewEvent[] = decision.ok ? decision.events : decision.record ? [decision.record] : [];
      if (toAppend.length === 0) return decision.ok ? { ok: true, appended: [], state } : { ok: false, error: decision.error, appended: [] };
      const stamped = chainEvents({ incidentId, seq: state.seq, hash: state.headHash }, toAppend, actor, this.deps.clock.now(), commandId);
      const result = await this.deps.store.append(incidentId, state.seq, stamped);
      if (result.ok && result.duplicate && commandId !== undefined) {
        const current = await this.load(incidentId);
        return replayedOutcome(current.state, current.events, commandId);
      }
      if (!result.ok) {
        // Replicas that collide back off apart, so that one of them wins the next round.
        await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 5 * (attempt + 1))));
        continue;
      }
      if (!decision.ok) return { ok: false, error: decision.error, appended: stamped };
      return { ok: true, appended: stamped, state: stamped.reduce(applyEvent, state) };
    }
    throw new StoreBusyError(`store.conflict: incident ${incidentId} kept changing while a command was decided ${MAX_CONFLICT_RETRIES} times; nothing was recorded`);
  }

  private context(actor: Actor, newActionId: string): DecideContext {
    return {
      actor,
      now: this.deps.clock.now(),
      pools: this.deps.pools,
      newActionId,
      approvalTtlMs: this.deps.approvalTtlMs ?? DEFAULT_APPROVAL_TTL_MS,
      simulated: this.deps.containment.simulated,
      runbooks: this.deps.runbooks,
      clocks: this.clockConfig,
    };
  }
}

/** Contacts from config: who drafts name, and the legal contact's time zone. */
export type Contacts = DraftContacts & { legalTimeZone?: string; supportRequest?: { serviceId?: string; problemClassificationId?: string; ask?: string } };

/** What a command appended the first time, found by its id: a replay answers with it and writes nothing. */
function replayedOutcome(state: IncidentState, events: readonly IncidentEvent[], commandId: string): AppendOutcome {
  const appended = events.filter((event) => event.commandId === commandId);
  const refused = appended.find((event) => event.type === 'PermissionDenied');
  if (refused) {
    const { reason, rule } = (refused as IncidentEvent<'PermissionDenied'>).data;
    return { ok: false, error: domainError(rule as ErrorCode, reason), appended };
  }
  return { ok: true, appended, state, replayed: true };
}

function withClocks(view: View, state: IncidentState, now: Date, timeZone: string): View {
  return { ...view, blocks: [...view.blocks, ...clocksBlocks(state, now, timeZone)] };
}

export function failure(error: DomainError, appended: IncidentEvent[], incidentId?: string): CommandReply {
  return { ok: false, views: [errorView(error)], error, appended, ...(incidentId ? { incidentId } : {}) };
}
