/**
 * Signed ISO-8601 durations for reminder offsets, relative to a deadline:
 * `-PT48H` is 48 hours before it, `PT0S` the deadline itself, `PT6H` six hours
 * after. Only exact units are accepted (weeks, days as 24 h, hours, minutes,
 * seconds): a reminder offset is elapsed time, never "a month before".
 */

const PATTERN = /^([+-])?P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?!$)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Milliseconds of a signed ISO-8601 duration (`-PT1H` gives -3 600 000), or undefined when it is not one. */
export function parseIsoDuration(text: string): number | undefined {
  const match = PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [, sign, weeks, days, hours, minutes, seconds] = match;
  const ms =
    Number(weeks ?? 0) * 7 * DAY +
    Number(days ?? 0) * DAY +
    Number(hours ?? 0) * HOUR +
    Number(minutes ?? 0) * MINUTE +
    Math.round(Number(seconds ?? 0) * SECOND);
  return sign === '-' && ms !== 0 ? -ms : ms;
}

/** True when `text` is an offset `parseIsoDuration` accepts. */
export function isIsoDuration(text: string): boolean {
  return parseIsoDuration(text) !== undefined;
}

/**
 * The canonical spelling of an offset, in hours, minutes and seconds:
 * -172 800 000 gives `-PT48H`, 0 gives `PT0S`. Two spellings of one offset
 * (`-P2D`, `-PT48H`) share one canonical form, so a claim key never doubles.
 */
export function formatIsoDuration(ms: number): string {
  if (ms === 0) return 'PT0S';
  const abs = Math.abs(ms);
  const hours = Math.floor(abs / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  const seconds = (abs % MINUTE) / SECOND;
  const body = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
  return `${ms < 0 ? '-' : ''}PT${body}`;
}

/** Human words for a span: `2d 3h`, `47h 59m` below two days, `5m`, `under a minute`. */
export function describeSpan(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return 'under a minute';
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  if (abs >= 2 * DAY) return hours ? `${days}d ${hours}h` : `${days}d`;
  const totalHours = Math.floor(abs / HOUR);
  if (totalHours > 0) return minutes ? `${totalHours}h ${minutes}m` : `${totalHours}h`;
  return `${minutes}m`;
}
