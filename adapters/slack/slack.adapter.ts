import { App, SocketModeReceiver, webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/ports/logger.port.ts';
import type { Route } from '../http/http.server.ts';
import type { CommandsPort } from '../../src/ports/commands.port.ts';
import type { PlatformAdapter, PlatformConnection, PlatformContext } from '../platform.ts';
import { ephemeralAnswerer, urlAnswerer } from './slack.answer.ts';
import { SlackChat } from './slack.chat.ts';
import type { SlackConfig } from './slack.config.ts';
import { SlackDirectory } from './slack.directory.ts';
import { FORM_ID_PREFIX } from '../../src/views/interaction-ids.ts';
import { SlackInbound, type SlackDelivery } from './slack.inbound.ts';
import { boltLogger } from './slack.logger.ts';
import { SlackHttpReceiver } from './slack.receiver.ts';
import { foreignOrigin, originOf } from './slack.workspace.ts';
import { correlationId } from '../log/correlation.ts';

/** How events reach the bot: signed HTTP posts to `/slack/events`, or Socket Mode's websocket. */
export type SlackMode = 'http' | 'socket';

/**
 * Web API calls run after the acknowledgement, so a few quick retries are
 * affordable; a long outage must not hold shutdown for half an hour (the
 * client's default), hence also the per-call timeout.
 */
const WEB_API_RETRIES = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5000, randomize: true };
const WEB_API_TIMEOUT_MS = 15_000;

/** The Slack platform: Bolt on the project's server (or Socket Mode), the chat port, and the listeners. */
export class SlackAdapter implements PlatformAdapter {
  readonly name = 'slack';
  readonly chat: SlackChat;
  readonly routes: readonly Route[];
  readonly mode: SlackMode;
  readonly #receiver: SlackHttpReceiver | SocketModeReceiver;
  readonly #directory: SlackDirectory;
  readonly #logger: Logger;
  readonly #context: PlatformContext;
  readonly #config: Readonly<SlackConfig>;
  readonly #client: webApi.WebClient;
  readonly #log: BoltLogger;

  constructor(context: PlatformContext, config: Readonly<SlackConfig>) {
    this.#context = context;
    this.#config = config;
    const log = boltLogger(context.logger);
    this.#log = log;
    const client = new webApi.WebClient(config.botToken.reveal(), {
      slackApiUrl: config.apiUrl,
      logger: log,
      retryConfig: WEB_API_RETRIES,
      timeout: WEB_API_TIMEOUT_MS,
    });
    this.#client = client;
    this.#logger = context.logger;
    this.#directory = new SlackDirectory(client, context.clock, context.logger);
    this.chat = new SlackChat({
      client,
      directory: this.#directory,
      logger: context.logger,
      store: context.store,
      private: config.warRoomPrivate,
      responders: config.responders,
      ...(config.triageChannel ? { triageChannel: config.triageChannel } : {}),
    });
    this.mode = config.appToken ? 'socket' : 'http';
    this.#receiver = config.appToken
      ? new SocketModeReceiver({
          appToken: config.appToken.reveal(),
          logger: log,
          installerOptions: { clientOptions: { slackApiUrl: config.apiUrl } },
        })
      : new SlackHttpReceiver({
          signingSecret: config.signingSecret,
          clock: context.clock,
          logger: context.logger,
          boltLogger: log,
        });
    this.routes = this.#receiver instanceof SlackHttpReceiver ? [this.#receiver.route] : [];
  }

