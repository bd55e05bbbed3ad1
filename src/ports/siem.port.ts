import type { Classification, Severity } from '../domain/incident.types.ts';

/**
 * A Sentinel incident as the core needs it: mapped from the playbook trigger body, the plain resource, or the poller.
 */
export interface SentinelIncident {
  /**
   * The incident's ARM id: the workspace's
   * (`/subscriptions/…/resourceGroups/…/providers/Microsoft.OperationalInsights/workspaces/…`)
   * followed by `/providers/Microsoft.SecurityInsights/Incidents/<guid>`.
   */
  armId: string;
  /** The incident's name (a GUID), used by the SDK's incident calls. */
  name: string;
  /** The incident number people see in the Sentinel portal. */
  number: string;
  title: string;
  description?: string;
  severity: Severity;
  status: 'New' | 'Active' | 'Closed';
  labels: string[];
  /** Ids of the analytic rules that raised it. */
  analyticRuleIds: string[];
  /** Names of the analytic rules (or alert products) when the payload carries them. */
  analyticRuleNames: string[];
  tactics: string[];
  /** Link to the incident in the portal. */
  url?: string;
  /** Entities as action targets: AzureResource -> resource id, Account -> Entra object id, Ip -> address. */
  entities: Array<{ kind: string; value: string }>;
  alertCount?: number;
  createdAt?: string;
}

/** Where a Sentinel incident lives, as recorded on our incident. */
export interface SentinelLocator {
  armId: string;
  name: string;
  number: string;
}

/**
 * Write-back to Sentinel, so that Sentinel shows what the war room did.
 * Failures are thrown: the caller retries and reports; they never block the war room.
 */
export interface SiemPort {
  /** Adds a comment to the incident (the war-room link, an executed action). */
  comment(incident: SentinelLocator, message: string): Promise<void>;
  /** Sets the owner and the status Active when a commander is assigned. */
  assignOwner(incident: SentinelLocator, owner: { email?: string; objectId?: string; name: string }): Promise<void>;
  /** Closes the incident with a classification and comment. */
  close(incident: SentinelLocator, classification: Classification, comment: string): Promise<void>;
  /** The incident's entities, mapped to action targets. */
  entities(incident: SentinelLocator): Promise<Array<{ kind: string; value: string }>>;
}

/** What the Sentinel adapters (webhook, poller) hand the core. */
export interface SentinelIntake {
  /**
   * Takes one delivery of an incident. `deliveryId` identifies the delivery
   * (the trigger's eventUniqueId, or the poller's incident + lastModified):
   * a delivery seen before changes nothing.
   */
  ingest(
    incident: SentinelIncident,
    deliveryId: string,
  ): Promise<{ outcome: 'declared' | 'proposed' | 'updated' | 'duplicate' | 'ignored'; incidentId?: string }>;
}
