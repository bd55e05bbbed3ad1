import { z } from 'zod';
import { isIsoDuration } from './duration.ts';
import { DEFAULT_CALENDARS, listedCalendar, type CalendarSet, type HolidayCalendar } from './holidays.ts';
import {
  APPLICABILITY_FACTS,
  DEADLINE_UNITS,
  DEFAULT_OVERDUE_EVERY,
  DEFAULT_REMINDER_OFFSETS,
  DRAFT_TEMPLATES,
  TRIGGER_KINDS,
  type DeadlineRule,
  type Regime,
} from './regime.types.ts';
import { isValidTimeZone, parseIsoDate } from './zoned-time.ts';

/**
 * The `regimes:` section of IC_CONFIG: change offsets and amounts of shipped
 * regimes, add regimes and holiday calendars, disable regimes. Nothing here is
 * legal advice, so every number is overridable. Example:
 *
 * ```yaml
 * regimes:
 *   override:
 *     uk-gdpr: { deadline: { amount: 24 } }          # a PECR provider
 *     gdpr-art33: { reminderOffsets: [-PT24H, -PT1H, PT0S], overdueEvery: PT2H }
 *   calendars:                                      # removes and adds days
 *     - { id: acme-vt, basedOn: us-vt, holidays: [2027-01-04], workingDays: [2027-10-11] }
 *   add:
 *     - id: acme-contract
 *       name: Customer contract notice
 *       authority: the customer's security contact
 *       jurisdiction: US-NY
 *       trigger: discovery
 *       deadline: { unit: businessDays, amount: 2, calendar: acme-vt }
 *       appliesWhen: { jurisdictions: [US-NY] }
 *       contents: [the notice the contract requires]
 * ```
 */

const KEBAB_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const regimeId = z.string().regex(KEBAB_ID, 'must be a kebab-case id such as gdpr-art33 or us-ca');
const text = z.string().regex(/\S/, 'must not be empty');
const duration = z
  .string()
  .refine(
    isIsoDuration,
    'must be a signed ISO-8601 duration such as -PT24H, PT0S or PT6H (weeks, days, hours, minutes, seconds)',
  );
const timeZone = z
  .string()
  .refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Berlin or America/New_York');
const isoDate = z
  .string()
  .refine((value) => parseIsoDate(value) !== undefined, 'must be a real date written YYYY-MM-DD');

const timeOfDaySchema = z.strictObject({
  hour: z.number().int().min(0).max(23),
  minute: z.number().int().min(0).max(59),
  timeZone,
});

const deadlineSchema = z.strictObject({
  unit: z.enum(DEADLINE_UNITS),
  amount: z.number().min(0, 'must be 0 or more'),
  calendar: regimeId.optional(),
  timeOfDay: timeOfDaySchema.optional(),
  timeZone: timeZone.optional(),
  fromStatedDate: z.boolean().optional(),
});

const triggerSchema = z.union([
  z.enum(TRIGGER_KINDS),
  z.strictObject({ after: regimeId, fromLatestUpdate: z.boolean().optional() }),
]);

const appliesWhenSchema = z.strictObject({
  jurisdictions: z.array(text).optional(),
  requires: z.array(z.enum(APPLICABILITY_FACTS)).optional(),
  roles: z.array(z.enum(['controller', 'processor'])).optional(),
  minSubjects: z.number().int().min(1).optional(),
  maxSubjects: z.number().int().min(0).optional(),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-09-11')
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'must be a real date')
    .optional(),
});

const fullRegime = z.strictObject({
  id: regimeId,
  name: text,
  authority: text,
  jurisdiction: text,
  trigger: triggerSchema,
  deadline: deadlineSchema,
  noLaterThan: z.strictObject({ trigger: z.enum(TRIGGER_KINDS), deadline: deadlineSchema }).optional(),
  reminderOffsets: z
    .array(duration)
    .min(1)
    .default([...DEFAULT_REMINDER_OFFSETS]),
  overdueEvery: duration.default(DEFAULT_OVERDUE_EVERY),
  appliesWhen: appliesWhenSchema.default({}),
  contents: z.array(text).min(1, 'list what the notice must contain'),
  source: text.default('configured in IC_CONFIG'),
  notes: z.array(text).default([]),
  draft: z.enum(DRAFT_TEMPLATES).default('generic'),
  notRequiredConfirmation: z.boolean().optional(),
});

