import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { HTTPResponseAck, type App, type Logger as BoltLogger, type Receiver } from '@slack/bolt';
import type { Clock } from '../../src/ports/clock.port.ts';
import type { Logger } from '../../src/ports/logger.port.ts';
import type { Secret } from '../config/secret.ts';
import { readBody, sendJson, type Route } from '../http/http.server.ts';
import { checkSlackRequest } from './slack.signature.ts';

export interface SlackHttpReceiverDeps {
  signingSecret: Secret;
  /** The injected clock: the timestamp window is measured on it (tests use a fake one). */
  clock: Clock;
  logger: Logger;
  boltLogger: BoltLogger;
}

/**
 * Slack's own payloads are a few kilobytes; a megabyte is generous and bounds what an unsigned sender can make us read.
 */
const BODY_LIMIT = 1024 * 1024;

/**
 * A Bolt receiver mounted as a route of the project's one server (no second
 * port): reads the raw body, refuses anything unsigned or outside the
 * two-sided 5-minute window with 401, then hands the event to Bolt's
 * `App.processEvent` with Bolt's own `HTTPResponseAck`, so listeners answer
 * Slack within its 3 seconds and the work continues after the ack.
 */
export class SlackHttpReceiver implements Receiver {
  #app: App | undefined;
  /** `POST /slack/events`: slash commands, interactivity and the Events API share it. */
  readonly route: Route = { method: 'POST', path: '/slack/events', handle: (req, res) => this.handle(req, res) };

  constructor(private readonly deps: SlackHttpReceiverDeps) {}

  /** Bolt hands itself over when the App is built with this receiver. */
  init(app: App): void {
    this.#app = app;
  }

  /** Nothing to start: the project's server carries the route. */
  async start(): Promise<void> {}

  /** Nothing to stop: the project's server closes the route. */
  async stop(): Promise<void> {}

  /** One request to `/slack/events`: 401 unless signed and fresh; otherwise Bolt's listeners acknowledge it. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req, BODY_LIMIT);
    const text = raw.toString('utf8');
    const contentType = String(req.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim()
      .toLowerCase();
    // Slack's certificate probe is unsigned (Bolt lets it through too); it is answered and nothing else is read.
    if (contentType === 'application/x-www-form-urlencoded' && parseQuery(text).ssl_check === '1')
      return void res.writeHead(200).end();
    const check = checkSlackRequest(req.headers, text, this.deps.signingSecret, this.deps.clock.now().getTime());
    if (!check.ok) {
      this.deps.logger.warn('slack request refused', {
        reason: check.reason,
        retryNum: req.headers['x-slack-retry-num'],
      });
      return void res.writeHead(401).end();
    }
    const body = parseBody(text, contentType);
    if (!body)
      return sendJson(res, 400, { error: 'bad_request', message: 'The body is neither a Slack form post nor JSON.' });
    if (body.type === 'url_verification') return sendJson(res, 200, { challenge: body.challenge });
    await this.#dispatch(req, res, body);
  }

  async #dispatch(req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>): Promise<void> {
    const app = this.#app;
    if (!app) throw new Error('the Slack receiver was not initialised by its App');
    const ack = new HTTPResponseAck({
      logger: this.deps.boltLogger,
      processBeforeResponse: false,
      httpRequest: req,
      httpRequestBody: body,
      httpResponse: res,
    });
    const send = ack.bind();
    let acknowledged = false;
    const retryNum = Number.parseInt(String(req.headers['x-slack-retry-num'] ?? ''), 10);
    const retryReason = req.headers['x-slack-retry-reason'];
    try {
      await app.processEvent({
        body,
        ack: async (response?: unknown) => {
          acknowledged = true;
          await send(response);
        },
        ...(Number.isNaN(retryNum) ? {} : { retryNum }),
        ...(typeof retryReason === 'string' ? { retryReason } : {}),
        customProperties: {},
      });
    } catch (error) {
      // Stops Bolt's 3-second timer; the server's boundary logs the error with a correlation id and answers 500.
      ack.ack();
      throw error;
    }
    // No listener acknowledged (an interaction this bot does not offer): answer now rather than after Bolt's 3-second
    // timer.
    if (!acknowledged) {
      ack.ack();
      if (!res.headersSent) res.writeHead(404).end();
    }
  }
}

/** A form post (`payload=<json>` for interactions, plain fields for slash commands) or a JSON body (Events API). */
function parseBody(text: string, contentType: string | undefined): Record<string, unknown> | undefined {
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const form = parseQuery(text);
      if (typeof form.payload === 'string') return asObject(JSON.parse(form.payload));
      return Object.fromEntries(
        Object.entries(form).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
      );
    }
    return asObject(JSON.parse(text));
  } catch {
    return undefined;
  }
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
