import type { webApi } from '@slack/bolt';
import type { Clock } from '../../src/ports/clock.port.ts';
import type { Logger } from '../../src/ports/logger.port.ts';
import type { SlackUserRef } from './slack.mapper.ts';

/** Who the bot is in the workspace (`auth.test`). */
export interface BotIdentity {
  userId?: string;
  botId?: string;
  teamId?: string;
  /** The Enterprise Grid organisation, for a workspace in one or an org-wide install. */
  enterpriseId?: string;
  /** Installed org-wide: every workspace of the organisation is the bot's own. */
  enterpriseInstall?: boolean;
  /** The app the token belongs to (`bots.info`), when Slack said. */
  appId?: string;
}

/** People change rarely; a lookup is reused this long so a busy war room costs Slack one call per person. */
const CACHE_MS = 10 * 60 * 1000;

/**
 * The Slack error code of a Web API failure (`name_taken`, `users_not_found`…), or undefined for a transport failure.
 */
export function slackErrorCode(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const data = (error as { data?: { error?: unknown } }).data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/**
 * The bot's identity and the people it talks to: email to user id
 * (`users.lookupByEmail`) and user id to email (`users.info`, only when the
 * role config names people by email). Answers are cached for 10 minutes.
 */
export class SlackDirectory {
  #identity?: BotIdentity;
  readonly #ids = new Map<string, { value: string | undefined; at: number }>();
  readonly #emails = new Map<string, { value: string | undefined; at: number }>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** The identity once `auth.test` has answered; undefined before. */
  get knownIdentity(): BotIdentity | undefined {
    return this.#identity;
  }

  /** Calls `auth.test` until it succeeds once; undefined (logged) while Slack refuses or is unreachable. */
  async identity(): Promise<BotIdentity | undefined> {
    if (this.#identity) return this.#identity;
    try {
      const result = await this.client.auth.test();
      const appId =
        (result as { app_id?: string }).app_id ?? (result.bot_id ? await this.#appIdOf(result.bot_id) : undefined);
      this.#identity = {
        ...(result.user_id ? { userId: result.user_id } : {}),
        ...(result.bot_id ? { botId: result.bot_id } : {}),
        ...(result.team_id ? { teamId: result.team_id } : {}),
        ...(result.enterprise_id ? { enterpriseId: result.enterprise_id } : {}),
        ...(result.is_enterprise_install ? { enterpriseInstall: true } : {}),
        ...(appId ? { appId } : {}),
      };
      return this.#identity;
    } catch (error) {
      this.logger.warn('slack auth.test failed: check SLACK_BOT_TOKEN and SLACK_API_URL', {
        error: slackErrorCode(error) ?? String(error),
      });
      return undefined;
    }
  }

  /** The app id of the bot (`bots.info`); undefined, logged, when Slack does not say: the workspace still binds. */
  async #appIdOf(botId: string): Promise<string | undefined> {
    try {
      return (await this.client.bots.info({ bot: botId })).bot?.app_id;
    } catch (error) {
      this.logger.warn('slack bots.info failed: requests are bound to the workspace, not also to the app id', {
        error: slackErrorCode(error) ?? String(error),
      });
      return undefined;
    }
  }

  /** The user id for a reference; an email is looked up, undefined when Slack knows no such person. */
  async userId(ref: SlackUserRef): Promise<string | undefined> {
    if (ref.kind === 'id') return ref.id;
    return this.#cached(this.#ids, ref.email, async () => {
      try {
        return (await this.client.users.lookupByEmail({ email: ref.email })).user?.id;
      } catch (error) {
        if (slackErrorCode(error) === 'users_not_found') return undefined;
        throw error;
      }
    });
  }

  /** A user's email (for roles configured by email); undefined when hidden or the lookup fails. */
  async email(userId: string): Promise<string | undefined> {
    return this.#cached(this.#emails, userId, async () => {
      try {
        return (await this.client.users.info({ user: userId })).user?.profile?.email?.toLowerCase();
      } catch (error) {
        this.logger.warn('slack users.info failed; acting without an email', {
          userId,
          error: slackErrorCode(error) ?? String(error),
        });
        return undefined;
      }
    });
  }

  async #cached(
    cache: Map<string, { value: string | undefined; at: number }>,
    key: string,
    load: () => Promise<string | undefined>,
  ): Promise<string | undefined> {
    const now = this.clock.now().getTime();
    const hit = cache.get(key);
    if (hit && now - hit.at < CACHE_MS) return hit.value;
    const value = await load();
    cache.set(key, { value, at: now });
    return value;
  }
}
