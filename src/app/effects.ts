import { SYSTEM_ACTOR } from '../domain/actor.ts';
import type { IncidentEvent, WarRoomRef } from '../domain/event.types.ts';
import type { IncidentState } from '../incident/incident.state.ts';
import { decideOutcome } from '../actions/action.decide.ts';
import { executeAction, isResendSafe, observeAction } from '../actions/action-execute.ts';
import { newEvent } from '../domain/event.types.ts';
import type { ActionRecord } from '../actions/action-record.ts';
import type { ContainmentOutcome } from '../ports/containment.port.ts';
import { actionResultView, approvalView } from '../actions/action.views.ts';
import type { RolePools } from '../incident/roles.policy.ts';
import type { ChatPort } from '../ports/chat.port.ts';
import type { Containment } from '../ports/containment.port.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { IncidentStore } from '../ports/store.port.ts';
import type { View } from '../views/view.types.ts';
import type { IncidentLog } from '../log/incident-log.ts';
import { confirmationView } from '../views/incident.views.ts';
import { writeBackJobs, type WriteBackQueue } from './writeback-queue.ts';
import { own } from '../domain/own.ts';

export interface EffectDeps {
  store: IncidentStore;
  chats: readonly ChatPort[];
  containment: Containment;
  /** Runs what drills approve: it must change nothing. Without one, a drill's action fails closed. */
  drillContainment?: Containment;
  logger: Logger;
  /** Sentinel write-back, when Sentinel is configured. */
  writeBack?: WriteBackQueue;
  /** Who may hold each role: approval cards name who may approve. */
  pools: RolePools;
}

/**
 * How long one executor may hold an action before another replica may take
 * it over. A lease: the file store drops every `lease:` claim at open (its
 * folder lock proves their holders dead), so a restart re-drives at once.
 */
const EXEC_LEASE_MS = 10 * 60 * 1000;

/**
 * Side effects that run after the append that authorised them: approval
 * cards to the commander, execution of approved actions (exactly once, by
 * claim), and posts into the war rooms.
 */
export class Effects {
  constructor(
    private readonly deps: EffectDeps,
    private readonly log: IncidentLog,
  ) {}

  /** Runs what the appended events call for; resolves when done. Never throws: failures are logged and reported. */
  async after(incidentId: string, appended: readonly IncidentEvent[]): Promise<void> {
    await this.#writeBack(incidentId, appended);
    for (const event of appended) {
      try {
        if (event.type === 'ActionRequested') await this.#askApproval(incidentId, event.data.actionId);
        if (event.type === 'ActionApproved') await this.#execute(incidentId, event.data.actionId);
      } catch (error) {
        this.deps.logger.error('effect failed', {
          incidentId,
          event: event.type,
          seq: event.seq,
          error: error instanceof Error ? error.stack : String(error),
        });
      }
    }
  }

