import { principalOf } from '../domain/actor.ts';
import { domainError, type DomainError } from '../domain/errors.ts';
import { newEvent, type NewEvent } from '../domain/event.types.ts';
import type { IncidentState } from '../incident/incident.state.ts';
import { isCommander, rolesOf } from '../incident/roles.policy.ts';
import {
  breachFacts,
  canonicalCounts,
  canonicalJurisdiction,
  chainedApplies,
  jurisdictionRegimes,
  withoutClock,
} from './applicability.ts';
import type { ClockState } from './clock.types.ts';
import {
  confirmedTriggers,
  isStopped,
  openObligations,
  recomputedWith,
  recordNotified,
  startClock,
  startableChained,
} from './clocks.ts';
import type { Command } from '../commands/command.types.ts';
import type { DecideContext, Decision } from '../decision/decision.types.ts';
import { denied } from '../decision/denied.ts';
import { own } from '../domain/own.ts';

type Of<N extends Command['name']> = Extract<Command, { name: N }>;

/** A person confirming a time cannot confirm one in the future; a few minutes of clock skew are allowed. */
const SKEW_MS = 5 * 60 * 1000;

export function mayDeclareBreach(state: IncidentState, ctx: DecideContext): DomainError | undefined {
  if (isCommander(state, ctx.actor) || rolesOf(state, ctx.actor, ctx.pools).includes('legal')) return undefined;
  return domainError(
    'policy.not_commander',
    `Only the commander (${state.roles.commander[0] ?? 'nobody yet'}) or legal records breach assessments and notices.`,
    { hint: 'Ask the commander to /ir assign legal <user>.' },
  );
}

function clockEvent(clock: ClockState): NewEvent {
  return newEvent('ClockStarted', {
    regime: clock.regime,
    startedAt: clock.startedAt.toISOString(),
    startedFrom: clock.startedFrom,
    deadline: clock.deadline.toISOString(),
    deadlineBasis: clock.deadlineBasis,
    reason: clock.startReason,
    ...(clock.noFixedDeadline ? { noFixedDeadline: true as const } : {}),
    ...(clock.triggers && Object.keys(clock.triggers).length
      ? {
          triggers: Object.fromEntries(
            Object.entries(clock.triggers).map(([kind, at]) => [kind, at.toISOString()] as const),
          ),
        }
      : {}),
  });
}

function inFuture(at: Date, ctx: DecideContext): DomainError | undefined {
  return at.getTime() > ctx.now.getTime() + SKEW_MS
    ? domainError('clock.time_in_future', `${at.toISOString()} is in the future; confirm a time that has passed.`)
    : undefined;
}

/**
 * `ObligationsMet` when `events` stop the last open clock of a closed incident (and start none): its log is finished.
 */
export function obligationsMet(state: IncidentState, events: readonly NewEvent[], regime: string): NewEvent[] {
  if (state.status !== 'closed') return [];
  const stillOpen = openObligations(state.breach.clocks).filter((open) => open !== regime);
  const starts = events.some((event) => event.type === 'ClockStarted');
  return stillOpen.length === 0 && !starts ? [newEvent('ObligationsMet', { last: regime })] : [];
}

function unknownJurisdictions(unknown: readonly string[], ctx: DecideContext): DomainError {
  const named = new Set(ctx.clocks.regimes.flatMap((regime) => regime.appliesWhen.jurisdictions ?? []));
  return domainError(
    'clock.unknown_jurisdiction',
    `${unknown.join(', ')}: no such jurisdiction. Nothing was recorded.`,
    {
      hint:
        'Write EU or EEA, UK, a country code (DE; EL or GR for Greece), US or a US state (US-CA). Jurisdictions ' +
        `with a clock: ${[...named].sort().join(', ')}, and every EEA country as EU.`,
    },
  );
}

