import type { Result } from '../domain/errors.ts';
import type { Command } from './command.types.ts';
import type { FlagSpec, SubcommandSpec } from './grammar.types.ts';

const bad = (message: string): Result<Command, string> => ({ ok: false, error: message });
/** ISO-8601 with its zone: the only form a confirmed time is accepted in (platform date pickers drop the zone). */
export const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const REGIME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const JURISDICTION = /^[A-Za-z]{2}(-[A-Za-z]{2})?$/;

/** The fields of a time that matched {@link ISO_WITH_ZONE}. */
const ISO_FIELDS = new RegExp(
  String.raw`^(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2})T(?<h>\d{2}):(?<mi>\d{2})(?::(?<s>\d{2}))?` +
    String.raw`.*?(?:Z|[+-](?<oh>\d{2}):(?<om>\d{2}))$`,
);

/** A confirmed time before this is a typo (no incident this bot runs began before 2000). */
const EARLIEST_YEAR = 2000;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A time a person confirmed: ISO-8601 with its zone, a real calendar date, never guessed or rolled over. */
export function parseConfirmedTime(input: string): Date | undefined {
  return timeProblem(input) === undefined ? new Date(input) : undefined;
}

/**
 * Why `input` is not a confirmed time, or undefined when it is one. `Date` rolls impossible dates over (2026-02-30
 * becomes 2 March): each field is checked against the calendar first.
 */
export function timeProblem(input: string): string | undefined {
  const fields = ISO_WITH_ZONE.test(input) ? ISO_FIELDS.exec(input)?.groups : undefined;
  if (!fields) return TIME_HINT;
  const [year, month, day, hour, minute, second] = ['y', 'mo', 'd', 'h', 'mi', 's'].map((name) =>
    Number(fields[name] ?? 0),
  ) as [number, number, number, number, number, number];
  if (year < EARLIEST_YEAR) return `the year ${year} is before ${EARLIEST_YEAR}: check the date`;
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) return `${MONTHS[month - 1] ?? ''} ${year} has no day ${day} (it has ${days})`;
  if (hour > 23 || minute > 59 || second > 59) return 'the time of day is out of range (00:00 to 23:59:59)';
  if (fields.oh && (Number(fields.oh) > 14 || Number(fields.om) > 59))
    return `the zone offset ${input.slice(-6)} is out of range`;
  return Number.isNaN(new Date(input).getTime()) ? TIME_HINT : undefined;
}

/** The UTC offset a confirmed time was written with, in minutes (`Z` is 0, `-08:00` is -480). */
export function statedOffset(input: string): number {
  const match = /([+-])(\d{2}):(\d{2})$/.exec(input);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

const TIME_HINT = 'give the time with its zone, e.g. 2026-11-20T09:15:00Z or 2026-11-25T15:00:00-05:00';

function count(value: string | true | undefined, name: string): number | undefined | string {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{1,12}$/.test(value))
    return `--${name} takes a whole number (approximate is fine).`;
  return Number(value);
}

function list(value: string | true | undefined): string[] {
  return typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : [];
}

/** The kinds of data `breach --data` takes. */
export const DATA_KINDS = ['personal', 'health', 'card', 'credentials'] as const;

/** `--subjects 12000` or `--subjects EU:12000,US-CA:4200`: the total, or the counts per jurisdiction. */
function subjectCounts(
  value: string | true | undefined,
): { subjects?: number; subjectsIn?: Record<string, number> } | string {
  if (value === undefined || (typeof value === 'string' && /^\d+$/.test(value))) {
    const total = count(value, 'subjects');
    return typeof total === 'string' ? total : total === undefined ? {} : { subjects: total };
  }
  const subjectsIn: Record<string, number> = {};
  for (const item of list(value)) {
    const match = /^([A-Za-z]{2}(?:-[A-Za-z]{2})?):(\d{1,12})$/.exec(item);
    if (!match?.[1] || !match[2])
      return (
        `--subjects "${item}": give a whole number (12000) or counts per jurisdiction ` +
        '(EU:12000,US-CA:4200,US-TX:300).'
      );
    const code = match[1].toUpperCase();
    subjectsIn[code] = (subjectsIn[code] ?? 0) + Number(match[2]);
  }
  const subjects = Object.values(subjectsIn).reduce((sum, n) => sum + n, 0);
  return { subjects, subjectsIn };
}

