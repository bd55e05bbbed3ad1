import type { DomainError } from '../domain/errors.ts';
import type { IncidentEvent } from '../domain/event.types.ts';
import type { IncidentState } from '../incident/incident.state.ts';
import type { Role } from '../domain/incident.types.ts';
import { describeEvent } from './event-describe.ts';
import type { Block, View } from './view.types.ts';
import { buttonId } from './interaction-ids.ts';
import { openObligations } from '../clocks/clocks.ts';

export function incidentLabel(state: IncidentState): string {
  const sentinel = state.sentinel?.number ? ` (Sentinel #${state.sentinel.number})` : '';
  return `${state.id}${sentinel}: ${state.title}`;
}

function roleLine(state: IncidentState): string {
  const parts = (Object.keys(state.roles) as Role[])
    .filter((role) => state.roles[role].length > 0)
    .map((role) => `${role}: ${state.roles[role].join(', ')}`);
  return parts.join('; ') || 'none assigned';
}

/** The status, and for a closed incident the notification obligations it still has: `closed, 2 notification ...`. */
function statusWords(state: IncidentState): string {
  const open = state.status === 'closed' ? openObligations(state.breach.clocks).length : 0;
  return open ? `closed, ${open} notification obligation${open === 1 ? '' : 's'} open` : state.status;
}

/** The incident header: posted and pinned when the war room opens, shown by `status`. */
export function headerView(state: IncidentState): View {
  const blocks: Block[] = [
    { type: 'header', text: `Incident ${incidentLabel(state)}` },
    {
      type: 'fields',
      fields: [
        { label: 'Severity', value: state.severity },
        { label: 'Status', value: statusWords(state) },
        { label: 'Commander', value: state.roles.commander[0] ?? 'none: /ir assign commander <user>' },
        {
          label: 'Declared',
          value: state.declaredAt ? `${state.declaredAt} by ${state.declaredBy?.name ?? 'unknown'}` : 'not yet',
        },
      ],
    },
    { type: 'context', text: `Roles: ${roleLine(state)}` },
  ];
  if (state.closed) {
    const open = openObligations(state.breach.clocks);
    blocks.push({
      type: 'text',
      text:
        `Closed ${state.closed.at} as ` +
        `${state.closed.classification}${state.closed.comment ? `: ${state.closed.comment}` : ''}` +
        (open.length
          ? `; ${open.length} notification obligation${open.length === 1 ? '' : 's'} open (${open.join(', ')})`
          : ''),
    });
  }
  return { summary: `Incident ${incidentLabel(state)}: ${state.severity}, ${statusWords(state)}`, blocks };
}

export function declaredView(state: IncidentState): View {
  const header = headerView(state);
  const blocks = [...header.blocks];
  if (!state.roles.commander[0]) {
    blocks.push({
      type: 'text',
      text:
        'No commander yet: the declarer is not in the commander pool. Someone who is runs /ir assign ' +
        'commander <user>.',
    });
  }
  blocks.push({
    type: 'actions',
    buttons: [
      { id: buttonId({ kind: 'command', command: 'status' }), label: 'Status', command: '/ir status' },
      { id: buttonId({ kind: 'command', command: 'timeline' }), label: 'Timeline', command: '/ir timeline' },
    ],
  });
  return { summary: `Declared ${incidentLabel(state)} (${state.severity})`, blocks, tone: 'warning' };
}

export function timelineView(state: IncidentState, events: readonly IncidentEvent[]): View {
  return {
    summary: `Timeline of ${state.id}: ${events.length} events`,
    blocks: [
      { type: 'header', text: `Timeline of ${incidentLabel(state)}` },
      {
        type: 'list',
        items: events.map((event) => ({
          time: event.at,
          text: `#${event.seq} ${event.actor.name}: ${describeEvent(event)}`,
        })),
      },
      { type: 'context', text: `Head hash ${state.headHash.slice(0, 16)}…, ${events.length} events in the chain.` },
    ],
  };
}

export function confirmationView(text: string, tone: View['tone'] = 'success'): View {
  return { summary: text, blocks: [{ type: 'text', text }], tone };
}

/** A refusal or a malformed command: what is wrong, what to do, the usage. */
export function errorView(error: DomainError): View {
  const blocks: Block[] = [{ type: 'text', text: error.message }];
  if (error.hint) blocks.push({ type: 'text', text: error.hint });
  if (error.usage) blocks.push({ type: 'fields', fields: [{ label: 'Usage', value: error.usage }] });
  blocks.push({ type: 'context', text: `code ${error.code}` });
  return { summary: error.message, blocks, tone: 'error' };
}
