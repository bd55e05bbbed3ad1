import type { Clock } from '../../src/ports/clock.port.ts';
import type { IncidentStore } from '../../src/ports/store.port.ts';
import type { Secret } from '../config/secret.ts';
import { FileStore } from './file.store.ts';
import { MemoryStore } from './memory.store.ts';
import { RedisStore } from './redis.store.ts';

export { FileStore, type FileStoreOptions } from './file.store.ts';
export { StoreLockedError } from './file-lock.ts';
export { StoreCorruptError } from './file-log.ts';
export { MemoryStore } from './memory.store.ts';
export { RedisStore, type RedisStoreOptions } from './redis.store.ts';
export { RedisUnreachableError } from './redis.connect.ts';

/** Which store to run: `memory` for tests and demos, `file` for the embedded default, `redis` for many replicas. */
export type StoreConfig =
  { kind: 'memory' } | { kind: 'file'; dataDir: string } | { kind: 'redis'; url: Secret | string; keyPrefix?: string };

/** What every store may use from the composition root. */
export interface StoreOptions {
  /** Measures claim TTLs. */
  clock?: Clock;
  /** Hears what an operator should know (a stale lock taken over, a damaged log); pass the logger's `warn`. */
  onWarning?: (message: string) => void;
}

/**
 * Builds the configured incident store. The file store throws
 * `StoreLockedError` when another live process holds its folder; the Redis
 * store throws at once when Redis does not answer, naming the URL without
 * its password.
 */
export async function createStore(config: StoreConfig, options: StoreOptions = {}): Promise<IncidentStore> {
  switch (config.kind) {
    case 'memory':
      return new MemoryStore({ clock: options.clock });
    case 'file':
      return FileStore.open(config.dataDir, options);
    case 'redis':
      return RedisStore.open(config.url, { ...options, keyPrefix: config.keyPrefix });
  }
}
