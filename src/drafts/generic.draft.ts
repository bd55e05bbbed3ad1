import { subjectsFor } from '../clocks/applicability.ts';
import type { ClockState } from '../clocks/clock.types.ts';
import type { Regime } from '../clocks/regime.types.ts';
import {
  actionList,
  approx,
  contactPoint,
  deadlineLines,
  incidentLine,
  isLate,
  notesList,
  timelineList,
} from './draft-parts.ts';
import type { DraftInput } from './draft.types.ts';
import { bullets, draftHeader, inline, join, toComplete, utc } from './markdown.ts';

/**
 * The notice for every regime without a dedicated template (US states,
 * HIPAA, card brands, DORA, NIS2 final report, regimes added in config):
 * one section per item of the regime's `contents`, each to complete, with
 * what the incident does know listed beside it.
 */

/** The people this regime counts: those in its jurisdictions when counted per jurisdiction, else the total. */
function peopleAffected(regime: Regime, input: DraftInput): string {
  const breach = input.breach;
  if (!breach?.subjectsIn) return approx(breach?.subjects, 'people affected');
  const count = subjectsFor(regime, { role: breach.role, subjects: breach.subjects, subjectsIn: breach.subjectsIn });
  return `${approx(count, 'people affected')} in ${inline(regime.jurisdiction)}`;
}

/** A notice built from the regime's list of required contents. */
export function genericDraft(regime: Regime, input: DraftInput, clock: ClockState | undefined, now: Date): string {
  const breach = input.breach;
  const facts = [
    `**What happened:** ${inline(input.incident.title)}`,
    `**Became aware:** ${breach ? utc(breach.awareAt) : toComplete('when the organisation became aware')}`,
    `**Personal data involved:**`,
    bullets(breach?.categories ?? [], 'types of personal information involved'),
    `**People affected:** ${peopleAffected(regime, input)}; **records:** ` +
      `${approx(breach?.records, 'records affected')}`,
    '**Timeline:**',
    timelineList(input),
    '**Measures taken:**',
    actionList(input),
    `**Contact:** ${contactPoint(input)}`,
  ].join('\n\n');
  const sections = regime.contents.map((item, index) => `### ${index + 1}. ${inline(item)}\n\n${toComplete(item)}`);
  return join([
    draftHeader(`Notice: ${inline(regime.name)}`, input.incident.id, now),
    `**To:** ${inline(regime.authority)}  \n**Jurisdiction:** ${inline(regime.jurisdiction)}`,
    incidentLine(input),
    deadlineLines(regime, clock, now, input),
    ['## What the incident record shows', facts].join('\n\n'),
    ['## Required contents', ...sections].join('\n\n'),
    isLate(clock, now) && clock
      ? [
          '## Late notice',
          `The deadline was ${utc(clock.deadline)}. ` +
            `${toComplete('the reasons for the delay, e.g. a law-enforcement delay')}`,
        ].join('\n\n')
      : undefined,
    ['## Notes', notesList(regime)].join('\n\n'),
    `Source: ${inline(regime.source)}`,
  ]);
}
