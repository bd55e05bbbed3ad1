import { DEFAULT_CALENDARS, isBusinessDay, type CalendarSet, type HolidayCalendar } from './holidays.ts';
import { DEADLINE_LABEL, type DeadlineRule, type Regime, type TriggerKind, type TriggerTimes } from './regime.types.ts';
import {
  addDays,
  addMonths,
  isoDate,
  toInstant,
  zonedDate,
  zonedParts,
  type LocalDate,
  type LocalDateTime,
} from './zoned-time.ts';

/**
 * Deadline arithmetic, decided once here (all of it "computed, not legal advice"):
 *
 * - `hours`: elapsed time. 72 h are 72 real hours, across weekends, holidays
 *   and DST changes (GDPR summaries: wall-clock hours incl. weekends).
 * - `calendarDays`: the start's local DATE in the rule's zone (the legal
 *   contact's zone unless the rule names one: a US state's own zone, the
 *   earliest where a state spans several) plus N days, at the start's local wall-clock time (or `timeOfDay`).
 *   Not start + N x 24 h, which drifts by an hour across a DST change.
 * - `months`: the same with months, clamped to the month's end
 *   (2026-01-31 + 1 month = 2026-02-28).
 * - `businessDays`: the start day never counts; day 1 is the next business
 *   day (not a weekend day, not a holiday of the calendar). The deadline is at
 *   `timeOfDay` on the Nth business day, else at the start's wall-clock time.
 *   SEC 8-K uses 17:30 America/New_York: filings are due by 5:30 pm ET.
 * - `daysAfterYearEnd`: N days after 31 December of the start's year, in the
 *   rule's zone (HIPAA's annual log of breaches under 500: 60 days after).
 * - `immediate`: the start itself.
 * - `withoutUndueDelay`: no fixed deadline; the start anchors the reminder
 *   cadence (`startClock` marks the clock `noFixedDeadline`).
 * - `nextWorkingDayNoon` (DORA Art. 5(4), opt-in per entity): a deadline on a
 *   weekend day or holiday moves to 12:00 on the next working day.
 * - `fromStatedDate` (SEC 8-K): the business days also count from the date
 *   as the person recorded it, in the offset they typed; where that date is
 *   not the rule zone's date (a determination at 22:00 in California is the
 *   next day in New York), the earlier deadline wins.
 *
 * A wall-clock time that does not exist on the target day (DST gap) moves
 * forward by the gap; a repeated one takes the earlier instant.
 */

const HOUR = 3_600_000;

/** A deadline with how it was computed; `label` is always "computed, not legal advice". */
export interface ComputedDeadline {
  /** The deadline instant. */
  at: Date;
  /** The start the winning rule counted from. */
  startedAt: Date;
  /** Which trigger that start was (or `after <regime>` for a chained clock). */
  startedFrom: string;
  /** The rule in words, e.g. `72 hours from awareness`. */
  basis: string;
  label: typeof DEADLINE_LABEL;
}

/** The zone whose dates a day or month rule counts. */
export function ruleTimeZone(rule: DeadlineRule): string {
  return rule.timeOfDay?.timeZone ?? rule.timeZone ?? 'UTC';
}

function calendarFor(rule: DeadlineRule, calendars: CalendarSet): HolidayCalendar | undefined {
  if (!rule.calendar) return undefined;
  const calendar = calendars[rule.calendar];
  // mergeRegimes rejects unknown calendar ids at start-up, so reaching this is a wiring bug.
  if (!calendar)
    throw new Error(`unknown holiday calendar "${rule.calendar}"; define it under regimes.calendars in IC_CONFIG`);
  return calendar;
}

/** The Nth business day after `date` (the start day itself never counts). */
export function addBusinessDays(date: LocalDate, amount: number, calendar?: HolidayCalendar): LocalDate {
  let current = date;
  let counted = 0;
  // A calendar with no business day at all would loop forever; ten years of holidays is plenty.
  for (let guard = 0; counted < amount; guard += 1) {
    if (guard > amount + 3660) throw new Error(`calendar "${calendar?.id ?? 'weekends'}" has no business days`);
    current = addDays(current, 1);
    if (isBusinessDay(current, calendar)) counted += 1;
  }
  return current;
}

