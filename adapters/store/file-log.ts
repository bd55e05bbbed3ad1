import { constants as fsConstants, promises as fs } from 'node:fs';
import type { IncidentEvent } from '../../src/domain/event.types.ts';
import { EMPTY_SUMMARY, INDEXED_EVENTS, commandSeqs, summarise, type LogSummary } from './store-common.ts';

/**
 * One incident's JSON-lines file: reading, parsing and durable appends. The
 * file store adds the folder, the index and the queue around these.
 */

/** A line of a log file that is not an event: names the file and the line (1-based). */
export class StoreCorruptError extends Error {
  /** Stable error code (STYLE.md, habit 7). */
  readonly code = 'store.corrupt';
  override readonly name = 'StoreCorruptError';

  /** `file` and `line` say where; `reason` what is wrong with the line; `fix` what to do. */
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
    fix = 'Restore the file from a backup, or repair that line, before this incident can be used again.',
  ) {
    super(`store.corrupt: ${file} line ${line} ${reason}. The lines before it are intact. ${fix}`);
  }
}

/** What parsing a log file found: the events up to the first bad line, and that line if any. */
export interface ParsedLog {
  events: IncidentEvent[];
  problem: StoreCorruptError | undefined;
}

/** The file's text, or '' when it does not exist. */
export async function readLogText(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

/** The stored lines as they are; a torn last line (no "\n") is kept, so `verify` can name it. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * Parses every line; stops at the first line that is not an event, or a last line cut short. `firstLine` is the
 * number of the text's first line in the file (a tail read from an offset).
 */
export function parseLog(file: string, text: string, firstLine = 1): ParsedLog {
  const events: IncidentEvent[] = [];
  if (text === '') return { events, problem: undefined };
  const lines = text.split('\n');
  const tail = lines.pop() ?? '';
  for (const [index, line] of lines.entries()) {
    const event = parseEvent(line);
    if (typeof event === 'string') return { events, problem: new StoreCorruptError(file, index + firstLine, event) };
    events.push(event);
  }
  if (tail !== '') {
    const reason = 'has no line break at its end: a write was cut short (a crash or a full disk)';
    const fix = 'That event was never acknowledged: delete the partial last line to use this incident again.';
    return { events, problem: new StoreCorruptError(file, lines.length + firstLine, reason, fix) };
  }
  return { events, problem: undefined };
}

/** Reads and parses a log file; throws {@link StoreCorruptError} at the first bad line. */
export async function loadLog(file: string): Promise<IncidentEvent[]> {
  const parsed = parseLog(file, await readLogText(file));
  if (parsed.problem) throw parsed.problem;
  return parsed.events;
}

/**
 * Reads the events after byte `offset` of a log file (the end of a line this process wrote or read); `firstLine` is
 * the number of the line that starts there. Throws {@link StoreCorruptError} at the first bad line.
 */
export async function loadLogFrom(file: string, offset: number, firstLine: number): Promise<IncidentEvent[]> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = Buffer.alloc(Math.max(0, size - offset));
    let read = 0;
    while (read < bytes.length) {
      const { bytesRead } = await handle.read(bytes, read, bytes.length - read, offset + read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    const parsed = parseLog(file, bytes.subarray(0, read).toString('utf8'), firstLine);
    if (parsed.problem) throw parsed.problem;
    return parsed.events;
  } finally {
    await handle.close();
  }
}

/** What the index keeps for a file: its summary, and why it cannot be appended to, if so. */
export interface ScannedLog {
  /** The file's size in bytes when it was read whole and intact (the end of its last event's line). */
  bytes: number | undefined;
  summary: LogSummary;
  problem: StoreCorruptError | undefined;
  /** Command id -> seq of its last event. */
  commands: Map<string, number>;
  /** The events the store's indexes are built from (war rooms, containment requests). */
  indexed: IncidentEvent[];
}

/** Summarises a log file for the index; a damaged file is summarised up to its first bad line. */
export async function scanLog(file: string): Promise<ScannedLog> {
  const text = await readLogText(file);
  const parsed = parseLog(file, text);
  const indexed = parsed.events.filter((event) => INDEXED_EVENTS.has(event.type));
  return {
    bytes: parsed.problem ? undefined : Buffer.byteLength(text, 'utf8'),
    summary: summarise(EMPTY_SUMMARY, parsed.events),
    problem: parsed.problem,
    commands: commandSeqs(parsed.events),
    indexed,
  };
}

/** Whether this system can open a file so that each write returns once it is on the disk (not Windows). */
const HAS_DSYNC = typeof fsConstants.O_DSYNC === 'number';

/**
 * Opens a file for appends, creating it if needed, so that each write returns once its data (and the size that
 * reaches it) is on the disk: one call where a write and an fsync would be two. Where there is no O_DSYNC, the
 * handle is fsynced after the write instead.
 */
export async function openDurableAppend(file: string): Promise<DurableAppender> {
  const handle = await fs.open(
    file,
    HAS_DSYNC ? fsConstants.O_WRONLY | fsConstants.O_APPEND | fsConstants.O_CREAT | fsConstants.O_DSYNC : 'a',
  );
  return {
    async write(data: Buffer | string): Promise<void> {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let written = 0;
      while (written < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, written, bytes.length - written);
        written += bytesWritten;
      }
      if (!HAS_DSYNC) await handle.sync();
    },
    close: () => handle.close(),
  };
}

export interface DurableAppender {
  /** Appends `data`; resolves once it is on the disk. */
  write(data: Buffer | string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Appends `lines` (each without "\n") and resolves with the bytes written once they are on the disk (O_DSYNC):
 * an acknowledged event survives a crash or power cut. A new file also fsyncs
 * the folder, so that the file's name survives too.
 */
export async function appendLines(
  dir: string,
  file: string,
  lines: readonly string[],
  isNewFile: boolean,
): Promise<number> {
  const data = Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8');
  const handle = await openDurableAppend(file);
  try {
    await handle.write(data);
  } finally {
    await handle.close();
  }
  if (isNewFile) await syncDir(dir);
  return data.length;
}

/** Fsyncs a folder so that files created or renamed in it survive a crash. */
export async function syncDir(dir: string): Promise<void> {
  // Windows cannot open a folder for fsync; NTFS journals names itself.
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The event a line holds, or why it holds none. */
function parseEvent(line: string): IncidentEvent | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return line === '' ? 'is empty' : 'is not valid JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not an event object';
  const event = value as Partial<IncidentEvent>;
  if (!Number.isSafeInteger(event.seq) || typeof event.type !== 'string' || typeof event.at !== 'string') {
    return 'is not an event (it lacks a seq, type or at)';
  }
  return value as IncidentEvent;
}
