import type { Classification, IncidentStatus, Role, Severity } from '../domain/incident.types.ts';

/** A parsed, validated command: what every platform's input becomes. */
export type Command =
  | { name: 'declare'; title?: string; sentinelNumber?: string; severity?: Severity }
  | { name: 'status' }
  | { name: 'status-change'; status: Exclude<IncidentStatus, 'closed'>; reason?: string }
  | { name: 'assign'; role: Role; user: string }
  | { name: 'note'; text: string }
  | { name: 'close'; classification: Classification; comment?: string }
  | { name: 'timeline' }
  | { name: 'help'; topic?: string };

export type CommandName = Command['name'];

/** Commands that change nothing and may be run by anyone who can see the incident. */
export const READ_ONLY_COMMANDS: ReadonlySet<CommandName> = new Set(['status', 'timeline', 'help']);
