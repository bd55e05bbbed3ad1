import { randomUUID } from 'node:crypto';
import type { Incident, IncidentClassificationReason, IncidentOwnerInfo } from '@azure/arm-securityinsight';
import type { Classification } from '../../src/domain/incident.types.ts';
import type { Logger } from '../../src/ports/logger.port.ts';
import type { SentinelLocator, SiemPort } from '../../src/ports/siem.port.ts';
import {
  addressOf,
  isEtagMismatch,
  toSentinelError,
  type IncidentAddress,
  type SentinelClients,
} from './sentinel.clients.ts';
import type { SentinelWorkspace } from './sentinel.config.ts';
import { mapSdkEntities, type EntityTarget } from './sentinel.entities.ts';

/** Why: Sentinel keeps at most 30,000 characters per incident comment; a longer one is refused whole. */
export const MAX_COMMENT_LENGTH = 30_000;

/** The classification reason Sentinel records with each classification (Undetermined has none). */
export const CLASSIFICATION_REASONS: Readonly<Record<Classification, IncidentClassificationReason | undefined>> = {
  TruePositive: 'SuspiciousActivity',
  BenignPositive: 'SuspiciousButExpected',
  FalsePositive: 'IncorrectAlertLogic',
  Undetermined: undefined,
};

export interface SentinelSiemDeps {
  clients: SentinelClients;
  /** Used when a locator's ARM id does not name the workspace. */
  workspace: Readonly<SentinelWorkspace>;
  logger: Logger;
  /** Comment ids (the caller picks them); tests pass a fixed sequence. */
  newId?: () => string;
}

/**
 * Write-back to Sentinel through `@azure/arm-securityinsight` with the bot's
 * own identity (Microsoft Sentinel Responder on the workspace). Transient
 * failures are retried by the SDK; a stale etag is retried once after a
 * fresh read; everything else is thrown as a `SentinelError`.
 */
export class SentinelSiem implements SiemPort {
  readonly #newId: () => string;

  constructor(private readonly deps: SentinelSiemDeps) {
    this.#newId = deps.newId ?? randomUUID;
  }

  /**
   * Adds a comment (a new comment id each time: comments are never overwritten). Sentinel renders comments as HTML,
   * and the message carries user text (titles, names, reasons): it is escaped here, at the last step.
   */
  async comment(incident: SentinelLocator, message: string): Promise<void> {
    const at = addressOf(incident, this.deps.workspace);
    const escaped = escapeHtml(message);
    const text = escaped.length > MAX_COMMENT_LENGTH ? `${cutEscaped(escaped, MAX_COMMENT_LENGTH - 1)}…` : escaped;
    await this.#call('add a comment', at, (client) =>
      client.incidentComments.createOrUpdate(at.resourceGroup, at.workspaceName, at.name, this.#newId(), {
        message: text,
      }),
    );
  }

  /** Sets the owner and the status Active. */
  async assignOwner(
    incident: SentinelLocator,
    owner: { email?: string; objectId?: string; name: string },
  ): Promise<void> {
    const at = addressOf(incident, this.deps.workspace);
    const info = ownerInfo(owner);
    await this.#update('assign the owner', at, (current) => ({
      ...current,
      ...(info ? { owner: info } : {}),
      status: 'Active',
    }));
  }

  /** Closes with the classification, its reason and the comment. */
  async close(incident: SentinelLocator, classification: Classification, comment: string): Promise<void> {
    const at = addressOf(incident, this.deps.workspace);
    const reason = CLASSIFICATION_REASONS[classification];
    await this.#update('close the incident', at, ({ classificationReason: _previous, ...current }) => ({
      ...current,
      status: 'Closed',
      classification,
      ...(reason ? { classificationReason: reason } : {}),
      classificationComment: comment,
    }));
  }

  /** The incident's entities as action targets. */
  async entities(incident: SentinelLocator): Promise<EntityTarget[]> {
    const at = addressOf(incident, this.deps.workspace);
    const response = await this.#call('list the entities', at, (client) =>
      client.incidents.listEntities(at.resourceGroup, at.workspaceName, at.name),
    );
    return mapSdkEntities(response.entities ?? []);
  }

  /** Read, change, write with the read's etag; on a stale etag read again and write once more. */
  async #update(doing: string, at: IncidentAddress, change: (current: Incident) => Incident): Promise<void> {
    const write = async () => {
      const current = await this.#call(`read the incident to ${doing}`, at, (client) =>
        client.incidents.get(at.resourceGroup, at.workspaceName, at.name),
      );
      const client = this.deps.clients.forSubscription(at.subscriptionId);
      await client.incidents.createOrUpdate(at.resourceGroup, at.workspaceName, at.name, change(current));
    };
    try {
      await write();
    } catch (error) {
      if (!isEtagMismatch(error)) throw toSentinelError(error, doing, at);
      this.deps.logger.info('sentinel incident changed under us; reading it again', { incident: at.name, doing });
      await write().catch((again: unknown) => {
        throw toSentinelError(again, doing, at);
      });
    }
  }

  async #call<T>(
    doing: string,
    at: IncidentAddress,
    run: (client: ReturnType<SentinelClients['forSubscription']>) => Promise<T>,
  ): Promise<T> {
    try {
      return await run(this.deps.clients.forSubscription(at.subscriptionId));
    } catch (error) {
      throw toSentinelError(error, doing, at);
    }
  }
}

/** Sentinel's owner: the Entra object id when known, else the email; the name is what the portal shows. */
function ownerInfo(owner: { email?: string; objectId?: string; name: string }): IncidentOwnerInfo | undefined {
  if (!owner.objectId && !owner.email) return undefined;
  return {
    ...(owner.objectId ? { objectId: owner.objectId } : {}),
    ...(owner.email ? { email: owner.email } : {}),
    assignedTo: owner.name,
    ownerType: 'User',
  };
}

/** Text as HTML shows it: `&`, `<`, `>`, `"` and `'` as entities, so no tag, link or script comes from user text. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The first `max` characters of escaped HTML, never cutting an entity in half. */
function cutEscaped(escaped: string, max: number): string {
  const cut = escaped.slice(0, max);
  const amp = cut.lastIndexOf('&');
  return amp >= 0 && !cut.slice(amp).includes(';') ? cut.slice(0, amp) : cut;
}
