import type { IncidentEvent } from '../domain/event.types.ts';

/**
 * One line of plain text per event, for the timeline and the Markdown export. `figures`: a breach assessment's
 * numbers of people and records, for the export and the drafts only (legal's, sent privately); every view posted in a
 * room leaves them out, so an observer never sees them.
 */
export function describeEvent(event: IncidentEvent, options: { figures?: boolean } = {}): string {
  const { type, data } = event;
  switch (type) {
    case 'IncidentDeclared':
      return (
        `declared "${String(data.title)}" (${String(data.severity)})` +
        `${data.commander ? `, commander ${String(data.commander)}` : ', no commander yet'}`
      );
    case 'WarRoomOpened':
      return `opened the ${String(data.platform)} war room ${String(data.name ?? data.channelId)}`;
    case 'RoleAssigned':
      return (
        `assigned ${String(data.role)} to ${String(data.principal)}` +
        `${data.replaced ? ` (replacing ${String(data.replaced)})` : ''}`
      );
    case 'NoteAdded':
      return `noted: ${String(data.text)}`;
    case 'StatusChanged':
      return (
        `moved the status from ${String(data.from)} to ${String(data.to)}` +
        `${data.reason ? ` (${String(data.reason)})` : ''}`
      );
    case 'IncidentClosed': {
      const open = data.openObligations ?? [];
      const obligations = open.length === 1 ? 'notification obligation stays' : 'notification obligations stay';
      return (
        `closed the incident as ${String(data.classification)}${data.comment ? `: ${String(data.comment)}` : ''}` +
        (open.length
          ? `; ${open.length} ${obligations} open (${open.join(', ')}): reminders continue until each is notified`
          : '')
      );
    }
    case 'AwarenessCorrected':
      return `corrected the awareness time from ${String(data.from)} to ${String(data.to)}: ${String(data.reason)}`;
    case 'ObligationsMet':
      return `met the last notification obligation (${String(data.last)}): the incident is finished`;
    case 'PermissionDenied':
      return `was refused "${String(data.command)}" (${String(data.rule)}): ${String(data.reason)}`;
    case 'RunbookStarted':
      return `started runbook ${String(data.runbookId)} (${String(data.chosen)})`;
    case 'StepCompleted':
      return `completed step "${String(data.title)}"${data.evidence ? ` with evidence: ${String(data.evidence)}` : ''}`;
    case 'StepSkipped':
      return `skipped step "${String(data.title)}": ${String(data.reason)}`;
    case 'ActionRequested':
      return (
        `requested ${data.simulated ? 'simulated ' : ''}` +
        `${data.undoOf ? `undo of ${String(data.undoOf)}: ` : ''}${String(data.type)} on ${String(data.target)} (` +
        `${String(data.actionId)})`
      );
    case 'ActionApproved':
      return `approved ${String(data.actionId)}`;
    case 'ActionDenied':
      return `denied ${String(data.actionId)}: ${String(data.reason)}`;
    case 'ActionExecuted':
      return `executed ${String(data.actionId)}: ${String(data.detail)}`;
    case 'ActionFailed':
      return (
        `failed ${String(data.actionId)}: ${String(data.code)}` +
        `${data.status ? ` (HTTP ${String(data.status)})` : ''}, ${String(data.message)}`
      );
    case 'ActionUndone':
      return `undid ${String(data.actionId)} by ${String(data.undoActionId)}`;
    case 'BreachAssessed':
      return options.figures
        ? `assessed a personal-data breach: aware at ${String(data.awareAt)}, ${String(data.subjects ?? '?')} ` +
            `subjects, ${String(data.records ?? '?')} records, jurisdictions ${data.jurisdictions.join(', ')}`
        : `assessed a personal-data breach: aware at ${String(data.awareAt)}, jurisdictions ` +
            `${data.jurisdictions.join(', ')} (the figures are in legal's drafts and the export)`;
    case 'ClockStarted':
      return data.noFixedDeadline
        ? `recorded the ${String(data.regime)} obligation from ${String(data.startedAt)}: no fixed deadline, notify ` +
            'without undue delay (computed, not legal advice)'
        : `started the ${String(data.regime)} clock from ${String(data.startedAt)}: deadline ` +
            `${String(data.deadline)} (computed, not legal advice)`;
    case 'AuthorityNotified':
      return (
        `recorded ${data.update ? 'an update to ' : ''}the ${String(data.regime)} notice ${String(data.reference)}` +
        `${data.sentAt ? `, sent ${String(data.sentAt)}` : ''}${data.late ? ' (after the deadline)' : ''}`
      );
    case 'NotRequiredDecided':
      return (
        `decided the ${String(data.regime)} notice is not required: ${String(data.reason)}` +
        `${data.confirmationNeeded ? ' (waits for a second person to confirm)' : ''}`
      );
    case 'NotRequiredConfirmed':
      return `confirmed that the ${String(data.regime)} notice is not required (decided by ${String(data.decidedBy)})`;
    case 'ReminderSent':
      return (
        `reminded ${data.recipients.join(', ') || 'the war room'} of ${String(data.regime)} (` +
        `${String(data.offset)}${data.late ? ', late' : ''})`
      );
    case 'ReminderSuperseded':
      return (
        `did not send the ${String(data.offset)} reminder of ${String(data.regime)} (due ${String(data.dueAt)}` +
        `): the ${String(data.supersededBy)} reminder took its place`
      );
    case 'DraftGenerated':
      return (
        `drafted the ${String(data.kind)} notice${data.regime ? ` for ${String(data.regime)}` : ''} (sha256 ` +
        `${String(data.sha256).slice(0, 12)})`
      );
    case 'SentinelUpdated':
      return (
        `noted a Sentinel update` +
        `${data.severity ? `: severity ${String(data.previousSeverity)} -> ${String(data.severity)}` : ''}` +
        `${data.alertCount ? `, ${String(data.alertCount)} alerts` : ''}`
      );
    case 'TriageProposed':
      return `proposed "${String(data.title)}" (${String(data.severity)}) for declaration by rule ${String(data.rule)}`;
    case 'TriageDecided':
      return data.decision === 'declared'
        ? `declared it as ${String(data.incidentId)}`
        : `dismissed it: ${String(data.reason)}`;
    default:
      return event.type;
  }
}
