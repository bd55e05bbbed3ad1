import type { z } from 'zod';
import type { ErrorCode } from '../domain/errors.ts';
import type { Containment, ContainmentOutcome } from '../ports/containment.port.ts';

/**
 * What a containment action is, in one place (ARCHITECTURE.md, "Adding a
 * containment action"): each action is one module under `catalog/` made with
 * {@link defineAction}; the catalog, the `/ir request` usage, parameter
 * checks, execution, undo and crash reconciliation all derive from it.
 */

/** What an action's target must resolve to. */
export type TargetKind = 'storageAccount' | 'user' | 'networkSecurityGroup' | 'cosmosAccount' | 'subscription';

/** High-risk actions need four eyes (requester != approver). */
export type ActionRisk = 'high' | 'medium';

/** One parameter of an action: how a value is checked once it is bound. */
export interface ActionParamSpec<Schema extends z.ZodType = z.ZodType> {
  /** Checks (and defaults) the bound value. */
  schema: Schema;
  /** Whether the runbook must say where the value comes from (no default exists). */
  required: boolean;
  /** What the parameter means, for cards and lint messages. */
  description: string;
  /** The value's shape in `/ir request` usage, e.g. `key1|key2`; absent for a parameter nobody types. */
  usage?: string;
  /** Built by the bot from the incident and bound by hash (the Support ticket body); nobody types it. */
  serverBuilt?: true;
}

export type ActionParamSpecs = Readonly<Record<string, ActionParamSpec>>;

/** The parameters as the action's schemas leave them (defaults applied). */
export type ParamsOf<Specs extends ActionParamSpecs> = { [Name in keyof Specs]: z.output<Specs[Name]['schema']> };

/** One call of an action: the action's id (names what it creates), its target and its checked parameters. */
export interface ActionCall<Params = Record<string, unknown>> {
  id: string;
  target: string;
  params: Params;
}

export type ActionOutcome = ContainmentOutcome<unknown>;

/** What reading Azure says of an action that may have been sent before a crash. */
export type Observation = 'applied' | 'not-applied' | 'unknown';

/** How an executed action is undone. */
export interface UndoSpec<Params = Record<string, unknown>> {
  /** What undo restores, for cards: "removes the deny rule the bot added". */
  describe: string;
  /** Why this particular change cannot be undone after all (from what it found before), if it cannot. */
  refuse?(original: ActionCall<Params> & { before: unknown }): { message: string; hint: string } | undefined;
  /** Puts back what the change found (`before`, as its execution returned it). */
  revert(containment: Containment, original: ActionCall<Params> & { before: unknown }): Promise<ActionOutcome>;
}

export interface ActionDefinition<Type extends string = string, Specs extends ActionParamSpecs = ActionParamSpecs> {
  readonly type: Type;
  readonly targetKind: TargetKind;
  /** One line, shown before approval: what the action changes. */
  readonly description: string;
  readonly risk: ActionRisk;
  /** The least built-in role that grants the call (the custom role in deploy/azure grants exactly the operations). */
  readonly minimumRole: string;
  readonly params: Specs;
  /**
   * Whether the change may be sent again without harm when it is unknown whether the first call reached Azure:
   * setting a state again leaves the same state, revoking again revokes nothing more, a ticket has a fixed name.
   * Never a key rotation: a second one would also kill the key the owners may have picked up after the first.
   */
  readonly resendSafe: boolean;
  /** A line for `/ir request`'s usage where the parameters do not say it all. */
  readonly usageNote?: string;
  /** Makes the change through the containment ports (real or simulated alike). */
  execute(containment: Containment, call: ActionCall<ParamsOf<Specs>>): Promise<ActionOutcome>;
  /** Reads back whether the change is in place, where the resource can tell (crash reconciliation). */
  observe?: (
    containment: Containment,
    call: ActionCall<ParamsOf<Specs>> & { startedAt: string },
  ) => Promise<Observation>;
  /** How to undo it; absent when nothing can bring the state back. */
  readonly undo?: UndoSpec<ParamsOf<Specs>>;
}

/** Declares one containment action; the literal type becomes part of `ActionType`. */
export function defineAction<const Type extends string, const Specs extends ActionParamSpecs>(
  definition: ActionDefinition<Type, Specs>,
): ActionDefinition<Type, Specs> {
  return definition;
}

/** The outcome of a change that could not even be attempted. */
export function notAttempted(code: ErrorCode, message: string, hint: string): Promise<ActionOutcome> {
  return Promise.resolve({ ok: false, failure: { code, message, hint } });
}
