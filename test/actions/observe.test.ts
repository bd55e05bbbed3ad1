import { describe, expect, it } from 'vitest';
import { rotationSeen } from '../../src/actions/catalog/storage.rotate-key.ts';

describe('reading back a key rotation', () => {
  const started = Date.parse('2026-12-07T10:00:00Z');
  it('takes a key created at or after the attempt (within 5 s of skew) as rotated by it', () => {
    expect(rotationSeen(started + 800, started)).toBe('applied');
    expect(rotationSeen(started - 4_000, started)).toBe('applied');
  });
  it('takes a key created well before the attempt as not rotated, and cannot tell in between', () => {
    expect(rotationSeen(started - 6 * 60_000, started)).toBe('not-applied');
    expect(rotationSeen(started - 60_000, started)).toBe('unknown');
  });
});
