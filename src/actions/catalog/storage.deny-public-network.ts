import type { StorageNetworkState } from '../../ports/containment.port.ts';
import { defineAction } from '../define-action.ts';

export const denyStoragePublicNetwork = defineAction({
  type: 'storage.deny-public-network',
  targetKind: 'storageAccount',
  description:
    'Isolates the storage account: public network access disabled, firewall default action Deny with no bypass, ' +
    'anonymous blob access off; only private endpoints still reach it.',
  risk: 'high',
  minimumRole: 'Storage Account Contributor',
  params: {},
  resendSafe: true,
  execute: (containment, { target }) => containment.storage.isolate(target),
  async observe(containment, { target }) {
    if (!containment.storage.isIsolated) return 'unknown';
    const isolated = await containment.storage.isIsolated(target).catch(() => undefined);
    return isolated === undefined ? 'unknown' : isolated ? 'applied' : 'not-applied';
  },
  undo: {
    describe: 'restores the public network access and firewall settings captured before',
    revert: (containment, { target, before }) =>
      containment.storage.restoreNetwork(target, before as StorageNetworkState),
  },
});