const regimePatch = z.strictObject({
  name: text.optional(),
  authority: text.optional(),
  trigger: triggerSchema.optional(),
  deadline: deadlineSchema.partial().optional(),
  reminderOffsets: z.array(duration).min(1).optional(),
  overdueEvery: duration.optional(),
  appliesWhen: appliesWhenSchema.optional(),
  contents: z.array(text).min(1).optional(),
  notes: z.array(text).optional(),
  draft: z.enum(DRAFT_TEMPLATES).optional(),
  notRequiredConfirmation: z.boolean().optional(),
});

const calendarSchema = z.strictObject({
  id: regimeId,
  name: text.optional(),
  basedOn: regimeId.optional(),
  holidays: z.array(isoDate).default([]),
  /** Days that are business days here although the base calendar has them as holidays. */
  workingDays: z.array(isoDate).default([]),
  weekendDays: z.array(z.number().int().min(0).max(6)).optional(),
});

/** The zod schema of the `regimes:` section of IC_CONFIG. */
export const regimeOverrideSchema = z.strictObject({
  override: z.record(regimeId, regimePatch).default({}),
  add: z.array(fullRegime).default([]),
  disable: z.array(regimeId).default([]),
  calendars: z.array(calendarSchema).default([]),
});

/** The parsed `regimes:` section. */
export type RegimeOverrides = z.infer<typeof regimeOverrideSchema>;

/** The merged catalog, or every problem found, each naming its path and the fix. */
export type MergeResult = { ok: true; regimes: Regime[]; calendars: CalendarSet } | { ok: false; problems: string[] };

function mergeCalendars(overrides: RegimeOverrides, problems: string[]): Record<string, HolidayCalendar> {
  const calendars: Record<string, HolidayCalendar> = { ...DEFAULT_CALENDARS };
  overrides.calendars.forEach((entry, index) => {
    const where = `regimes.calendars[${index}]`;
    if (calendars[entry.id])
      return void problems.push(`${where}.id: calendar "${entry.id}" already exists; pick another id`);
    const base = entry.basedOn ? calendars[entry.basedOn] : undefined;
    if (entry.basedOn && !base)
      return void problems.push(
        `${where}.basedOn: no calendar "${entry.basedOn}" is defined before this one; use us-federal or an ` +
          `earlier entry`,
      );
    calendars[entry.id] = listedCalendar(
      entry.id,
      entry.name ?? entry.id,
      entry.holidays,
      base,
      entry.weekendDays ?? base?.weekendDays,
      entry.workingDays,
    );
  });
  return calendars;
}

function patched(regime: Regime, patch: RegimeOverrides['override'][string]): Regime {
  const { deadline, ...rest } = patch;
  const defined = Object.fromEntries(
    Object.entries(rest).filter(([, value]) => value !== undefined),
  ) as Partial<Regime>;
  return {
    ...regime,
    ...defined,
    deadline: {
      ...regime.deadline,
      ...Object.fromEntries(Object.entries(deadline ?? {}).filter(([, value]) => value !== undefined)),
    },
  };
}

function checkRegime(regime: Regime, byId: Map<string, Regime>, calendars: CalendarSet, problems: string[]): void {
  const where = `regimes: ${regime.id}`;
  const rules = [regime.deadline, ...(regime.noLaterThan ? [regime.noLaterThan.deadline] : [])];
  for (const rule of rules) {
    if (rule.calendar && !calendars[rule.calendar])
      problems.push(
        `${where}: deadline.calendar "${rule.calendar}" is not defined; add it under regimes.calendars or use ` +
          `us-federal`,
      );
    if (
      ['calendarDays', 'businessDays', 'months', 'daysAfterYearEnd'].includes(rule.unit) &&
      !Number.isInteger(rule.amount)
    )
      problems.push(`${where}: deadline.amount must be a whole number of ${rule.unit}`);
  }
  const seen = new Set([regime.id]);
  for (let trigger = regime.trigger; typeof trigger !== 'string';) {
    const parent = byId.get(trigger.after);
    if (!parent)
      return void problems.push(
        `${where}: trigger.after "${trigger.after}" is not a regime (or is disabled); name an existing regime id`,
      );
    if (seen.has(parent.id))
      return void problems.push(
        `${where}: trigger.after forms a cycle through "${parent.id}"; a chain must end at a confirmed moment`,
      );
    seen.add(parent.id);
    trigger = parent.trigger;
  }
}

