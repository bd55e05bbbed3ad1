import { domainError } from '../domain/errors.ts';
import type { IncidentState } from '../domain/incident.state.ts';
import type { Command } from '../commands/command.types.ts';
import type { DecideContext, Decision } from './decide.types.ts';
import { decideAssign, decideClose, decideDeclare, decideNote, decideStatusChange } from './incident.decide.ts';

export type WriteCommand = Extract<Command, { name: 'declare' | 'assign' | 'note' | 'status-change' | 'close' }>;

export function isWriteCommand(command: Command): command is WriteCommand {
  return ['declare', 'assign', 'note', 'status-change', 'close'].includes(command.name);
}

/** The one entry point: pure, `(state, command, context) -> events | error`. */
export function decide(state: IncidentState, command: WriteCommand, ctx: DecideContext): Decision {
  if (command.name === 'declare') return decideDeclare(state, command, ctx);
  if (!state.exists) return { ok: false, error: domainError('incident.not_found', `Incident ${state.id} does not exist.`) };
  if (state.status === 'closed') {
    return { ok: false, error: domainError('incident.closed', `Incident ${state.id} is closed; it changes no more.`, { hint: 'Declare a new incident if the threat is back.' }) };
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
  }
}
