import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { InboxEntry } from '../../src/ports/store.port.ts';
import { openDurableAppend, syncDir, type DurableAppender } from './file-log.ts';
import { INBOX_SEEN_MS } from './store-common.ts';

/** The journal is rewritten with only what it must keep once it holds this many lines. */
const COMPACT_AFTER_LINES = 20_000;

type JournalLine =
  { put: InboxEntry; owner: string } | { done: string; at: string } | { seen: string; owner: string; at: string };

/** Journal lines written together; written durably if any of them must be on the disk before it resolves. */
interface Batch {
  lines: string[];
  sync: boolean;
  done: Promise<void>;
}

/**
 * The durable inbox of the file store: one journal, `.inbox.log`, of
 * `put` and `done` lines; a `put` is on the disk before it resolves, a
 * `done` is only written (losing it to a power cut replays the delivery,
 * which records nothing twice). Puts
 * that arrive while a write is in flight are written together with one
 * fsync (group commit), so a flood of commands costs one fsync per batch,
 * not per command. At open, and when it grows long, the journal is
 * rewritten (temp file, fsync, rename) with the pending entries and the
 * ids seen within the last hour.
 */
export class FileInbox {
  /** Pending entries by id, in arrival order. */
  readonly #pending = new Map<string, InboxEntry>();
  /** Every id seen within {@link INBOX_SEEN_MS}: id -> [owner, seen at ms]. */
  readonly #seen = new Map<string, { owner: string; at: number }>();
  #lines = 0;
  #batch: Batch | undefined;
  #writing: Promise<void> = Promise.resolve();
  /** The journal, kept open between writes, for lines that need not wait for the disk (`done`). */
  #handle: fs.FileHandle | undefined;
  /**
   * The same journal opened for writes that are on the disk when they return (`put` lines): an acknowledgement waits
   * for that one write, not an open, an fsync and a close too.
   */
  #durable: DurableAppender | undefined;

  private constructor(
    private readonly file: string,
    private readonly now: () => number,
  ) {}

  static async open(file: string, now: () => number): Promise<FileInbox> {
    const inbox = new FileInbox(file, now);
    await inbox.#replay();
    await inbox.#compact();
    return inbox;
  }

  /** Kept durably before it resolves; `duplicate` for an id another owner kept within the hour. */
  async put(entry: InboxEntry, owner: string): Promise<'kept' | 'duplicate'> {
    const seen = this.#seen.get(entry.id);
    if (seen) {
      if (seen.owner !== owner) return 'duplicate';
      // This owner's own entry again: kept already, or being kept by the write in flight.
      await this.#writing;
      return 'kept';
    }
    this.#seen.set(entry.id, { owner, at: this.now() });
    this.#pending.set(entry.id, entry);
    try {
      await this.#write({ put: entry, owner });
    } catch (error) {
      // Not kept: the delivery may be tried again.
      this.#seen.delete(entry.id);
      this.#pending.delete(entry.id);
      throw error;
    }
    return 'kept';
  }

  async done(id: string): Promise<void> {
    if (!this.#pending.delete(id)) return;
    await this.#write({ done: id, at: new Date(this.now()).toISOString() }, { sync: false });
    if (this.#lines > COMPACT_AFTER_LINES) await this.#compact();
  }

  pending(): InboxEntry[] {
    return [...this.#pending.values()];
  }

  /** Resolves when every write has reached the disk. */
  async idle(): Promise<void> {
    while (this.#batch) await this.#batch.done;
    await this.#writing;
  }

  /** Lets go of the journal once every write has reached the disk. */
  async close(): Promise<void> {
    await this.idle();
    await this.#handle?.close();
    await this.#durable?.close();
    this.#handle = this.#durable = undefined;
  }

  /**
   * Adds a line to the next batch; resolves once that batch is written, and on the disk if any line of it must be
   * (`sync`, the default: a `put`). A `done` line need not be: if a power cut loses it, the delivery is processed
   * again, which records nothing twice (its appends carry its id).
   */
  #write(line: JournalLine, { sync = true }: { sync?: boolean } = {}): Promise<void> {
    if (!this.#batch) {
      const batch: Batch = { lines: [], sync: false, done: Promise.resolve() };
      batch.done = this.#writing.then(async () => {
        // Later lines join this batch until it starts writing.
        this.#batch = undefined;
        const handle = batch.sync
          ? (this.#durable ??= await openDurableAppend(this.file))
          : (this.#handle ??= await fs.open(this.file, 'a'));
        await handle.write(batch.lines.map((text) => `${text}\n`).join(''));
        this.#lines += batch.lines.length;
      });
      this.#writing = batch.done.catch(() => undefined);
      this.#batch = batch;
    }
    this.#batch.lines.push(JSON.stringify(line));
    this.#batch.sync ||= sync;
    return this.#batch.done;
  }

  async #replay(): Promise<void> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const raw of text.split('\n')) {
      // A torn last line was never acknowledged: its put resolved only after the whole line was fsynced.
      let line: JournalLine;
      try {
        line = JSON.parse(raw) as JournalLine;
      } catch {
        continue;
      }
      if ('put' in line) {
        this.#pending.set(line.put.id, line.put);
        this.#seen.set(line.put.id, { owner: line.owner, at: Date.parse(line.put.receivedAt) || this.now() });
      } else if ('seen' in line) {
        this.#seen.set(line.seen, { owner: line.owner, at: Date.parse(line.at) || this.now() });
      } else if ('done' in line) {
        this.#pending.delete(line.done);
        const seen = this.#seen.get(line.done);
        if (seen) seen.at = Date.parse(line.at) || seen.at;
      }
    }
  }

  /** Rewrites the journal, in turn with the writes: no batch is appended to the old file while it is replaced. */
  #compact(): Promise<void> {
    const done = this.#writing.then(() => this.#rewrite());
    this.#writing = done.catch(() => undefined);
    return done;
  }

  /** Rewrites the journal with the pending entries and the ids seen within the hour; forgets older ids. */
  async #rewrite(): Promise<void> {
    const horizon = this.now() - INBOX_SEEN_MS;
    const lines: string[] = [];
    for (const [id, seen] of this.#seen) {
      const entry = this.#pending.get(id);
      if (entry) lines.push(JSON.stringify({ put: entry, owner: seen.owner }));
      else if (seen.at < horizon) this.#seen.delete(id);
      else lines.push(JSON.stringify({ seen: id, owner: seen.owner, at: new Date(seen.at).toISOString() }));
    }
    const temp = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await fs.open(temp, 'w');
    try {
      await handle.writeFile(lines.map((line) => `${line}\n`).join(''));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, this.file);
    await syncDir(path.dirname(this.file));
    // The open handle still points at the replaced file: the next write opens the new one.
    await this.#handle?.close();
    await this.#durable?.close();
    this.#handle = this.#durable = undefined;
    this.#lines = lines.length;
  }
}
