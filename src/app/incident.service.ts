import type { PersonEntry } from '../incident/people.ts';
import type { RolePools } from '../incident/roles.policy.ts';
import type { ClockConfig } from '../decision/decision.types.ts';
import { SHIPPED_REGIMES } from '../clocks/regimes.ts';
import { DEFAULT_CALENDARS } from '../clocks/holidays.ts';
import { IncidentLog } from '../log/incident-log.ts';
import type { ChatPort } from '../ports/chat.port.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { CommandReply, CommandRequest, CommandsPort, FormRequest, PressRequest } from '../ports/commands.port.ts';
import type { Containment } from '../ports/containment.port.ts';
import type { IdSource } from '../ports/ids.port.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { SentinelIncident, SiemPort } from '../ports/siem.port.ts';
import type { IncidentStore } from '../ports/store.port.ts';
import type { Runbook } from '../runbooks/runbook.schema.ts';
import { DEFAULT_DECLARATION_RULES, type DeclarationRules } from '../sentinel/declaration-rules.ts';
import { TypedCommands } from './commands.ts';
import { Declarations } from './declare.ts';
import { Effects } from './effects.ts';
import { Interactions } from './interactions.ts';
import { sendDueReminders } from './reminder-delivery.ts';
import { SentinelTriage } from './sentinel-triage.ts';
import { DEFAULT_APPROVAL_TTL_MS, type Contacts, type CoreSettings } from './settings.ts';
import type { WriteBackQueue } from './writeback-queue.ts';

export interface IncidentServiceDeps {
  store: IncidentStore;
  clock: Clock;
  ids: IdSource;
  pools: RolePools;
  /** The people directory (IC_CONFIG `people:`). */
  people?: readonly PersonEntry[];
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
  /**
   * Which Sentinel incidents open a war room at once and which are proposed (default: High declares, Medium and Low
   * propose).
   */
  rules?: DeclarationRules;
  /** Sentinel write-back, when Sentinel is configured. */
  writeBack?: WriteBackQueue;
  /** Sentinel itself, for the entities a delivery lacks. */
  siem?: SiemPort;
  /** How long a containment request waits for approval (default 15 minutes). */
  approvalTtlMs?: number;
  /** Called once per command with its outcome, for metrics. */
  onCommand?: (name: string, outcome: 'ok' | 'refused' | 'invalid') => void;
  /** The incident log to write through (default: one over `store`); tests share one to look inside. */
  log?: IncidentLog;
}

/**
 * The composition of the use cases behind the driving port. It builds them
 * once and forwards; none of them knows it (each depends on the incident log
 * and on ports), so the command path has no cycle.
 */
export class IncidentService implements CommandsPort {
  readonly #log: IncidentLog;
  readonly #effects: Effects;
  readonly #commands: TypedCommands;
  readonly #interactions: Interactions;
  readonly #triage: SentinelTriage;
  readonly #settings: CoreSettings;

  constructor(private readonly deps: IncidentServiceDeps) {
    const clocks = deps.clocks ?? { regimes: SHIPPED_REGIMES, calendars: DEFAULT_CALENDARS, organisation: {} };
    const settings: CoreSettings = {
      pools: deps.pools,
      runbooks: deps.runbooks,
      clocks,
      contacts: deps.contacts ?? {},
      approvalTtlMs: deps.approvalTtlMs ?? DEFAULT_APPROVAL_TTL_MS,
      simulated: deps.containment.simulated,
      people: deps.people ?? [],
    };
    this.#settings = settings;
    const log = deps.log ?? new IncidentLog({ store: deps.store, clock: deps.clock, regimes: clocks.regimes });
    this.#log = log;
    this.#effects = new Effects(deps, log);
    const declarations = new Declarations({
      log,
      effects: this.#effects,
      chats: deps.chats,
      clock: deps.clock,
      ids: deps.ids,
      logger: deps.logger,
      settings,
    });
    this.#triage = new SentinelTriage({
      ...deps,
      rules: deps.rules ?? DEFAULT_DECLARATION_RULES,
      log,
      declarations,
      effects: this.#effects,
    });
    this.#commands = new TypedCommands({
      log,
      declarations,
      triage: this.#triage,
      effects: this.#effects,
      clock: deps.clock,
      ids: deps.ids,
      settings,
      ...(deps.onCommand ? { onCommand: deps.onCommand } : {}),
    });
    this.#interactions = new Interactions({
      handle: (request, step) => this.#commands.handle(request, step),
      log,
      contacts: settings.contacts,
      runbooks: deps.runbooks,
    });
  }

  handle(request: CommandRequest): Promise<CommandReply> {
    return this.#commands.handle(request);
  }

  press(request: PressRequest): Promise<CommandReply> {
    return this.#interactions.press(request);
  }

  submitForm(request: FormRequest): Promise<CommandReply> {
    return this.#interactions.submitForm(request);
  }

  ingest(incident: SentinelIncident, deliveryId: string): ReturnType<CommandsPort['ingest']> {
    return this.#triage.ingest(incident, deliveryId);
  }

  tick(): Promise<number> {
    const { store, clock, pools, logger } = this.deps;
    return sendDueReminders(this.#log, this.#effects, {
      store,
      clock,
      pools,
      logger,
      clocks: this.#settings.clocks,
      timeZone: this.#settings.contacts.legalTimeZone ?? 'UTC',
    });
  }

  /**
   * Only incidents the due index lists: an approved action without an outcome keeps its incident due until it has one.
   */
  async recoverActions(): Promise<number> {
    let driven = 0;
    for (const id of await this.#log.due()) {
      const { state } = await this.#log.load(id);
      if (Object.values(state.actions).some((action) => action.status === 'approved'))
        driven += await this.#effects.recoverActions(state);
    }
    return driven;
  }

  async retryWriteBacks(): Promise<number> {
    return (await this.deps.writeBack?.retryPending()) ?? 0;
  }

  incidentForRoom(platform: string, channelId: string): Promise<string | undefined> {
    return this.#log.incidentForRoom(platform, channelId);
  }

  load(incidentId: string): ReturnType<CommandsPort['load']> {
    return this.#log.load(incidentId);
  }
}
