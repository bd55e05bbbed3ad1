import type { ActionRecord } from '../actions/action-record.ts';
import type { IncidentEvent } from '../domain/event.types.ts';
import { verifyLines, type ChainVerdict } from '../domain/hash-chain.ts';
import { foldEvents } from '../incident/incident.state.ts';
import type { IncidentStore } from '../ports/store.port.ts';
import { replaceUnsafe } from '../views/unsafe-characters.ts';
import { describeEvent } from '../views/event-describe.ts';
import { phaseAt } from '../clocks/clocks.ts';

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
  steps: Array<{
    runbookId: string;
    stepId: string;
    title: string;
    outcome: 'done' | 'skipped';
    by: string;
    at: string;
    evidence?: string;
    reason?: string;
    controls: string[];
  }>;
  actions: ExportedAction[];
  clocks: Array<{
    regime: string;
    startedAt: string;
    startedFrom: string;
    startedBy: string;
    /** Null for an obligation without a fixed deadline ("without undue delay"). */
    deadline: string | null;
    deadlineBasis: string;
    notifiedAt: string | null;
    reference: string | null;
    /** A decision that the notice is not required (GDPR Art. 33(5)), with who decided and who confirmed. */
    notRequired: {
      reason: string;
      decidedBy: string;
      decidedAt: string;
      confirmedBy: string | null;
      confirmedAt: string | null;
    } | null;
    state: string;
  }>;
  verification: { intact: boolean; headHash: string | null; eventCount: number; brokenSeq?: number; reason?: string };
}

export async function exportIncident(
  store: EventReader,
  incidentId: string,
  now: Date,
): Promise<ExportDocument | undefined> {
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
    steps: stepsOf(events),
    actions: Object.values(state.actions).map(exportedAction),
    clocks: Object.values(state.breach.clocks).map((clock) => ({
      regime: clock.regime,
      startedAt: clock.startedAt.toISOString(),
      startedFrom: clock.startedFrom,
      startedBy: clock.startedBy,
      deadline: clock.noFixedDeadline ? null : clock.deadline.toISOString(),
      deadlineBasis: `${clock.deadlineBasis} (${clock.deadlineLabel})`,
      notifiedAt: clock.notifiedAt?.toISOString() ?? null,
      reference: clock.reference ?? null,
      notRequired: clock.notRequired
        ? {
            reason: clock.notRequired.reason,
            decidedBy: clock.notRequired.decidedBy,
            decidedAt: clock.notRequired.decidedAt.toISOString(),
            confirmedBy: clock.notRequired.confirmedBy ?? null,
            confirmedAt: clock.notRequired.confirmedAt?.toISOString() ?? null,
          }
        : null,
      state: phaseAt(clock, now),
    })),
    verification: verdict.intact
      ? { intact: true, headHash: verdict.headHash, eventCount: verdict.count }
      : {
          intact: false,
          headHash: null,
          eventCount: verdict.count,
          brokenSeq: verdict.brokenSeq,
          reason: verdict.reason,
        },
  };
}

/**
 * Every step outcome, in order: which documented procedure was followed, by whom, with what evidence (ISO 27001 5.26,
 * 5.28).
 */
