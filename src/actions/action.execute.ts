import type {
  Containment,
  ContainmentOutcome,
  StorageNetworkState,
  CosmosNetworkState,
} from '../ports/containment.port.ts';
import { denyRuleName } from './action.operations.ts';
import type { ActionRecord } from './action.record.ts';

type Outcome = ContainmentOutcome<unknown>;

/** Runs an approved action (or the undo of `original`) through the containment ports. */
export async function executeAction(
  containment: Containment,
  record: ActionRecord,
  original?: ActionRecord,
): Promise<Outcome> {
  if (record.undoOf) {
    if (!original || original.before === undefined) return missingBefore(record);
    return undo(containment, original);
  }
  const { storage, identity, network, cosmos } = containment;
  const p = record.params;
  switch (record.type) {
    case 'storage.rotate-key':
      return storage.rotateKey(record.target, p.keyName === 'key2' ? 'key2' : 'key1');
    case 'storage.revoke-user-delegation-keys':
      return storage.revokeUserDelegationKeys(record.target);
    case 'storage.deny-public-network':
      return storage.isolate(record.target);
    case 'storage.disable-shared-key':
      return storage.setSharedKeyAccess(record.target, false);
    case 'entra.revoke-sessions':
      return identity.revokeSessions(record.target);
    case 'entra.disable-user':
      return identity.setAccountEnabled(record.target, false);
    case 'network.nsg-deny-inbound':
      return network.addDenyRule(record.target, {
        name: denyRuleName(record.id),
        priority: Number(p.priority ?? 100),
        sourceAddressPrefix: String(p.sourceAddressPrefix),
        destinationPortRange: String(p.destinationPortRange ?? '*'),
      });
    case 'cosmos.rotate-key':
      return cosmos.rotateKey(
        record.target,
        (p.keyKind as 'primary' | 'secondary' | 'primaryReadonly' | 'secondaryReadonly') ?? 'primary',
      );
    case 'cosmos.disable-public-network':
      return cosmos.isolate(record.target);
    case 'support.create-ticket':
      return containment.support.createTicket(
        record.target,
        `ic-${record.id}`,
        JSON.parse(String(p.ticket)) as Record<string, unknown>,
      );
  }
}

function undo(containment: Containment, original: ActionRecord): Promise<Outcome> {
  const before = original.before as Record<string, unknown>;
  switch (original.type) {
    case 'storage.deny-public-network':
      return containment.storage.restoreNetwork(original.target, before as unknown as StorageNetworkState);
    case 'storage.disable-shared-key':
      return containment.storage.setSharedKeyAccess(original.target, before.allowSharedKeyAccess !== false);
    case 'entra.disable-user':
      return containment.identity.setAccountEnabled(original.target, before.accountEnabled !== false);
    case 'network.nsg-deny-inbound':
      return containment.network.removeRule(original.target, denyRuleName(original.id));
    case 'cosmos.disable-public-network':
      return containment.cosmos.restore(original.target, before as unknown as CosmosNetworkState);
    default:
      return Promise.resolve({
        ok: false,
        failure: {
          code: 'action.not_undoable',
          message: `${original.type} cannot be undone.`,
          hint: 'Nothing was changed.',
        },
      });
  }
}

function missingBefore(record: ActionRecord): Promise<Outcome> {
  return Promise.resolve({
    ok: false,
    failure: {
      code: 'action.not_undoable',
      message: `The state before ${record.undoOf ?? 'the action'} was not captured, so it cannot be restored.`,
      hint: 'Restore it by hand in the Azure portal and record a note.',
    },
  });
}

/** What reading Azure says of an action that may have been sent before a crash. */
export type Observation = 'applied' | 'not-applied' | 'unknown';

/** Reads back whether an approved action's change is in place, where the resource can tell. */
export async function observeAction(containment: Containment, record: ActionRecord): Promise<Observation> {
  if (record.undoOf) return 'unknown';
  if (record.type === 'storage.deny-public-network' && containment.storage.isIsolated) {
    const isolated = await containment.storage.isIsolated(record.target).catch(() => undefined);
    return isolated === undefined ? 'unknown' : isolated ? 'applied' : 'not-applied';
  }
  if (record.type === 'storage.rotate-key' && containment.storage.keyCreatedAt && record.startedAt) {
    const keyName = record.params.keyName === 'key2' ? 'key2' : 'key1';
    const created = await containment.storage.keyCreatedAt(record.target, keyName).catch(() => undefined);
    return created ? rotationSeen(created.getTime(), Date.parse(record.startedAt)) : 'unknown';
  }
  return 'unknown';
}

/**
 * How far Azure's clock and the bot's may disagree when a key's creation time is compared with the start of its
 * rotation.
 */
const CLOCK_SKEW_MS = 5_000;
/** A key created this long before the attempt started was certainly not created by it. */
const CERTAINLY_OLDER_MS = 5 * 60_000;

/**
 * A key created at or after the attempt started (give or take the skew) was
 * rotated by it; one created well before was not; in between, nobody can tell.
 */
export function rotationSeen(createdAt: number, startedAt: number): Observation {
  if (createdAt >= startedAt - CLOCK_SKEW_MS) return 'applied';
  return createdAt < startedAt - CERTAINLY_OLDER_MS ? 'not-applied' : 'unknown';
}

/**
 * Actions whose change may be sent again without harm when it is unknown
 * whether the first call reached Azure: setting a state again leaves the same
 * state, revoking again revokes nothing more, a ticket has a fixed name. Not
 * key rotations: a second rotation would also kill the key that the owners
 * may already have picked up after the first.
 */
export const RESEND_SAFE: ReadonlySet<string> = new Set([
  'storage.revoke-user-delegation-keys',
  'storage.deny-public-network',
  'storage.disable-shared-key',
  'entra.revoke-sessions',
  'entra.disable-user',
  'network.nsg-deny-inbound',
  'cosmos.disable-public-network',
  'support.create-ticket',
]);
