import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../src/ports/logger.port.ts';
import type { SentinelIntake } from '../../src/ports/siem.port.ts';
import type { Secret } from '../config/secret.ts';
import { bearer, tokenMatches } from '../http/bearer.ts';
import { BodyTooLargeError, readBody, sendJson, type Route } from '../http/http.server.ts';
import type { WorkTracker } from '../http/work-tracker.ts';
import { parseWebhookBody, type Delivery } from './sentinel.mapper.ts';
import type { Inbox } from '../../src/app/inbox.ts';
import type { SentinelIncident } from '../../src/ports/siem.port.ts';

/** The path the playbook's HTTP action posts to. */
export const WEBHOOK_PATH = '/api/sentinel/incidents';

/**
 * Why about 2 s: Logic Apps' HTTP action waits for the answer and retries a
 * slow or failed call, so the webhook answers within this time and lets a
 * slow intake finish in the background (the intake de-duplicates retries).
 */
export const DEFAULT_ANSWER_WITHIN_MS = 2000;

export interface SentinelWebhookDeps {
  token: Secret;
  maxBytes: number;
  intake: SentinelIntake;
  work: WorkTracker;
  logger: Logger;
  answerWithinMs?: number;
  /**
   * Where a delivery is kept before it is answered 202; without one the intake runs directly (tests of the webhook
   * alone).
   */
  inbox?: Inbox;
}

type IntakeResult = Awaited<ReturnType<SentinelIntake['ingest']>>;

/**
 * `POST /api/sentinel/incidents`: the bearer token is checked before anything
 * else is read (401 otherwise); the body is bounded (413), parsed and
 * validated (400 naming the field; the intake is not called); then the intake
 * takes the delivery and the answer is 202 with its outcome.
 */
export class SentinelWebhook {
  readonly route: Route = { method: 'POST', path: WEBHOOK_PATH, handle: (req, res) => this.handle(req, res) };

  /** Outcomes of deliveries processed from the inbox, for the answer that waits for them. */
  readonly #results = new Map<string, IntakeResult>();

  constructor(private readonly deps: SentinelWebhookDeps) {
    deps.inbox?.register('sentinel', async (entry) => {
      const { incident, deliveryId } = entry.payload as { incident: SentinelIncident; deliveryId: string };
      const result = await deps.intake.ingest(incident, deliveryId);
      this.#results.set(entry.id, result);
      setTimeout(() => this.#results.delete(entry.id), 60_000).unref();
    });
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const presented = bearer(req.headers.authorization);
    if (presented === undefined || !tokenMatches(presented, this.deps.token)) {
      // Only the shape of the header is logged: a sender may have pasted the secret without its scheme.
      const authorization =
        presented !== undefined ? 'wrong bearer token' : req.headers.authorization ? 'not a bearer token' : 'missing';
      this.deps.logger.warn('sentinel webhook refused: missing or wrong bearer token', {
        remote: req.socket.remoteAddress,
        authorization,
      });
      // The body is left unread; closing the connection keeps the sender from streaming it to us.
      res.setHeader('connection', 'close');
      res.setHeader('www-authenticate', 'Bearer realm="incident-commander", error="invalid_token"');
      return sendJson(res, 401, {
        error: 'unauthorized',
        message: 'Send Authorization: Bearer <SENTINEL_WEBHOOK_TOKEN>.',
      });
    }
    const text = await this.#read(req, res);
    if (text === undefined) return;
    const parsed = parseWebhookBody(text);
    if (!parsed.ok) {
      this.deps.logger.warn('sentinel webhook refused an invalid body', {
        field: parsed.error.field,
        problem: parsed.error.message,
      });
      return sendJson(res, 400, {
        error: 'invalid_incident',
        field: parsed.error.field,
        message: parsed.error.message,
      });
    }
    await this.#ingest(parsed.value, res);
  }

  /** The body as text, or undefined after answering 413. */
  async #read(req: IncomingMessage, res: ServerResponse): Promise<string | undefined> {
    const limit = this.deps.maxBytes;
    const tooLarge = () => {
      res.setHeader('connection', 'close');
      sendJson(res, 413, {
        error: 'too_large',
        message: `The body is larger than ${limit} bytes (SENTINEL_WEBHOOK_MAX_BYTES).`,
      });
      return undefined;
    };
    // A declared length over the limit is refused before a byte of the body is read.
    if (Number(req.headers['content-length'] ?? 0) > limit) return tooLarge();
    try {
      return (await readBody(req, limit)).toString('utf8');
    } catch (error) {
      if (error instanceof BodyTooLargeError) return tooLarge();
      throw error;
    }
  }

  /**
   * Keeps the delivery in the inbox; answers 503 (the playbook retries) when
   * it cannot be kept, so no 202 is given for work that could be lost.
   * Resolves to the intake's outcome once the inbox has processed it.
   */
  async #kept(delivery: Delivery, res: ServerResponse): Promise<{ ingest: Promise<IntakeResult> } | undefined> {
    const id = `sentinel:${delivery.deliveryId}`;
    const accepted = await (this.deps.inbox as Inbox).accept('sentinel', id, {
      incident: delivery.incident,
      deliveryId: delivery.deliveryId,
    });
    if (!accepted.kept) {
      res.setHeader('retry-after', '30');
      sendJson(res, 503, { error: accepted.reason, message: accepted.message });
      return undefined;
    }
    // A repeated delivery: the intake itself knows the incident and answers as it did.
    if (accepted.duplicate || !accepted.done)
      return { ingest: this.deps.intake.ingest(delivery.incident, delivery.deliveryId) };
    return {
      ingest: accepted.done.then(() => {
        const result = this.#results.get(id);
        if (!result)
          throw new Error('the Sentinel intake failed for this delivery (see the log); the playbook may send it again');
        return result;
      }),
    };
  }

  /**
   * Hands the delivery over; answers with the outcome, or with `accepted` when the intake takes longer than the answer
   * window.
   */
  async #ingest(delivery: Delivery, res: ServerResponse): Promise<void> {
    const { intake, work, logger } = this.deps;
    const { incident, deliveryId } = delivery;
    const fields = {
      deliveryId,
      incident: incident.name,
      number: incident.number,
      severity: incident.severity,
      shape: delivery.shape,
    };
    const kept = this.deps.inbox
      ? await this.#kept(delivery, res)
      : { ingest: work.track(intake.ingest(incident, deliveryId)) };
    if (!kept) return;
    const { ingest } = kept;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.deps.answerWithinMs ?? DEFAULT_ANSWER_WITHIN_MS);
    });
    try {
      const result = await Promise.race([ingest, late]);
      if (result === 'late') {
        ingest.then(
          (done) =>
            logger.info('sentinel incident taken (after the answer)', {
              ...fields,
              outcome: done.outcome,
              incidentId: done.incidentId,
            }),
          (error: unknown) =>
            logger.error('sentinel intake failed after the webhook answered 202; the playbook will not retry', {
              ...fields,
              error: error instanceof Error ? error.stack : String(error),
            }),
        );
        return sendJson(res, 202, { outcome: 'accepted' });
      }
      logger.info('sentinel incident taken', { ...fields, outcome: result.outcome, incidentId: result.incidentId });
      sendJson(res, 202, { outcome: result.outcome, ...(result.incidentId ? { incidentId: result.incidentId } : {}) });
    } finally {
      clearTimeout(timer);
    }
  }
}
