import type { Actor } from '../domain/actor.ts';
import { principalOf } from '../domain/actor.ts';
import type { IncidentState } from './incident.state.ts';
import type { Role } from '../domain/incident.types.ts';

/**
 * Who may hold each role, from config: `<platform>:<id>`, an email, or
 * `group:<entra group id>`. A role absent from the map is open to anyone;
 * when no role is configured at all (the console demo) everyone is eligible.
 */
export type RolePools = Partial<Record<Role, readonly string[]>>;

export function isOpenMode(pools: RolePools): boolean {
  return Object.values(pools).every((list) => !list || list.length === 0);
}

/**
 * Whether a config entry names this actor. Groups need the directory: until one answers, they match no one (fail
 * closed).
 */
export function entryMatches(
  entry: string,
  actor: Actor,
  groupsOf: (actor: Actor) => readonly string[] = () => [],
): boolean {
  const normalised = entry.trim();
  if (normalised.startsWith('group:')) return groupsOf(actor).includes(normalised.slice('group:'.length));
  if (normalised.includes('@') && !normalised.includes(':'))
    return !!actor.email && actor.email.toLowerCase() === normalised.toLowerCase();
  return normalised === principalOf(actor);
}

/** Principal strings in config are matched exactly; emails case-insensitively. */
export function principalEligible(pools: RolePools, role: Role, principal: string): boolean {
  if (isOpenMode(pools)) return true;
  const pool = pools[role];
  if (!pool || pool.length === 0) return role !== 'commander';
  return pool.some(
    (entry) => entry === principal || (entry.includes('@') && entry.toLowerCase() === principal.toLowerCase()),
  );
}

export function actorEligible(pools: RolePools, role: Role, actor: Actor): boolean {
  if (isOpenMode(pools)) return true;
  const pool = pools[role];
  if (!pool || pool.length === 0) return role !== 'commander';
  return pool.some((entry) => entryMatches(entry, actor));
}

/** The roles an actor holds in this incident. In open mode every non-commander participant is a responder. */
export function rolesOf(state: IncidentState, actor: Actor, pools: RolePools): Role[] {
  const principal = principalOf(actor);
  const held = (Object.keys(state.roles) as Role[]).filter((role) => state.roles[role].includes(principal));
  if (isOpenMode(pools) && !held.includes('responder') && !held.includes('commander')) held.push('responder');
  return held;
}

export function isCommander(state: IncidentState, actor: Actor): boolean {
  return state.roles.commander.includes(principalOf(actor));
}

/** May write to the incident (notes): a role other than observer, or a commander or responder by config. */
export function isParticipant(state: IncidentState, actor: Actor, pools: RolePools): boolean {
  const roles = rolesOf(state, actor, pools).filter((role) => role !== 'observer');
  if (roles.length > 0) return true;
  return !isOpenMode(pools) && (inPool(pools, 'commander', actor) || inPool(pools, 'responder', actor));
}

function inPool(pools: RolePools, role: Role, actor: Actor): boolean {
  const pool = pools[role];
  return !!pool && pool.some((entry) => entryMatches(entry, actor));
}
