import type { IncidentEvent } from '../domain/event.types.ts';

/** One line of plain text per event, for the timeline and the Markdown export. */
export function describeEvent(event: IncidentEvent): string {
  const data = event.data as unknown as Record<string, unknown>;
  switch (event.type) {
    case 'IncidentDeclared':
      return `declared "${String(data.title)}" (${String(data.severity)})${data.commander ? `, commander ${String(data.commander)}` : ', no commander yet'}`;
    case 'WarRoomOpened':
      return `opened the ${String(data.platform)} war room ${String(data.name ?? data.channelId)}`;
    case 'RoleAssigned':
      return `assigned ${String(data.role)} to ${String(data.principal)}${data.replaced ? ` (replacing ${String(data.replaced)})` : ''}`;
    case 'NoteAdded':
      return `noted: ${String(data.text)}`;
    case 'StatusChanged':
      return `moved the status from ${String(data.from)} to ${String(data.to)}${data.reason ? ` (${String(data.reason)})` : ''}`;
    case 'IncidentClosed':
      return `closed the incident as ${String(data.classification)}${data.comment ? `: ${String(data.comment)}` : ''}`;
    case 'PermissionDenied':
      return `was refused "${String(data.command)}" (${String(data.rule)}): ${String(data.reason)}`;
    default:
      return event.type;
  }
}
