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

/**
 * A calendar from config: listed dates, optionally on top of another calendar's holidays. `workingDays` removes
 * days: a holiday of the base calendar listed there is a business day here (a state that does not close on a
 * federal holiday).
 */
export function listedCalendar(
  id: string,
  name: string,
  dates: readonly string[],
  basedOn?: HolidayCalendar,
  weekendDays: readonly number[] = SATURDAY_SUNDAY,
  workingDays: readonly string[] = [],
): HolidayCalendar {
  const listed = new Set(dates);
  const working = new Set(workingDays);
  return {
    id,
    name,
    weekendDays,
    isHoliday: (date) => {
      const day = isoDate(date);
      return listed.has(day) || (!working.has(day) && (basedOn?.isHoliday(date) ?? false));
    },
  };
}

/** A calendar computed by rule for any year, cached per year. */
function ruledCalendar(id: string, name: string, holidays: (year: number) => LocalDate[]): HolidayCalendar {
  const cache = new Map<number, Set<string>>();
  return {
    id,
    name,
    weekendDays: SATURDAY_SUNDAY,
    isHoliday(date) {
      let dates = cache.get(date.year);
      if (!dates) {
        dates = new Set(holidays(date.year).map(isoDate));
        cache.set(date.year, dates);
      }
      return dates.has(isoDate(date));
    },
  };
}

/** A Sunday holiday moves to Monday; a Saturday one stays (the earlier deadline where a statute is silent). */
function sundayToMonday(date: LocalDate): LocalDate {
  return dayOfWeek(date) === 0 ? addDays(date, 1) : date;
}

/**
 * Vermont's legal holidays, 1 V.S.A. 371 (regulatory.md addendum: Town Meeting Day is one, Juneteenth is not), for
 * the Attorney General's preliminary notice. A Sunday holiday is kept on the Monday; a Saturday one is not moved,
 * which gives the earlier deadline.
 */
export const US_VT_CALENDAR: HolidayCalendar = ruledCalendar('us-vt', 'Vermont legal holidays', (year) => [
  sundayToMonday({ year, month: 1, day: 1 }),
  nthWeekday(year, 1, 1, 3), // Martin Luther King, Jr. Day
  nthWeekday(year, 2, 1, 3), // Presidents' Day
  nthWeekday(year, 3, 2, 1), // Town Meeting Day, the first Tuesday in March
  nthWeekday(year, 5, 1, -1), // Memorial Day
  sundayToMonday({ year, month: 7, day: 4 }),
  sundayToMonday({ year, month: 8, day: 16 }), // Bennington Battle Day
  nthWeekday(year, 9, 1, 1), // Labor Day
  nthWeekday(year, 10, 1, 2), // Columbus Day (Indigenous Peoples' Day)
  sundayToMonday({ year, month: 11, day: 11 }),
  nthWeekday(year, 11, 4, 4), // Thanksgiving
  sundayToMonday({ year, month: 12, day: 25 }),
]);

/** Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

/**
 * Brazil's national holidays (Lei 662/1949 as amended; Lei 14.759/2023 adds 20 November from 2024) and Good Friday,
 * for ANPD's business days (Resolution CD/ANPD 15/2024). Carnival and Corpus Christi are optional days
 * ("ponto facultativo"), not holidays: they count, which gives the earlier deadline.
 */
export const BR_NATIONAL_CALENDAR: HolidayCalendar = ruledCalendar(
  'br-national',
  'Brazil national holidays',
  (year) => {
    const fixed = (month: number, day: number): LocalDate => ({ year, month, day });
    const days = [
      fixed(1, 1),
      addDays(easterSunday(year), -2), // Paixão de Cristo (Good Friday)
      fixed(4, 21),
      fixed(5, 1),
      fixed(9, 7),
      fixed(10, 12),
      fixed(11, 2),
      fixed(11, 15),
      fixed(12, 25),
    ];
    return year >= 2024 ? [...days, fixed(11, 20)] : days;
  },
);

/**
 * EDGAR's non-filing days: the federal holidays and the days federal offices closed by executive order (24 and 26
 * December 2025, regulatory.md addendum). A later closure goes in config as a calendar based on this one.
 */
export const US_SEC_EDGAR_CALENDAR: HolidayCalendar = listedCalendar(
  'us-sec-edgar',
  'SEC EDGAR non-filing days',
  ['2025-12-24', '2025-12-26'],
  US_FEDERAL_CALENDAR,
);

/** The calendars shipped with the bot. */
export const DEFAULT_CALENDARS: CalendarSet = {
  'us-federal': US_FEDERAL_CALENDAR,
  'us-sec-edgar': US_SEC_EDGAR_CALENDAR,
  'us-vt': US_VT_CALENDAR,
  'br-national': BR_NATIONAL_CALENDAR,
};

/** True when `date` is neither a weekend day nor a holiday of `calendar` (weekends only when no calendar). */
export function isBusinessDay(date: LocalDate, calendar?: HolidayCalendar): boolean {
  const weekend = calendar?.weekendDays ?? SATURDAY_SUNDAY;
  return !weekend.includes(dayOfWeek(date)) && !(calendar?.isHoliday(date) ?? false);
}
