import { decideApprove, decideDeny, decideRequest, decideUndo } from '../actions/action.decide.ts';
import { domainError } from '../domain/errors.ts';
import { openObligations } from '../clocks/clocks.ts';
import type { IncidentState } from '../incident/incident.state.ts';
import type { Command } from '../commands/command.types.ts';
import type { DecideContext, Decision } from './decision.types.ts';
import { decideAwarenessCorrection, decideBreach, decideClockStart, decideNotified } from '../clocks/clock.decide.ts';
import { decideNotRequired } from '../clocks/not-required.decide.ts';
import { decideDone, decideRunbookChoice, decideSkip } from '../runbooks/runbook.decide.ts';
import {
  decideAssign,
  decideClose,
  decideDeclare,
  decideNote,
  decideStatusChange,
} from '../incident/incident.decide.ts';

/** The commands that may append events (besides `runbook <id>`), listed once for the type and the check. */
const WRITE_COMMAND_NAMES = [
  'declare',
  'assign',
  'note',
  'status-change',
  'close',
  'request',
  'approve',
  'deny',
  'undo',
  'done',
  'skip',
  'breach',
  'correct-awareness',
  'clock-start',
  'notified',
  'not-required',
] as const;

/** Commands that may append events. */
export type WriteCommand =
  Extract<Command, { name: (typeof WRITE_COMMAND_NAMES)[number] }> | { name: 'runbook'; runbookId: string };

const WRITE_COMMANDS: ReadonlySet<string> = new Set(WRITE_COMMAND_NAMES);

/**
 * What legal can still do once the incident is closed technically: notification obligations outlive it (US letters
 * are often due weeks after the technical closure).
 */
const OUTLIVE_CLOSURE: ReadonlySet<string> = new Set(['notified', 'clock-start', 'correct-awareness', 'not-required']);

export function isWriteCommand(command: Command): command is WriteCommand {
  return WRITE_COMMANDS.has(command.name) || (command.name === 'runbook' && command.runbookId !== undefined);
}

/** The one entry point: pure, `(state, command, context) -> events | error`. */
export function decide(state: IncidentState, command: WriteCommand, ctx: DecideContext): Decision {
  if (command.name === 'declare') return decideDeclare(state, command, ctx);
  if (!state.exists)
    return { ok: false, error: domainError('incident.not_found', `Incident ${state.id} does not exist.`) };
  if (state.status === 'closed' && !OUTLIVE_CLOSURE.has(command.name)) {
    const open = openObligations(state.breach.clocks);
    return {
      ok: false,
      error: domainError('incident.closed', `Incident ${state.id} is closed; it changes no more.`, {
        hint: open.length
          ? `Its notification obligations stay open (${open.join(', ')}): /ir notified <regime> <reference>, ` +
            '/ir clock start <regime> --at <time>, /ir breach --correct-aware-at <time> --reason <text>, ' +
            '/ir not-required <regime> --reason <text>. Declare a ' +
            'new incident if the threat is back.'
          : 'Declare a new incident if the threat is back.',
      }),
    };
  }
  switch (command.name) {
    case 'assign':
      return decideAssign(state, command, ctx);
    case 'note':
      return decideNote(state, command, ctx);
    case 'status-change':
      return decideStatusChange(state, command, ctx);
    case 'close':
      return decideClose(state, command, ctx);
    case 'request':
      return decideRequest(state, command, ctx);
    case 'approve':
      return decideApprove(state, command.actionId, ctx);
    case 'deny':
      return decideDeny(state, command.actionId, command.reason, ctx);
    case 'undo':
      return decideUndo(state, command.actionId, ctx);
    case 'done':
      return decideDone(state, command.evidence, ctx);
    case 'skip':
      return decideSkip(state, command.reason, ctx);
    case 'runbook':
      return decideRunbookChoice(state, command.runbookId, ctx);
    case 'breach':
      return decideBreach(state, command, ctx);
    case 'correct-awareness':
      return decideAwarenessCorrection(state, command, ctx);
    case 'clock-start':
      return decideClockStart(state, command, ctx);
    case 'notified':
      return decideNotified(state, command, ctx);
    case 'not-required':
      return decideNotRequired(state, command, ctx);
  }
}
