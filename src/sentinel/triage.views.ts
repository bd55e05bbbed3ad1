import type { SentinelIncident } from '../ports/siem.port.ts';
import type { View } from '../views/view.types.ts';
import { buttonId } from '../views/interaction-ids.ts';

/** The "Declare?" card in the triage channel: what Sentinel raised, the rule that proposed it, Declare and Dismiss. */
export function proposalView(incident: SentinelIncident, rule: string): View {
  const kinds = [...new Set(incident.entities.map((entity) => entity.kind))];
  return {
    summary: `Declare? Sentinel #${incident.number}: ${incident.title} (${incident.severity})`,
    tone: 'warning',
    blocks: [
      { type: 'header', text: `Declare? Sentinel #${incident.number}: ${incident.title}` },
      {
        type: 'fields',
        fields: [
          { label: 'Severity', value: incident.severity },
          { label: 'Status in Sentinel', value: incident.status },
          { label: 'Tactics', value: incident.tactics.join(', ') || 'none given' },
          { label: 'Entities', value: kinds.length ? `${incident.entities.length} (${kinds.join(', ')})` : 'none' },
          ...(incident.url ? [{ label: 'Sentinel', value: incident.url }] : []),
        ],
      },
      ...(incident.description ? [{ type: 'text' as const, text: incident.description.slice(0, 1500) }] : []),
      {
        type: 'context',
        text:
          `Proposed by the declaration rule ${rule}. Declaring opens a war room; dismissing needs a reason, ` +
          `which is recorded as the assessment (ISO 27001 5.25).`,
      },
      {
        type: 'actions',
        buttons: [
          {
            id: buttonId({ kind: 'triage', number: incident.number, verb: 'declare' }),
            label: 'Declare',
            style: 'primary',
            command: `/ir declare sentinel:${incident.number}`,
          },
          {
            id: buttonId({ kind: 'triage', number: incident.number, verb: 'dismiss' }),
            label: 'Dismiss',
            style: 'danger',
            command: `/ir dismiss sentinel:${incident.number} <reason>`,
          },
        ],
      },
    ],
  };
}

/** Posted into the war room when Sentinel changes a known incident. */
export function sentinelUpdateView(incident: SentinelIncident, changes: string[]): View {
  return {
    summary: `Sentinel #${incident.number} changed: ${changes.join('; ')}`,
    tone: 'warning',
    blocks: [
      { type: 'header', text: `Sentinel #${incident.number} changed` },
      { type: 'list', items: changes.map((text) => ({ text })) },
      ...(incident.url ? [{ type: 'context' as const, text: incident.url }] : []),
    ],
  };
}
