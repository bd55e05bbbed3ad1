import type { Result } from '../domain/errors.ts';
import { CLASSIFICATIONS, ROLES, SEVERITIES, STATUSES, pick } from '../domain/incident.types.ts';
import type { IncidentStatus } from '../domain/incident.types.ts';
import type { Command } from './command.types.ts';
import type { SubcommandSpec } from './grammar.types.ts';

const okCommand = (command: Command): Result<Command, string> => ({ ok: true, value: command });
const bad = (message: string): Result<Command, string> => ({ ok: false, error: message });

const OPEN_STATUSES = STATUSES.filter((status): status is Exclude<IncidentStatus, 'closed'> => status !== 'closed');
const SENTINEL_REF = /^sentinel:(\d{1,10})$/i;
const MAX_TITLE = 200;
const MAX_NOTE = 4000;

export const declareSpec: SubcommandSpec = {
  name: 'declare',
  usage: `/ir declare [sentinel:<number>|<title>] [--severity ${SEVERITIES.join('|')}]`,
  summary: 'Declare an incident and open its war room.',
  flags: [{ name: 'severity', kind: 'string' }],
  build({ args, flags }) {
    const severityInput = flags.severity;
    const severity = typeof severityInput === 'string' ? pick(SEVERITIES, severityInput) : undefined;
    if (severityInput !== undefined && !severity)
      return bad(`"${String(severityInput)}" is not a severity: use one of ${SEVERITIES.join(', ')}.`);
    const sentinelMatch = args.length === 1 ? SENTINEL_REF.exec(args[0] ?? '') : null;
    if (sentinelMatch)
      return okCommand({ name: 'declare', sentinelNumber: sentinelMatch[1] ?? '', ...(severity ? { severity } : {}) });
    const title = args.join(' ').trim();
    if (!title) return bad('A title or a Sentinel incident number (sentinel:<number>) is required.');
    if (title.length > MAX_TITLE) return bad(`The title has ${title.length} characters; keep it to ${MAX_TITLE}.`);
    return okCommand({ name: 'declare', title, ...(severity ? { severity } : {}) });
  },
};

export const statusSpec: SubcommandSpec = {
  name: 'status',
  usage: `/ir status\n/ir status <${OPEN_STATUSES.join('|')}> [--reason <text>]`,
  summary: 'Show the incident, or move it to a new status.',
  flags: [{ name: 'reason', kind: 'string' }],
  build({ args, flags }) {
    if (args.length === 0) {
      if (flags.reason !== undefined) return bad('--reason goes with a new status.');
      return okCommand({ name: 'status' });
    }
    if (args.length > 1) return bad('Give one status.');
    const input = args[0] ?? '';
    if (input.toLowerCase() === 'closed')
      return bad('Closing needs a classification: use /ir close <classification> [comment].');
    const status = pick(OPEN_STATUSES, input);
    if (!status) return bad(`"${input}" is not a status: use one of ${OPEN_STATUSES.join(', ')}.`);
    const reason = typeof flags.reason === 'string' ? flags.reason.trim() : undefined;
    return okCommand({ name: 'status-change', status, ...(reason ? { reason } : {}) });
  },
};

export const assignSpec: SubcommandSpec = {
  name: 'assign',
  usage: `/ir assign <${ROLES.join('|')}> <user>`,
  summary: 'Give a person a role in this incident.',
  flags: [],
  build({ args }) {
    if (args.length !== 2) return bad('Give a role and one user.');
    const role = pick(ROLES, args[0] ?? '');
    if (!role) return bad(`"${args[0] ?? ''}" is not a role: use one of ${ROLES.join(', ')}.`);
    const user = (args[1] ?? '').trim();
    if (!user) return bad('Give the user to assign.');
    return okCommand({ name: 'assign', role, user });
  },
};

export const noteSpec: SubcommandSpec = {
  name: 'note',
  usage: '/ir note <text>',
  summary: 'Add a note to the timeline.',
  flags: [],
  freeText: true,
  build({ rest }) {
    if (!rest) return bad('The note is empty: write what you saw or did.');
    if (rest.length > MAX_NOTE)
      return bad(`The note has ${rest.length} characters; keep it to ${MAX_NOTE}, or split it.`);
    return okCommand({ name: 'note', text: rest });
  },
};

export const closeSpec: SubcommandSpec = {
  name: 'close',
  usage: `/ir close <${CLASSIFICATIONS.join('|')}> [comment]`,
  summary: 'Close the incident with a Sentinel classification.',
  flags: [],
  freeText: true,
  build({ rest }) {
    const [first = '', ...others] = rest.split(/\s+/);
    if (!first) return bad('Closing needs a classification.');
    const classification = pick(CLASSIFICATIONS, first);
    if (!classification) return bad(`"${first}" is not a classification: use one of ${CLASSIFICATIONS.join(', ')}.`);
    const comment = rest.slice(first.length).trim();
    if (comment.length > MAX_NOTE) return bad(`The comment has ${comment.length} characters; keep it to ${MAX_NOTE}.`);
    return okCommand({ name: 'close', classification, ...(others.length && comment ? { comment } : {}) });
  },
};

export const timelineSpec: SubcommandSpec = {
  name: 'timeline',
  usage: '/ir timeline',
  summary: 'Show what happened, in order.',
  flags: [],
  build({ args }) {
    return args.length ? bad('timeline takes no arguments.') : okCommand({ name: 'timeline' });
  },
};

export const dismissSpec: SubcommandSpec = {
  name: 'dismiss',
  usage: '/ir dismiss sentinel:<number> <reason>',
  summary: 'Triage a proposed Sentinel incident as not an incident, with the reason (recorded as the assessment).',
  flags: [],
  freeText: true,
  build({ rest }) {
    const [ref = '', ...words] = rest.split(/\s+/);
    const match = SENTINEL_REF.exec(ref);
    if (!match) return bad('Name the Sentinel incident first: sentinel:<number>.');
    const reason = rest.slice(ref.length).trim();
    if (!words.length || !reason) return bad('A dismissal needs a reason: it is the recorded assessment.');
    if (reason.length > MAX_NOTE) return bad(`The reason has ${reason.length} characters; keep it to ${MAX_NOTE}.`);
    return okCommand({ name: 'dismiss', sentinelNumber: match[1] ?? '', reason });
  },
};

export const drillSpec: SubcommandSpec = {
  name: 'drill',
  usage: `/ir drill <runbook id> [--severity ${SEVERITIES.join('|')}]`,
  summary: 'Start a drill: a practice incident on a runbook, whose containment always runs simulated.',
  flags: [{ name: 'severity', kind: 'string' }],
  build({ args, flags }) {
    if (args.length !== 1 || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(args[0] ?? ''))
      return bad(
        'Name one runbook to drill, such as storage-exfiltration (/ir runbook lists them in an incident; runbooks/ ' +
          'holds them).',
      );
    const severityInput = flags.severity;
    const severity = typeof severityInput === 'string' ? pick(SEVERITIES, severityInput) : undefined;
    if (severityInput !== undefined && !severity)
      return bad(`"${String(severityInput)}" is not a severity: use one of ${SEVERITIES.join(', ')}.`);
    return okCommand({ name: 'declare', drill: args[0] ?? '', ...(severity ? { severity } : {}) });
  },
};
