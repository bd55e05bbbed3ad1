import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** One channel-create request Graph received. */
export interface GraphCall {
  teamId: string;
  authorization?: string;
  body: Record<string, unknown>;
}

/** The documented 201 answer of `POST /teams/{id}/channels` (msgraph-docs channel-post, private example). */
const DOC_RESPONSE = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'fixtures', 'teams', 'graph.channel-post.private.response.json'), 'utf8')) as Record<string, unknown>;

/**
 * Microsoft Graph v1.0 on node:http, for `POST /v1.0/teams/{id}/channels`
 * only: answers 201 as the Graph docs show, or 400 `NameAlreadyExists` for a
 * name already taken. Records the Authorization header of every request.
 */
export class FakeGraph {
  readonly calls: GraphCall[] = [];
  /** Channel names that already exist in the team. */
  readonly taken = new Set<string>();
  /** Entra users `GET /v1.0/users/{id}` answers (as the Graph user resource: mail, userPrincipalName); 404 for others. */
  readonly users = new Map<string, { mail?: string; userPrincipalName: string }>();
  /** User lookups received, by object id. */
  readonly userLookups: string[] = [];

  /** TCP connections accepted, whatever came over them (an https attempt on this http port counts too). */
  connections = 0;

  readonly #server: Server;
  #port = 0;

  private constructor() {
    this.#server = createServer((req, res) => void this.handle(req, res));
    this.#server.on('connection', () => this.connections++);
  }

  static async start(): Promise<FakeGraph> {
    const fake = new FakeGraph();
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', () => resolve()));
    fake.#port = (fake.#server.address() as AddressInfo).port;
    return fake;
  }

  get endpoint(): string {
    const port = this.#port;
    return `http://127.0.0.1:${port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const user = /^\/v1\.0\/users\/([^/]+)$/.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (req.method === 'GET' && user) {
      const id = decodeURIComponent(user[1] ?? '');
      this.userLookups.push(id);
      const found = this.users.get(id);
      if (!found) return send(res, 404, { error: { code: 'Request_ResourceNotFound', message: `Resource '${id}' does not exist.` } });
      return send(res, 200, { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users(mail,userPrincipalName)/$entity', mail: found.mail ?? null, userPrincipalName: found.userPrincipalName });
    }
    const match = /^\/v1\.0\/teams\/([^/]+)\/channels$/.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (req.method !== 'POST' || !match) return send(res, 404, { error: { code: 'NotFound', message: `${req.method} ${req.url}` } });
    let text = '';
    for await (const chunk of req) text += String(chunk);
    const body = JSON.parse(text) as Record<string, unknown>;
    const teamId = decodeURIComponent(match[1] ?? '');
    this.calls.push({ teamId, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}), body });
    const displayName = String(body.displayName);
    if (this.taken.has(displayName)) return send(res, 400, { error: { code: 'NameAlreadyExists', message: 'Channel name already existed, please use other name.', innerError: {} } });
    this.taken.add(displayName);
    const id = `19:${createHash('sha256').update(displayName).digest('hex').slice(0, 32)}@thread.tacv2`;
    return send(res, 201, {
      ...DOC_RESPONSE,
      '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#teams('${teamId}')/channels/$entity`,
      id,
      displayName,
      description: body.description,
      membershipType: body.membershipType ?? 'standard',
      webUrl: `https://teams.microsoft.com/l/channel/${encodeURIComponent(id)}/${encodeURIComponent(displayName)}?groupId=${teamId}`,
    });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