/** `breach --correct-aware-at <time> --reason <text>`: the words after the reason are part of it. */
function correction(flags: Record<string, string | true>, args: readonly string[]): Result<Command, string> {
  const time = String(flags['correct-aware-at']);
  const problem = timeProblem(time);
  if (problem) return bad(`--correct-aware-at "${time}" is not a time: ${problem}.`);
  const reason = [typeof flags.reason === 'string' ? flags.reason : '', ...args].join(' ').trim();
  if (!reason) return bad('--reason is required: why the awareness time was wrong goes on the record.');
  const others = Object.keys(flags).filter((name) => name !== 'correct-aware-at' && name !== 'reason');
  if (others.length)
    return bad(`A correction takes only --correct-aware-at and --reason, not --${others.join(', --')}.`);
  return { ok: true, value: { name: 'correct-awareness', awareAt: new Date(time), reason } };
}

export const breachSpec: SubcommandSpec = {
  name: 'breach',
  usage:
    '/ir breach --aware-at <time> --jurisdictions EU,US-CA [--subjects N|EU:N,US-CA:N] [--records N] ' +
    '[--data personal,health,card,credentials] [--categories a,b] [--controller|--processor] [--high-risk]\n' +
    '/ir breach --correct-aware-at <time> --reason <text>',
  summary: 'Record the personal-data breach assessment and start the notification clocks that apply.',
  flags: [
    ...['aware-at', 'subjects', 'records', 'categories', 'jurisdictions', 'data', 'correct-aware-at', 'reason'].map(
      (name): FlagSpec => ({
        name,
        kind: 'string',
      }),
    ),
    ...['controller', 'processor', 'high-risk'].map((name): FlagSpec => ({ name, kind: 'boolean' })),
  ],
  build({ args, flags }) {
    if (flags['correct-aware-at'] !== undefined) return correction(flags, args);
    if (args.length) return bad(`Unexpected words: ${args.join(' ')}. Every value goes with its option.`);
    if (flags['aware-at'] === undefined)
      return bad(
        `--aware-at is required: when the organisation became aware of the breach (${TIME_HINT}). It is never assumed.`,
      );
    const awareProblem = timeProblem(String(flags['aware-at']));
    if (awareProblem) return bad(`--aware-at "${String(flags['aware-at'])}" is not a time: ${awareProblem}.`);
    const awareAt = new Date(String(flags['aware-at']));
    const jurisdictions = list(flags.jurisdictions);
    if (jurisdictions.length === 0)
      return bad('--jurisdictions is required: where the affected people live, e.g. EU,UK,US-CA.');
    const wrong = jurisdictions.filter((code) => !JURISDICTION.test(code));
    if (wrong.length)
      return bad(`${wrong.join(', ')}: write jurisdictions as EU, UK, a country code (DE) or a US state (US-CA).`);
    if (flags.controller && flags.processor) return bad('Give --controller or --processor, not both.');
    const counts = subjectCounts(flags.subjects);
    const records = count(flags.records, 'records');
    if (typeof counts === 'string') return bad(counts);
    if (typeof records === 'string') return bad(records);
    const named = new Set(jurisdictions.map((code) => code.toUpperCase()));
    const uncounted = Object.keys(counts.subjectsIn ?? {}).filter((code) => !named.has(code));
    if (uncounted.length)
      return bad(`--subjects counts ${uncounted.join(', ')}, which --jurisdictions does not name: add it there.`);
    const data = list(flags.data).map((kind) => kind.toLowerCase());
    const unknownData = data.filter((kind) => !(DATA_KINDS as readonly string[]).includes(kind));
    if (flags.data !== undefined && (data.length === 0 || unknownData.length))
      return bad(`--data ${unknownData.join(', ') || '(empty)'}: the kinds are ${DATA_KINDS.join(', ')}.`);
    return {
      ok: true,
      value: {
        name: 'breach',
        awareAt,
        jurisdictions: jurisdictions.map((code) => code.toUpperCase()),
        categories: list(flags.categories),
        role: flags.processor ? 'processor' : 'controller',
        highRisk: flags['high-risk'] === true,
        ...counts,
        ...(data.length ? { data: [...new Set(data)] } : {}),
        ...(records !== undefined ? { records } : {}),
      },
    };
  },
};

