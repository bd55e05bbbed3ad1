import type { Containment, ContainmentOutcome, StorageNetworkState, CosmosNetworkState } from '../ports/containment.port.ts';
import { denyRuleName } from './action.operations.ts';
import type { ActionRecord } from './action.record.ts';

type Outcome = ContainmentOutcome<unknown>;

/** Runs an approved action (or the undo of `original`) through the containment ports. */
export async function executeAction(containment: Containment, record: ActionRecord, original?: ActionRecord): Promise<Outcome> {
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
      return cosmos.rotateKey(record.target, (p.keyKind as 'primary' | 'secondary' | 'primaryReadonly' | 'secondaryReadonly') ?? 'primary');
    case 'cosmos.disable-public-network':
      return cosmos.isolate(record.target);
    case 'support.create-ticket':
      return containment.support.createTicket(record.target, `ic-${record.id}`, JSON.parse(String(p.ticket)) as Record<string, unknown>);
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
      return Promise.resolve({ ok: false, failure: { code: 'action.not_undoable', message: `${original.type} cannot be undone.`, hint: 'Nothing was changed.' } });
  }
}

function missingBefore(record: ActionRecord): Promise<Outcome> {
  return Promise.resolve({ ok: false, failure: { code: 'action.not_undoable', message: `The state before ${record.undoOf ?? 'the action'} was not captured, so it cannot be restored.`, hint: 'Restore it by hand in the Azure portal and record a note.' } });
}
