import { SYSTEM_ACTOR } from '../domain/actor.ts';
import type { IncidentEvent, WarRoomRef } from '../domain/event.types.ts';
import type { IncidentState } from '../domain/incident.state.ts';
import { decideOutcome } from '../actions/action.decide.ts';
import { executeAction } from '../actions/action.execute.ts';
import { actionResultView, approvalView } from '../actions/action.views.ts';
import type { ChatPort } from '../ports/chat.port.ts';
import type { Containment } from '../ports/containment.port.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { IncidentStore } from '../ports/store.port.ts';
import type { View } from '../views/view.types.ts';
import type { AppendOutcome } from './incident.service.ts';
import type { Decision } from '../decide/decide.types.ts';
import { confirmationView } from '../views/incident.views.ts';
import { writeBackJobs, type WriteBack } from './writeback.ts';

/** What effects need of the service: loading and appending through the same path as commands. */
export interface EffectHost {
  load(incidentId: string): Promise<{ state: IncidentState }>;
  decideAndAppend(incidentId: string, decideFn: (state: IncidentState) => Decision, actor: typeof SYSTEM_ACTOR): Promise<AppendOutcome>;
}

export interface EffectDeps {
  store: IncidentStore;
  chats: readonly ChatPort[];
  containment: Containment;
  /** Runs what drills approve: it must change nothing. Without one, a drill's action fails closed. */
  drillContainment?: Containment;
  logger: Logger;
  /** Sentinel write-back, when Sentinel is configured. */
  writeBack?: WriteBack;
}

/** How long one executor may hold an action before another may retry it. */
const EXEC_CLAIM_MS = 10 * 60 * 1000;

/**
 * Side effects that run after the append that authorised them: approval
 * cards to the commander, execution of approved actions (exactly once, by
 * claim), and posts into the war rooms.
 */
export class Effects {
  constructor(
    private readonly deps: EffectDeps,
    private readonly host: EffectHost,
  ) {}

  /** Runs what the appended events call for; resolves when done. Never throws: failures are logged and reported. */
  async after(incidentId: string, appended: readonly IncidentEvent[]): Promise<void> {
    await this.#writeBack(incidentId, appended);
    for (const event of appended) {
      try {
        if (event.type === 'ActionRequested') await this.#askApproval(incidentId, (event as IncidentEvent<'ActionRequested'>).data.actionId);
        if (event.type === 'ActionApproved') await this.#execute(incidentId, (event as IncidentEvent<'ActionApproved'>).data.actionId);
      } catch (error) {
        this.deps.logger.error('effect failed', { incidentId, event: event.type, seq: event.seq, error: error instanceof Error ? error.stack : String(error) });
      }
    }
  }

  /** Tells Sentinel what the war room did; a failure is reported in the war room and retried on a later tick. */
  async #writeBack(incidentId: string, appended: readonly IncidentEvent[]): Promise<void> {
    const writeBack = this.deps.writeBack;
    if (!writeBack || appended.length === 0) return;
    const { state } = await this.host.load(incidentId);
    for (const event of appended) {
      for (const job of writeBackJobs(state, event)) {
        if (!(await writeBack.run(job))) {
          await this.postToRooms(state, confirmationView(`Sentinel #${job.incident.number} could not be updated (${job.kind}); the bot retries on its next tick. The war room is not affected.`, 'warning'));
        }
      }
    }
  }

  /** Posts a view into every war room of the incident, except the conversation it came from. */
  async postToRooms(state: IncidentState, view: View, except?: WarRoomRef): Promise<void> {
    for (const room of state.warRooms) {
      if (except && room.platform === except.platform && room.channelId === except.channelId) continue;
      const chat = this.deps.chats.find((candidate) => candidate.platform === room.platform);
      await chat?.post(room, view).catch((error: unknown) => this.deps.logger.warn('war room post failed', { incidentId: state.id, platform: room.platform, error: String(error) }));
    }
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
    const { state } = await this.host.load(incidentId);
    const record = state.actions[actionId];
    const commander = state.roles.commander[0];
    if (!record || !commander) return;
    await this.notify(commander, approvalView(state, record));
  }

  /** A simulated request never reaches a real executor: a drill runs on the drill executor, or fails closed. */
  #executorFor(simulated: boolean): Containment | undefined {
    if (!simulated || this.deps.containment.simulated) return this.deps.containment;
    return this.deps.drillContainment?.simulated ? this.deps.drillContainment : undefined;
  }

  async #execute(incidentId: string, actionId: string): Promise<void> {
    if (!(await this.deps.store.claim(`exec:${actionId}`, EXEC_CLAIM_MS))) return;
    const { state } = await this.host.load(incidentId);
    const record = state.actions[actionId];
    if (!record || record.status !== 'approved') return;
    const original = record.undoOf ? state.actions[record.undoOf] : undefined;
    const containment = this.#executorFor(record.simulated);
    const outcome = containment
      ? await executeAction(containment, record, original)
      : { ok: false as const, failure: { code: 'action.no_simulator', message: 'This drill action has no simulated executor, and a drill never runs against Azure.', hint: 'Nothing was changed. Run drills on a bot built by the composition root, which provides one.' } };
    const appended = await this.host.decideAndAppend(incidentId, (current) => decideOutcome(current, actionId, outcome), SYSTEM_ACTOR);
    if (!appended.ok) {
      await this.deps.store.release(`exec:${actionId}`);
      return;
    }
    await this.#writeBack(incidentId, appended.appended);
    const done = appended.state.actions[actionId];
    if (done) await this.postToRooms(appended.state, actionResultView(done));
  }
}