  /** Tells Sentinel what the war room did; a failure is reported in the war room and retried on a later tick. */
  async #writeBack(incidentId: string, appended: readonly IncidentEvent[]): Promise<void> {
    const writeBack = this.deps.writeBack;
    if (!writeBack || appended.length === 0) return;
    const { state } = await this.log.load(incidentId);
    for (const event of appended) {
      for (const job of writeBackJobs(state, event)) {
        if (!(await writeBack.run(job))) {
          await this.postToRooms(
            state,
            confirmationView(
              `Sentinel #${job.incident.number} could not be updated (${job.kind}); the bot retries on its next ` +
                `tick. The war room is not affected.`,
              'warning',
            ),
          );
        }
      }
    }
  }

  /**
   * Posts a view into every war room of the incident, except the conversation it came from; returns the rooms that got
   * it.
   */
  async postToRooms(state: IncidentState, view: View, except?: WarRoomRef): Promise<WarRoomRef[]> {
    const reached: WarRoomRef[] = [];
    for (const room of state.warRooms) {
      if (except && room.platform === except.platform && room.channelId === except.channelId) continue;
      const chat = this.deps.chats.find((candidate) => candidate.platform === room.platform);
      if (!chat) continue;
      try {
        await chat.post(room, view);
        reached.push(room);
      } catch (error) {
        this.deps.logger.warn('war room post failed', {
          incidentId: state.id,
          platform: room.platform,
          error: String(error),
        });
      }
    }
    return reached;
  }

  /**
   * An action a previous attempt may have sent to Azure: read the resource
   * back where it can tell (`applied` is recorded as executed, with no second
   * call); otherwise send again only what is safe to send twice; otherwise
   * record that the outcome is unknown and say so in the war room.
   * Returns the outcome to record, `resend` to send it again, or `unknown`.
   */
  async #reconcile(
    incidentId: string,
    record: ActionRecord,
    containment: Containment,
  ): Promise<ContainmentOutcome<unknown> | { ok: false; resend: true } | 'unknown'> {
    const seen = await observeAction(containment, record);
    if (seen === 'applied') {
      return {
        ok: true,
        before: null,
        detail:
          `The bot stopped while ${record.type} on ${record.target} was being sent; Azure shows the change in ` +
          `place, so it was not sent again. The state before was not captured: undo restores nothing automatically.`,
      };
    }
    if (seen === 'not-applied' || isResendSafe(record)) return { ok: false, resend: true };
    const reason =
      `The bot stopped while ${record.type} on ${record.target} was being sent to Azure, and whether ` +
      `it took effect cannot be read back; it is not sent twice on its own.`;
    const outcome = await this.log.decideAndAppend(
      incidentId,
      (state) =>
        own(state.actions, record.id)?.status === 'approved'
          ? { ok: true, events: [newEvent('ActionOutcomeUnknown', { actionId: record.id, reason })] }
          : { ok: true, events: [] },
      SYSTEM_ACTOR,
    );
    if (outcome.ok && outcome.appended.length > 0) {
      await this.postToRooms(
        outcome.state,
        confirmationView(
          `${record.id}: outcome unknown. ${reason} Check ${record.target} in Azure, then approve ${record.id} ` +
            `again to retry, or record what you found with /ir note.`,
          'warning',
        ),
      );
    }
    return 'unknown';
  }

  /** Tells a person on every platform that can reach them. */
  async notify(principal: string, view: View): Promise<boolean> {
    let reached = false;
    for (const chat of this.deps.chats) {
      reached = (await chat.notify(principal, view).catch(() => false)) || reached;
    }
    return reached;
  }

  async #askApproval(incidentId: string, actionId: string): Promise<void> {
    const { state } = await this.log.load(incidentId);
    const record = own(state.actions, actionId);
    const commander = state.roles.commander[0];
    if (!record || !commander) return;
    await this.notify(commander, approvalView(state, record, this.deps.pools));
  }

  /** A simulated request never reaches a real executor: a drill runs on the drill executor, or fails closed. */
  #executorFor(simulated: boolean): Containment | undefined {
    if (!simulated || this.deps.containment.simulated) return this.deps.containment;
    return this.deps.drillContainment?.simulated ? this.deps.drillContainment : undefined;
  }

  /**
   * Approved actions of this incident that have no outcome yet: after a
   * crash, or a replica that died mid-call. Each is driven to an outcome once
   * (the lease keeps replicas apart).
   */
  async recoverActions(state: IncidentState): Promise<number> {
    let driven = 0;
    for (const record of Object.values(state.actions)) {
      if (record.status !== 'approved') continue;
      await this.#execute(state.id, record.id);
      driven++;
    }
    return driven;
  }

  async #execute(incidentId: string, actionId: string): Promise<void> {
    const lease = `lease:exec:${actionId}`;
    if (!(await this.deps.store.claim(lease, EXEC_LEASE_MS))) return;
    const { state } = await this.log.load(incidentId);
    const record = own(state.actions, actionId);
    if (!record || record.status !== 'approved') return;
    const original = record.undoOf ? own(state.actions, record.undoOf) : undefined;
    const containment = this.#executorFor(record.simulated);
    let outcome: ContainmentOutcome<unknown>;
    if (!containment) {
      outcome = {
        ok: false,
        failure: {
          code: 'action.no_simulator',
          message: 'This drill action has no simulated executor, and a drill never runs against Azure.',
          hint: 'Nothing was changed. Run drills on a bot built by the composition root, which provides one.',
        },
      };
    } else {
      const resumed =
        record.attempts !== undefined && record.attempts > 0 && !record.retryApproved && !record.simulated
          ? await this.#reconcile(incidentId, record, containment)
          : undefined;
      if (resumed === 'unknown') return void (await this.deps.store.release(lease));
      if (resumed?.ok) outcome = resumed;
      else {
        // Recorded before the call: a crash from here on is known to have left the change uncertain.
        const started = await this.log.decideAndAppend(
          incidentId,
          () => ({ ok: true, events: [newEvent('ActionStarted', { actionId, attempt: (record.attempts ?? 0) + 1 })] }),
          SYSTEM_ACTOR,
        );
        if (!started.ok) return void (await this.deps.store.release(lease));
        outcome = await executeAction(containment, record, original);
        // A resend after an uncertain first call may have read the contained state as "before": undo would restore it,
        // so it is not kept.
        if (outcome.ok && resumed)
          outcome = {
            ...outcome,
            before: null,
            detail:
              `${outcome.detail} (sent again after the bot stopped during the first attempt; the state before ` +
              `was not captured, so undo restores nothing automatically)`,
          };
      }
    }
    const appended = await this.log.decideAndAppend(
      incidentId,
      (current) => decideOutcome(current, actionId, outcome),
      SYSTEM_ACTOR,
    );
    if (!appended.ok) {
      await this.deps.store.release(lease);
      return;
    }
    await this.#writeBack(incidentId, appended.appended);
    const done = own(appended.state.actions, actionId);
    if (done) await this.postToRooms(appended.state, actionResultView(done));
  }
}
