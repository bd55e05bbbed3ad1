import { createHash, randomBytes } from 'node:crypto';

/**
 * Where new ids come from; tests pass a deterministic one. With a delivery
 * id the same delivery always gets the same id, so a command replayed from
 * the inbox after a crash names the incident or action it made the first time.
 */
export interface IdSource {
  /** An incident id such as `ir-20261129-k7q2x9`: sortable by day, safe as a file name. */
  incidentId(now: Date, deliveryId?: string): string;
  /** An action id such as `act-k7q2x9`: what buttons carry instead of parameters. */
  actionId(deliveryId?: string): string;
}

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

export function randomSuffix(length: number): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join('');
}

/** A suffix derived from `seed`: the same seed, the same suffix. */
export function derivedSuffix(seed: string, length: number): string {
  const digest = createHash('sha256').update(seed).digest();
  return Array.from(digest.subarray(0, length), (byte) => ALPHABET[byte % ALPHABET.length]).join('');
}

export const randomIds: IdSource = {
  incidentId(now, deliveryId) {
    const day = now.toISOString().slice(0, 10).replaceAll('-', '');
    return `ir-${day}-${deliveryId ? derivedSuffix(`incident:${deliveryId}`, 8) : randomSuffix(6)}`;
  },
  actionId(deliveryId) {
    return `act-${deliveryId ? derivedSuffix(`action:${deliveryId}`, 8) : randomSuffix(8)}`;
  },
};
