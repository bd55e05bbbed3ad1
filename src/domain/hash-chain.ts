import { createHash } from 'node:crypto';
import type { Actor } from './actor.ts';
import { canonicalJson } from './canonical-json.ts';
import type { IncidentEvent, NewEvent } from './event.types.ts';

/** The `prevHash` of an incident's first event. */
export const GENESIS_HASH = '0'.repeat(64);

type Unhashed = Omit<IncidentEvent, 'hash' | 'prevHash'>;

/** sha256(prevHash + canonical JSON of the event without `hash` and `prevHash`), hex. */
export function hashEvent(prevHash: string, event: Unhashed): string {
  const { incidentId, seq, type, at, actor, data, commandId } = event;
  // The command id is covered by the hash when present; logs written before it existed hash as they always did.
  return createHash('sha256')
    .update(prevHash)
    .update(
      canonicalJson({ incidentId, seq, type, at, actor, data, ...(commandId === undefined ? {} : { commandId }) }),
    )
    .digest('hex');
}

/** Stamps new events onto the head of a log: seq, time, actor, and the chain. */
export function chainEvents(
  head: { incidentId: string; seq: number; hash: string },
  events: readonly NewEvent[],
  actor: Actor,
  at: Date,
  commandId?: string,
): IncidentEvent[] {
  let prevHash = head.hash;
  return events.map((event, index) => {
    const unhashed: Unhashed = {
      incidentId: head.incidentId,
      seq: head.seq + index + 1,
      type: event.type,
      at: at.toISOString(),
      actor,
      data: event.data,
      ...(commandId === undefined ? {} : { commandId }),
    };
    const hash = hashEvent(prevHash, unhashed);
    const stamped = { ...unhashed, prevHash, hash } as IncidentEvent;
    prevHash = hash;
    return stamped;
  });
}

/** The serialised form of one event: one line of the log. */
export function serialiseEvent(event: IncidentEvent): string {
  return canonicalJson(event);
}

export type ChainVerdict =
  | { intact: true; count: number; headHash: string }
  | { intact: false; count: number; brokenSeq: number; reason: string };

/**
 * Recomputes the chain from the stored lines. Each line must parse, be exactly
 * the canonical form of what it holds (so that no byte can change unnoticed),
 * carry the next seq, link to the previous hash and hash to what it claims.
 * Names the first broken seq: line N holds seq N.
 */
export function verifyLines(incidentId: string, lines: readonly string[]): ChainVerdict {
  let prevHash = GENESIS_HASH;
  for (let index = 0; index < lines.length; index++) {
    const seq = index + 1;
    const broken = (reason: string): ChainVerdict => ({ intact: false, count: lines.length, brokenSeq: seq, reason });
    const line = lines[index] ?? '';
    let event: IncidentEvent;
    try {
      event = JSON.parse(line) as IncidentEvent;
    } catch {
      return broken('the line is not valid JSON');
    }
    if (typeof event !== 'object' || event === null || Array.isArray(event))
      return broken('the line is not an event object');
    let canonical: string;
    try {
      canonical = canonicalJson(event);
    } catch {
      return broken('the event holds a value that JSON cannot represent');
    }
    if (canonical !== line) return broken('the line differs from the canonical form of the event it holds');
    if (event.seq !== seq) return broken(`the event claims seq ${String(event.seq)}`);
    if (event.incidentId !== incidentId) return broken(`the event belongs to incident ${String(event.incidentId)}`);
    if (event.prevHash !== prevHash) return broken('prevHash does not match the hash of the previous event');
    if (hashEvent(prevHash, event) !== event.hash) return broken('the hash does not match the event content');
    prevHash = event.hash;
  }
  return { intact: true, count: lines.length, headHash: prevHash };
}