function atTimeOf(date: LocalDate, startLocal: LocalDateTime, rule: DeadlineRule, zone: string): Date {
  const time = rule.timeOfDay
    ? { hour: rule.timeOfDay.hour, minute: rule.timeOfDay.minute, second: 0, millisecond: 0 }
    : startLocal;
  return toInstant(
    {
      year: date.year,
      month: date.month,
      day: date.day,
      hour: time.hour,
      minute: time.minute,
      second: time.second,
      millisecond: time.millisecond,
    },
    zone,
  );
}

/**
 * Applies one deadline rule to a start instant (see the module comment for the semantics of each unit). `fromDate`
 * counts the days from that date instead of the start's date in the rule's zone.
 */
export function applyDeadlineRule(
  rule: DeadlineRule,
  start: Date,
  calendars: CalendarSet = DEFAULT_CALENDARS,
  fromDate?: LocalDate,
): Date {
  const at = unreliefed(rule, start, calendars, fromDate);
  return rule.nextWorkingDayNoon ? workingDayNoon(at, rule, calendars) : at;
}

/**
 * DORA's relief (RTS 2025/301 Art. 5(4)): a deadline on a weekend day or a holiday, in the rule's zone, may be met by
 * 12:00 on the next working day. A deadline on a working day stands, even after 12:00.
 */
function workingDayNoon(at: Date, rule: DeadlineRule, calendars: CalendarSet): Date {
  const zone = ruleTimeZone(rule);
  const calendar = calendarFor(rule, calendars);
  const date = zonedDate(at, zone);
  if (isBusinessDay(date, calendar)) return at;
  const next = addBusinessDays(date, 1, calendar);
  return toInstant({ ...next, hour: 12, minute: 0, second: 0, millisecond: 0 }, zone);
}

function unreliefed(rule: DeadlineRule, start: Date, calendars: CalendarSet, fromDate?: LocalDate): Date {
  if (rule.unit === 'immediate' || rule.unit === 'withoutUndueDelay') return new Date(start.getTime());
  if (rule.unit === 'hours') return new Date(start.getTime() + rule.amount * HOUR);
  const zone = ruleTimeZone(rule);
  const local = zonedParts(start, zone);
  const date: LocalDate = fromDate ?? { year: local.year, month: local.month, day: local.day };
  const target =
    rule.unit === 'calendarDays'
      ? addDays(date, rule.amount)
      : rule.unit === 'daysAfterYearEnd'
        ? addDays({ year: date.year, month: 12, day: 31 }, rule.amount)
        : rule.unit === 'months'
          ? addMonths(date, rule.amount)
          : addBusinessDays(date, rule.amount, calendarFor(rule, calendars));
  return atTimeOf(target, local, rule, zone);
}

/**
 * The deadline of `regime` for a clock started at `start`, by its main rule only (see `deadlineFor` for DORA's second
 * bound).
 */
export function computeDeadline(regime: Regime, start: Date, calendars: CalendarSet = DEFAULT_CALENDARS): Date {
  return applyDeadlineRule(regime.deadline, start, calendars);
}

const UNIT_WORDS: Record<DeadlineRule['unit'], string> = {
  hours: 'hours',
  calendarDays: 'calendar days',
  businessDays: 'business days',
  months: 'months',
  daysAfterYearEnd: 'days after the end of the calendar year',
  immediate: '',
  withoutUndueDelay: '',
};

/** A rule in words: `72 hours`, `4 business days (us-federal), at 17:30 America/New_York`, `immediately`. */
export function describeRule(rule: DeadlineRule): string {
  if (rule.unit === 'immediate') return 'immediately';
  if (rule.unit === 'withoutUndueDelay') return 'no fixed deadline: without undue delay';
  const amount =
    rule.amount === 1 ? `1 ${UNIT_WORDS[rule.unit].replace(/s$/, '')}` : `${rule.amount} ${UNIT_WORDS[rule.unit]}`;
  const calendar = rule.unit === 'businessDays' ? ` (${rule.calendar ?? 'weekends only'})` : '';
  const time = rule.timeOfDay
    ? `, at ${String(rule.timeOfDay.hour).padStart(2, '0')}:${String(rule.timeOfDay.minute).padStart(2, '0')} ` +
      `${rule.timeOfDay.timeZone}`
    : '';
  const zone = !rule.timeOfDay && rule.unit !== 'hours' ? ` (dates in ${ruleTimeZone(rule)})` : '';
  const relief = rule.nextWorkingDayNoon
    ? `, or 12:00 ${ruleTimeZone(rule)} on the next working day${rule.calendar ? ` (${rule.calendar})` : ''} when it ` +
      'falls on a weekend or holiday'
    : '';
  return `${amount}${calendar}${time}${zone}${relief}`;
}