export function decideBreach(state: IncidentState, command: Of<'breach'>, ctx: DecideContext): Decision {
  const refusal = mayDeclareBreach(state, ctx);
  if (refusal) return denied('breach', refusal);
  const future = inFuture(command.awareAt, ctx);
  if (future) return { ok: false, error: future };
  const canonical = command.jurisdictions.map((code) => canonicalJurisdiction(code, ctx.clocks.regimes));
  const unknown = command.jurisdictions.filter((_, index) => canonical[index] === undefined);
  if (unknown.length) return { ok: false, error: unknownJurisdictions(unknown, ctx) };
  const jurisdictions = [...new Set(canonical.filter((code): code is string => code !== undefined))];
  const previous = state.breach.breach;
  if (previous && previous.awareAt !== command.awareAt.toISOString()) {
    return {
      ok: false,
      error: domainError(
        'clock.awareness_confirmed',
        `Awareness was confirmed as ${previous.awareAt} by ${previous.setBy}; the clocks run from it.`,
        {
          hint:
            'Repeat the assessment with the same --aware-at to add jurisdictions; record a correction with ' +
            '/ir note.',
        },
      ),
    };
  }
  if (previous && previous.role !== command.role) {
    return {
      ok: false,
      error: domainError(
        'clock.role_confirmed',
        `The breach was assessed as ${previous.role} by ${previous.setBy}; its clocks follow that role.`,
        {
          hint:
            `Repeat the assessment as ${previous.role} (${
              previous.role === 'processor' ? '--processor' : 'without ' + '--processor'
            }) to add jurisdictions; a clock that does not apply is closed with /ir not-required ` +
            '<regime> --reason <text>.',
        },
      ),
    };
  }
  const by = principalOf(ctx.actor);
  const reason =
    `breach assessed by ${by}: aware at ${command.awareAt.toISOString()}, jurisdictions ` +
    `${jurisdictions.join(', ')}`;
  const subjectsIn = canonicalCounts(command.subjectsIn, ctx.clocks.regimes);
  const facts = { ...breachFacts({ ...command, ...(subjectsIn ? { subjectsIn } : {}) }), awareAt: command.awareAt };
  const regimes = jurisdictionRegimes(jurisdictions, facts, ctx.clocks.organisation, ctx.clocks.regimes);
  const starts = { awareness: command.awareAt, discovery: command.awareAt };
  const clocks = regimes
    .filter((regime) => !own(state.breach.clocks, regime.id))
    .map((regime) => startClock(regime, starts, { by, reason }, ctx.now, ctx.clocks.calendars))
    .filter((clock): clock is ClockState => clock !== undefined);
  // A clock already running from another trigger that also counts from awareness (DORA's initial report, started
  // from its classification) is recomputed with it: the earlier deadline wins.
  for (const running of Object.values(state.breach.clocks)) {
    const regime = ctx.clocks.regimes.find((candidate) => candidate.id === running.regime);
    const recomputed =
      regime &&
      recomputedWith(running, regime, 'awareness', command.awareAt, { by, reason }, ctx.now, ctx.clocks.calendars);
    if (recomputed) clocks.push(recomputed);
  }
  const started = new Set([...Object.keys(state.breach.clocks), ...clocks.map((clock) => clock.regime)]);
  const withoutClocks = jurisdictions.flatMap((jurisdiction) => {
    const reason = withoutClock(jurisdiction, started, facts, ctx.clocks.organisation, ctx.clocks.regimes);
    return reason ? [{ jurisdiction, reason }] : [];
  });
  const { awareAt, subjects, records, categories, role, highRisk, data } = command;
  const assessed = newEvent('BreachAssessed', {
    awareAt: awareAt.toISOString(),
    categories,
    jurisdictions,
    role,
    highRisk,
    ...(subjects !== undefined ? { subjects } : {}),
    ...(subjectsIn ? { subjectsIn } : {}),
    ...(data ? { data } : {}),
    ...(records !== undefined ? { records } : {}),
    ...(withoutClocks.length ? { withoutClock: withoutClocks } : {}),
  });
  return { ok: true, events: [assessed, ...clocks.map(clockEvent)] };
}

