import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse as parseQuery } from 'node:querystring';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'slack', 'web-api');
/** Keys Slack's shape samples carry blank on every answer; a real success does not send them. */
const BLANK_KEYS = ['error', 'needed', 'provided', 'warning', 'detail', 'errors', 'response_metadata'];

/** One Web API call as the fake received it: `blocks` decoded from the JSON string a form post carries. */
export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  contentType: string;
  authorized: boolean;
  /** What the fake answered (once it has). */
  answer?: Record<string, unknown>;
}

/** A message the bot sent, wherever it went: Web API or a `response_url`. */
export interface SentMessage {
  via: string;
  text?: unknown;
  blocks?: unknown;
  body: Record<string, unknown>;
}

type Answer = Record<string, unknown>;

function shape(method: string): Answer {
  const sample = JSON.parse(readFileSync(join(FIXTURES, `${method}.json`), 'utf8')) as Answer;
  for (const key of BLANK_KEYS) delete sample[key];
  return { ...sample, ok: true };
}

/**
 * A fake Slack Web API over node:http: form-encoded and JSON posts, the bot
 * token checked on every call, answers shaped like Slack's samples. Records
 * every call and every `response_url` post; can hold a method's answer until
 * the test releases it, and answer `name_taken` once.
 */
export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  readonly responsePosts: Array<{ path: string; body: Record<string, unknown> }> = [];
  /** Email -> user id, for `users.lookupByEmail`; user id -> email for `users.info`. */
  readonly users = new Map<string, string>([['soc-oncall@example.com', 'U0SOC0001']]);
  readonly botUserId = 'U0BOT0001';
  readonly teamId = 'T111';
  /** The app of the bot token, as bots.info says (the fixtures' api_app_id). */
  readonly appId = 'A111';
  /** The Enterprise Grid organisation of the workspace (the fixtures' enterprise_id). */
  readonly enterpriseId = 'E111';
  #nameTakenOnce = false;
  readonly #failures: Array<{ method: string; error: string }> = [];
  readonly #held = new Map<string, { gate: Promise<void>; release: () => void }>();
  readonly #members = new Map<string, Set<string>>();
  readonly #messages = new Map<string, string>();
  #channels = 0;
  #ts = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly token: string,
  ) {}

  static async start(token: string): Promise<FakeSlackApi> {
    const holder: { fake?: FakeSlackApi } = {};
    const server = createServer((req, res) => void holder.fake?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    holder.fake = new FakeSlackApi(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token);
    return holder.fake;
  }

  /** What SLACK_API_URL points at. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A `response_url` whose posts are captured. */
  responseUrl(id: string): string {
    return `${this.url}/response/${id}`;
  }

  /** The next `conversations.create` answers `name_taken`. */
  nameTakenOnce(): void {
    this.#nameTakenOnce = true;
  }

  /** The next call of `method` answers `{ok: false, error}`. */
  failOnce(method: string, error: string): void {
    this.#failures.push({ method, error });
  }

  /** Holds every answer of `method` until the returned function is called. */
  hold(method: string): () => void {
    let open = (): void => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const release = (): void => {
      if (this.#held.get(method)?.gate === gate) this.#held.delete(method);
      open();
    };
    this.#held.set(method, { gate, release });
    return release;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Every message the bot sent: posts, updates, ephemerals and `response_url` answers. */
  sentMessages(): SentMessage[] {
    const viaApi = this.calls.filter((call) => ['chat.postMessage', 'chat.update', 'chat.postEphemeral'].includes(call.method)).map((call) => ({ via: call.method, text: call.args.text, blocks: call.args.blocks, body: call.args }));
    const viaUrl = this.responsePosts.map((post) => ({ via: `response_url ${post.path}`, text: post.body.text, blocks: post.body.blocks, body: post.body }));
    return [...viaApi, ...viaUrl];
  }

  async close(): Promise<void> {
    for (const { release } of [...this.#held.values()]) release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    if (url.pathname.startsWith('/response/')) {
      this.responsePosts.push({ path: url.pathname, body: JSON.parse(raw) as Record<string, unknown> });
      return send(res, { ok: true });
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const contentType = String(req.headers['content-type'] ?? '');
    const args = { ...Object.fromEntries(url.searchParams), ...decodeArgs(raw, contentType) };
    const authorized = req.headers.authorization === `Bearer ${this.token}` || args.token === this.token;
    const call: RecordedCall = { method, args, contentType, authorized };
    this.calls.push(call);
    if (!authorized) return send(res, (call.answer = { ok: false, error: req.headers.authorization || args.token ? 'invalid_auth' : 'not_authed' }));
    await this.#held.get(method)?.gate;
    const failure = this.#failures.findIndex((candidate) => candidate.method === method);
    call.answer = failure >= 0 ? { ok: false, error: this.#failures.splice(failure, 1)[0]?.error } : this.answer(method, args);
    send(res, call.answer);
  }

  private answer(method: string, args: Record<string, unknown>): Answer {
    switch (method) {
      case 'auth.test':
        return { ...shape(method), user_id: this.botUserId, bot_id: 'B0BOT0001', team_id: this.teamId, enterprise_id: this.enterpriseId, app_id: this.appId, team: 'Contoso', user: 'incident-commander', url: 'https://contoso.slack.com/' };
      case 'bots.info':
        return { ...shape(method), bot: { ...(shape(method).bot as Answer), id: String(args.bot ?? ''), app_id: this.appId, name: 'incident-commander' } };
      case 'conversations.create':
        return this.create(args);
      case 'conversations.invite':
        return this.invite(args);
      case 'conversations.setTopic':
        return { ...shape(method), channel: { ...(shape(method).channel as object), id: args.channel, topic: { value: args.topic, creator: this.botUserId, last_set: 1 } } };
      case 'conversations.open':
        return { ...shape(method), channel: { id: `D${String(args.users).slice(1)}` } };
      case 'chat.postMessage':
        return this.post(args);
      case 'chat.update':
        return this.#messages.has(`${String(args.channel)}/${String(args.ts)}`) ? { ...shape(method), channel: args.channel, ts: args.ts, text: args.text } : { ok: false, error: 'message_not_found' };
      case 'chat.postEphemeral':
        return { ...shape(method), message_ts: this.nextTs() };
      case 'pins.add':
        return this.#messages.has(`${String(args.channel)}/${String(args.timestamp)}`) ? shape(method) : { ok: false, error: 'message_not_found' };
      case 'users.lookupByEmail':
        return this.lookup(String(args.email));
      case 'users.info':
        return this.info(String(args.user));
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private create(args: Record<string, unknown>): Answer {
    if (this.#nameTakenOnce) {
      this.#nameTakenOnce = false;
      return { ok: false, error: 'name_taken' };
    }
    const id = `C${String(++this.#channels).padStart(8, '0')}`;
    this.#members.set(id, new Set([this.botUserId]));
    const sample = shape('conversations.create');
    return { ...sample, channel: { ...(sample.channel as object), id, name: args.name, name_normalized: args.name, is_private: args.is_private === 'true' || args.is_private === true, is_member: true, creator: this.botUserId } };
  }

  private invite(args: Record<string, unknown>): Answer {
    const members = this.#members.get(String(args.channel));
    if (!members) return { ok: false, error: 'channel_not_found' };
    const user = String(args.users);
    if (user === this.botUserId) return { ok: false, error: 'cant_invite_self' };
    if (members.has(user)) return { ok: false, error: 'already_in_channel' };
    members.add(user);
    const sample = shape('conversations.invite');
    return { ...sample, channel: { ...(sample.channel as object), id: args.channel } };
  }

  private post(args: Record<string, unknown>): Answer {
    const ts = this.nextTs();
    this.#messages.set(`${String(args.channel)}/${ts}`, String(args.text ?? ''));
    const sample = shape('chat.postMessage');
    return { ...sample, channel: args.channel, ts, message: { ...(sample.message as object), text: args.text, ts } };
  }

  private lookup(email: string): Answer {
    const id = this.users.get(email.toLowerCase());
    if (!id) return { ok: false, error: 'users_not_found' };
    const sample = shape('users.lookupByEmail');
    return { ...sample, user: { ...(sample.user as object), id, profile: { ...((sample.user as { profile: object }).profile), email } } };
  }

  private info(user: string): Answer {
    const email = [...this.users.entries()].find(([, id]) => id === user)?.[0];
    const sample = shape('users.info');
    return { ...sample, user: { ...(sample.user as object), id: user, profile: { ...((sample.user as { profile: object }).profile), email: email ?? '' } } };
  }

  private nextTs(): string {
    return `1764406800.${String(++this.#ts).padStart(6, '0')}`;
  }

  /** Members the fake has seen invited to a channel (the bot included). */
  membersOf(channel: string): string[] {
    return [...(this.#members.get(channel) ?? [])];
  }
}

/** A form post's fields, with `blocks` and `attachments` decoded from the JSON strings the client sends. */
function decodeArgs(raw: string, contentType: string): Record<string, unknown> {
  if (!raw) return {};
  if (contentType.startsWith('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const form = parseQuery(raw);
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    const text = Array.isArray(value) ? value[0] : value;
    args[key] = (key === 'blocks' || key === 'attachments') && typeof text === 'string' ? JSON.parse(text) : text;
  }
  return args;
}

function send(res: ServerResponse, body: Answer): void {
  const text = JSON.stringify(body);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
