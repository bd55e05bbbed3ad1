import { z } from 'zod';
import { defineAction, type Observation } from '../define-action.ts';

export const rotateStorageKey = defineAction({
  type: 'storage.rotate-key',
  targetKind: 'storageAccount',
  description: 'Regenerates one storage account access key; anything signed with the old key stops working.',
  risk: 'high',
  minimumRole: 'Storage Account Key Operator Service Role',
  params: {
    keyName: {
      schema: z.enum(['key1', 'key2']),
      required: true,
      description: 'Which key to regenerate: key1 or key2.',
      usage: 'key1|key2',
    },
  },
  resendSafe: false,
  execute: (containment, { target, params }) => containment.storage.rotateKey(target, params.keyName),
  async observe(containment, { target, params, startedAt }) {
    if (!containment.storage.keyCreatedAt) return 'unknown';
    const created = await containment.storage.keyCreatedAt(target, params.keyName).catch(() => undefined);
    return created ? rotationSeen(created.getTime(), Date.parse(startedAt)) : 'unknown';
  },
});

/**
 * How far Azure's clock and the bot's may disagree when a key's creation time is compared with the start of its
 * rotation.
 */
const CLOCK_SKEW_MS = 5_000;
/** A key created this long before the attempt started was certainly not created by it. */
const CERTAINLY_OLDER_MS = 5 * 60_000;

/**
 * A key created at or after the attempt started (give or take the skew) was
 * rotated by it; one created well before was not; in between, nobody can tell.
 */
export function rotationSeen(createdAt: number, startedAt: number): Observation {
  if (createdAt >= startedAt - CLOCK_SKEW_MS) return 'applied';
  return createdAt < startedAt - CERTAINLY_OLDER_MS ? 'not-applied' : 'unknown';
}
