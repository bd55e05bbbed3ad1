import { SYSTEM_ACTOR, type Actor } from '../domain/actor.ts';
import type { IncidentEvent, WarRoomRef } from '../domain/event.types.ts';
import type { Command } from '../commands/command.types.ts';
import { decide } from '../decision/decide.ts';
import type { IncidentLog } from '../log/incident-log.ts';
import type { ChatPort } from '../ports/chat.port.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { CommandReply, CommandRequest } from '../ports/commands.port.ts';
import type { IdSource } from '../ports/ids.port.ts';
import type { Logger } from '../ports/logger.port.ts';
import { confirmationView, declaredView } from '../views/incident.views.ts';
import type { Effects } from './effects.ts';
import { currentStepView, failure } from './replies.ts';
import { decideContext, type CoreSettings } from './settings.ts';

export interface DeclareDeps {
  log: IncidentLog;
  effects: Effects;
  chats: readonly ChatPort[];
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  settings: CoreSettings;
}

/** The declare use case: a new incident (typed, or from Sentinel) and its war rooms. */
export class Declarations {
  constructor(private readonly deps: DeclareDeps) {}

  /** Declares a new incident and opens its war rooms. */
  async open(
    command: Extract<Command, { name: 'declare' }>,
    actor: Actor,
    origin?: WarRoomRef,
    delivery: Pick<CommandRequest, 'commandId' | 'receivedAt'> = {},
  ): Promise<CommandReply> {
    const { log, ids, clock, settings } = this.deps;
    const { commandId } = delivery;
    // A delivery's incident id is derived from it, so a replay of the same declaration finds the incident it made.
    const incidentId = ids.incidentId(delivery.receivedAt ?? clock.now(), commandId);
    const outcome = await log.decideAndAppend(
      incidentId,
      (state) => decide(state, command, decideContext(settings, actor, ids.actionId(), clock.now())),
      actor,
      commandId,
    );
    if (!outcome.ok) return failure(outcome.error, outcome.appended);
    const opened = await this.#openWarRooms(incidentId, origin, commandId);
    const followUp = this.deps.effects.after(incidentId, [...outcome.appended, ...opened.appended]);
    const { state } = await log.load(incidentId);
    const views = [
      declaredView(state),
      currentStepView(state, settings.runbooks),
      ...opened.problems.map((text) => confirmationView(text, 'warning')),
    ];
    return { ok: true, incidentId, views, appended: [...outcome.appended, ...opened.appended], followUp };
  }

  /** Opens a war room on every configured platform, records each, and posts the header where it is new. */
  async #openWarRooms(
    incidentId: string,
    origin?: WarRoomRef,
    commandId?: string,
  ): Promise<{ appended: IncidentEvent[]; problems: string[] }> {
    const { log } = this.deps;
    const appended: IncidentEvent[] = [];
    const problems: string[] = [];
    for (const chat of this.deps.chats) {
      try {
        const { state } = await log.load(incidentId);
        // A replayed declaration whose room was opened before the crash: the room is kept, not opened twice.
        if (state.warRooms.some((room) => room.platform === chat.platform)) continue;
        const room = await chat.openWarRoom(state);
        const outcome = await log.decideAndAppend(
          incidentId,
          () => ({ ok: true, events: [{ type: 'WarRoomOpened', data: room }] }),
          SYSTEM_ACTOR,
          commandId ? `${commandId}/room:${chat.platform}` : undefined,
        );
        if (outcome.ok) appended.push(...outcome.appended);
        const sameAsOrigin = origin && origin.platform === room.platform && origin.channelId === room.channelId;
        if (!sameAsOrigin) await chat.post(room, declaredView((await log.load(incidentId)).state));
      } catch (error) {
        this.deps.logger.error('war room could not be opened', {
          incidentId,
          platform: chat.platform,
          error: String(error),
        });
        problems.push(
          `The ${chat.platform} war room could not be opened (${String(error)}); the incident is recorded, retry ` +
            `with /ir status in a channel there.`,
        );
      }
    }
    return { appended, problems };
  }
}
