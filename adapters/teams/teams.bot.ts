import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TurnContext,
  type Activity,
  type ConversationParameters,
  type ConversationReference,
  type InvokeResponse,
} from 'botbuilder';
import type { Logger } from '../../src/ports/logger.port.ts';
import { readBody, sendJson, type Route } from '../http/http.server.ts';
import type { TeamsConfig } from './teams.config.ts';
import { cardInvokeResponse } from './teams.mapper.ts';
import { renderCard } from './teams.renderer.ts';
import { correlationId as newCorrelationId } from '../log/correlation.ts';

/** Teams activities are small JSON documents; anything larger than this is refused, not parsed. */
const MAX_ACTIVITY_BYTES = 256 * 1024;

/** The bot's turn logic. */
export type TurnLogic = (context: TurnContext) => Promise<void>;

/**
 * The Bot Framework side of Teams: botbuilder's CloudAdapter, which checks
 * every inbound token (with `MicrosoftAppId` set) and sends through the Bot
 * Connector of each activity's `serviceUrl`. Every botbuilder type stays in
 * this folder: botbuilder is archived upstream and a switch to
 * `@microsoft/agents-hosting` must touch nothing else.
 */
export class TeamsBot {
  readonly #adapter: TeamsCloudAdapter;

  constructor(
    private readonly config: Readonly<TeamsConfig>,
    private readonly logger: Logger,
    options: { openIdMetadataUrl?: string } = {},
  ) {
    const auth = new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: config.appId,
      MicrosoftAppPassword: config.appPassword?.reveal() ?? '',
      MicrosoftAppType: config.appType,
      MicrosoftAppTenantId: config.tenantId ?? '',
      // Tests point token validation at a local OpenID document; production uses the Bot Framework's.
      ...(options.openIdMetadataUrl ? publicCloudWith(options.openIdMetadataUrl) : {}),
    });
    this.#adapter = new TeamsCloudAdapter(auth, logger);
    this.#adapter.onTurnError = (context, error) => this.#onTurnError(context, error);
  }

  /** `POST /api/messages` on the project's one server. */
  route(logic: TurnLogic): Route {
    return { method: 'POST', path: '/api/messages', handle: (req, res) => this.#handle(req, res, logic) };
  }

  /** Sends one activity into a stored conversation; throws what the Bot Connector answered. */
  async send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<void> {
    let failure: unknown;
    await this.continueIn(reference, async (context) => {
      // Caught here, not by the error boundary: the caller decides what a failed send means.
      try {
        await context.sendActivity(activity);
      } catch (error) {
        failure = error;
      }
    });
    // What the Bot Connector threw, unchanged: callers read its status code.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    if (failure) throw failure;
  }

  /**
   * Runs `logic` as a proactive turn in a stored conversation, under the error
   * boundary. botbuilder would send every message there as a reply to the
   * made-up id of its continuation event; without it, a message goes to the
   * conversation itself: a new post in a channel, or into the thread a
   * `;messageid=` conversation names.
   */
  continueIn(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void> {
    return this.#adapter.continueConversationAsync(this.config.appId, reference, async (context) => {
      context.activity.id = undefined;
      await logic(context);
    });
  }

  /**
   * Starts a new conversation (a thread) in a channel with its first message,
   * and answers the reference of the channel itself, where later posts go as
   * new threads.
   */
  async startInChannel(
    serviceUrl: string,
    bot: { id: string; name?: string },
    tenantId: string | undefined,
    channelId: string,
    activity: Partial<Activity>,
  ): Promise<Partial<ConversationReference>> {
    const parameters = {
      isGroup: true,
      bot: { id: bot.id, name: bot.name ?? '' },
      channelData: { channel: { id: channelId } },
      activity,
      ...(tenantId ? { tenantId } : {}),
    } as ConversationParameters;
    let created: Partial<ConversationReference> | undefined;
    // A null audience lets botbuilder use the cloud's own Bot Framework scope, as TeamsInfo.sendMessageToTeamsChannel
    // does.
    await this.#adapter.createConversationAsync(
      this.config.appId,
      'msteams',
      serviceUrl,
      null as unknown as string,
      parameters,
      async (context) => {
        created = TurnContext.getConversationReference(context.activity);
      },
    );
    if (!created) throw new Error('The Bot Connector created the conversation but reported no reference.');
    return {
      ...created,
      bot: { id: bot.id, name: bot.name ?? '' },
      conversation: {
        id: channelId,
        isGroup: true,
        conversationType: 'channel',
        name: '',
        ...(tenantId ? { tenantId } : {}),
      },
    };
  }

  async #handle(req: IncomingMessage, res: ServerResponse, logic: TurnLogic): Promise<void> {
    // With an app id, a request without any token is refused before botbuilder sees it.
    if (this.config.appId && !req.headers.authorization) return sendJson(res, 401, { error: 'unauthorized' });
    const raw = await readBody(req, MAX_ACTIVITY_BYTES);
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return sendJson(res, 400, { error: 'bad_request', message: 'The body is not JSON.' });
    }
    if (
      typeof body !== 'object' ||
      body === null ||
      Array.isArray(body) ||
      typeof (body as { type?: unknown }).type !== 'string'
    ) {
      return sendJson(res, 400, {
        error: 'bad_request',
        message: 'The body is not a Bot Framework activity (no type).',
      });
    }
    let answer: InvokeResponse | undefined;
    try {
      answer = await this.#adapter.processInbound(String(req.headers.authorization ?? ''), body as Activity, logic);
    } catch (error) {
      return this.#refuse(res, error);
    }
    if (answer?.body === undefined) {
      res.writeHead(answer?.status ?? 200, { 'content-length': 0 });
      res.end();
      return;
    }
    sendJson(res, answer.status, answer.body);
  }

  /**
   * A token botbuilder refused is a 401, logged once as a warning with the reason; anything else is logged with a
   * correlation id.
   */
  #refuse(res: ServerResponse, error: unknown): void {
    if (error instanceof TokenRefused) {
      this.logger.warn('teams request refused: no valid Bot Framework token', { reason: error.reason });
      return sendJson(res, 401, { error: 'unauthorized' });
    }
    const correlationId = newCorrelationId();
    this.logger.error('teams request failed', {
      correlationId,
      error: error instanceof Error ? error.stack : String(error),
    });
    sendJson(res, 500, { error: 'internal', correlationId });
  }

  /** The one error boundary: logs with a correlation id and tells the user that id, never the error itself. */
  async #onTurnError(context: TurnContext, error: Error): Promise<void> {
    const correlationId = newCorrelationId();
    this.logger.error('teams turn failed', {
      correlationId,
      activityType: context.activity.type,
      error: error instanceof Error ? error.stack : String(error),
    });
    const text =
      `Something went wrong on the bot's side and nothing more was done. Give your administrator this ` +
      `reference: ${correlationId}.`;
    const view = { summary: text, tone: 'error' as const, blocks: [{ type: 'text' as const, text }] };
    try {
      if (context.activity.type === 'invoke')
        await context.sendActivity({ type: 'invokeResponse', value: cardInvokeResponse(renderCard(view)) });
      else await context.sendActivity({ type: 'message', text });
    } catch (sendError) {
      this.logger.warn('could not tell the user about a failed turn', { correlationId, error: String(sendError) });
    }
  }
}

