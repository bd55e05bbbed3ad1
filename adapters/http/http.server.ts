import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../src/ports/logger.port.ts';
import type { Secret } from '../config/secret.ts';
import { bearer, tokenMatches } from './bearer.ts';
import type { Metrics } from './metrics.ts';
import type { WorkTracker } from './work-tracker.ts';
import { correlationId as newCorrelationId } from '../log/correlation.ts';

/**
 * One route of the project's one server. Handlers read their own bodies (Slack needs the raw bytes to check
 * signatures).
 */
export interface Route {
  method: 'GET' | 'POST';
  path: string;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void> | void;
}

export interface HttpServerDeps {
  routes: readonly Route[];
  logger: Logger;
  metrics: Metrics;
  work: WorkTracker;
  /** Resolves when the store answers; `/readyz` is 503 otherwise. */
  ready: () => Promise<void>;
  /** Why the process should get no traffic now (overloaded), if it should not. */
  busy?: () => string | undefined;
  /**
   * How long `/readyz` waits for the store before it answers 503 (default 500 ms, so a probe gets its answer within 1
   * s).
   */
  readyTimeoutMs?: number;
  /** When set, `/metrics` answers only a request with this bearer token (401 otherwise). */
  metricsToken?: Secret;
}

/** `/readyz` answers within a second, whatever the store does. */
export const READY_TIMEOUT_MS = 500;

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`body larger than ${limit} bytes`);
  }
}

/** Reads a request body up to `limit` bytes; larger bodies are refused, not truncated. */
export async function readBody(req: IncomingMessage, limit = 1024 * 1024): Promise<Buffer> {
  // A declared length over the limit is refused before a byte of the body is read.
  if (Number(req.headers['content-length'] ?? 0) > limit) throw new BodyTooLargeError(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** The HTTP server: health, readiness and metrics, plus the routes the adapters bring. */
export class HttpServer {
  readonly #server: Server;
  #draining = false;

  constructor(private readonly deps: HttpServerDeps) {
    this.#server = createServer((req, res) => void deps.work.track(this.#dispatch(req, res)));
    this.#server.keepAliveTimeout = 5000;
  }

  async listen(port: number, host: string): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, host, () => resolve());
    });
    return this.#server.address() as AddressInfo;
  }

  /** Stops accepting connections; requests in flight finish (the caller drains the work tracker). */
  async close(): Promise<void> {
    this.#draining = true;
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeIdleConnections();
    await closed;
  }

  async #dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = this.#route(req.method ?? 'GET', path);
    const label = route ? route.path : 'unmatched';
    try {
      if (route) await route.handle(req, res);
      else sendJson(res, 404, { error: 'not_found', message: `No route ${req.method} ${path}.` });
    } catch (error) {
      if (error instanceof BodyTooLargeError) return this.#tooLarge(res, label, error.limit);
      const correlationId = newCorrelationId();
      this.deps.logger.error('request failed', {
        route: label,
        correlationId,
        error: error instanceof Error ? error.stack : String(error),
      });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal', correlationId });
      else res.end();
    } finally {
      this.deps.metrics.httpRequests.inc({ route: label, method: req.method ?? 'GET', status: String(res.statusCode) });
      this.deps.metrics.httpDuration.observe({ route: label }, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }

  /** An oversized body: 413, one warning without a stack, and the connection closed so the rest is never read. */
  #tooLarge(res: ServerResponse, route: string, limit: number): void {
    this.deps.logger.warn('request body too large', { route, limit });
    if (res.headersSent) return void res.end();
    res.setHeader('connection', 'close');
    sendJson(res, 413, { error: 'too_large', message: `The body is larger than ${limit} bytes.` });
  }

  #route(method: string, path: string): Route | undefined {
    const builtIn: Route[] = [
      { method: 'GET', path: '/healthz', handle: (_req, res) => sendJson(res, 200, { status: 'ok' }) },
      { method: 'GET', path: '/readyz', handle: (_req, res) => this.#readiness(res) },
      { method: 'GET', path: '/metrics', handle: (req, res) => this.#metrics(req, res) },
    ];
    return [...builtIn, ...this.deps.routes].find((route) => route.method === method && route.path === path);
  }

  async #readiness(res: ServerResponse): Promise<void> {
    if (this.#draining) return sendJson(res, 503, { status: 'shutting down' });
    const busy = this.deps.busy?.();
    if (busy) return sendJson(res, 503, { status: 'overloaded', message: busy });
    const timeoutMs = this.deps.readyTimeoutMs ?? READY_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`the store did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.deps.ready(), late]);
      sendJson(res, 200, { status: 'ready' });
    } catch (error) {
      sendJson(res, 503, {
        status: 'store unavailable',
        message: error instanceof Error ? error.message : String(error),
      });
    } finally {
      clearTimeout(timer);
    }
  }

  async #metrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = this.deps.metricsToken;
    if (token) {
      const presented = bearer(req.headers.authorization);
      if (presented === undefined || !tokenMatches(presented, token)) {
        this.deps.logger.warn('metrics request refused: no valid METRICS_TOKEN');
        res.setHeader('www-authenticate', 'Bearer');
        return sendJson(res, 401, { error: 'unauthorized', message: 'Send Authorization: Bearer <METRICS_TOKEN>.' });
      }
    }
    const text = await this.deps.metrics.registry.metrics();
    res.writeHead(200, { 'content-type': this.deps.metrics.registry.contentType });
    res.end(text);
  }
}
