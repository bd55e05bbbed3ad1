import type { BotIdentity } from './slack.directory.ts';

/**
 * Which workspace (and Enterprise Grid organisation, and app) a signed Slack request came from. The signing secret
 * proves the request is for this app, not that it is from the workspace the bot token belongs to: an app installed
 * in a second workspace signs that workspace's requests with the same secret. Every request is bound to the
 * workspace `auth.test` named at start-up, or refused.
 */
export interface RequestOrigin {
  teamId?: string;
  enterpriseId?: string;
  appId?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function idOf(value: unknown): string | undefined {
  return value && typeof value === 'object' ? text((value as { id?: unknown }).id) : undefined;
}

/** The origin a slash command, an interaction payload or an Events API envelope states. */
export function originOf(body: Readonly<Record<string, unknown>>): RequestOrigin {
  const user = body.user && typeof body.user === 'object' ? (body.user as { team_id?: unknown }) : undefined;
  const teamId = text(body.team_id) ?? idOf(body.team) ?? text(user?.team_id);
  const team = body.team && typeof body.team === 'object' ? (body.team as { enterprise_id?: unknown }) : undefined;
  const enterpriseId = text(body.enterprise_id) ?? idOf(body.enterprise) ?? text(team?.enterprise_id);
  const appId = text(body.api_app_id);
  return { ...(teamId ? { teamId } : {}), ...(enterpriseId ? { enterpriseId } : {}), ...(appId ? { appId } : {}) };
}

/**
 * Why a request from `origin` is not the bot's own workspace, or undefined when it is. Unknown identity fails closed.
 * An org-wide Enterprise Grid install binds to the organisation (every workspace in it), a workspace install to the
 * workspace; the app id is checked when it is known.
 */
export function foreignOrigin(origin: RequestOrigin, identity: BotIdentity | undefined): string | undefined {
  if (!identity?.teamId && !identity?.enterpriseId)
    return 'the bot does not know its own workspace yet (auth.test has not answered)';
  if (identity.appId && origin.appId && origin.appId !== identity.appId)
    return `app ${origin.appId} is not this bot's app ${identity.appId}`;
  if (identity.enterpriseId && origin.enterpriseId !== identity.enterpriseId)
    return `organisation ${origin.enterpriseId ?? '(none)'} is not ${identity.enterpriseId}`;
  if (identity.enterpriseInstall) return undefined;
  if (origin.teamId !== identity.teamId)
    return `workspace ${origin.teamId ?? '(none)'} is not ${identity.teamId ?? ''}`;
  return undefined;
}
