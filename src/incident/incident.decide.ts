import { principalOf } from '../domain/actor.ts';
import { domainError, type DomainError } from '../domain/errors.ts';
import { newEvent, type NewEvent, type SentinelRef } from '../domain/event.types.ts';
import type { SentinelIncident } from '../ports/siem.port.ts';
import type { IncidentState } from './incident.state.ts';
import { STATUSES } from '../domain/incident.types.ts';
import { normalisePrincipal } from '../domain/principal.ts';
import { actorEligible, isCommander, isParticipant, principalEligible } from './roles.policy.ts';
import type { Command } from '../commands/command.types.ts';
import type { DecideContext, Decision } from '../decision/decision.types.ts';
import { denied } from '../decision/denied.ts';
import { selectedRunbookEvent } from '../runbooks/runbook.decide.ts';
import { openObligations } from '../clocks/clocks.ts';

type Of<N extends Command['name']> = Extract<Command, { name: N }>;

const accept = (...events: NewEvent[]): Decision => ({ ok: true, events });

const rejected = (error: DomainError): Decision => ({ ok: false, error });

export function decideDeclare(state: IncidentState, command: Of<'declare'>, ctx: DecideContext): Decision {
  if (state.exists) return rejected(domainError('incident.exists', `Incident ${state.id} already exists.`));
  const { actor, pools } = ctx;
  const automated = actor.platform === 'sentinel' || actor.platform === 'system';
  if (!automated && !actorEligible(pools, 'commander', actor) && !actorEligible(pools, 'responder', actor)) {
    return rejected(
      domainError(
        'policy.cannot_declare',
        `${principalOf(actor)} is not in the commander or responder pool, so cannot declare.`,
        { hint: 'Ask a commander, or have your id added to roles in IC_CONFIG.' },
      ),
    );
  }
  const drilled = command.drill ? ctx.runbooks.find((runbook) => runbook.id === command.drill) : undefined;
  if (command.drill && !drilled) {
    return rejected(
      domainError('runbook.unknown', `There is no runbook "${command.drill}" to drill.`, {
        hint: `Runbooks: ${ctx.runbooks.map((r) => r.id).join(', ')}.`,
      }),
    );
  }
  const snapshot = command.sentinelIncident;
  const title = drilled
    ? `DRILL: ${drilled.title}`
    : (command.title ?? snapshot?.title ?? `Sentinel incident #${command.sentinelNumber ?? '?'}`);
  const severity = command.severity ?? snapshot?.severity ?? 'Medium';
  const commander = !automated && actorEligible(pools, 'commander', actor) ? principalOf(actor) : undefined;
  const sentinel = snapshot
    ? sentinelRefOf(snapshot)
    : command.sentinelNumber
      ? { number: command.sentinelNumber }
      : undefined;
  const declared = newEvent('IncidentDeclared', {
    title,
    severity,
    ...(sentinel ? { sentinel } : {}),
    ...(commander ? { commander } : {}),
    ...(drilled ? { drill: true } : {}),
  });
  const runbook = drilled
    ? newEvent('RunbookStarted', {
        runbookId: drilled.id,
        version: drilled.version,
        title: drilled.title,
        chosen: 'by-hand',
        reasons: ['drill'],
      })
    : selectedRunbookEvent({ title, severity, ...(sentinel?.facts ?? {}) }, ctx.runbooks);
  return runbook ? accept(declared, runbook) : accept(declared);
}

/**
 * What an incident keeps of its Sentinel origin: the reference, the facts that choose a runbook, the entities as
 * targets.
 */
export function sentinelRefOf(incident: SentinelIncident): SentinelRef {
  return {
    number: incident.number,
    id: incident.armId,
    name: incident.name,
    ...(incident.url ? { url: incident.url } : {}),
    facts: {
      analyticRules: [...incident.analyticRuleIds, ...incident.analyticRuleNames],
      tactics: [...incident.tactics],
      entityKinds: [...new Set(incident.entities.map((entity) => entity.kind))],
    },
    entities: incident.entities.map((entity) => ({ ...entity })),
  };
}

