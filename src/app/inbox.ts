import { randomBytes } from 'node:crypto';
import type { Clock } from '../ports/clock.port.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { InboxEntry, IncidentStore } from '../ports/store.port.ts';

/**
 * What happens to a delivery offered to the inbox: kept (acknowledge it), a duplicate (acknowledge, do nothing), or
 * refused with the reason.
 */
export type Acceptance =
  { kept: true; duplicate: boolean } | { kept: false; reason: 'overloaded' | 'unavailable'; message: string };

/**
 * Runs one kept delivery: the adapter's own path from payload to reply (it appends with the entry's id as command id).
 */
export type InboxHandler = (entry: InboxEntry, attempt: { final: boolean }) => Promise<void>;

export interface InboxOptions {
  store: IncidentStore;
  clock: Clock;
  logger: Logger;
  /** Deliveries kept and not yet done in this process, past which new ones are refused as overloaded (default 512). */
  maxInFlight?: number;
  /** How many deliveries are processed at once (default 32). */
  concurrency?: number;
  /**
   * A pending entry another replica kept is taken over once it is this old (default 30 s): its receiver has likely
   * died.
   */
  orphanAfterMs?: number;
  /**
   * Attempts before a delivery that keeps failing is given up (logged, answered, marked done), so it cannot block the
   * inbox (default 4).
   */
  maxAttempts?: number;
  /** Waits between attempts in this process; a real timer (default 100 ms, 400 ms, 1.6 s). Tests pass zeros. */
  retryDelaysMs?: readonly number[];
  /** Tracks each delivery's processing, so shutdown and tests can wait for it. */
  track?: (work: Promise<void>) => Promise<void>;
}

/** Store calls that fail are retried this often, quickly, before the delivery is refused. */
const PUT_ATTEMPTS = 3;

/**
 * The durable inbox (DESIGN.md, "Durability"): every delivery is kept in the
 * store before the platform is acknowledged, then processed; whatever was
 * kept and not done is processed by the next start, or by another replica
 * once it is orphaned. Bounded: past `maxInFlight` deliveries are refused as
 * overloaded instead of queueing without limit.
 */
export class Inbox {
  readonly #handlers = new Map<string, InboxHandler>();
  /** Ids kept or being kept by this process and not yet done. */
  readonly #inFlight = new Map<string, Promise<void>>();
  readonly #queue: Array<{ entry: InboxEntry; settle: () => void }> = [];
  #running = 0;
  readonly #maxInFlight: number;
  readonly #concurrency: number;
  readonly #orphanAfterMs: number;
  readonly #maxAttempts: number;
  #closed = false;

  constructor(private readonly options: InboxOptions) {
    this.#maxInFlight = options.maxInFlight ?? 512;
    this.#concurrency = options.concurrency ?? 32;
    this.#orphanAfterMs = options.orphanAfterMs ?? 30_000;
    this.#maxAttempts = options.maxAttempts ?? 4;
  }

  /** Which adapter runs the entries of `source`. */
  register(source: string, handler: InboxHandler): void {
    this.#handlers.set(source, handler);
  }

  /** Deliveries kept and not done in this process. */
  get size(): number {
    return this.#inFlight.size;
  }

