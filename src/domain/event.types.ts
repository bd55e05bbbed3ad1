import type { Actor } from './actor.ts';
import type { Classification, IncidentStatus, Role, Severity } from './incident.types.ts';

/** Where an incident's war room lives on one platform. */
export interface WarRoomRef {
  platform: string;
  channelId: string;
  name?: string;
  url?: string;
}

/** The `data` of each event type. Types are past-tense facts (DESIGN.md). */
export interface EventDataMap {
  IncidentDeclared: {
    title: string;
    severity: Severity;
    sentinel?: { number?: string; id?: string; url?: string };
    /** Whether the declarer took command, or the incident waits for `assign commander`. */
    commander?: string;
  };
  WarRoomOpened: WarRoomRef;
  RoleAssigned: { role: Role; principal: string; replaced?: string };
  NoteAdded: { text: string };
  StatusChanged: { from: IncidentStatus; to: IncidentStatus; reason?: string };
  IncidentClosed: { classification: Classification; comment?: string; from: IncidentStatus };
  PermissionDenied: { command: string; rule: string; reason: string };
}

export type EventType = keyof EventDataMap;

/** One appended fact. `hash = sha256(prevHash + canonical JSON of the rest)`. */
export interface IncidentEvent<T extends EventType = EventType> {
  incidentId: string;
  seq: number;
  type: T;
  /** ISO-8601 UTC with milliseconds. */
  at: string;
  actor: Actor;
  data: EventDataMap[T];
  prevHash: string;
  hash: string;
}

/** What `decide` returns: an event before the log stamps it. */
export type NewEvent = { [T in EventType]: { type: T; data: EventDataMap[T] } }[EventType];

export function newEvent<T extends EventType>(type: T, data: EventDataMap[T]): NewEvent {
  return { type, data } as NewEvent;
}

export function isEvent<T extends EventType>(event: IncidentEvent, type: T): event is IncidentEvent<T> {
  return event.type === type;
}