export const clockSpec: SubcommandSpec = {
  name: 'clock',
  usage: '/ir clock start <regime> --at <time>',
  summary: 'Start one notification clock by hand (SEC materiality, DORA classification, a US state).',
  flags: [{ name: 'at', kind: 'string' }],
  build({ args, flags }) {
    if (args[0] !== 'start' || args.length !== 2) return bad('Use /ir clock start <regime> --at <time>.');
    const regime = (args[1] ?? '').toLowerCase();
    if (!REGIME.test(regime)) return bad(`"${args[1] ?? ''}" is not a regime id, e.g. sec-8k, dora-initial, us-ca.`);
    if (flags.at === undefined) return bad(`--at is required: the moment the clock runs from (${TIME_HINT}).`);
    const problem = timeProblem(String(flags.at));
    if (problem) return bad(`--at "${String(flags.at)}" is not a time: ${problem}.`);
    const at = new Date(String(flags.at));
    return {
      ok: true,
      value: { name: 'clock-start', regime, at, statedOffsetMinutes: statedOffset(String(flags.at)) },
    };
  },
};

export const notRequiredSpec: SubcommandSpec = {
  name: 'not-required',
  usage: '/ir not-required <regime> --reason <text>\n/ir not-required <regime> --confirm',
  summary:
    'Record that a notice is not required, with the reasons (GDPR Art. 33(5)); a second person (commander or legal) ' +
    'confirms it, and then the clock stops as not required.',
  flags: [
    { name: 'reason', kind: 'string' },
    { name: 'confirm', kind: 'boolean' },
  ],
  build({ args, flags }) {
    const [regime = '', ...words] = args;
    if (!REGIME.test(regime.toLowerCase())) return bad('Give the regime first, e.g. gdpr-art33.');
    const reason = [typeof flags.reason === 'string' ? flags.reason : '', ...words].join(' ').trim();
    if (flags.confirm) {
      if (reason) return bad('--confirm takes no reason: the reasons are the decision being confirmed.');
      return { ok: true, value: { name: 'not-required', regime: regime.toLowerCase(), confirm: true } };
    }
    if (!reason)
      return bad(
        '--reason is required: why the notice is not required (facts, effects, remedial action) goes on the record.',
      );
    return { ok: true, value: { name: 'not-required', regime: regime.toLowerCase(), reason, confirm: false } };
  },
};

/** `--at <time>` (or `--at=<time>`) anywhere in a free-text line, as a whole word. */
const AT_OPTION = /(?:^|\s)--at(?=[=\s]|$)(?:=|\s+)?(\S*)/;

export const notifiedSpec: SubcommandSpec = {
  name: 'notified',
  usage: '/ir notified <regime> <reference> [--at <time>]',
  summary:
    "Record that the authority was notified (--at: when it was really sent), with its reference: the regime's clock " +
    'stops; a second notice for the same regime is recorded as an update.',
  flags: [],
  freeText: true,
  build({ rest }) {
    const option = AT_OPTION.exec(rest);
    const line = option ? `${rest.slice(0, option.index)} ${rest.slice(option.index + option[0].length)}`.trim() : rest;
    const [regime = '', ...words] = line.split(/\s+/);
    if (!REGIME.test(regime.toLowerCase())) return bad('Give the regime first, e.g. gdpr-art33.');
    const reference = line.slice(regime.length).trim();
    if (!words.length || !reference)
      return bad("Give the authority's reference or filing number: it goes on the record.");
    if (option && !option[1]) return bad(`--at needs the time the notice was sent (${TIME_HINT}).`);
    const problem = option?.[1] ? timeProblem(option[1]) : undefined;
    if (problem) return bad(`--at "${option?.[1] ?? ''}" is not a time: ${problem}.`);
    const at = option?.[1] ? { at: new Date(option[1]) } : {};
    return { ok: true, value: { name: 'notified', regime: regime.toLowerCase(), reference, ...at } };
  },
};

export const draftSpec: SubcommandSpec = {
  name: 'draft',
  usage: '/ir draft regulator [regime]\n/ir draft support\n/ir draft customers\n/ir draft register',
  summary:
    'Draft the regulator notice, the Microsoft Support escalation, the data-subject communication, or the breach ' +
    'register entry (GDPR Art. 33(5)).',
  flags: [],
  build({ args }) {
    const [kind = '', regime, ...extra] = args;
    if (extra.length) return bad('Too many words.');
    if (kind === 'regulator') {
      if (regime && !REGIME.test(regime.toLowerCase())) return bad(`"${regime}" is not a regime id, e.g. gdpr-art33.`);
      return {
        ok: true,
        value: { name: 'draft', kind: 'regulator', ...(regime ? { regime: regime.toLowerCase() } : {}) },
      };
    }
    if ((kind === 'support' || kind === 'customers' || kind === 'register') && !regime)
      return { ok: true, value: { name: 'draft', kind } };
    return bad('Draft what? regulator [regime], support, customers or register.');
  },
};