export function decideClockStart(state: IncidentState, command: Of<'clock-start'>, ctx: DecideContext): Decision {
  const refusal = mayDeclareBreach(state, ctx);
  if (refusal) return denied('clock', refusal);
  const regime = ctx.clocks.regimes.find((candidate) => candidate.id === command.regime);
  if (!regime)
    return {
      ok: false,
      error: domainError('clock.unknown_regime', `There is no regime "${command.regime}".`, {
        hint: `Regimes: ${ctx.clocks.regimes.map((r) => r.id).join(', ')}.`,
      }),
    };
  if (typeof regime.trigger !== 'string')
    return {
      ok: false,
      error: domainError(
        'clock.starts_by_trigger',
        `${regime.id} starts by itself when ${regime.trigger.after} is notified (/ir notified ` +
          `${regime.trigger.after} <reference>).`,
      ),
    };
  const future = inFuture(command.at, ctx);
  const by = principalOf(ctx.actor);
  const who = { by, reason: `${regime.trigger} confirmed by ${by} at ${command.at.toISOString()}` };
  const running = own(state.breach.clocks, regime.id);
  if (running) {
    // Running on its other bound (DORA's 24 h from awareness): the trigger it waited for recomputes it.
    const recomputed =
      !future && recomputedWith(running, regime, regime.trigger, command.at, who, ctx.now, ctx.clocks.calendars);
    if (recomputed) return { ok: true, events: [clockEvent(recomputed)] };
    return {
      ok: false,
      error: domainError(
        'clock.already_running',
        `The ${regime.id} clock is already running from ${running.startedAt.toISOString()}.`,
      ),
    };
  }
  if (future) return { ok: false, error: future };
  const awareAt = state.breach.breach ? new Date(state.breach.breach.awareAt) : undefined;
  const starts = {
    ...(awareAt ? { awareness: awareAt } : {}),
    [regime.trigger]: command.at,
    ...(command.statedOffsetMinutes === undefined
      ? {}
      : { statedOffsetMinutes: { [regime.trigger]: command.statedOffsetMinutes } }),
  };
  const clock = startClock(regime, starts, who, ctx.now, ctx.clocks.calendars);
  if (!clock)
    return {
      ok: false,
      error: domainError('clock.cannot_start', `The ${regime.id} clock cannot start from what is known.`),
    };
  return { ok: true, events: [clockEvent(clock)] };
}

export function decideNotified(state: IncidentState, command: Of<'notified'>, ctx: DecideContext): Decision {
  const refusal = mayDeclareBreach(state, ctx);
  if (refusal) return denied('notified', refusal);
  const clock = own(state.breach.clocks, command.regime);
  if (!clock)
    return {
      ok: false,
      error: domainError('clock.not_running', `No ${command.regime} clock runs in ${state.id}.`, {
        hint: `Running: ${Object.keys(state.breach.clocks).join(', ') || 'none'}.`,
      }),
    };
  const sentAt = command.at ?? ctx.now;
  const future = inFuture(sentAt, ctx);
  if (future) return { ok: false, error: future };
  const earliest = clock.notifiedAt ?? clock.startedAt;
  if (sentAt.getTime() < earliest.getTime())
    return {
      ok: false,
      error: domainError(
        'clock.notice_before_start',
        `${sentAt.toISOString()} is before the ${command.regime} ${clock.notifiedAt ? 'first notice' : 'clock'} ` +
          `(${earliest.toISOString()}); give the time the notice was really sent.`,
      ),
    };
  const by = principalOf(ctx.actor);
  const sent = command.at ? { sentAt: sentAt.toISOString() } : {};
  if (clock.notifiedAt) return { ok: true, events: updateEvents(state, clock, command, sentAt, by, ctx) };
  const notified = recordNotified(clock, { at: sentAt, by, reference: command.reference });
  const others = Object.values(state.breach.clocks).filter((other) => other.regime !== clock.regime);
  const assessed = state.breach.breach;
  const facts = assessed && breachFacts(assessed);
  const chained = startableChained([...others, notified], [...ctx.clocks.regimes])
    .filter((start) => !state.breach.clocks[start.regime])
    .filter((start) => {
      // A chained notice with a threshold or a role of its own (California's AG: more than 500 residents).
      const regime = ctx.clocks.regimes.find((candidate) => candidate.id === start.regime);
      return !regime || !facts || chainedApplies(regime, facts);
    })
    .flatMap((start) => {
      const regime = ctx.clocks.regimes.find((candidate) => candidate.id === start.regime);
      const started =
        regime &&
        startClock(
          regime,
          { parentNotifiedAt: start.startAt },
          { by: start.startedBy, reason: start.reason },
          ctx.now,
          ctx.clocks.calendars,
        );
      return started ? [clockEvent(started)] : [];
    });
  const events = [
    newEvent('AuthorityNotified', {
      regime: command.regime,
      reference: command.reference,
      late: !clock.noFixedDeadline && sentAt.getTime() > clock.deadline.getTime(),
      ...sent,
    }),
    ...chained,
  ];
  return { ok: true, events: [...events, ...obligationsMet(state, events, command.regime)] };
}