function stepsOf(events: readonly IncidentEvent[]): ExportDocument['steps'] {
  return events.flatMap((event) => {
    if (event.type !== 'StepCompleted' && event.type !== 'StepSkipped') return [];
    const data = event.data as {
      runbookId: string;
      stepId: string;
      title: string;
      evidence?: string;
      reason?: string;
      controls: string[];
    };
    return [
      {
        runbookId: data.runbookId,
        stepId: data.stepId,
        title: data.title,
        outcome: event.type === 'StepCompleted' ? ('done' as const) : ('skipped' as const),
        by: `${event.actor.platform}:${event.actor.id}`,
        at: event.at,
        ...(data.evidence ? { evidence: data.evidence } : {}),
        ...(data.reason ? { reason: data.reason } : {}),
        controls: data.controls,
      },
    ];
  });
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
  const md = (text: string) => replaceUnsafe(text.replace(/\r?\n/g, ' ')).replace(/([\\`*_[\]|<>{}])/g, '\\$1');
  const lines = [
    `# Incident ${md(incident.id)}: ${md(incident.title)}`,
    '',
    `- Severity: ${md(incident.severity)}`,
    `- Status: ${md(incident.status)}`,
    `- Sentinel: ${incident.sentinel?.number ? `#${md(incident.sentinel.number)}` : 'none'}`,
    `- Declared: ${md(incident.declaredAt ?? 'unknown')} by ${md(incident.declaredBy ?? 'unknown')}`,
    ...Object.entries(incident.roles)
      .filter(([, who]) => who.length)
      .map(([role, who]) => `- ${md(role)}: ${who.map(md).join(', ')}`),
    ...(incident.closed
      ? [
          `- Closed: ${md(incident.closed.at)} as ` +
            `${md(incident.closed.classification)}${incident.closed.comment ? `: ${md(incident.closed.comment)}` : ''}`,
        ]
      : []),
    '',
    '## Timeline',
    '',
    '| seq | time (UTC) | who | what |',
    '| ---: | --- | --- | --- |',
    ...doc.events.map(
      (event) =>
        `| ${event.seq} | ${md(event.at)} | ${md(`${event.actor.platform}:${event.actor.id}`)} | ` +
        `${md(describeEvent(event, { figures: true }))} |`,
    ),
    '',
    '## Runbook steps',
    '',
    ...(doc.steps.length
      ? [
          '| step | outcome | who | when (UTC) | evidence or reason | controls |',
          '| --- | --- | --- | --- | --- | --- |',
          ...doc.steps.map(
            (step) =>
              `| ${md(step.title)} | ${step.outcome} | ${md(step.by)} | ${md(step.at)} | ` +
              `${md(step.evidence ?? step.reason ?? '')} | ${md(step.controls.join(', '))} |`,
          ),
        ]
      : ['No runbook step recorded.']),
    '',
    '## Containment actions',
    '',
    ...(doc.actions.length
      ? [
          '| action | type | target | requested by | approved by | status |',
          '| --- | --- | --- | --- | --- | --- |',
          ...doc.actions.map(
            (a) =>
              `| ${md(a.id)} | ${md(a.type)}${a.simulated ? ' (simulated)' : ''} | ` +
              `${md(a.target)} | ${md(a.requestedBy)} | ${md(a.approvedBy ?? '')} | ` +
              `${md(a.status)} |`,
          ),
        ]
      : ['No containment action requested.']),
    '',
    '## Notification clocks (computed, not legal advice)',
    '',
    ...(doc.clocks.length
      ? [
          '| regime | started | deadline (UTC) | notified | state |',
          '| --- | --- | --- | --- | --- |',
          ...doc.clocks.map(
            (c) =>
              `| ${md(c.regime)} | ${md(c.startedAt)} | ${md(c.deadline ?? 'none fixed: without undue delay')} | ` +
              `${md(c.notifiedAt ? `${c.notifiedAt} (${c.reference ?? ''})` : notRequiredCell(c.notRequired))} | ` +
              `${md(c.state)} |`,
          ),
        ]
      : ['No clock started.']),
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

/** An action as the export shows it: what was asked, by whom, who approved, what became of it. */
function exportedAction(action: ActionRecord) {
  return {
    id: action.id,
    type: action.type,
    target: action.target,
    params: action.params,
    requestedBy: action.requestedBy,
    requestedAt: action.requestedAt,
    approvedBy: action.approvedBy ?? null,
    status: action.status,
    simulated: action.simulated,
    ...(action.undoOf ? { undoOf: action.undoOf } : {}),
    result: action.failure
      ? { failure: action.failure }
      : action.detail
        ? { detail: action.detail, before: action.before ?? null }
        : null,
  };
}

type ExportedAction = ReturnType<typeof exportedAction>;

/** The "notified" cell of a clock decided not required: the reasons, who decided, who confirmed. */
function notRequiredCell(decision: ExportDocument['clocks'][number]['notRequired']): string {
  if (!decision) return 'no';
  const confirmed = decision.confirmedBy
    ? `confirmed by ${decision.confirmedBy} at ${decision.confirmedAt ?? ''}`
    : 'not confirmed yet';
  return `not required: ${decision.reason} (decided by ${decision.decidedBy} at ${decision.decidedAt}; ${confirmed})`;
}
