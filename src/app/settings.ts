import type { PersonEntry } from '../incident/people.ts';
import type { Actor } from '../domain/actor.ts';
import type { RolePools } from '../incident/roles.policy.ts';
import type { ClockConfig, DecideContext } from '../decision/decision.types.ts';
import type { DraftContacts } from '../drafts/draft.types.ts';
import type { Runbook } from '../runbooks/runbook.schema.ts';

/** Contacts from config: who drafts name, and the legal contact's time zone. */
export type Contacts = DraftContacts & {
  legalTimeZone?: string;
  supportRequest?: { serviceId?: string; problemClassificationId?: string; ask?: string };
};

/** An unanswered containment request lapses after this (DESIGN.md: 15 minutes by default). */
export const DEFAULT_APPROVAL_TTL_MS = 15 * 60 * 1000;

/** What every use case decides with, fixed at start-up. */
export interface CoreSettings {
  pools: RolePools;
  runbooks: readonly Runbook[];
  clocks: ClockConfig;
  contacts: Contacts;
  approvalTtlMs: number;
  /** Whether containment runs simulated (drills, Azure not configured): recorded on every request. */
  simulated: boolean;
  people: readonly PersonEntry[];
}

/** The context a decision is made in: who, when, and the settings. */
export function decideContext(settings: CoreSettings, actor: Actor, newActionId: string, now: Date): DecideContext {
  return {
    actor,
    now,
    pools: settings.pools,
    newActionId,
    approvalTtlMs: settings.approvalTtlMs,
    simulated: settings.simulated,
    runbooks: settings.runbooks,
    clocks: settings.clocks,
    people: settings.people,
  };
}
