/**
 * The containment capabilities the core asks for (DESIGN.md, "Containment
 * actions"), named in incident language. Azure implements them with the bot's
 * own least-privilege identity; the simulated implementation changes nothing
 * and says so. Each change returns the state before it, so undo can restore it.
 */
import type { ErrorCode } from '../domain/errors.ts';

/** Why a change did not happen, in words an incident commander can act on. */
export interface ContainmentFailure {
  /** HTTP status from Azure or Graph, when there was one. */
  status?: number;
  /** A registered code (src/domain/errors.ts): `azure.*` from Azure, `action.*` when nothing was attempted. */
  code: ErrorCode;
  /** What Azure said, without secrets. */
  message: string;
  /** What to do, e.g. which role the bot's identity lacks. */
  hint: string;
}

export type ContainmentOutcome<Before = null> =
  { ok: true; before: Before; detail: string } | { ok: false; failure: ContainmentFailure };

/** A storage account's network exposure, as captured before isolating it. */
export interface StorageNetworkState {
  publicNetworkAccess: string | null;
  allowBlobPublicAccess: boolean | null;
  defaultAction: string | null;
  bypass: string | null;
}

export interface StorageContainment {
  /** Regenerates one account key: kills every account and service SAS signed with it. Cannot be undone. */
  rotateKey(accountId: string, keyName: 'key1' | 'key2'): Promise<ContainmentOutcome>;
  /** Revokes every user delegation key: kills user-delegation SAS. Cannot be undone. */
  revokeUserDelegationKeys(accountId: string): Promise<ContainmentOutcome>;
  /** Denies public network access (public access disabled, firewall default Deny, no anonymous blobs). */
  isolate(accountId: string): Promise<ContainmentOutcome<StorageNetworkState>>;
  /** Puts the network settings back as they were before `isolate`. */
  restoreNetwork(accountId: string, before: StorageNetworkState): Promise<ContainmentOutcome<StorageNetworkState>>;
  /**
   * Reads whether the account is isolated as `isolate` leaves it (public
   * access Disabled, firewall default Deny): how a change that may or may not
   * have reached Azure before a crash is reconciled without sending it again.
   * Undefined when it cannot be read.
   */
  isIsolated?(accountId: string): Promise<boolean | undefined>;
  /**
   * When the account key was last created (Azure's `keyCreationTime`, reset
   * by a regeneration): how a rotation that may or may not have reached
   * Azure before a crash is reconciled without rotating twice. Read from the
   * account's properties, never from the keys. Undefined when it cannot be read.
   */
  keyCreatedAt?(accountId: string, keyName: 'key1' | 'key2'): Promise<Date | undefined>;
  /** Allows or forbids shared key (account key) authorisation; returns the previous setting. */
  setSharedKeyAccess(
    accountId: string,
    allowed: boolean,
  ): Promise<ContainmentOutcome<{ allowSharedKeyAccess: boolean | null }>>;
}

export interface IdentityContainment {
  /**
   * Invalidates a user's refresh tokens and session cookies (takes a few minutes; issued access tokens live on unless
   * CAE).
   */
  revokeSessions(userId: string): Promise<ContainmentOutcome>;
  /** Enables or disables sign-in for a user; returns the previous setting. */
  setAccountEnabled(userId: string, enabled: boolean): Promise<ContainmentOutcome<{ accountEnabled: boolean | null }>>;
}

/** A deny rule the bot adds to a network security group. */
export interface DenyRule {
  name: string;
  priority: number;
  sourceAddressPrefix: string;
  destinationPortRange: string;
}

export interface NetworkContainment {
  /** Adds (or replaces) an inbound deny rule; returns whether a rule of that name existed before. */
  addDenyRule(nsgId: string, rule: DenyRule): Promise<ContainmentOutcome<{ existed: boolean }>>;
  /** Removes a rule the bot added. */
  removeRule(nsgId: string, ruleName: string): Promise<ContainmentOutcome>;
}

/** A Cosmos DB account's exposure, as captured before isolating it. */
export interface CosmosNetworkState {
  publicNetworkAccess: string | null;
  disableLocalAuth: boolean | null;
}

export interface CosmosContainment {
  /** Regenerates one of the four keys. Cannot be undone. */
  rotateKey(
    accountId: string,
    keyKind: 'primary' | 'secondary' | 'primaryReadonly' | 'secondaryReadonly',
  ): Promise<ContainmentOutcome>;
  /** Disables public network access and key (local) authentication. */
  isolate(accountId: string): Promise<ContainmentOutcome<CosmosNetworkState>>;
  /** Puts the settings back as they were before `isolate`. */
  restore(accountId: string, before: CosmosNetworkState): Promise<ContainmentOutcome<CosmosNetworkState>>;
}

export interface SupportEscalation {
  /**
   * Files a technical support ticket (Support API 2024-04-01 body) under the subscription; `ticketName` makes a retry
   * idempotent.
   */
  createTicket(subscriptionId: string, ticketName: string, body: Record<string, unknown>): Promise<ContainmentOutcome>;
}

/** Every containment capability, and whether it is real. */
export interface Containment {
  /** True for the simulated implementation: every card and event must say so. */
  readonly simulated: boolean;
  readonly storage: StorageContainment;
  readonly identity: IdentityContainment;
  readonly network: NetworkContainment;
  readonly cosmos: CosmosContainment;
  readonly support: SupportEscalation;
}
