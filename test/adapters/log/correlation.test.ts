import { describe, expect, it } from 'vitest';
import { correlationId } from '../../../adapters/log/correlation.ts';

describe('correlation ids', () => {
  it('have one format at every boundary, and two are never the same', () => {
    const ids = Array.from({ length: 200 }, correlationId);
    for (const id of ids) expect(id).toMatch(/^err-[a-z0-9]+-[0-9a-f]{6}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
