import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received, as the tests assert on it. */
export interface RecordedCall {
  method: string;
  /** Decoded path, without the query. */
  path: string;
  query: Record<string, string>;
  apiVersion: string | undefined;
  body: unknown;
  authorization: string | undefined;
  headers: IncomingMessage['headers'];
}

/** An answer: status, JSON body (or none) and headers. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Script {
  method?: string;
  path: RegExp;
  replies: Reply[];
}

/**
 * A small `node:http` server that records every call and can be scripted to
 * answer the next matching requests differently (403, 404, 429…) before the
 * normal handler takes over again.
 */
export abstract class FakeHttpServer {
  readonly calls: RecordedCall[] = [];
  #scripts: Script[] = [];
  #holds: Array<{ method?: string; path: RegExp; waiting: Array<() => void>; released: boolean }> = [];
  #server: Server | undefined;
  url = '';

  /** The next matching requests get these replies, one each, in order. */
  script(match: { method?: string; path: RegExp }, ...replies: Reply[]): void {
    this.#scripts.push({ ...match, replies: [...replies] });
  }

  /**
   * Matching requests are recorded on arrival but not answered (nor applied)
   * until `release()`: a call in flight when the bot is killed. Released,
   * they are applied as usual, whether or not anyone still waits for the answer.
   */
  hold(match: { method?: string; path: RegExp }): { release: () => void; held: () => number } {
    const hold = { ...match, waiting: [] as Array<() => void>, released: false };
    this.#holds.push(hold);
    return {
      release: () => {
        hold.released = true;
        this.#holds = this.#holds.filter((candidate) => candidate !== hold);
        for (const go of hold.waiting.splice(0)) go();
      },
      held: () => hold.waiting.length,
    };
  }

  /** Calls other than the long-running-operation polls, which the SDK paces itself. */
  get operations(): RecordedCall[] {
    return this.calls.filter((call) => !/\/locations\/[^/]+\/(operations|operationsStatus|operationResults)\//i.test(call.path));
  }

  reset(): void {
    this.calls.length = 0;
    this.#scripts = [];
  }

  async start(): Promise<string> {
    this.#server = createServer((request, response) => void this.#serve(request, response));
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.#server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this.url;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }

  /** Whether a request without a bearer token is refused (as ARM and Graph do) before any handler runs. */
  protected requireBearer = false;

  /** The answer to a request without a bearer token; subclasses answer in their service's error shape. */
  protected unauthenticated(): Reply {
    return { status: 401, body: { error: { code: 'AuthenticationFailed', message: "Authentication failed. The 'Authorization' header is missing." } } };
  }

  /** The normal answer for a call. `origin` is the https origin the SDK addressed (its https twin). */
  protected abstract handle(call: RecordedCall, origin: string): Reply;

  async #serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', 'http://fake');
    const call: RecordedCall = {
      method: request.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      query: Object.fromEntries(url.searchParams),
      apiVersion: url.searchParams.get('api-version') ?? undefined,
      body: text ? parse(text) : undefined,
      authorization: request.headers.authorization,
      headers: request.headers,
    };
    this.calls.push(call);
    const hold = this.#holds.find((candidate) => (!candidate.method || candidate.method === call.method) && candidate.path.test(call.path));
    if (hold) await new Promise<void>((resolve) => hold.waiting.push(resolve));
    const reply = this.requireBearer && !/^Bearer \S+$/.test(call.authorization ?? '') ? this.unauthenticated() : (this.#scripted(call) ?? this.handle(call, `https://${request.headers.host ?? 'fake'}`));
    const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
    if (response.destroyed) return;
    response.writeHead(reply.status, { ...(body ? { 'content-type': 'application/json; charset=utf-8' } : {}), 'x-ms-request-id': `fake-${this.calls.length}`, ...reply.headers });
    response.end(body);
  }

  #scripted(call: RecordedCall): Reply | undefined {
    const script = this.#scripts.find((candidate) => candidate.replies.length > 0 && (!candidate.method || candidate.method === call.method) && candidate.path.test(call.path));
    return script?.replies.shift();
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
