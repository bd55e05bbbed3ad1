import { DEFAULT_CALENDARS, type CalendarSet } from '../clocks/holidays.ts';
import type { DraftTemplate, Regime } from '../clocks/regime.types.ts';
import { findRegime, SHIPPED_REGIMES } from '../clocks/regimes.ts';
import type { ClockState } from '../clocks/clock.types.ts';
import { clockFor } from './draft-parts.ts';
import type { DraftInput } from './draft.types.ts';
import { gdprDraft } from './gdpr.draft.ts';
import { genericDraft } from './generic.draft.ts';
import { nis2EarlyWarningDraft, nis2NotificationDraft } from './nis2.draft.ts';
import { sec8kDraft } from './sec.draft.ts';

type Generator = (regime: Regime, input: DraftInput, clock: ClockState | undefined, now: Date) => string;

const GENERATORS: Record<DraftTemplate, Generator> = {
  gdpr: gdprDraft,
  'nis2-early-warning': nis2EarlyWarningDraft,
  'nis2-notification': nis2NotificationDraft,
  'sec-8k': sec8kDraft,
  generic: genericDraft,
};

/**
 * The regulator notice for `regimeId` in markdown, by the regime's draft
 * template: GDPR / UK GDPR Art. 33, NIS2 early warning and notification,
 * SEC 8-K Item 1.05, or the generic notice built from the regime's contents
 * (US states, HIPAA, card brands, DORA, NIS2 final). The deadline comes from
 * the incident's clock, else from the assessment's awareness time.
 * Throws on an unknown regime id: validate the id with `findRegime` first.
 */
export function regulatorDraft(
  regimeId: string,
  input: DraftInput,
  now: Date,
  regimes: readonly Regime[] = SHIPPED_REGIMES,
  calendars: CalendarSet = DEFAULT_CALENDARS,
): string {
  const regime = findRegime(regimes, regimeId);
  if (!regime) throw new RangeError(`unknown regime "${regimeId}"`);
  return GENERATORS[regime.draft](regime, input, clockFor(regime, input, now, calendars), now);
}
