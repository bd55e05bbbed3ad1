import { addDays, dayOfWeek, daysInMonth, isoDate, type LocalDate } from './zoned-time.ts';

/**
 * Holiday calendars for business-day deadlines (SEC 8-K: "business days
 * exclude weekends and federal holidays", regulatory.md section 4). The US
 * federal calendar is computed by rule for any year, so it never runs out.
 */

/** A named set of non-business days. */
export interface HolidayCalendar {
  /** The id regimes refer to (`us-federal`, or one from config). */
  id: string;
  /** What to call it in a draft or an error. */
  name: string;
  /** Days of the week that are never business days (0 = Sunday ... 6 = Saturday). */
  weekendDays: readonly number[];
  /** True when `date` is a holiday (the observed date, for rules with one). */
  isHoliday(date: LocalDate): boolean;
}

/** Holiday calendars by id. */
export type CalendarSet = Readonly<Record<string, HolidayCalendar>>;

/** A holiday on its observed date. */
export interface Holiday {
  /** The observed date, `YYYY-MM-DD`. */
  date: string;
  name: string;
}

/** Saturday and Sunday. */
export const SATURDAY_SUNDAY: readonly number[] = [6, 0];

/** The `nth` (1-based) `weekday` of a month, or the last one when `nth` is -1. */
export function nthWeekday(year: number, month: number, weekday: number, nth: number): LocalDate {
  if (nth < 0) {
    const end: LocalDate = { year, month, day: daysInMonth(year, month) };
    return addDays(end, -((dayOfWeek(end) - weekday + 7) % 7));
  }
  const first: LocalDate = { year, month, day: 1 };
  return addDays(first, ((weekday - dayOfWeek(first) + 7) % 7) + (nth - 1) * 7);
}

/** 5 U.S.C. 6103(b) / OPM: a Saturday holiday is observed on Friday, a Sunday one on Monday. */
function observed(date: LocalDate): LocalDate {
  const weekday = dayOfWeek(date);
  return weekday === 6 ? addDays(date, -1) : weekday === 0 ? addDays(date, 1) : date;
}

function federalRules(year: number): Array<[string, LocalDate]> {
  const fixed = (month: number, day: number): LocalDate => observed({ year, month, day });
  const rules: Array<[string, LocalDate]> = [
    ["New Year's Day", fixed(1, 1)],
    ['Birthday of Martin Luther King, Jr.', nthWeekday(year, 1, 1, 3)],
    ["Washington's Birthday", nthWeekday(year, 2, 1, 3)],
    ['Memorial Day', nthWeekday(year, 5, 1, -1)],
    ['Independence Day', fixed(7, 4)],
    ['Labor Day', nthWeekday(year, 9, 1, 1)],
    ['Columbus Day', nthWeekday(year, 10, 1, 2)],
    ['Veterans Day', fixed(11, 11)],
    ['Thanksgiving Day', nthWeekday(year, 11, 4, 4)],
    ['Christmas Day', fixed(12, 25)],
  ];
  // Juneteenth National Independence Day became a federal holiday in 2021.
  if (year >= 2021) rules.push(['Juneteenth National Independence Day', fixed(6, 19)]);
  return rules;
}

/**
 * The US federal holidays observed in `year`, sorted. New Year's Day of the
 * next year lands here when it falls on a Saturday (observed on 31 December),
 * and this year's does not when it was observed the year before.
 */
export function usFederalHolidays(year: number): Holiday[] {
  return [...federalRules(year), ...federalRules(year + 1)]
    .filter(([, date]) => date.year === year)
    .map(([name, date]) => ({
      date: isoDate(date),
      name: FIXED_NAMES.has(name) && !isActualDate(name, date) ? `${name} (observed)` : name,
    }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

const FIXED_DAYS: Record<string, [number, number]> = {
  "New Year's Day": [1, 1],
  'Juneteenth National Independence Day': [6, 19],
  'Independence Day': [7, 4],
  'Veterans Day': [11, 11],
  'Christmas Day': [12, 25],
};
const FIXED_NAMES = new Set(Object.keys(FIXED_DAYS));

function isActualDate(name: string, date: LocalDate): boolean {
  const [month, day] = FIXED_DAYS[name] ?? [0, 0];
  return date.month === month && date.day === day;
}

const federalCache = new Map<number, Set<string>>();

/** The US federal calendar: weekends and the federal holidays on their observed dates. */
export const US_FEDERAL_CALENDAR: HolidayCalendar = {
  id: 'us-federal',
  name: 'US federal holidays',
  weekendDays: SATURDAY_SUNDAY,
  isHoliday(date) {
    let dates = federalCache.get(date.year);
    if (!dates) {
      dates = new Set(usFederalHolidays(date.year).map((holiday) => holiday.date));
      federalCache.set(date.year, dates);
    }
    return dates.has(isoDate(date));
  },
};

/** A calendar from config: listed dates, optionally on top of another calendar's holidays. */
export function listedCalendar(
  id: string,
  name: string,
  dates: readonly string[],
  basedOn?: HolidayCalendar,
  weekendDays: readonly number[] = SATURDAY_SUNDAY,
): HolidayCalendar {
  const listed = new Set(dates);
  return {
    id,
    name,
    weekendDays,
    isHoliday: (date) => listed.has(isoDate(date)) || (basedOn?.isHoliday(date) ?? false),
  };
}

/** The calendars shipped with the bot. */
export const DEFAULT_CALENDARS: CalendarSet = { 'us-federal': US_FEDERAL_CALENDAR };

/** True when `date` is neither a weekend day nor a holiday of `calendar` (weekends only when no calendar). */
export function isBusinessDay(date: LocalDate, calendar?: HolidayCalendar): boolean {
  const weekend = calendar?.weekendDays ?? SATURDAY_SUNDAY;
  return !weekend.includes(dayOfWeek(date)) && !(calendar?.isHoliday(date) ?? false);
}