/**
 * botbuilder's `process()` wants an Express-like response and prints every
 * refused token to the console with its stack; `processActivity` (the same
 * authentication, then the turn) lets the route answer a plain node response
 * and log through the project's logger.
 */
class TeamsCloudAdapter extends CloudAdapter {
  constructor(
    auth: ConfigurationBotFrameworkAuthentication,
    private readonly logger: Logger,
  ) {
    super(auth);
  }

  /**
   * Authenticates the activity's token, then runs the turn and answers the invoke response if any. Every failure of
   * the authentication is a `TokenRefused` (a 401): botbuilder rethrows jsonwebtoken's errors (a wrong key, `alg:
   * none`, HS256, `nbf` ahead) as plain errors, which read as internal ones.
   */
  async processInbound(authHeader: string, activity: Activity, logic: TurnLogic): Promise<InvokeResponse | undefined> {
    let authenticated: Awaited<ReturnType<typeof this.botFrameworkAuthentication.authenticateRequest>>;
    try {
      authenticated = await quietly(this.logger, () =>
        this.botFrameworkAuthentication.authenticateRequest(activity, authHeader),
      );
    } catch (error) {
      // botbuilder's own 500s (the signing keys could not be loaded) are ours to fix, not the caller's: logged as such.
      if (((error as { statusCode?: number } | undefined)?.statusCode ?? 0) >= 500) throw error;
      throw new TokenRefused(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
    return this.processActivity(authenticated, activity, logic);
  }
}

/**
 * botbuilder's public-cloud settings with another OpenID document: setting any one of them makes botbuilder take all
 * of them as given, so the rest are spelled out (AuthenticationConstants, CallerIdConstants.PublicAzureChannel).
 */
function publicCloudWith(openIdMetadataUrl: string): Record<string, string | boolean> {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl:
      'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    CallerId: 'urn:botframework:azure',
  };
}

/** The inbound token was refused; `reason` says why, for the log (never the token). */
class TokenRefused extends Error {
  constructor(readonly reason: string) {
    super('unauthorized');
  }
}

const botbuilderConsole = new AsyncLocalStorage<Logger>();
let consoleRouted = false;

/**
 * Runs `work` with botbuilder's own `console.error` lines (it prints every refused token with its stack) sent to the
 * structured log at debug level instead of stderr. Only calls made inside `work`'s async context are diverted; every
 * other `console.error` is untouched.
 */
function quietly<T>(logger: Logger, work: () => Promise<T>): Promise<T> {
  if (!consoleRouted) {
    consoleRouted = true;
    const original = console.error.bind(console);
    console.error = (...args: unknown[]) => {
      const scoped = botbuilderConsole.getStore();
      if (!scoped) return original(...args);
      scoped.debug('botbuilder console output during token validation', {
        output: args.map((arg) => (arg instanceof Error ? `${arg.name}: ${arg.message}` : String(arg))).join(' '),
      });
    };
  }
  return botbuilderConsole.run(logger, work);
}
