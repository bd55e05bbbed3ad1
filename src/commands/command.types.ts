import type { SentinelIncident } from '../ports/siem.port.ts';
import type { Classification, IncidentStatus, Role, Severity } from '../domain/incident.types.ts';

/** A parsed, validated command: what every platform's input becomes. */
export type Command =
  | {
      name: 'declare';
      title?: string;
      sentinelNumber?: string;
      severity?: Severity;
      sentinelIncident?: SentinelIncident;
      drill?: string;
    }
  | { name: 'dismiss'; sentinelNumber: string; reason: string }
  | { name: 'status' }
  | { name: 'status-change'; status: Exclude<IncidentStatus, 'closed'>; reason?: string }
  | { name: 'assign'; role: Role; user: string }
  | { name: 'note'; text: string }
  | { name: 'close'; classification: Classification; comment?: string }
  | { name: 'timeline' }
  | { name: 'help'; topic?: string }
  | {
      name: 'request';
      type: string;
      target: string;
      params: Record<string, string>;
      /**
       * Set on the server for a runbook step's action button, never parsed from text: the step the request belongs
       * to, and the step's owner role, who may request it too.
       */
      stepId?: string;
      stepOwner?: string;
    }
  | { name: 'approve'; actionId: string }
  | { name: 'deny'; actionId: string; reason: string }
  | { name: 'undo'; actionId: string }
  | { name: 'actions' }
  | { name: 'next' }
  | { name: 'done'; evidence?: string }
  | { name: 'skip'; reason: string }
  | { name: 'runbook'; runbookId?: string }
  | {
      name: 'breach';
      awareAt: Date;
      subjects?: number;
      /** Affected people per jurisdiction as given (`--subjects EU:12000,US-CA:4200`); `subjects` is their sum. */
      subjectsIn?: Record<string, number>;
      /** The kinds of data involved (`--data personal,health,card,credentials`): health starts HIPAA, card PCI. */
      data?: string[];
      records?: number;
      categories: string[];
      jurisdictions: string[];
      role: 'controller' | 'processor';
      highRisk: boolean;
    }
  | {
      name: 'clock-start';
      regime: string;
      at: Date;
      /** The UTC offset the time was typed with, in minutes (`-08:00` is -480): the date as the person recorded it. */
      statedOffsetMinutes?: number;
    }
  | { name: 'correct-awareness'; awareAt: Date; reason: string }
  | {
      name: 'not-required';
      regime: string;
      /** The reasons, for a decision; absent with `confirm`. */
      reason?: string;
      /** A second person confirms the pending decision. */
      confirm: boolean;
    }
  | {
      name: 'notified';
      regime: string;
      reference: string;
      /** When the notice was really sent (`--at`); absent: now. */
      at?: Date;
    }
  | { name: 'draft'; kind: 'regulator' | 'support' | 'customers' | 'register'; regime?: string };

export type CommandName = Command['name'];
