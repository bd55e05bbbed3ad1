/** Where a person or system acts from. `system` is the bot itself (scheduler, executors). */
export type Platform = 'console' | 'slack' | 'teams' | 'sentinel' | 'system' | 'cli';

/** Who did something: recorded on every event. */
export interface Actor {
  platform: Platform;
  id: string;
  name: string;
  email?: string;
}

/** `<platform>:<id>`, the form config and role assignments use (DESIGN.md, "principals"). */
export function principalOf(actor: Pick<Actor, 'platform' | 'id'>): string {
  return `${actor.platform}:${actor.id}`;
}

export const SYSTEM_ACTOR: Actor = Object.freeze({
  platform: 'system',
  id: 'incident-commander',
  name: 'Incident Commander',
});