/**
 * Applies config to the shipped regimes: overrides (shallow, with `deadline`
 * merged field by field), disables, additions and holiday calendars. Returns
 * every problem at once so that a bad config names all of its mistakes.
 */
export function mergeRegimes(shipped: readonly Regime[], overrides: RegimeOverrides): MergeResult {
  const problems: string[] = [];
  const calendars = mergeCalendars(overrides, problems);
  const byId = new Map(shipped.map((regime) => [regime.id, regime]));
  for (const [id, patch] of Object.entries(overrides.override)) {
    const regime = byId.get(id);
    if (!regime)
      problems.push(`regimes.override.${id}: no shipped regime has this id; add it under regimes.add instead`);
    else byId.set(id, patched(regime, patch));
  }
  for (const id of overrides.disable) {
    if (!byId.delete(id)) problems.push(`regimes.disable: "${id}" is not a regime id`);
  }
  overrides.add.forEach((regime, index) => {
    if (byId.has(regime.id) || shipped.some((known) => known.id === regime.id))
      problems.push(
        `regimes.add[${index}].id: "${regime.id}" already exists; change it under regimes.override instead`,
      );
    else byId.set(regime.id, regime);
  });
  for (const regime of byId.values()) checkRegime(regime, byId, calendars, problems);
  return problems.length ? { ok: false, problems } : { ok: true, regimes: [...byId.values()], calendars };
}

function zoned(rule: DeadlineRule, zone: string): DeadlineRule {
  const counted = (rule.unit !== 'hours' && rule.unit !== 'immediate') || rule.nextWorkingDayNoon === true;
  return counted && !rule.timeOfDay && !rule.timeZone ? { ...rule, timeZone: zone } : rule;
}

/**
 * `regimes` with every day, business-day and month rule that names no zone counted in `zone`, the legal contact's
 * (`contacts.legalTimeZone`): a NIS2 final report notified at 00:30 in Berlin counts its month from the Berlin date,
 * not the previous UTC day. A rule that names its zone (a US state, SEC's New York) keeps it.
 */
export function withLegalTimeZone(regimes: readonly Regime[], zone: string): Regime[] {
  return regimes.map((regime) => ({
    ...regime,
    deadline: zoned(regime.deadline, zone),
    ...(regime.noLaterThan
      ? { noLaterThan: { ...regime.noLaterThan, deadline: zoned(regime.noLaterThan.deadline, zone) } }
      : {}),
  }));
}

/** The DORA reports each relief covers: the final report always, the initial and intermediate ones for all-reports. */
const DORA_RELIEF: Record<'all-reports' | 'final-report', readonly string[]> = {
  'all-reports': ['dora-initial', 'dora-intermediate', 'dora-final'],
  'final-report': ['dora-final'],
};

/**
 * `regimes` with DORA's weekend relief (RTS 2025/301 Art. 5(4)) on the reports it covers for this entity: never
 * assumed, only for an organisation that opted in (`organisation.doraWeekendRelief`). Apply before
 * `withLegalTimeZone`, which gives the relief its zone.
 */
export function withDoraRelief(
  regimes: readonly Regime[],
  relief: 'all-reports' | 'final-report' | undefined,
): Regime[] {
  if (!relief) return [...regimes];
  const covered = new Set(DORA_RELIEF[relief]);
  return regimes.map((regime) =>
    covered.has(regime.id)
      ? {
          ...regime,
          deadline: { ...regime.deadline, nextWorkingDayNoon: true },
          ...(regime.noLaterThan
            ? {
                noLaterThan: {
                  ...regime.noLaterThan,
                  deadline: { ...regime.noLaterThan.deadline, nextWorkingDayNoon: true },
                },
              }
            : {}),
        }
      : regime,
  );
}
