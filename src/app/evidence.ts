import type { IncidentEvent } from '../domain/event.types.ts';
import { verifyLines, type ChainVerdict } from '../domain/hash-chain.ts';
import { foldEvents } from '../domain/incident.state.ts';
import type { IncidentStore } from '../ports/store.port.ts';
import { describeEvent } from '../views/event.describe.ts';

/** What reading evidence needs of a store: the CLI reads a running bot's folder without its lock. */
export type EventReader = Pick<IncidentStore, 'load' | 'loadRaw'>;

/** Export document version: bumped when a field changes meaning. */
export const EXPORT_FORMAT = 'incident-commander.export/v1';

/** Recomputes an incident's chain from the stored lines. */
export async function verifyIncident(store: EventReader, incidentId: string): Promise<ChainVerdict> {
  return verifyLines(incidentId, await store.loadRaw(incidentId));
}

/** The evidence document of DESIGN.md ("export"): what an auditor reads. */
export interface ExportDocument {
  format: string;
  generatedAt: string;
  incident: {
    id: string;
    title: string;
    severity: string;
    status: string;
    sentinel: { number?: string; id?: string; url?: string } | null;
    declaredAt: string | null;
    declaredBy: string | null;
    roles: Record<string, string[]>;
    warRooms: Array<{ platform: string; channelId: string; name?: string; url?: string }>;
    closed: { classification: string; comment?: string; at: string; by: string } | null;
  };
  events: IncidentEvent[];
  steps: unknown[];
  actions: unknown[];
  clocks: unknown[];
  verification: { intact: boolean; headHash: string | null; eventCount: number; brokenSeq?: number; reason?: string };
}

export async function exportIncident(store: EventReader, incidentId: string, now: Date): Promise<ExportDocument | undefined> {
  const lines = await store.loadRaw(incidentId);
  if (lines.length === 0) return undefined;
  const verdict = verifyLines(incidentId, lines);
  const events = verdict.intact ? await store.load(incidentId) : lines.flatMap((line) => safeParse(line));
  const state = foldEvents(incidentId, events);
  return {
    format: EXPORT_FORMAT,
    generatedAt: now.toISOString(),
    incident: {
      id: state.id,
      title: state.title,
      severity: state.severity,
      status: state.status,
      sentinel: state.sentinel ?? null,
      declaredAt: state.declaredAt ?? null,
      declaredBy: state.declaredBy ? `${state.declaredBy.platform}:${state.declaredBy.id}` : null,
      roles: state.roles,
      warRooms: state.warRooms,
      closed: state.closed ? { ...state.closed, by: `${state.closed.by.platform}:${state.closed.by.id}` } : null,
    },
    events,
    steps: [],
    actions: [],
    clocks: [],
    verification: verdict.intact
      ? { intact: true, headHash: verdict.headHash, eventCount: verdict.count }
      : { intact: false, headHash: null, eventCount: verdict.count, brokenSeq: verdict.brokenSeq, reason: verdict.reason },
  };
}

function safeParse(line: string): IncidentEvent[] {
  try {
    return [JSON.parse(line) as IncidentEvent];
  } catch {
    return [];
  }
}

/** The same document as Markdown, for people. */
export function exportMarkdown(doc: ExportDocument): string {
  const { incident, verification } = doc;
  const md = (text: string) => text.replace(/([\\`*_[\]|<>])/g, '\\$1').replace(/\r?\n/g, ' ');
  const lines = [
    `# Incident ${md(incident.id)}: ${md(incident.title)}`,
    '',
    `- Severity: ${md(incident.severity)}`,
    `- Status: ${md(incident.status)}`,
    `- Sentinel: ${incident.sentinel?.number ? `#${md(incident.sentinel.number)}` : 'none'}`,
    `- Declared: ${md(incident.declaredAt ?? 'unknown')} by ${md(incident.declaredBy ?? 'unknown')}`,
    ...Object.entries(incident.roles).filter(([, who]) => who.length).map(([role, who]) => `- ${md(role)}: ${who.map(md).join(', ')}`),
    ...(incident.closed ? [`- Closed: ${md(incident.closed.at)} as ${md(incident.closed.classification)}${incident.closed.comment ? `: ${md(incident.closed.comment)}` : ''}`] : []),
    '',
    '## Timeline',
    '',
    '| seq | time (UTC) | who | what |',
    '| ---: | --- | --- | --- |',
    ...doc.events.map((event) => `| ${event.seq} | ${md(event.at)} | ${md(`${event.actor.platform}:${event.actor.id}`)} | ${md(describeEvent(event))} |`),
    '',
    '## Verification',
    '',
    verification.intact
      ? `The hash chain is intact: ${verification.eventCount} events, head ${verification.headHash ?? ''}.`
      : `The hash chain is BROKEN at seq ${verification.brokenSeq ?? '?'}: ${md(verification.reason ?? '')}.`,
    '',
    `Generated ${md(doc.generatedAt)} (${md(doc.format)}).`,
    '',
  ];
  return lines.join('\n');
}
