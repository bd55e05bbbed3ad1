import { defineAction } from '../define-action.ts';

export const revokeUserDelegationKeys = defineAction({
  type: 'storage.revoke-user-delegation-keys',
  targetKind: 'storageAccount',
  description: 'Revokes all user delegation keys of the storage account, invalidating every user delegation SAS.',
  risk: 'medium',
  minimumRole: 'Storage Account Contributor',
  params: {},
  resendSafe: true,
  execute: (containment, { target }) => containment.storage.revokeUserDelegationKeys(target),
});
