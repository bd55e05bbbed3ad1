import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import type { IncidentEvent } from '../../src/domain/event.types.ts';
import { serialiseEvent } from '../../src/domain/hash-chain.ts';
import { systemClock, type Clock } from '../../src/ports/clock.port.ts';
import type { AppendResult, DueAt, InboxEntry, IncidentStore } from '../../src/ports/store.port.ts';
import { FileInbox } from './file-inbox.ts';
import { FileClaims } from './file-claims.ts';
import { FileRecords } from './file-records.ts';
import { acquireFolderLock, type FolderLock } from './file-lock.ts';
import { appendLines, loadLog, loadLogFrom, readLogText, scanLog, splitLines, type ScannedLog } from './file-log.ts';
import { KeyedQueue } from './keyed-queue.ts';
import {
  EMPTY_SUMMARY,
  LocalIndexes,
  STORE_ID,
  assertAppendable,
  assertClaim,
  assertClaimKey,
  assertIncidentId,
  commandIdOf,
  commandSeqs,
  openIds,
  openIdsOldestFirst,
  summarise,
  type LogSummary,
} from './store-common.ts';

/** Options for {@link FileStore.open}. */
export interface FileStoreOptions {
  /** Measures claim TTLs; tests pass a fake clock. */
  clock?: Clock;
  /** Hears what an operator should know: a stale lock taken over, a damaged log. Defaults to `process.emitWarning`. */
  onWarning?: (message: string) => void;
}

/** The index entry of one log: its summary, and why it must be read again before the next append. */
interface IndexEntry {
  summary: LogSummary;
  problem: Error | undefined;
  /** Command id -> seq of its last event (idempotent appends). */
  commands: Map<string, number>;
  /**
   * Where the lines after recent seqs start: [seq, byte offset] for the last appends (and the size read at start-up),
   * so a reader one or a few events behind reads only the tail.
   */
  ends?: Array<[number, number]>;
}

/** How many recent line ends an index entry remembers. */
const KEPT_ENDS = 64;

const LOG_SUFFIX = '.jsonl';
/**
 * The due index as it was at the last clean stop (or the last periodic save): a hint, each entry checked against its
 * log's seq.
 */
const DUE_FILE = '.due.json';
/** How often the due index is saved while running, so that a kill -9 leaves little to read again. */
const DUE_SAVE_MS = 5 * 60_000;

/**
 * The embedded default store (DESIGN.md, "The incident is an event log"):
 * `DATA_DIR/<incidentId>.jsonl`, one canonical-JSON event per line, fsynced
 * before `append` resolves. A `.lock` file keeps a second process out, which
 * is what lets this process trust its in-memory index of last seqs.
 */
export class FileStore implements IncidentStore {
  private readonly queue = new KeyedQueue();
  private closing: Promise<void> | undefined;
  private dueSaver: NodeJS.Timeout | undefined;

  private constructor(
    /** The data folder, as an absolute path. */
    readonly dataDir: string,
    private readonly lock: FolderLock,
    private readonly claims: FileClaims,
    private readonly index: Map<string, IndexEntry>,
    private readonly records: FileRecords,
    private readonly inbox: FileInbox,
    private readonly indexes: LocalIndexes,
  ) {}

