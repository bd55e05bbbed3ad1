import { randomBytes } from 'node:crypto';

/** Where new ids come from; tests pass a deterministic one. */
export interface IdSource {
  /** An incident id such as `ir-20261129-k7q2x9`: sortable by day, safe as a file name. */
  incidentId(now: Date): string;
  /** An action id such as `act-k7q2x9`: what buttons carry instead of parameters. */
  actionId(): string;
}

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

export function randomSuffix(length: number): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join('');
}

export const INCIDENT_ID = /^ir-\d{8}-[a-z0-9]{4,12}$/;

export const randomIds: IdSource = {
  incidentId(now) {
    const day = now.toISOString().slice(0, 10).replaceAll('-', '');
    return `ir-${day}-${randomSuffix(6)}`;
  },
  actionId() {
    return `act-${randomSuffix(8)}`;
  },
};