  /** Why this process should get no new work, if it should not (for `/readyz`). */
  busy(): string | undefined {
    if (this.#closed) return 'shutting down';
    return this.#inFlight.size >= this.#maxInFlight
      ? `overloaded: ${this.#inFlight.size} commands are waiting to be processed`
      : undefined;
  }

  /**
   * Keeps a delivery in the store, then processes it after this resolves.
   * Resolve first, acknowledge second: a delivery is acknowledged only once
   * it is kept. `done` settles when it has been processed (tests and the
   * console wait for it).
   */
  async accept(source: string, id: string, payload: unknown): Promise<Acceptance & { done?: Promise<void> }> {
    if (this.#closed)
      return {
        kept: false,
        reason: 'unavailable',
        message:
          'The bot is shutting down and takes no new commands. Nothing was recorded: run the command again in a ' +
          'few seconds.',
      };
    const running = this.#inFlight.get(id);
    if (running) {
      this.options.logger.info(`${source} duplicate delivery ignored`, { source, id });
      return { kept: true, duplicate: true, done: running };
    }
    if (this.#inFlight.size >= this.#maxInFlight) {
      return {
        kept: false,
        reason: 'overloaded',
        message:
          'The bot is overloaded right now and did not take this command. Nothing was recorded: run it again in ' +
          'a minute.',
      };
    }
    const entry: InboxEntry = { id, source, receivedAt: this.options.clock.now().toISOString(), payload };
    let kept: 'kept' | 'duplicate' | undefined;
    let lastError: unknown;
    // One token per receipt: the store recognises this receipt's own re-sent put by it (a retry after a lost reply),
    // and any other receipt of the same id as a duplicate.
    const owner = randomBytes(9).toString('hex');
    for (let attempt = 0; attempt < PUT_ATTEMPTS && kept === undefined; attempt++) {
      try {
        kept = await this.options.store.inboxPut(entry, owner);
      } catch (error) {
        lastError = error;
      }
    }
    if (kept === undefined) {
      this.options.logger.error('inbox: a delivery could not be kept; it was refused', {
        source,
        id,
        error: String(lastError),
      });
      return {
        kept: false,
        reason: 'unavailable',
        message:
          'The bot cannot record commands right now (its store does not answer). Nothing was recorded: run the ' +
          'command again in a minute.',
      };
    }
    if (kept === 'duplicate') {
      this.options.logger.info(`${source} duplicate delivery ignored`, { source, id });
      return { kept: true, duplicate: true };
    }
    return { kept: true, duplicate: false, done: this.#schedule(entry) };
  }

  /**
   * Processes what the store holds and nobody here is processing: at start,
   * every pending entry (this process's earlier life, or a dead replica's);
   * on later sweeps, entries kept by others once they are orphaned.
   */
  async recover(options: { all?: boolean } = {}): Promise<number> {
    if (this.#closed) return 0;
    const now = this.options.clock.now().getTime();
    let taken = 0;
    for (const entry of await this.options.store.inboxPending()) {
      if (this.#inFlight.has(entry.id)) continue;
      if (!options.all && now - Date.parse(entry.receivedAt) < this.#orphanAfterMs) continue;
      if (this.#inFlight.size >= this.#maxInFlight) break;
      // Across replicas, one takes an orphan: the claim is a lease, given back when the work fails.
      if (!(await this.options.store.claim(`lease:inbox:${entry.id}`, 5 * 60_000))) continue;
      void this.#schedule(entry);
      taken++;
    }
    if (taken > 0) this.options.logger.info('inbox: processing kept deliveries', { count: taken });
    return taken;
  }

  /**
   * Stops taking deliveries and waits up to `timeoutMs` for those in hand.
   * Whatever is not done by then stays in the store for the next start.
   */
  async drain(timeoutMs: number): Promise<{ done: boolean; left: number }> {
    this.#closed = true;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      while (this.#inFlight.size > 0) {
        const settled = await Promise.race([Promise.allSettled([...this.#inFlight.values()]).then(() => true), late]);
        if (!settled) break;
      }
    } finally {
      clearTimeout(timer);
    }
    return { done: this.#inFlight.size === 0, left: this.#inFlight.size };
  }

  #schedule(entry: InboxEntry): Promise<void> {
    let settle!: () => void;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    this.#inFlight.set(entry.id, settled);
    this.#queue.push({ entry, settle });
    // After the caller has acknowledged: the platform's answer is not held up by the first part of the work.
    setImmediate(() => this.#pump());
    return settled;
  }

  #pump(): void {
    while (this.#running < this.#concurrency && this.#queue.length > 0) {
      const next = this.#queue.shift();
      if (!next) return;
      this.#running++;
      const work = this.#process(next.entry);
      void (this.options.track ? this.options.track(work) : work).finally(() => {
        this.#running--;
        this.#inFlight.delete(next.entry.id);
        next.settle();
        this.#pump();
      });
    }
  }

  /**
   * Runs the entry's handler, retrying in this process (a store blip, a
   * Slack 500) before the person is told anything: the handler answers with
   * the error only on its final attempt. The appends it makes are idempotent
   * by the entry's id, so a retry after a partial run changes nothing twice.
   */
  async #process(entry: InboxEntry): Promise<void> {
    const handler = this.#handlers.get(entry.source);
    if (!handler) {
      this.options.logger.error('inbox: no handler for a kept delivery; it stays pending', {
        source: entry.source,
        id: entry.id,
      });
      return;
    }
    const delays = this.options.retryDelaysMs ?? [100, 400, 1_600];
    for (let attempt = 1; ; attempt++) {
      try {
        await handler(entry, { final: attempt >= this.#maxAttempts });
        break;
      } catch (error) {
        if (attempt >= this.#maxAttempts) {
          // Never dropped: it stays pending, and a later sweep (30 s on) runs it again; its appends are idempotent.
          this.options.logger.error(
            'inbox: a delivery failed every attempt; it stays pending and is retried by a later sweep',
            {
              source: entry.source,
              id: entry.id,
              attempts: attempt,
              error: error instanceof Error ? error.stack : String(error),
            },
          );
          await this.options.store.release(`lease:inbox:${entry.id}`).catch(() => undefined);
          return;
        }
        this.options.logger.warn('inbox: a delivery failed; retrying', {
          source: entry.source,
          id: entry.id,
          attempt,
          error: error instanceof Error ? error.message : String(error),
        });
        const delay = delays[Math.min(attempt - 1, delays.length - 1)] ?? 0;
        if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
    await this.#markDone(entry.id);
  }

  async #markDone(id: string): Promise<void> {
    for (let attempt = 0; attempt < PUT_ATTEMPTS; attempt++) {
      try {
        await this.options.store.inboxDone(id);
        return;
      } catch (error) {
        if (attempt === PUT_ATTEMPTS - 1)
          this.options.logger.warn(
            'inbox: could not mark a delivery done; it will be replayed, which changes nothing',
            { id, error: String(error) },
          );
      }
    }
  }
}

/**
 * Errors that say the store could not answer now (a conflict storm, a lost
 * connection): a handler rethrows them even on its final attempt, so the
 * delivery stays pending for a later sweep instead of being answered with an
 * error. Stores mark their own such errors `transient` (the Redis store turns
 * "connection closed" and Redis' try-again replies into one); the Node network
 * codes are the same for every adapter.
 */
export function isTransientError(error: unknown): boolean {
  const { code, transient } = (error ?? {}) as { code?: unknown; transient?: unknown };
  if (transient === true) return true;
  return typeof code === 'string' && TRANSIENT_CODES.has(code);
}

const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'store.conflict',
  'store.unreachable',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
]);
