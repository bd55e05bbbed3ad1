import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventReader } from '../../src/app/evidence.ts';
import type { IncidentEvent } from '../../src/domain/event.types.ts';
import { splitLines } from './file-log.ts';
import { assertIncidentId } from './store-common.ts';

/**
 * Reads incident logs straight from a data folder, without taking its lock:
 * `verify` and `export` work while the bot is running. Never writes.
 */
export class LogReader implements EventReader {
  constructor(private readonly dataDir: string) {}

  async loadRaw(incidentId: string): Promise<string[]> {
    assertIncidentId(incidentId);
    try {
      return splitLines(await readFile(join(this.dataDir, `${incidentId}.jsonl`), 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  async load(incidentId: string): Promise<IncidentEvent[]> {
    return (await this.loadRaw(incidentId)).map((line) => JSON.parse(line) as IncidentEvent);
  }
}
