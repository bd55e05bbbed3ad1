import { principalOf, type Actor } from '../domain/actor.ts';
import { domainError, type DomainError } from '../domain/errors.ts';
import { newEvent } from '../domain/event.types.ts';
import type { RolePools } from '../incident/roles.policy.ts';
import { sentinelRefOf } from '../incident/incident.decide.ts';
import type { ChatPort } from '../ports/chat.port.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { IdSource } from '../ports/ids.port.ts';
import type { SentinelIncident, SentinelIntake, SiemPort } from '../ports/siem.port.ts';
import type { IncidentStore } from '../ports/store.port.ts';
import { decideDismiss } from '../sentinel/triage.decide.ts';
import { classifyIncident, severityRaised, type DeclarationRules } from '../sentinel/declaration-rules.ts';
import { proposalView, sentinelUpdateView } from '../sentinel/triage.views.ts';
import { errorView } from '../views/incident.views.ts';
import type { View } from '../views/view.types.ts';
import type { WarRoomRef } from '../domain/event.types.ts';
import type { AppendOutcome, IncidentLog } from '../log/incident-log.ts';
import { KeyedMutex } from '../log/keyed-mutex.ts';
import type { CommandReply } from '../ports/commands.port.ts';
import type { Declarations } from './declare.ts';
import type { Effects } from './effects.ts';
import type { WriteBackQueue } from './writeback-queue.ts';

/** Sentinel's automation, as recorded on the events it causes. */
export const SENTINEL_ACTOR: Actor = Object.freeze({
  platform: 'sentinel',
  id: 'automation',
  name: 'Microsoft Sentinel',
});

/** What the bot remembers of one Sentinel incident. */
interface KnownIncident {
  snapshot: SentinelIncident;
  incidentId?: string;
  triageId?: string;
  decided?: boolean;
}

export interface TriageDeps {
  store: IncidentStore;
  clock: Clock;
  ids: IdSource;
  chats: readonly ChatPort[];
  pools: RolePools;
  rules: DeclarationRules;
  writeBack?: WriteBackQueue;
  /** Asked for the entities when a delivery carries none (a plain incident resource). */
  siem?: SiemPort;
  log: IncidentLog;
  declarations: Declarations;
  effects: Effects;
}

const DELIVERY_TTL_MS = 30 * 24 * 3600 * 1000;
const incidentKey = (name: string) => `sentinel:incident:${name.toLowerCase()}`;
const numberKey = (number: string) => `sentinel:number:${number}`;

/**
 * Sentinel incidents in: declared at once, proposed to triage, or recorded as
 * updates to the incident they already are. Every proposal is a triage log
 * whose decision (declared or dismissed, by whom, why) is the assessment
 * ISO 27001 5.25 and SOC 2 CC7.3 ask for.
 */
export class SentinelTriage implements SentinelIntake {
  readonly #mutex = new KeyedMutex();

  constructor(private readonly deps: TriageDeps) {}

  async ingest(
    incident: SentinelIncident,
    deliveryId: string,
  ): Promise<{ outcome: 'declared' | 'proposed' | 'updated' | 'duplicate' | 'ignored'; incidentId?: string }> {
    const key = `inbound:sentinel:${incident.name.toLowerCase()}:${deliveryId}`;
    if (!(await this.deps.store.claim(key, DELIVERY_TTL_MS))) return { outcome: 'duplicate' };
    try {
      const complete = await this.#withEntities(incident);
      return await this.#mutex.run(incident.name.toLowerCase(), () => this.#ingest(complete));
    } catch (error) {
      await this.deps.store.release(key);
      throw error;
    }
  }

