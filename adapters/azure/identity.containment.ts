import type { ContainmentOutcome, IdentityContainment } from '../../src/ports/containment.port.ts';
import type { Logger } from '../../src/ports/logger.port.ts';
import type { AzureClients } from './azure.clients.ts';
import { parseUserId } from './azure.ids.ts';
import { toFailure } from './azure.mapper.ts';
import { GRAPH } from './azure.permissions.ts';

/** Entra user containment through Microsoft Graph v1.0 (`@microsoft/microsoft-graph-client`). */
export class GraphIdentityContainment implements IdentityContainment {
  constructor(
    private readonly clients: AzureClients,
    private readonly logger: Logger,
  ) {}

  async revokeSessions(userId: string): Promise<ContainmentOutcome> {
    const parsed = parseUserId(userId);
    if (!parsed.ok) return parsed;
    try {
      await this.clients.graph().api(userPath(parsed.userId, '/revokeSignInSessions')).post({});
      return {
        ok: true,
        before: null,
        detail:
          `Revoked the sign-in sessions of ${parsed.userId}: refresh tokens and session cookies are invalid ` +
          `(Entra takes a few minutes); access tokens already issued live until they expire, unless the app ` +
          `supports continuous access evaluation.`,
      };
    } catch (error) {
      return this.#failed(error, [GRAPH.revokeSessions], parsed.userId);
    }
  }

  async setAccountEnabled(
    userId: string,
    enabled: boolean,
  ): Promise<ContainmentOutcome<{ accountEnabled: boolean | null }>> {
    const parsed = parseUserId(userId);
    if (!parsed.ok) return parsed;
    const graph = this.clients.graph();
    try {
      const user = (await graph.api(userPath(parsed.userId)).select('accountEnabled').get()) as {
        accountEnabled?: boolean | null;
      };
      const before = typeof user.accountEnabled === 'boolean' ? user.accountEnabled : null;
      await graph.api(userPath(parsed.userId)).patch({ accountEnabled: enabled });
      const detail = enabled
        ? `Enabled sign-in for ${parsed.userId}.`
        : `Disabled sign-in for ${parsed.userId}: new sign-ins are blocked; revoke the sessions too so existing ` +
          `refresh tokens stop working.`;
      return { ok: true, before: { accountEnabled: before }, detail };
    } catch (error) {
      return this.#failed(error, [GRAPH.enableDisable, GRAPH.readUsers], parsed.userId);
    }
  }

  #failed(
    error: unknown,
    permissions: readonly string[],
    userId: string,
  ): { ok: false; failure: ReturnType<typeof toFailure> } {
    const failure = toFailure(error, { needs: { graph: permissions }, target: `user ${userId}` });
    this.logger.warn('graph identity containment failed', {
      target: userId,
      status: failure.status,
      code: failure.code,
    });
    return { ok: false, failure };
  }
}

/** `/users/{id}`: a UPN may carry `#` (guests: `…#EXT#@…`) and must be encoded. */
function userPath(userId: string, suffix = ''): string {
  return `/users/${encodeURIComponent(userId)}${suffix}`;
}
