import type { Actor } from '../domain/actor.ts';
import type { DomainError } from '../domain/errors.ts';
import type { IncidentEvent, WarRoomRef } from '../domain/event.types.ts';
import type { IncidentState } from '../incident/incident.state.ts';
import type { View } from '../views/view.types.ts';
import type { SentinelIntake } from './siem.port.ts';

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

/** A button press: the opaque id the bot issued, resolved on the server to the command it stands for. */
export type PressRequest = Omit<CommandRequest, 'text'> & { buttonId: string };

/** A form submission: the values become the same command as typed input. */
export type FormRequest = Omit<CommandRequest, 'text'> & {
  formId: string;
  values: Readonly<Record<string, string | boolean | undefined>>;
};

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

/**
 * The one driving port: everything the adapters (chat platforms, the
 * Sentinel webhook and poller, the scheduler, the console) ask of the core.
 * They receive this interface, never the class behind it.
 */
export interface CommandsPort extends SentinelIntake {
  handle(request: CommandRequest): Promise<CommandReply>;
  press(request: PressRequest): Promise<CommandReply>;
  submitForm(request: FormRequest): Promise<CommandReply>;
  /**
   * One scheduler tick: the countdown reminders that are due, each sent once across replicas and restarts; returns how
   * many.
   */
  tick(): Promise<number>;
  /**
   * Drives every approved action that has no outcome to one (after a crash, or a replica that died mid-call); returns
   * how many.
   */
  recoverActions(): Promise<number>;
  /** Retries Sentinel write-backs that failed before; returns how many went through. */
  retryWriteBacks(): Promise<number>;
  /** The open incident whose war room this conversation is, if any. */
  incidentForRoom(platform: string, channelId: string): Promise<string | undefined>;
  /** An incident as recorded (cards that show its commanders, tests). */
  load(incidentId: string): Promise<{ state: IncidentState; events: readonly IncidentEvent[] }>;
}
