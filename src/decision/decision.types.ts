import type { PersonEntry } from '../incident/people.ts';
import type { Actor } from '../domain/actor.ts';
import type { DomainError } from '../domain/errors.ts';
import type { NewEvent } from '../domain/event.types.ts';
import type { RolePools } from '../incident/roles.policy.ts';
import type { Runbook } from '../runbooks/runbook.schema.ts';
import type { OrganisationProfile } from '../clocks/applicability.ts';
import type { CalendarSet } from '../clocks/holidays.ts';
import type { Regime } from '../clocks/regime.types.ts';

/** The notification clocks' configuration: regimes, holiday calendars, the organisation profile. */
export interface ClockConfig {
  regimes: readonly Regime[];
  calendars: CalendarSet;
  organisation: OrganisationProfile;
}

/** Everything a decision may depend on besides the state and the command. */
export interface DecideContext {
  actor: Actor;
  now: Date;
  pools: RolePools;
  /** A fresh id for an action this command may request (ids are made outside, so decisions stay pure). */
  newActionId: string;
  /** How long a containment request waits for approval. */
  approvalTtlMs: number;
  /** Regimes, calendars and the organisation profile for the notification clocks. */
  clocks: ClockConfig;
  /** The runbooks loaded at start-up. */
  runbooks: readonly Runbook[];
  /** Whether containment runs simulated (drills, Azure not configured): recorded on every request. */
  simulated: boolean;
  /** The people directory: which principals belong to one human (four eyes compares persons). */
  people: readonly PersonEntry[];
}

/**
 * The outcome of a command against an incident. A refusal may carry an event
 * to record (a `PermissionDenied`); a malformed or impossible command records nothing.
 */
export type Decision = { ok: true; events: NewEvent[] } | { ok: false; error: DomainError; record?: NewEvent };
