import { defineAction } from '../define-action.ts';

export const disableStorageSharedKey = defineAction({
  type: 'storage.disable-shared-key',
  targetKind: 'storageAccount',
  description:
    'Disallows Shared Key authorization (account keys and account/service SAS); Entra ID auth keeps working.',
  risk: 'high',
  minimumRole: 'Storage Account Contributor',
  params: {},
  resendSafe: true,
  execute: (containment, { target }) => containment.storage.setSharedKeyAccess(target, false),
  undo: {
    describe: 'allows Shared Key authorization again, as it was before',
    revert: (containment, { target, before }) =>
      containment.storage.setSharedKeyAccess(
        target,
        (before as { allowSharedKeyAccess?: boolean | null }).allowSharedKeyAccess !== false,
      ),
  },
});
