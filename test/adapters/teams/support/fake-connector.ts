import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Connector. */
export interface ConnectorCall {
  kind: 'create' | 'send' | 'reply' | 'update' | 'member';
  method: string;
  path: string;
  conversationId?: string;
  activityId?: string;
  authorization?: string;
  body: Record<string, unknown>;
}

/** A member the fake answers `GET /v3/conversations/{id}/members/{userId}` with (TeamsChannelAccount). */
export interface FakeMember {
  id: string;
  name: string;
  aadObjectId: string;
}

const CARD = 'application/vnd.microsoft.card.adaptive';

/**
 * A Bot Connector v3 on node:http, speaking the wire format of the Connector
 * API swagger (botframework-connector-swagger/ConnectorAPI.json): create a
 * conversation, send, reply, update, and Teams' get-member. It records every
 * call; the real botbuilder CloudAdapter talks to it through each activity's
 * `serviceUrl`.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  readonly members = new Map<string, FakeMember>();
  #next = 1;

  /** TCP connections accepted, whatever came over them (an https attempt on this http port counts too). */
  connections = 0;

  readonly #server: Server;
  #port = 0;

  private constructor() {
    this.#server = createServer((req, res) => void this.handle(req, res));
    this.#server.on('connection', () => this.connections++);
  }

  static async start(): Promise<FakeConnector> {
    const fake = new FakeConnector();
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', () => resolve()));
    fake.#port = (fake.#server.address() as AddressInfo).port;
    return fake;
  }

  get serviceUrl(): string {
    const port = this.#port;
    return `http://127.0.0.1:${port}/`;
  }

  /** Every Adaptive Card the bot sent anywhere (conversation creates, sends, replies, updates). */
  cards(): Array<Record<string, unknown>> {
    return this.calls.flatMap((call) => cardsIn(call.kind === 'create' ? call.body.activity : call.body));
  }

  /** Calls into one conversation (the thread suffix `;messageid=` ignored). */
  callsTo(conversationId: string): ConnectorCall[] {
    return this.calls.filter((call) => call.conversationId?.split(';')[0] === conversationId);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const body = await readJson(req);
    const record = (kind: ConnectorCall['kind'], conversationId?: string, activityId?: string) =>
      this.calls.push({ kind, method: req.method ?? '', path: url.pathname, ...(conversationId ? { conversationId } : {}), ...(activityId ? { activityId } : {}), ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}), body });
    const [v3, conversations, conversationId, sub, item] = parts;
    if (v3 !== 'v3' || conversations !== 'conversations') return send(res, 404, { error: { code: 'NotFound', message: url.pathname } });
    if (req.method === 'POST' && !conversationId) {
      const activityId = String(this.#next++);
      const channel = ((body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id ?? `a:conversation-${activityId}`).split(';')[0];
      record('create', `${channel};messageid=${activityId}`, activityId);
      return send(res, 201, { id: `${channel};messageid=${activityId}`, activityId });
    }
    if (req.method === 'GET' && sub === 'members' && item) {
      const member = this.members.get(item);
      record('member', conversationId, item);
      return member ? send(res, 200, { ...member, objectId: member.aadObjectId }) : send(res, 404, { error: { code: 'MemberNotFoundInConversation', message: 'The member was not found.' } });
    }
    if (sub !== 'activities') return send(res, 404, { error: { code: 'NotFound', message: url.pathname } });
    const id = `activity-${this.#next++}`;
    if (req.method === 'POST' && !item) record('send', conversationId, id);
    else if (req.method === 'POST') record('reply', conversationId, item);
    else if (req.method === 'PUT') record('update', conversationId, item);
    else return send(res, 405, { error: { code: 'MethodNotAllowed', message: String(req.method) } });
    return send(res, 200, { id });
  }
}

/** Adaptive Card contents among an activity's attachments. */
export function cardsIn(activity: unknown): Array<Record<string, unknown>> {
  const attachments = (activity as { attachments?: Array<{ contentType?: string; content?: Record<string, unknown> }> } | undefined)?.attachments ?? [];
  return attachments.filter((attachment) => attachment.contentType === CARD && attachment.content).map((attachment) => attachment.content as Record<string, unknown>);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
