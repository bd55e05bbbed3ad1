import type { WarRoomRef } from '../domain/event.types.ts';
import type { IncidentState } from '../incident/incident.state.ts';
import type { View } from '../views/view.types.ts';

/**
 * One chat platform as the core needs it: a place per incident, posts there,
 * and direct notices to people. Slack, Teams and the console implement it.
 */
export interface ChatPort {
  readonly platform: string;
  /** Opens (or finds) the incident's war room and says where it is. */
  openWarRoom(incident: IncidentState): Promise<WarRoomRef>;
  /** Posts a view into a war room. */
  post(room: WarRoomRef, view: View): Promise<void>;
  /** Tells one person directly; false when the platform cannot reach them. */
  notify(principal: string, view: View): Promise<boolean>;
  /** Posts into the configured triage channel ("Declare?" cards); false when the platform has none. */
  postToTriage?(view: View): Promise<boolean>;
}