  /** A plain incident resource carries no entities: Sentinel is asked, and a failure leaves them empty. */
  async #withEntities(incident: SentinelIncident): Promise<SentinelIncident> {
    if (incident.entities.length > 0 || !this.deps.siem) return incident;
    const entities = await this.deps.siem
      .entities({ armId: incident.armId, name: incident.name, number: incident.number })
      .catch(() => []);
    return { ...incident, entities };
  }

  async #ingest(
    incident: SentinelIncident,
  ): Promise<{ outcome: 'declared' | 'proposed' | 'updated' | 'ignored'; incidentId?: string }> {
    const known = (await this.deps.store.getRecord(incidentKey(incident.name))) as KnownIncident | undefined;
    if (known?.incidentId) return this.#update(known, incident);
    const verdict = classifyIncident(incident, this.deps.rules);
    if (known?.triageId && !known.decided) {
      await this.#remember({ ...known, snapshot: incident });
      if (verdict.decision !== 'declare') return { outcome: 'updated', incidentId: known.triageId };
    }
    if (verdict.decision === 'declare') {
      const reply = await this.#declare(incident, SENTINEL_ACTOR);
      return reply.ok
        ? { outcome: 'declared', ...(reply.incidentId ? { incidentId: reply.incidentId } : {}) }
        : { outcome: 'ignored' };
    }
    if (verdict.decision === 'propose') return this.#propose(incident, verdict.rule);
    return { outcome: 'ignored' };
  }

  async #remember(known: KnownIncident): Promise<void> {
    await this.deps.store.putRecord(incidentKey(known.snapshot.name), known);
    await this.deps.store.putRecord(numberKey(known.snapshot.number), { name: known.snapshot.name });
  }

  async #propose(incident: SentinelIncident, rule: string): Promise<{ outcome: 'proposed'; incidentId: string }> {
    const triageId = this.deps.ids.incidentId(this.deps.clock.now()).replace(/^ir-/, 'tr-');
    const proposed = newEvent('TriageProposed', {
      sentinel: sentinelRefOf(incident),
      title: incident.title,
      severity: incident.severity,
      rule,
    });
    await this.deps.log.decideAndAppend(triageId, () => ({ ok: true, events: [proposed] }), SENTINEL_ACTOR);
    await this.#remember({ snapshot: incident, triageId });
    await this.#toTriage(proposalView(incident, rule));
    return { outcome: 'proposed', incidentId: triageId };
  }

  async #toTriage(view: View): Promise<void> {
    for (const chat of this.deps.chats) await chat.postToTriage?.(view).catch(() => false);
  }

  /** Opens the war room for a Sentinel incident and closes its triage log, if it had one. */
  async #declare(incident: SentinelIncident, actor: Actor, origin?: WarRoomRef): Promise<CommandReply> {
    if (!(await this.deps.store.claim(`sentinel:open:${incident.name.toLowerCase()}`, DELIVERY_TTL_MS))) {
      return failureReply(domainError('triage.in_progress', `Sentinel #${incident.number} is already being declared.`));
    }
    const reply = await this.deps.declarations.open(
      { name: 'declare', sentinelIncident: incident, sentinelNumber: incident.number },
      actor,
      origin,
    );
    if (!reply.ok || !reply.incidentId) {
      await this.deps.store.release(`sentinel:open:${incident.name.toLowerCase()}`);
      return reply;
    }
    const known = (await this.deps.store.getRecord(incidentKey(incident.name))) as KnownIncident | undefined;
    if (known?.triageId && !known.decided) {
      await this.deps.log.decideAndAppend(
        known.triageId,
        () => ({
          ok: true,
          events: [
            newEvent('TriageDecided', {
              decision: 'declared',
              ...(reply.incidentId ? { incidentId: reply.incidentId } : {}),
            }),
          ],
        }),
        actor,
      );
    }
    await this.#remember({ ...(known ?? {}), snapshot: incident, incidentId: reply.incidentId, decided: true });
    return reply;
  }

  /** `/ir declare sentinel:<n>` for an incident Sentinel sent: undefined when the bot never heard of it. */
  async declareKnown(number: string, actor: Actor, origin?: WarRoomRef): Promise<CommandReply | undefined> {
    const known = await this.#known(number);
    if (!known) return undefined;
    if (known.incidentId)
      return failureReply(
        domainError('triage.already_declared', `Sentinel #${number} is already incident ${known.incidentId}.`, {
          hint: 'Run the commands in its war room.',
        }),
      );
    if (known.decided)
      return failureReply(
        domainError('triage.dismissed', `Sentinel #${number} was triaged and dismissed.`, {
          hint: 'Declare it by title if the assessment changed: /ir declare <title>.',
        }),
      );
    return this.#mutex.run(known.snapshot.name.toLowerCase(), () => this.#declare(known.snapshot, actor, origin));
  }

  /** `/ir dismiss sentinel:<n> <reason>`: the recorded assessment that it is not an incident. */
  async dismiss(number: string, reason: string, actor: Actor): Promise<CommandReply> {
    const known = await this.#known(number);
    if (!known?.triageId)
      return failureReply(
        domainError('incident.not_found', `Sentinel #${number} was not proposed for triage.`, {
          hint: 'Only incidents on a "Declare?" card can be dismissed.',
        }),
      );
    if (known.decided)
      return failureReply(domainError('triage.already_decided', `Sentinel #${number} was already triaged.`));
    const { pools } = this.deps;
    const outcome: AppendOutcome = await this.deps.log.decideAndAppend(
      known.triageId,
      () => decideDismiss(reason, { actor, pools }),
      actor,
    );
    if (!outcome.ok) return { ...failureReply(outcome.error), appended: outcome.appended };
    await this.#remember({ ...known, decided: true });
    await this.deps.writeBack?.run({
      kind: 'comment',
      incident: { armId: known.snapshot.armId, name: known.snapshot.name, number },
      message: `Triaged in Incident Commander by ${principalOf(actor)} and not declared: ${reason}`,
    });
    const text =
      `Sentinel #${number} dismissed by ${actor.name}: ${reason}. The assessment is recorded in ` +
      `${known.triageId}.`;
    return {
      ok: true,
      incidentId: known.triageId,
      views: [{ summary: text, blocks: [{ type: 'text', text }], tone: 'success' }],
      appended: outcome.appended,
    };
  }

  async #known(number: string): Promise<KnownIncident | undefined> {
    const pointer = (await this.deps.store.getRecord(numberKey(number))) as { name: string } | undefined;
    return pointer
      ? ((await this.deps.store.getRecord(incidentKey(pointer.name))) as KnownIncident | undefined)
      : undefined;
  }

  async #update(known: KnownIncident, incident: SentinelIncident): Promise<{ outcome: 'updated'; incidentId: string }> {
    const incidentId = known.incidentId as string;
    const { state } = await this.deps.log.load(incidentId);
    const changes: string[] = [];
    const data: {
      severity?: typeof incident.severity;
      previousSeverity?: typeof incident.severity;
      alertCount?: number;
      entities?: typeof incident.entities;
    } = {};
    if (incident.severity !== state.severity) {
      Object.assign(data, { severity: incident.severity, previousSeverity: state.severity });
      changes.push(
        `severity ${severityRaised(state.severity, incident.severity) ? 'raised' : 'lowered'} from ` +
          `${state.severity} to ${incident.severity}`,
      );
    }
    if (incident.alertCount !== undefined && incident.alertCount > (known.snapshot.alertCount ?? 0)) {
      data.alertCount = incident.alertCount;
      changes.push(
        `${incident.alertCount - (known.snapshot.alertCount ?? 0)} new alert(s), ${incident.alertCount} in all`,
      );
    }
    if (incident.entities.length > (state.sentinel?.entities?.length ?? 0)) {
      data.entities = incident.entities;
      changes.push(`${incident.entities.length - (state.sentinel?.entities?.length ?? 0)} new entities`);
    }
    await this.#remember({ ...known, snapshot: incident });
    if (changes.length && state.status !== 'closed') {
      const outcome = await this.deps.log.decideAndAppend(
        incidentId,
        () => ({ ok: true, events: [newEvent('SentinelUpdated', data)] }),
        SENTINEL_ACTOR,
      );
      if (outcome.ok) await this.deps.effects.postToRooms(outcome.state, sentinelUpdateView(incident, changes));
    }
    return { outcome: 'updated', incidentId };
  }
}

function failureReply(error: DomainError): CommandReply {
  return { ok: false, views: [errorView(error)], error, appended: [] };
}
