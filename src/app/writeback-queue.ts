import type { IncidentEvent } from '../domain/event.types.ts';
import type { IncidentState } from '../incident/incident.state.ts';
import type { Classification } from '../domain/incident.types.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { SentinelLocator, SiemPort } from '../ports/siem.port.ts';
import type { IncidentStore } from '../ports/store.port.ts';
import { own } from '../domain/own.ts';

/** One write-back to Sentinel, serialisable so a failed one can wait in the store for the next tick. */
export type WriteBackJob =
  | { kind: 'comment'; incident: SentinelLocator; message: string }
  | { kind: 'owner'; incident: SentinelLocator; owner: { email?: string; objectId?: string; name: string } }
  | { kind: 'close'; incident: SentinelLocator; classification: Classification; comment: string };

const PENDING = 'sentinel:writeback:pending';
const ATTEMPTS = 3;

/** The Sentinel locator of an incident that came from Sentinel, if it did. */
export function locatorOf(state: IncidentState): SentinelLocator | undefined {
  const ref = state.sentinel;
  return ref?.id && ref.name && ref.number ? { armId: ref.id, name: ref.name, number: ref.number } : undefined;
}

/** The owner Sentinel should show for a principal: Teams ids are Entra object ids; emails are emails. */
function ownerOf(principal: string): { email?: string; objectId?: string; name: string } {
  if (principal.startsWith('teams:')) return { objectId: principal.slice('teams:'.length), name: principal };
  if (principal.includes('@') && !principal.includes(':')) return { email: principal, name: principal };
  return { name: principal };
}

/** The write-backs an appended event calls for (DESIGN.md, "Sentinel": write-back). */
export function writeBackJobs(state: IncidentState, event: IncidentEvent): WriteBackJob[] {
  const incident = locatorOf(state);
  if (!incident) return [];
  switch (event.type) {
    case 'WarRoomOpened': {
      const room = event.data;
      return [
        {
          kind: 'comment',
          incident,
          message:
            `Incident Commander opened the war room for ${state.id} on ${room.platform}: ` +
            `${room.name ?? room.channelId}${room.url ? ` ${room.url}` : ''}`,
        },
      ];
    }
    case 'RoleAssigned': {
      const { role, principal } = event.data;
      return role === 'commander' ? [{ kind: 'owner', incident, owner: ownerOf(principal) }] : [];
    }
    case 'IncidentClosed': {
      const { classification, comment } = event.data;
      return [
        {
          kind: 'close',
          incident,
          classification,
          comment: `Closed in Incident Commander (${state.id}) by ${event.actor.name}${comment ? `: ${comment}` : ''}`,
        },
      ];
    }
    case 'ActionExecuted': {
      const { actionId, detail, simulated } = event.data;
      const action = own(state.actions, actionId);
      return action
        ? [
            {
              kind: 'comment',
              incident,
              message:
                `${simulated ? '[simulated] ' : ''}Containment ${action.type} on ${action.target} executed ` +
                `(${actionId}, requested by ${action.requestedBy}, approved by ${action.approvedBy ?? 'unknown'}): ` +
                `${detail}`,
            },
          ]
        : [];
    }
    default:
      return [];
  }
}

/**
 * Sends write-backs to Sentinel. A failure never blocks the war room: the job
 * is tried a few times, then kept in the store and retried on the next tick,
 * and the caller reports it.
 */
export class WriteBackQueue {
  constructor(
    private readonly siem: SiemPort,
    private readonly store: IncidentStore,
    private readonly logger: Logger,
  ) {}

  /** Runs the job; false when it failed and was queued for a retry. */
  async run(job: WriteBackJob): Promise<boolean> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        await this.#send(job);
        return true;
      } catch (error) {
        this.logger.warn('Sentinel write-back failed', {
          kind: job.kind,
          incident: job.incident.number,
          attempt,
          error: String(error),
        });
      }
    }
    const pending = ((await this.store.getRecord(PENDING)) as WriteBackJob[] | undefined) ?? [];
    await this.store.putRecord(PENDING, [...pending, job]);
    return false;
  }

  /** Retries the queued jobs once each; keeps the ones that fail again. Returns how many went through. */
  async retryPending(): Promise<number> {
    const pending = ((await this.store.getRecord(PENDING)) as WriteBackJob[] | undefined) ?? [];
    if (pending.length === 0) return 0;
    const failed: WriteBackJob[] = [];
    for (const job of pending) {
      await this.#send(job).catch(() => failed.push(job));
    }
    await this.store.putRecord(PENDING, failed.length ? failed : undefined);
    return pending.length - failed.length;
  }

  #send(job: WriteBackJob): Promise<void> {
    switch (job.kind) {
      case 'comment':
        return this.siem.comment(job.incident, job.message);
      case 'owner':
        return this.siem.assignOwner(job.incident, job.owner);
      case 'close':
        return this.siem.close(job.incident, job.classification, job.comment);
    }
  }
}