export function decideAssign(state: IncidentState, command: Of<'assign'>, ctx: DecideContext): Decision {
  const { actor, pools } = ctx;
  const mayAssign =
    isCommander(state, actor) || (state.roles.commander.length === 0 && actorEligible(pools, 'commander', actor));
  if (!mayAssign) {
    return denied(
      'assign',
      domainError(
        'policy.not_commander',
        `Only the commander (${state.roles.commander[0] ?? 'nobody yet'}) assigns roles.`,
        {
          hint: state.roles.commander.length
            ? 'Ask the commander.'
            : 'Someone in the commander pool runs /ir assign commander <user>.',
        },
      ),
    );
  }
  const principal = normalisePrincipal(command.user, actor.platform);
  if (!principalEligible(pools, command.role, principal)) {
    return denied(
      'assign',
      domainError(
        'policy.not_eligible',
        `${principal} may not hold the ${command.role} role: they are not in its pool in IC_CONFIG.`,
        { hint: `Choose someone from roles.${command.role}, or add them there.` },
      ),
    );
  }
  if (state.roles[command.role].includes(principal)) {
    return rejected(domainError('incident.already_in_role', `${principal} is already ${command.role}.`));
  }
  const replaced = command.role === 'commander' ? state.roles.commander[0] : undefined;
  return accept(newEvent('RoleAssigned', { role: command.role, principal, ...(replaced ? { replaced } : {}) }));
}

export function decideNote(state: IncidentState, command: Of<'note'>, ctx: DecideContext): Decision {
  if (!isParticipant(state, ctx.actor, ctx.pools)) {
    return denied(
      'note',
      domainError(
        'policy.not_participant',
        `${principalOf(ctx.actor)} holds no role in ${state.id}, so cannot add notes.`,
        { hint: 'Ask the commander to /ir assign you a role.' },
      ),
    );
  }
  return accept(newEvent('NoteAdded', { text: command.text }));
}

export function decideStatusChange(state: IncidentState, command: Of<'status-change'>, ctx: DecideContext): Decision {
  if (!isCommander(state, ctx.actor)) return denied('status', notCommander(state, 'changes the status'));
  if (command.status === state.status)
    return rejected(domainError('incident.illegal_transition', `The incident is already ${state.status}.`));
  const backwards = STATUSES.indexOf(command.status) < STATUSES.indexOf(state.status);
  if (backwards && !command.reason) {
    return rejected(
      domainError(
        'incident.illegal_transition',
        `Moving back from ${state.status} to ${command.status} needs a reason.`,
        { hint: `/ir status ${command.status} --reason "<why>"`, usage: '/ir status <status> [--reason <text>]' },
      ),
    );
  }
  return accept(
    newEvent('StatusChanged', {
      from: state.status,
      to: command.status,
      ...(command.reason ? { reason: command.reason } : {}),
    }),
  );
}

export function decideClose(state: IncidentState, command: Of<'close'>, ctx: DecideContext): Decision {
  if (!isCommander(state, ctx.actor)) return denied('close', notCommander(state, 'closes the incident'));
  // Closing with clocks running is allowed (the technical work is done); the obligations stay open and are named.
  const open = openObligations(state.breach.clocks);
  return accept(
    newEvent('IncidentClosed', {
      classification: command.classification,
      from: state.status,
      ...(command.comment ? { comment: command.comment } : {}),
      ...(open.length ? { openObligations: open } : {}),
    }),
  );
}

function notCommander(state: IncidentState, what: string): DomainError {
  const commander = state.roles.commander[0];
  return domainError('policy.not_commander', `Only the commander (${commander ?? 'nobody yet'}) ${what}.`, {
    hint: commander ? `Ask ${commander}.` : 'Someone in the commander pool runs /ir assign commander <user> first.',
  });
}
