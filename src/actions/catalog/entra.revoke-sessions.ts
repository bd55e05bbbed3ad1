import { defineAction } from '../define-action.ts';

export const revokeEntraSessions = defineAction({
  type: 'entra.revoke-sessions',
  targetKind: 'user',
  description: "Revokes the user's refresh tokens and session cookies; the user must sign in again.",
  risk: 'medium',
  minimumRole: 'Graph application permission User.RevokeSessions.All',
  params: {},
  resendSafe: true,
  execute: (containment, { target }) => containment.identity.revokeSessions(target),
});
