import { describe, expect, it } from 'vitest';
import { isTransientError } from '../../../src/app/inbox.ts';
import { StoreUnavailableError, storeErrorOf } from '../../../adapters/store/redis.errors.ts';

describe('Redis errors as the core sees them', () => {
  it('marks a lost connection and the try-again replies transient, keeping the cause', () => {
    for (const message of ['Connection is closed.', 'LOADING Redis is loading the dataset in memory', 'EXECABORT Transaction discarded', 'ERR EXEC without MULTI', 'Reached the max retries per request limit (which is 20).']) {
      const marked = storeErrorOf(new Error(message));
      expect(marked).toBeInstanceOf(StoreUnavailableError);
      expect((marked as Error).cause).toMatchObject({ message });
      expect(isTransientError(marked)).toBe(true);
    }
  });

  it('leaves every other error as it is: a refusal is not retried forever', () => {
    const refusal = new Error('WRONGTYPE Operation against a key holding the wrong kind of value');
    expect(storeErrorOf(refusal)).toBe(refusal);
    expect(isTransientError(refusal)).toBe(false);
    expect(isTransientError(new Error('Connection is closed.'))).toBe(false);
  });
});