  /**
   * Creates `dataDir` if missing, takes its lock (throws `StoreLockedError` if
   * another live process holds it), and indexes the logs in it.
   */
  static async open(dataDir: string, options: FileStoreOptions = {}): Promise<FileStore> {
    const dir = path.resolve(dataDir);
    const warn = options.onWarning ?? ((message: string) => process.emitWarning(message, 'IncidentStoreWarning'));
    await fs.mkdir(dir, { recursive: true });
    const lock = await acquireFolderLock(dir);
    if (lock.staleOwner) {
      const { pid, hostname, startedAt } = lock.staleOwner;
      warn(
        `Took over the lock on DATA_DIR ${dir} left by process ${pid} on host ${hostname} (since ${startedAt}), ` +
          `which is no longer running: ${lock.staleReason ?? 'its owner is gone'}.`,
      );
    }
    try {
      const indexes = new LocalIndexes();
      const index = await buildIndex(dir, warn, indexes);
      indexes.restore(await readDueFile(path.join(dir, DUE_FILE)), (id) => index.get(id)?.summary.lastSeq);
      const claims = await FileClaims.open(path.join(dir, '.claims'), options.clock ?? systemClock, warn);
      const records = await FileRecords.open(path.join(dir, '.records'));
      const clock = options.clock ?? systemClock;
      const inbox = await FileInbox.open(path.join(dir, '.inbox.log'), () => clock.now().getTime());
      const store = new FileStore(dir, lock, claims, index, records, inbox, indexes);
      store.dueSaver = setInterval(
        () => void store.saveDue().catch((error: unknown) => warn(`could not save ${DUE_FILE}: ${String(error)}`)),
        DUE_SAVE_MS,
      );
      store.dueSaver.unref();
      return store;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** Appends and fsyncs if the last seq is `expectedSeq`; appends to one incident run one at a time. */
  async append(
    incidentId: string,
    expectedSeq: number,
    events: readonly IncidentEvent[],
    dueAt?: DueAt,
  ): Promise<AppendResult> {
    this.assertOpen();
    assertIncidentId(incidentId);
    assertAppendable(incidentId, expectedSeq, events);
    const lines = events.map(serialiseEvent);
    return this.queue.run(incidentId, async () => {
      const result = await this.appendNow(incidentId, expectedSeq, events, lines);
      if (result.ok && !result.duplicate) this.indexes.appended(incidentId, result.seq, events, dueAt);
      return result;
    });
  }

  /** Kept in memory: this process is the only writer, and a restart reads each open incident once to learn it again. */
  async setDue(incidentId: string, seq: number, dueAt: number | null): Promise<void> {
    this.assertOpen();
    assertIncidentId(incidentId);
    this.indexes.setDue(incidentId, seq, dueAt);
  }

  async dueIncidents(now: number): Promise<string[]> {
    this.assertOpen();
    return this.indexes.due(openIds([...this.index].map(([id, entry]) => [id, entry.summary])), now);
  }

  /** From the `WarRoomOpened` events read at open and appended since. */
  async incidentOfRoom(platform: string, channelId: string): Promise<string | undefined> {
    this.assertOpen();
    return this.indexes.room(platform, channelId);
  }

  async incidentOfAction(actionId: string): Promise<string | undefined> {
    this.assertOpen();
    return this.indexes.action(actionId);
  }

  /** The events on disk; throws `store.corrupt` naming the file and line of the first bad line. */
  async load(incidentId: string): Promise<IncidentEvent[]> {
    this.assertOpen();
    assertIncidentId(incidentId);
    // Through the queue, so that a read never sees half of an append.
    return this.queue.run(incidentId, () => loadLog(this.fileOf(incidentId)));
  }

  /**
   * The events after `afterSeq`. This process is the only writer (the folder
   * lock), so its index knows the last seq: a caller that is up to date costs
   * no read at all.
   */
  async loadAfter(incidentId: string, afterSeq: number): Promise<IncidentEvent[]> {
    this.assertOpen();
    assertIncidentId(incidentId);
    return this.queue.run(incidentId, async () => {
      const entry = this.index.get(incidentId);
      if (!entry?.problem && (entry?.summary.lastSeq ?? 0) <= afterSeq) return [];
      const offset = entry?.problem ? undefined : entry?.ends?.find(([seq]) => seq === afterSeq)?.[1];
      if (offset !== undefined) {
        const tail = await loadLogFrom(this.fileOf(incidentId), offset, afterSeq + 1);
        if (tail[0]?.seq === afterSeq + 1) return tail;
      }
      return (await loadLog(this.fileOf(incidentId))).slice(Math.max(0, afterSeq));
    });
  }

  /** The lines on disk as they are, a damaged or cut-short one included, for `verify` to judge. */
  async loadRaw(incidentId: string): Promise<string[]> {
    this.assertOpen();
    assertIncidentId(incidentId);
    return this.queue.run(incidentId, async () => splitLines(await readLogText(this.fileOf(incidentId))));
  }

  /** Open incidents from the index, oldest first event first. */
  async listOpen(): Promise<string[]> {
    this.assertOpen();
    return openIdsOldestFirst([...this.index].map(([id, entry]) => [id, entry.summary]));
  }

  /** Takes `key` for `ttlMs`, persisted under `.claims/` so a restart keeps it. */
  async claim(key: string, ttlMs: number): Promise<boolean> {
    this.assertOpen();
    assertClaim(key, ttlMs);
    return this.claims.claim(key, ttlMs);
  }

  /** Deletes the claim on `key`, held or not. */
  async release(key: string): Promise<void> {
    this.assertOpen();
    assertClaimKey(key);
    await this.claims.release(key);
  }

  /** The record under `key` in `.records/`, or undefined. */
  async getRecord(key: string): Promise<unknown> {
    this.assertOpen();
    assertClaimKey(key);
    return this.records.get(key);
  }

  /** Writes the record atomically (temp file, fsync, rename); `undefined` deletes it. */
  async putRecord(key: string, value: unknown): Promise<void> {
    this.assertOpen();
    assertClaimKey(key);
    await this.records.put(key, value);
  }

  /** Appended to `.inbox.log` and fsynced (several at once share one fsync). */
  async inboxPut(entry: InboxEntry, owner: string): Promise<'kept' | 'duplicate'> {
    this.assertOpen();
    assertClaimKey(entry.id);
    return this.inbox.put(entry, owner);
  }

  async inboxDone(id: string): Promise<void> {
    this.assertOpen();
    await this.inbox.done(id);
  }

  async inboxPending(): Promise<InboxEntry[]> {
    this.assertOpen();
    return this.inbox.pending();
  }

  /** Rejects unless the data folder is still a folder this process can read and write. */
  async ping(): Promise<void> {
    this.assertOpen();
    await fs.access(this.dataDir, constants.R_OK | constants.W_OK);
    if (!(await fs.stat(this.dataDir)).isDirectory())
      throw new Error(`store: DATA_DIR ${this.dataDir} is no longer a folder`);
  }

  /** Waits for queued appends and claims, then lets go of the folder lock. Later calls reject. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    clearInterval(this.dueSaver);
    await this.queue.idle();
    // Best effort: without it the next start reads each open incident once to learn its due time again.
    await this.saveDue().catch(() => undefined);
    await this.claims.idle();
    await this.records.idle();
    await this.inbox.close();
    await this.lock.release();
  }

  private async appendNow(
    incidentId: string,
    expectedSeq: number,
    events: readonly IncidentEvent[],
    lines: string[],
  ): Promise<AppendResult> {
    const file = this.fileOf(incidentId);
    let entry = this.index.get(incidentId);
    if (entry?.problem) {
      // The file was damaged or a write failed: read it again, it may have been repaired.
      entry = indexEntry(await scanLog(file));
      this.index.set(incidentId, entry);
      if (entry.problem) throw entry.problem;
    }
    const summary = entry?.summary ?? EMPTY_SUMMARY;
    const commands = entry?.commands ?? new Map<string, number>();
    const commandId = commandIdOf(events);
    const done = commandId === undefined ? undefined : commands.get(commandId);
    if (done !== undefined) return { ok: true, seq: done, duplicate: true };
    if (summary.lastSeq !== expectedSeq) return { ok: false, code: 'store.conflict', actualSeq: summary.lastSeq };
    let written: number;
    try {
      written = await appendLines(this.dataDir, file, lines, entry === undefined);
    } catch (error) {
      // The file may now end in part of a line; the next append reads it again first.
      this.index.set(incidentId, { summary, commands, problem: new Error(`store: the last append to ${file} failed`) });
      throw error;
    }
    const ends = entry === undefined ? [[0, 0] as [number, number]] : (entry.ends ?? []);
    const last = ends.at(-1);
    if (last?.[0] === expectedSeq) ends.push([expectedSeq + events.length, last[1] + written]);
    if (ends.length > KEPT_ENDS) ends.splice(0, ends.length - KEPT_ENDS);
    this.index.set(incidentId, {
      summary: summarise(summary, events),
      commands: commandSeqs(events, commands),
      problem: undefined,
      ends,
    });
    return { ok: true, seq: expectedSeq + events.length };
  }

  /** Writes the due index atomically (temporary file, rename); no fsync: a lost or stale copy only costs a re-read. */
  private async saveDue(): Promise<void> {
    const file = path.join(this.dataDir, DUE_FILE);
    const temp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(temp, JSON.stringify(this.indexes.snapshot()));
    await fs.rename(temp, file);
  }

  private fileOf(incidentId: string): string {
    return path.join(this.dataDir, `${incidentId}${LOG_SUFFIX}`);
  }

  private assertOpen(): void {
    if (this.closing) throw new Error(`store.closed: the file store on ${this.dataDir} was closed`);
  }
}

/**
 * Reads every log once at start-up, several at a time; a damaged one is indexed up to its first bad line and reported.
 */
async function buildIndex(
  dir: string,
  warn: (message: string) => void,
  indexes: LocalIndexes,
): Promise<Map<string, IndexEntry>> {
  const index = new Map<string, IndexEntry>();
  const ids = (await fs.readdir(dir))
    .filter((name) => name.endsWith(LOG_SUFFIX))
    .map((name) => name.slice(0, -LOG_SUFFIX.length))
    .filter((id) => STORE_ID.test(id));
  const scanned = new Map<string, ScannedLog>();
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let at = next++; at < ids.length; at = next++) {
      const id = ids[at] as string;
      scanned.set(id, await scanLog(path.join(dir, `${id}${LOG_SUFFIX}`)));
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  // In folder order, so that warnings and the room index do not depend on which read finished first.
  for (const incidentId of ids) {
    const entry = scanned.get(incidentId);
    if (!entry) continue;
    if (entry.problem) warn(entry.problem.message);
    indexes.appended(incidentId, entry.summary.lastSeq, entry.indexed, undefined);
    if (entry.summary.lastSeq > 0 || entry.problem) index.set(incidentId, indexEntry(entry));
  }
  return index;
}

/** A log read whole, as the index keeps it: its end is where the next reader one event behind starts. */
function indexEntry(scanned: ScannedLog): IndexEntry {
  const { summary, problem, commands, bytes } = scanned;
  return { summary, problem, commands, ...(bytes === undefined ? {} : { ends: [[summary.lastSeq, bytes]] }) };
}

/** The saved due index, or nothing when it is missing or unreadable (then every open incident is read once). */
async function readDueFile(file: string): Promise<Array<[string, { seq: number; dueAt: number | null }]>> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
    if (!Array.isArray(parsed)) return [];
    return (parsed as unknown[]).filter((entry): entry is [string, { seq: number; dueAt: number | null }] => {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string') return false;
      const due = entry[1] as { seq?: unknown; dueAt?: unknown } | undefined;
      return typeof due?.seq === 'number' && (due.dueAt === null || typeof due.dueAt === 'number');
    });
  } catch {
    return [];
  }
}
