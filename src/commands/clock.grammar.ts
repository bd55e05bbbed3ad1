import type { Result } from '../domain/errors.ts';
import type { Command } from './command.types.ts';
import type { FlagSpec, SubcommandSpec } from './grammar.types.ts';

const bad = (message: string): Result<Command, string> => ({ ok: false, error: message });
/** ISO-8601 with its zone: the only form a confirmed time is accepted in (platform date pickers drop the zone). */
export const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const REGIME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const JURISDICTION = /^[A-Za-z]{2}(-[A-Za-z]{2})?$/;

/** A time a person confirmed: ISO-8601 with its zone, never guessed. */
export function parseConfirmedTime(input: string): Date | undefined {
  if (!ISO_WITH_ZONE.test(input)) return undefined;
  const at = new Date(input);
  return Number.isNaN(at.getTime()) ? undefined : at;
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

export const breachSpec: SubcommandSpec = {
  name: 'breach',
  usage:
    '/ir breach --aware-at <time> --jurisdictions EU,US-CA [--subjects N] [--records N] [--categories a,b] ' +
    '[--controller|--processor] [--high-risk]',
  summary: 'Record the personal-data breach assessment and start the notification clocks that apply.',
  flags: [
    ...['aware-at', 'subjects', 'records', 'categories', 'jurisdictions'].map((name): FlagSpec => ({
      name,
      kind: 'string',
    })),
    ...['controller', 'processor', 'high-risk'].map((name): FlagSpec => ({ name, kind: 'boolean' })),
  ],
  build({ args, flags }) {
    if (args.length) return bad(`Unexpected words: ${args.join(' ')}. Every value goes with its option.`);
    if (flags['aware-at'] === undefined)
      return bad(
        `--aware-at is required: when the organisation became aware of the breach (${TIME_HINT}). It is never assumed.`,
      );
    const awareAt = parseConfirmedTime(String(flags['aware-at']));
    if (!awareAt) return bad(`--aware-at "${String(flags['aware-at'])}" is not a time: ${TIME_HINT}.`);
    const jurisdictions = list(flags.jurisdictions);
    if (jurisdictions.length === 0)
      return bad('--jurisdictions is required: where the affected people live, e.g. EU,UK,US-CA.');
    const wrong = jurisdictions.filter((code) => !JURISDICTION.test(code));
    if (wrong.length)
      return bad(`${wrong.join(', ')}: write jurisdictions as EU, UK, a country code (DE) or a US state (US-CA).`);
    if (flags.controller && flags.processor) return bad('Give --controller or --processor, not both.');
    const subjects = count(flags.subjects, 'subjects');
    const records = count(flags.records, 'records');
    if (typeof subjects === 'string') return bad(subjects);
    if (typeof records === 'string') return bad(records);
    return {
      ok: true,
      value: {
        name: 'breach',
        awareAt,
        jurisdictions: jurisdictions.map((code) => code.toUpperCase()),
        categories: list(flags.categories),
        role: flags.processor ? 'processor' : 'controller',
        highRisk: flags['high-risk'] === true,
        ...(subjects !== undefined ? { subjects } : {}),
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
    const at = parseConfirmedTime(String(flags.at));
    if (!at) return bad(`--at "${String(flags.at)}" is not a time: ${TIME_HINT}.`);
    return { ok: true, value: { name: 'clock-start', regime, at } };
  },
};

export const notifiedSpec: SubcommandSpec = {
  name: 'notified',
  usage: '/ir notified <regime> <reference>',
  summary: "Record that the authority was notified, with its reference: the regime's clock stops.",
  flags: [],
  freeText: true,
  build({ rest }) {
    const [regime = '', ...words] = rest.split(/\s+/);
    if (!REGIME.test(regime.toLowerCase())) return bad('Give the regime first, e.g. gdpr-art33.');
    const reference = rest.slice(regime.length).trim();
    if (!words.length || !reference)
      return bad("Give the authority's reference or filing number: it goes on the record.");
    return { ok: true, value: { name: 'notified', regime: regime.toLowerCase(), reference } };
  },
};

export const draftSpec: SubcommandSpec = {
  name: 'draft',
  usage: '/ir draft regulator [regime]\n/ir draft support\n/ir draft customers',
  summary: 'Draft the regulator notice, the Microsoft Support escalation, or the data-subject communication.',
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
    if ((kind === 'support' || kind === 'customers') && !regime) return { ok: true, value: { name: 'draft', kind } };
    return bad('Draft what? regulator [regime], support or customers.');
  },
};