/**
 * A follow-up notice for a regime already notified: recorded as an update, and every running clock counted from
 * this regime's latest update (DORA's final report) restarts from it.
 */
function updateEvents(
  state: IncidentState,
  clock: ClockState,
  command: Of<'notified'>,
  sentAt: Date,
  by: string,
  ctx: DecideContext,
): NewEvent[] {
  const restarted = ctx.clocks.regimes.flatMap((regime) => {
    const child = own(state.breach.clocks, regime.id);
    const follows =
      typeof regime.trigger !== 'string' && regime.trigger.after === clock.regime && regime.trigger.fromLatestUpdate;
    if (!follows || !child || child.notifiedAt) return [];
    const reason =
      `${clock.regime} updated at ${sentAt.toISOString()} (reference ${command.reference}): restarted, ` +
      `deadline was ${child.deadline.toISOString()}`;
    const again = startClock(regime, { parentNotifiedAt: sentAt }, { by, reason }, ctx.now, ctx.clocks.calendars);
    return again ? [clockEvent(again)] : [];
  });
  return [
    newEvent('AuthorityNotified', {
      regime: command.regime,
      reference: command.reference,
      late: false,
      update: true,
      ...(command.at ? { sentAt: sentAt.toISOString() } : {}),
    }),
    ...restarted,
  ];
}

/**
 * `breach --correct-aware-at <time> --reason <text>`: the correction is recorded (the old time stays in the log) and
 * every clock not yet notified that counts from awareness (or from the discovery recorded with it) is recomputed.
 */
export function decideAwarenessCorrection(
  state: IncidentState,
  command: Of<'correct-awareness'>,
  ctx: DecideContext,
): Decision {
  const refusal = mayDeclareBreach(state, ctx);
  if (refusal) return denied('breach', refusal);
  const previous = state.breach.breach;
  if (!previous)
    return {
      ok: false,
      error: domainError(
        'clock.no_breach',
        'No breach assessment is recorded: there is no awareness time to correct.',
        {
          hint: 'Record it with /ir breach --aware-at <time> --jurisdictions <codes>.',
        },
      ),
    };
  const future = inFuture(command.awareAt, ctx);
  if (future) return { ok: false, error: future };
  const from = new Date(previous.awareAt);
  if (from.getTime() === command.awareAt.getTime())
    return {
      ok: false,
      error: domainError('clock.awareness_confirmed', `Awareness is already ${previous.awareAt}; nothing to correct.`),
    };
  const by = principalOf(ctx.actor);
  const moved = Object.values(state.breach.clocks).flatMap((clock) => {
    const regime = ctx.clocks.regimes.find((candidate) => candidate.id === clock.regime);
    const known = confirmedTriggers(clock);
    if (!regime || isStopped(clock) || (!known.awareness && known.discovery?.getTime() !== from.getTime())) return [];
    const starts = {
      ...known,
      ...(known.awareness ? { awareness: command.awareAt } : {}),
      ...(known.discovery?.getTime() === from.getTime() ? { discovery: command.awareAt } : {}),
    };
    const reason =
      `awareness corrected by ${by} from ${previous.awareAt} to ${command.awareAt.toISOString()} ` +
      `(${command.reason}): deadline moved from ${clock.deadline.toISOString()}`;
    const again = startClock(regime, starts, { by, reason }, ctx.now, ctx.clocks.calendars);
    return again ? [clockEvent(again)] : [];
  });
  const corrected = newEvent('AwarenessCorrected', {
    from: previous.awareAt,
    to: command.awareAt.toISOString(),
    reason: command.reason,
  });
  return { ok: true, events: [corrected, ...moved] };
}
