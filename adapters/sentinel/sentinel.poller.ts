import type { Incident } from '@azure/arm-securityinsight';
import { z } from 'zod';
import { SEVERITIES, type Severity } from '../../src/domain/incident.types.ts';
import type { Clock } from '../../src/ports/clock.port.ts';
import type { Logger } from '../../src/ports/logger.port.ts';
import type { SentinelIntake } from '../../src/ports/siem.port.ts';
import type { IncidentStore } from '../../src/ports/store.port.ts';
import { toSentinelError, type SentinelClients } from './sentinel.clients.ts';
import type { SentinelWorkspace } from './sentinel.config.ts';
import { mapSdkEntities } from './sentinel.entities.ts';
import { mapSdkIncident } from './sentinel.mapper.ts';

/** Where the poller keeps how far it got. */
export const CHECKPOINT_KEY = 'sentinel:poll:checkpoint';
/** Held for one tick, so that of several replicas one polls at a time. */
export const LEASE_KEY = 'sentinel:poll:lease';

/**
 * How far the poller got: every incident created before `since` was handed
 * over, and of those created exactly at `since`, the ones in `names`.
 * Kept for one workspace; another workspace starts afresh.
 */
const checkpointSchema = z.object({ workspace: z.string(), since: z.iso.datetime(), names: z.array(z.string()) });
type Checkpoint = z.infer<typeof checkpointSchema>;

export interface SentinelPollerDeps {
  clients: SentinelClients;
  workspace: Readonly<SentinelWorkspace>;
  minSeverity: Severity;
  intake: SentinelIntake;
  store: IncidentStore;
  logger: Logger;
  clock: Clock;
  intervalMs: number;
}

/**
 * The optional poller: each `tick()` lists the incidents created since the
 * checkpoint at or above the minimum severity, oldest first, fetches each
 * one's entities and hands it to the intake as `<name>:created`. The
 * checkpoint advances after each hand-over, so a restart neither misses nor
 * repeats one. The composition root calls `tick()` on an interval.
 */
export class SentinelPoller {
  readonly intervalMs: number;
  #running: Promise<void> | undefined;

  constructor(private readonly deps: SentinelPollerDeps) {
    this.intervalMs = deps.intervalMs;
  }

  /**
   * One poll; a tick that overlaps a running one joins it. Never rejects: failures are logged, and the next tick
   * resumes at the checkpoint.
   */
  tick(): Promise<void> {
    this.#running ??= this.#leased()
      .catch((error: unknown) =>
        this.deps.logger.error('sentinel poll could not use the store; the next tick tries again', {
          error: error instanceof Error ? error.message : String(error),
        }),
      )
      .finally(() => {
        this.#running = undefined;
      });
    return this.#running;
  }

  async #leased(): Promise<void> {
    const { store, logger } = this.deps;
    if (!(await store.claim(LEASE_KEY, this.intervalMs)))
      return logger.debug('sentinel poll skipped: another replica is polling');
    try {
      await this.#poll();
    } catch (error) {
      const failure = toSentinelError(error, 'list incidents and their entities', { ...this.deps.workspace, name: '' });
      logger.error('sentinel poll failed; the next tick resumes at the checkpoint', {
        error: failure instanceof Error ? failure.message : String(failure),
        hint: (failure as { hint?: string }).hint,
      });
    } finally {
      await store.release(LEASE_KEY);
    }
  }

  async #poll(): Promise<void> {
    let checkpoint = await this.#load();
    for (const incident of await this.#listSince(checkpoint)) {
      const created = incident.createdTimeUtc?.toISOString();
      const name = incident.name ?? '';
      if (!created || (created === checkpoint.since && checkpoint.names.includes(name))) continue;
      await this.#handOver(incident, name);
      checkpoint =
        created === checkpoint.since
          ? { ...checkpoint, names: [...checkpoint.names, name] }
          : { ...checkpoint, since: created, names: [name] };
      await this.deps.store.putRecord(CHECKPOINT_KEY, checkpoint);
    }
  }

  /** Maps one incident, adds its entities and hands it to the intake; a malformed one is logged and passed over. */
  async #handOver(incident: Incident, name: string): Promise<void> {
    const { intake, logger } = this.deps;
    const mapped = mapSdkIncident(incident);
    if (!mapped.ok)
      return logger.warn('sentinel incident skipped: Sentinel returned it malformed', {
        incident: name,
        field: mapped.error.field,
        problem: mapped.error.message,
      });
    // The filter already asked for these severities; this guards against a server that ignored it.
    if (!this.#wanted(mapped.value.severity)) return;
    const full = { ...mapped.value, entities: mapSdkEntities(await this.#entities(name)) };
    const result = await intake.ingest(full, `${name}:created`);
    logger.info('sentinel incident polled', {
      incident: name,
      number: full.number,
      severity: full.severity,
      outcome: result.outcome,
    });
  }

  /**
   * Incidents created at or after the checkpoint, oldest first. `ge`, not
   * `gt`: two incidents can share a creation time, and one of them may not
   * have been handed over yet; those that were are skipped by name.
   */
  async #listSince(checkpoint: Checkpoint): Promise<Incident[]> {
    const { resourceGroup, workspaceName } = this.deps.workspace;
    const severities = SEVERITIES.filter((severity) => this.#wanted(severity)).map(
      (severity) => `properties/severity eq '${severity}'`,
    );
    const filter = `properties/createdTimeUtc ge ${checkpoint.since} and (${severities.join(' or ')})`;
    const client = this.deps.clients.forSubscription(this.deps.workspace.subscriptionId);
    const incidents: Incident[] = [];
    for await (const incident of client.incidents.list(resourceGroup, workspaceName, {
      filter,
      orderby: 'properties/createdTimeUtc asc',
    }))
      incidents.push(incident);
    // Sorted again here: the checkpoint is only sound if hand-over is in creation order, whatever the server did.
    return incidents.sort((a, b) => (a.createdTimeUtc?.getTime() ?? 0) - (b.createdTimeUtc?.getTime() ?? 0));
  }

  async #entities(name: string): Promise<unknown[]> {
    const { resourceGroup, workspaceName, subscriptionId } = this.deps.workspace;
    const response = await this.deps.clients
      .forSubscription(subscriptionId)
      .incidents.listEntities(resourceGroup, workspaceName, name);
    return response.entities ?? [];
  }

  #wanted(severity: Severity): boolean {
    return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(this.deps.minSeverity);
  }

  /** The stored checkpoint; on the first run (or for another workspace), one poll interval before now. */
  async #load(): Promise<Checkpoint> {
    const workspace =
      `${this.deps.workspace.subscriptionId}/${this.deps.workspace.resourceGroup}/` +
      `${this.deps.workspace.workspaceName}`.toLowerCase();
    const stored = checkpointSchema.safeParse(await this.deps.store.getRecord(CHECKPOINT_KEY));
    if (stored.success && stored.data.workspace === workspace) return stored.data;
    if (stored.success)
      this.deps.logger.warn('sentinel poll checkpoint belongs to another workspace; starting afresh', {
        previous: stored.data.workspace,
      });
    const since = new Date(this.deps.clock.now().getTime() - this.intervalMs).toISOString();
    return { workspace, since, names: [] };
  }
}