/**
 * Confirmed start moments, plus the notice time of the parent regime for a chained clock. `statedOffsetMinutes`: the
 * UTC offset each confirmed time was typed with (`-08:00` is -480), for `fromStatedDate` rules.
 */
export type StartTimes = TriggerTimes & {
  parentNotifiedAt?: Date;
  statedOffsetMinutes?: Partial<Record<TriggerKind, number>>;
};

type Candidate = Omit<ComputedDeadline, 'label'>;

/** `-08:00` for -480. */
function offsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function candidate(
  rule: DeadlineRule,
  at: Date | undefined,
  from: string,
  calendars: CalendarSet,
  statedOffsetMinutes?: number,
): Candidate | undefined {
  if (!at) return undefined;
  const plain = { at: applyDeadlineRule(rule, at, calendars), startedAt: at, startedFrom: from };
  const basis = `${describeRule(rule)} from ${from}`;
  if (!rule.fromStatedDate || statedOffsetMinutes === undefined) return { ...plain, basis };
  const stated = zonedDate(new Date(at.getTime() + statedOffsetMinutes * 60_000), 'UTC');
  const zoned = zonedDate(at, ruleTimeZone(rule));
  const fromStated = applyDeadlineRule(rule, at, calendars, stated);
  if (fromStated.getTime() >= plain.at.getTime()) return { ...plain, basis };
  return {
    ...plain,
    at: fromStated,
    basis:
      `${basis}, counted from ${isoDate(stated)} as recorded (UTC${offsetText(statedOffsetMinutes)}), earlier than ` +
      `from ${isoDate(zoned)} in ${ruleTimeZone(rule)}`,
  };
}

function mainCandidate(regime: Regime, starts: StartTimes, calendars: CalendarSet): Candidate | undefined {
  if (typeof regime.trigger === 'string')
    return candidate(
      regime.deadline,
      starts[regime.trigger],
      regime.trigger,
      calendars,
      starts.statedOffsetMinutes?.[regime.trigger],
    );
  return candidate(regime.deadline, starts.parentNotifiedAt, `${regime.trigger.after} notified`, calendars);
}

/**
 * The deadline of `regime` from whatever starts are confirmed, or undefined
 * when none of its triggers is. With a `noLaterThan` bound (DORA initial:
 * 4 h from classification, no later than 24 h from awareness) the earlier
 * deadline wins when both starts are known, except when the main trigger
 * happened after the bound had already expired (classified major after 24 h):
 * then the main rule alone applies (RTS 2025/301 Art. 5, regulatory.md section 3).
 * With only one of the two triggers known, the clock runs on it; the clock
 * keeps its confirmed triggers, and the other one, recorded later in either
 * order (`clock start dora-initial --at`, or `breach`), recomputes it
 * (`recomputedWith` in clocks.ts).
 */
export function deadlineFor(
  regime: Regime,
  starts: StartTimes,
  calendars: CalendarSet = DEFAULT_CALENDARS,
): ComputedDeadline | undefined {
  const main = mainCandidate(regime, starts, calendars);
  const bound =
    regime.noLaterThan &&
    candidate(regime.noLaterThan.deadline, starts[regime.noLaterThan.trigger], regime.noLaterThan.trigger, calendars);
  let chosen = main ?? bound;
  if (main && bound && bound.at < main.at && bound.at >= main.startedAt) {
    chosen = { ...bound, basis: `${bound.basis} (earlier than ${main.basis})` };
  }
  return chosen && { ...chosen, label: DEADLINE_LABEL };
}
