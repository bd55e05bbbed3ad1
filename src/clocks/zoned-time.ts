/**
 * Wall-clock arithmetic in IANA time zones with nothing but `Intl`
 * (the core takes no date library). A `LocalDate` is a calendar date with no
 * zone; `toInstant` turns a local date and time in a zone into a `Date`.
 */

/** A calendar date with no time zone (month 1-12). */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** A wall-clock time of day. */
export interface LocalTime {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** A wall-clock date and time with no time zone. */
export type LocalDateTime = LocalDate & LocalTime;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` is an IANA zone this runtime knows (`Europe/Berlin`, `UTC`). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock date and time of `instant` in `timeZone`. */
export function zonedParts(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const ms = ((instant.getTime() % 1000) + 1000) % 1000;
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    millisecond: ms,
  };
}

/** The local date of `instant` in `timeZone`. */
export function zonedDate(instant: Date, timeZone: string): LocalDate {
  const { year, month, day } = zonedParts(instant, timeZone);
  return { year, month, day };
}

function utcOf(local: LocalDateTime): number {
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second, local.millisecond);
}

/** The zone's offset from UTC at `instant`, in milliseconds (+01:00 gives 3 600 000). */
export function offsetAt(instant: number, timeZone: string): number {
  return utcOf(zonedParts(new Date(instant), timeZone)) - instant;
}

/**
 * The instant at which the wall clock in `timeZone` shows `local`. Like
 * Temporal's "compatible" disambiguation: in a repeated hour (DST ends) the
 * earlier instant; in a skipped hour (DST starts) the time moves forward by
 * the length of the gap (02:30 on a spring-forward night becomes 03:30).
 */
export function toInstant(local: LocalDateTime, timeZone: string): Date {
  const wall = utcOf(local);
  const DAY = 86_400_000;
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  const candidates = [wall - before, wall - after]
    .filter((t) => utcOf(zonedParts(new Date(t), timeZone)) === wall)
    .sort((a, b) => a - b);
  // No candidate: the local time falls in a gap; the pre-transition offset lands after it.
  return new Date(candidates[0] ?? wall - before);
}

/** `date` plus `days` calendar days (negative goes back). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** Days in `month` (1-12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `date` plus `months`, clamped to the month's last day: 2026-01-31 + 1 month = 2026-02-28. */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** Day of the week, 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** `YYYY-MM-DD`. */
export function isoDate(date: LocalDate): string {
  return (
    `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-` +
    `${String(date.day).padStart(2, '0')}`
  );
}

/** Parses `YYYY-MM-DD` into a real calendar date, or undefined (2026-02-30 is not one). */
export function parseIsoDate(text: string): LocalDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const valid = date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= daysInMonth(date.year, date.month);
  return valid ? date : undefined;
}
