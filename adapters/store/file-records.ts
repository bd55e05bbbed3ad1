import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { syncDir } from './file-log.ts';
import { KeyedQueue } from './keyed-queue.ts';

/**
 * Small JSON records outside any incident: `<dir>/<sha256 hex of key>.json`
 * holding `{key, value}`, written to a temporary file, fsynced and renamed,
 * so a crash leaves either the old record or the new one, never half of one.
 */
export class FileRecords {
  private readonly queue = new KeyedQueue();

  private constructor(private readonly dir: string) {}

  /** Creates the records folder if needed. */
  static async open(dir: string): Promise<FileRecords> {
    await fs.mkdir(dir, { recursive: true });
    return new FileRecords(dir);
  }

  /** The value stored under `key`, or undefined. */
  get(key: string): Promise<unknown> {
    return this.queue.run(key, async () => {
      try {
        const record = JSON.parse(await fs.readFile(this.fileOf(key), 'utf8')) as { key: string; value: unknown };
        return record.key === key ? record.value : undefined;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    });
  }

  /** Replaces the value under `key` durably; `undefined` deletes it. */
  put(key: string, value: unknown): Promise<void> {
    return this.queue.run(key, async () => {
      const file = this.fileOf(key);
      if (value === undefined) {
        await fs.rm(file, { force: true });
        return;
      }
      const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      const handle = await fs.open(temp, 'w');
      try {
        await handle.writeFile(JSON.stringify({ key, value }));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, file);
      await syncDir(this.dir);
    });
  }

  /** Resolves when no read or write is in flight. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private fileOf(key: string): string {
    return path.join(this.dir, `${createHash('sha256').update(key).digest('hex')}.json`);
  }
}
