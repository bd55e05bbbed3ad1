import { defineAction } from '../define-action.ts';

export const disableEntraUser = defineAction({
  type: 'entra.disable-user',
  targetKind: 'user',
  description: 'Blocks sign-in for the Entra user account (accountEnabled = false).',
  risk: 'high',
  minimumRole: 'Graph application permission User.EnableDisableAccount.All',
  params: {},
  resendSafe: true,
  execute: (containment, { target }) => containment.identity.setAccountEnabled(target, false),
  undo: {
    describe: 'enables the account again, as it was before',
    revert: (containment, { target, before }) =>
      containment.identity.setAccountEnabled(
        target,
        (before as { accountEnabled?: boolean | null }).accountEnabled !== false,
      ),
  },
});
