import { randomBytes } from 'node:crypto';
import { App, SocketModeReceiver, webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/ports/logger.port.ts';
import type { Route } from '../http/http.server.ts';
import type { PlatformAdapter, PlatformContext } from '../platform.ts';
import { ephemeralAnswerer, formAnswerer, responseUrlAnswerer } from './slack.answer.ts';
import { SlackChat } from './slack.chat.ts';
import type { SlackConfig } from './slack.config.ts';
import { SlackDirectory } from './slack.directory.ts';
import { FORM_ID_PREFIX } from './slack.form.ts';
import { SlackInbound } from './slack.inbound.ts';
import { boltLogger } from './slack.logger.ts';
import { SlackHttpReceiver } from './slack.receiver.ts';

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

  constructor(context: PlatformContext, config: Readonly<SlackConfig>) {
    const log = boltLogger(context.logger);
    const client = new webApi.WebClient(config.botToken.reveal(), { slackApiUrl: config.apiUrl, logger: log, retryConfig: WEB_API_RETRIES, timeout: WEB_API_TIMEOUT_MS });
    this.#logger = context.logger;
    this.#directory = new SlackDirectory(client, context.clock, context.logger);
    this.chat = new SlackChat({ client, directory: this.#directory, logger: context.logger, store: context.store, private: config.warRoomPrivate, responders: config.responders, ...(config.triageChannel ? { triageChannel: config.triageChannel } : {}) });
    this.mode = config.appToken ? 'socket' : 'http';
    this.#receiver = config.appToken
      ? new SocketModeReceiver({ appToken: config.appToken.reveal(), logger: log, installerOptions: { clientOptions: { slackApiUrl: config.apiUrl } } })
      : new SlackHttpReceiver({ signingSecret: config.signingSecret, clock: context.clock, logger: context.logger, boltLogger: log });
    this.routes = this.#receiver instanceof SlackHttpReceiver ? [this.#receiver.route] : [];
    const inbound = new SlackInbound({ service: context.service, store: context.store, work: context.work, logger: context.logger, directory: this.#directory, chat: this.chat, needsEmail: namesPeopleByEmail(context) });
    const app = new App({
      receiver: this.#receiver,
      // One workspace, one token: no auth.test on the request path (it runs once in start()).
      authorize: async () => ({ botToken: config.botToken.reveal(), ...botIds(this.#directory) }),
      logger: log,
      clientOptions: { slackApiUrl: config.apiUrl, logger: log },
      convoStore: false,
    });
    registerListeners(app, inbound, client, log);
  }

  /** Checks the token (`auth.test`) and, in Socket Mode, connects. */
  async start(): Promise<void> {
    const identity = await this.#directory.identity();
    if (identity) this.#logger.info('slack connected', { mode: this.mode, botUserId: identity.userId, teamId: identity.teamId });
    if (this.#receiver instanceof SocketModeReceiver) await this.#receiver.start();
  }

  /** Closes the Socket Mode connection; HTTP needs nothing (the server closes). */
  async stop(): Promise<void> {
    if (this.#receiver instanceof SocketModeReceiver) await this.#receiver.stop();
  }
}

/**
 * Each listener acknowledges first (Slack wants an answer within 3 seconds)
 * and hands the rest to `SlackInbound`, which runs it tracked after the ack.
 */
function registerListeners(app: App, inbound: SlackInbound, client: webApi.WebClient, log: BoltLogger): void {
  app.command(/^\/.+/, async ({ ack, command, respond }) => {
    await ack();
    void inbound.command(command, responseUrlAnswerer(respond));
  });
  app.action({ type: 'block_actions' }, async ({ ack, body, action, respond }) => {
    await ack();
    if (action.type !== 'button') return;
    // A form's submit button carries the form's id (`form:…`, see slack.form.ts); its inputs arrive in `body.state`.
    if (action.action_id.startsWith(FORM_ID_PREFIX)) void inbound.submit(body, action, formAnswerer(respond));
    else void inbound.press(body, action, responseUrlAnswerer(respond));
  });
  app.event('app_mention', async ({ event, body }) => {
    if (!event.user) return;
    void inbound.mention(body, ephemeralAnswerer(client, { channel: event.channel, user: event.user, ...(event.thread_ts ? { threadTs: event.thread_ts } : {}) }));
  });
  app.error(async (error) => {
    log.error(`slack listener failed (error id err-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}): ${error.code ?? ''} ${error.stack ?? error.message}`);
  });
}

function botIds(directory: SlackDirectory): { botId?: string; botUserId?: string } {
  const identity = directory.knownIdentity;
  return { ...(identity?.botId ? { botId: identity.botId } : {}), ...(identity?.userId ? { botUserId: identity.userId } : {}) };
}

/** Roles configured by email can only match an actor whose email is known. */
function namesPeopleByEmail(context: PlatformContext): boolean {
  return Object.values(context.config.incident.roles).some((entries) => entries?.some((entry) => entry.includes('@') && !entry.includes(':')));
}
