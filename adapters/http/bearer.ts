import { createHash, timingSafeEqual } from 'node:crypto';
import type { Secret } from '../config/secret.ts';

/**
 * Compares in constant time: both sides are hashed first, so neither the content nor the length leaks through timing.
 */
export function tokenMatches(presented: string, expected: Secret): boolean {
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected.reveal(), 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** The bearer credential of an `Authorization` header; undefined when absent or another scheme. */
export function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match?.[1];
}
