import { z } from 'zod';
import { createSupportTicket } from './catalog/support.create-ticket.ts';
import { denyNsgInbound } from './catalog/network.nsg-deny-inbound.ts';
import { denyStoragePublicNetwork } from './catalog/storage.deny-public-network.ts';
import { disableCosmosPublicNetwork } from './catalog/cosmos.disable-public-network.ts';
import { disableEntraUser } from './catalog/entra.disable-user.ts';
import { disableStorageSharedKey } from './catalog/storage.disable-shared-key.ts';
import { revokeEntraSessions } from './catalog/entra.revoke-sessions.ts';
import { revokeUserDelegationKeys } from './catalog/storage.revoke-user-delegation-keys.ts';
import { rotateCosmosKey } from './catalog/cosmos.rotate-key.ts';
import { rotateStorageKey } from './catalog/storage.rotate-key.ts';
import type { ActionDefinition } from './define-action.ts';

/**
 * The containment actions a runbook step may offer and `/ir request` asks
 * for (DESIGN.md, "Containment actions"): one module each under `catalog/`,
 * listed here once. Runbooks are checked against it at load time; the Azure
 * adapter keeps, per action, the operations its identity needs.
 */
export const ACTIONS = [
  rotateStorageKey,
  revokeUserDelegationKeys,
  denyStoragePublicNetwork,
  disableStorageSharedKey,
  revokeEntraSessions,
  disableEntraUser,
  denyNsgInbound,
  rotateCosmosKey,
  disableCosmosPublicNetwork,
  createSupportTicket,
] as const;

/** One of the catalog's action types, e.g. `storage.rotate-key`. */
export type ActionType = (typeof ACTIONS)[number]['type'];

/** Every action type, in catalog order. */
export const ACTION_TYPES = ACTIONS.map((action) => action.type) as unknown as readonly [ActionType, ...ActionType[]];

/** The catalog, by type. */
export const ACTION_CATALOG: Readonly<Record<ActionType, ActionDefinition>> = Object.fromEntries(
  ACTIONS.map((action) => [action.type, action as ActionDefinition]),
) as Record<ActionType, ActionDefinition>;

/** Narrows a string to a catalog action type. */
export function isActionType(value: string): value is ActionType {
  return Object.hasOwn(ACTION_CATALOG, value);
}

/** The parameter names of an action, in catalog order. */
export function actionParamNames(type: ActionType): string[] {
  return Object.keys(ACTION_CATALOG[type].params);
}

/** Whether a parameter is built by the bot (the Support ticket body) rather than typed. */
export function isServerBuilt(type: ActionType, name: string): boolean {
  return ACTION_CATALOG[type].params[name]?.serverBuilt === true;
}

/** A strict object schema for an action's bound parameters (defaults applied), for when a button is pressed. */
export function actionParamsSchema(type: ActionType): z.ZodType<Record<string, unknown>> {
  return PARAM_SCHEMAS.get(type) as z.ZodType<Record<string, unknown>>;
}

/** Built once per action: every request and every execution parses with it. */
const PARAM_SCHEMAS = new Map<string, z.ZodType<Record<string, unknown>>>(
  ACTIONS.map((action) => {
    const shape: Record<string, z.ZodType> = {};
    for (const [name, spec] of Object.entries(action.params as ActionDefinition['params'])) shape[name] = spec.schema;
    return [action.type, z.strictObject(shape)];
  }),
);

/**
 * The `params:` part of `/ir request`'s usage, from the catalog: `--keyName key1|key2 (storage.rotate-key), ...`;
 * optional parameters in brackets; an action's own note where nobody types its parameters.
 */
export function requestParamsUsage(): string {
  const typed = ACTIONS.flatMap((action) => {
    const flags = Object.entries(action.params as ActionDefinition['params'])
      .filter(([, spec]) => !spec.serverBuilt)
      .map(([name, spec]) => (spec.required ? `--${name} ${spec.usage}` : `[--${name} ${spec.usage}]`));
    return flags.length ? [`${flags.join(' ')} (${action.type})`] : [];
  });
  const notes = ACTIONS.flatMap((action) => ('usageNote' in action ? [action.usageNote] : []));
  return [typed.join(', '), ...notes].join('; ');
}