  /** Bolt and its listeners, which keep each delivery in the inbox and hand it to the core. */
  connect(commands: CommandsPort): PlatformConnection {
    const context = this.#context;
    const config = this.#config;
    const client = this.#client;
    const log = this.#log;
    const answererFor = (delivery: SlackDelivery) => {
      if (delivery.kind !== 'mention') return urlAnswerer(delivery.body.response_url);
      const { event } = delivery.body;
      return ephemeralAnswerer(client, {
        channel: event.channel,
        user: event.user ?? '',
        ...(event.thread_ts ? { threadTs: event.thread_ts } : {}),
      });
    };
    const inbound = new SlackInbound({
      commands,
      store: context.store,
      inbox: context.inbox,
      answererFor,
      work: context.work,
      logger: context.logger,
      directory: this.#directory,
      chat: this.chat,
      needsEmail: namesPeopleByEmail(context),
    });
    const app = new App({
      receiver: this.#receiver,
      // One workspace, one token: no auth.test on the request path (it runs once in start()).
      authorize: async () => ({ botToken: config.botToken.reveal(), ...botIds(this.#directory) }),
      logger: log,
      clientOptions: { slackApiUrl: config.apiUrl, logger: log },
      convoStore: false,
    });
    bindToWorkspace(app, this.#directory, context.logger);
    registerListeners(app, inbound, log);
    return { routes: this.routes, start: () => this.start(), stop: () => this.stop() };
  }

  /** Checks the token (`auth.test`) and, in Socket Mode, connects. */
  async start(): Promise<void> {
    const identity = await this.#directory.identity();
    if (identity)
      this.#logger.info('slack connected', { mode: this.mode, botUserId: identity.userId, teamId: identity.teamId });
    if (this.#receiver instanceof SocketModeReceiver) await this.#receiver.start();
  }

  /** Closes the Socket Mode connection; HTTP needs nothing (the server closes). */
  async stop(): Promise<void> {
    if (this.#receiver instanceof SocketModeReceiver) await this.#receiver.stop();
  }
}

/**
 * Each listener keeps the delivery in the inbox first and acknowledges Slack
 * only once it is kept (well within Slack's 3 seconds: one fsync or one Redis
 * script); the inbox then runs it. A delivery that cannot be kept is refused
 * where the person sees it, so nothing is acknowledged that is not recorded.
 */
function registerListeners(app: App, inbound: SlackInbound, log: BoltLogger): void {
  app.command(/^\/.+/, async ({ ack, command }) => {
    const accepted = await inbound.accept({ kind: 'command', body: command });
    if (!accepted.kept) return ack({ response_type: 'ephemeral', text: accepted.message });
    await ack();
  });
  app.action({ type: 'block_actions' }, async ({ ack, body, action, respond }) => {
    if (action.type !== 'button') return ack();
    // A form's submit button carries the form's id (`form:…`, see src/views/interaction-ids.ts); its inputs arrive in
    // `body.state`.
    const kind = action.action_id.startsWith(FORM_ID_PREFIX) ? 'submit' : 'press';
    const accepted = await inbound.accept({ kind, body, action: { action_id: action.action_id } });
    await ack();
    if (!accepted.kept)
      await respond({ response_type: 'ephemeral', replace_original: false, text: accepted.message }).catch(
        () => undefined,
      );
  });
  app.event('app_mention', async ({ event, body }) => {
    if (!event.user) return;
    const accepted = await inbound.accept({
      kind: 'mention',
      body: body,
    });
    // The Events API retries what is not acknowledged: an error answer (500) asks Slack to send it again later.
    if (!accepted.kept) throw new Error(`app_mention not kept: ${accepted.message}`);
  });
  app.error(async (error) => {
    log.error(
      `slack listener failed (error id ${correlationId()}): ${error.code ?? ''} ${error.stack ?? error.message}`,
    );
  });
}

/**
 * Before any listener: a request from another workspace, organisation or app is acknowledged with nothing and
 * dropped, logged as a warning; nothing of it reaches the core (both receivers, HTTP and Socket Mode).
 */
function bindToWorkspace(app: App, directory: SlackDirectory, logger: Logger): void {
  app.use(async (args) => {
    const origin = originOf(args.body as Record<string, unknown>);
    const refusal = foreignOrigin(origin, await directory.identity());
    if (!refusal) return args.next();
    logger.warn('slack request from another workspace refused', { reason: refusal, ...origin });
    const ack = (args as { ack?: () => Promise<void> }).ack;
    if (typeof ack === 'function') await ack();
  });
}

function botIds(directory: SlackDirectory): { botId?: string; botUserId?: string } {
  const identity = directory.knownIdentity;
  return {
    ...(identity?.botId ? { botId: identity.botId } : {}),
    ...(identity?.userId ? { botUserId: identity.userId } : {}),
  };
}

/**
 * Roles configured by email, and people with an email (the people directory links by it), need the actor's verified
 * email.
 */
function namesPeopleByEmail(context: PlatformContext): boolean {
  const { roles, people } = context.config.incident;
  return (
    people.some((person) => person.email !== undefined) ||
    Object.values(roles).some((entries) => entries?.some((entry) => entry.includes('@') && !entry.includes(':')))
  );
}
