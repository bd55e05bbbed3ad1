import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUBCOMMANDS, parseCommand } from '../../src/commands/parser.ts';

describe('parseCommand', () => {
  it('parses a declare with a title and a severity, with or without /ir', () => {
    const expected = { ok: true, value: { name: 'declare', title: 'Exfiltration from stprod01', severity: 'High' } };
    expect(parseCommand('/ir declare Exfiltration from stprod01 --severity High')).toEqual(expected);
    expect(parseCommand('declare Exfiltration from stprod01 --severity=high')).toEqual(expected);
  });

  it('takes a Sentinel reference instead of a title', () => {
    expect(parseCommand('/ir declare sentinel:4711')).toEqual({ ok: true, value: { name: 'declare', sentinelNumber: '4711' } });
  });

  it('keeps quoted words together, including the curly quotes chat apps substitute', () => {
    expect(parseCommand('/ir declare \u201cLeaked SAS\u201d --severity Low')).toMatchObject({ ok: true, value: { title: 'Leaked SAS', severity: 'Low' } });
    expect(parseCommand('/ir assign responder "console:bob"')).toEqual({ ok: true, value: { name: 'assign', role: 'responder', user: 'console:bob' } });
  });

  it('takes free text verbatim, dashes included', () => {
    expect(parseCommand('/ir note  saw --verbose flags   in  StorageBlobLogs ')).toEqual({ ok: true, value: { name: 'note', text: 'saw --verbose flags   in  StorageBlobLogs' } });
    expect(parseCommand('/ir close truepositive keys rotated, no data left')).toEqual({ ok: true, value: { name: 'close', classification: 'TruePositive', comment: 'keys rotated, no data left' } });
  });

  it('tells status from a status change', () => {
    expect(parseCommand('/ir status')).toEqual({ ok: true, value: { name: 'status' } });
    expect(parseCommand('/ir status Contained')).toEqual({ ok: true, value: { name: 'status-change', status: 'contained' } });
    expect(parseCommand('/ir status investigating --reason "re-infected"')).toEqual({ ok: true, value: { name: 'status-change', status: 'investigating', reason: 're-infected' } });
  });

  it.each([
    ['/ir frobnicate', 'parse.unknown_command', /declare/],
    ['/ir declare --severity Apocalyptic', 'parse.invalid_value', /\/ir declare/],
    ['/ir declare', 'parse.invalid_value', /\/ir declare/],
    ['/ir declare x --sev High', 'parse.unknown_flag', /\/ir declare/],
    ['/ir declare x --severity', 'parse.missing_argument', /\/ir declare/],
    ['/ir declare x --severity High --severity Low', 'parse.invalid_value', /\/ir declare/],
    ['/ir assign pilot console:bob', 'parse.invalid_value', /\/ir assign/],
    ['/ir assign commander', 'parse.invalid_value', /\/ir assign/],
    ['/ir status closed', 'parse.invalid_value', /\/ir status/],
    ['/ir close Maybe', 'parse.invalid_value', /\/ir close/],
    ['/ir note', 'parse.invalid_value', /\/ir note/],
    ['/ir note "unbalanced', 'parse.unterminated_quote', /declare/],
    ['', 'parse.empty', /declare/],
    ['/ir', 'parse.empty', /declare/],
  ])('refuses %j with %s and the usage', (input, code, usage) => {
    const result = parseCommand(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.usage).toMatch(usage);
      expect(result.error.message.length).toBeGreaterThan(5);
    }
  });

  it('never throws, whatever the input, and always answers with a command or an error with usage', () => {
    const words = fc.constantFrom('/ir', 'declare', 'status', 'assign', 'note', 'close', 'timeline', 'help', '--severity', '--reason', 'High', '"', '\u201c', '--', '-', 'commander', 'TruePositive', 'sentinel:12', '=', '--severity=');
    const input = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 100 }), fc.array(fc.oneof(words, fc.string({ maxLength: 8 })), { maxLength: 12 }).map((parts) => parts.join(' ')));
    fc.assert(
      fc.property(input, (text) => {
        const result = parseCommand(text);
        if (result.ok) return SUBCOMMANDS.some((spec) => result.value.name.startsWith(spec.name));
        return typeof result.error.usage === 'string' && result.error.usage.length > 0;
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses an input longer than a chat message', () => {
    expect(parseCommand(`/ir note ${'x'.repeat(9000)}`)).toMatchObject({ ok: false, error: { code: 'parse.invalid_value' } });
  });
});

describe('confirmed times are real calendar times, never rolled over', () => {
  const refusal = (text: string) => {
    const parsed = parseCommand(text);
    return parsed.ok ? 'accepted' : parsed.error.message;
  };

  it.each([
    ['2026-02-30T09:00:00Z', /February 2026 has no day 30 \(it has 28\)/],
    ['2026-04-31T09:00:00Z', /April 2026 has no day 31 \(it has 30\)/],
    ['2026-02-29T09:00:00Z', /February 2026 has no day 29/],
    ['0001-11-20T09:00:00Z', /the year 1 is before 2000/],
    ['1999-12-31T23:00:00Z', /the year 1999 is before 2000/],
    ['2026-13-01T09:00:00Z', /there is no month 13/],
    ['2026-11-20T24:00:00Z', /time of day is out of range/],
    ['2026-11-20T09:60Z', /time of day is out of range/],
    ['2026-11-20T09:00:00+15:00', /zone offset \+15:00 is out of range/],
  ])('refuses --aware-at and --at %s, saying why', (time, why) => {
    expect(refusal(`/ir breach --aware-at ${time} --jurisdictions EU`)).toMatch(why);
    expect(refusal(`/ir clock start sec-8k --at ${time}`)).toMatch(why);
    expect(refusal(`/ir notified gdpr-art33 DPC-1 --at ${time}`)).toMatch(why);
  });

  it('accepts a leap day, an offset and fractions of a second', () => {
    for (const time of ['2028-02-29T09:00:00Z', '2026-11-25T15:00:00-05:00', '2026-11-20T09:15:00.250+14:00', '2026-11-20T09:15Z'])
      expect(refusal(`/ir clock start sec-8k --at ${time}`), time).toBe('accepted');
  });
});

describe('clock start', () => {
  it.each([
    ['2026-03-05T22:00:00-08:00', -480],
    ['2026-03-06T01:00:00+01:00', 60],
    ['2026-03-06T05:30:00+05:30', 330],
    ['2026-03-06T06:00:00Z', 0],
  ])('keeps the offset %s was typed with (%i minutes): the date as the person recorded it', (time, minutes) => {
    expect(parseCommand(`/ir clock start sec-8k --at ${time}`)).toEqual({
      ok: true,
      value: { name: 'clock-start', regime: 'sec-8k', at: new Date(time), statedOffsetMinutes: minutes },
    });
  });
});

describe('notified', () => {
  it('takes --at anywhere in the line as the sending time, and keeps the rest as the reference', () => {
    const at = new Date('2026-11-22T16:00:00Z');
    expect(parseCommand('/ir notified gdpr-art33 DPC ref 2026/1142 --at 2026-11-22T16:00:00Z')).toEqual({ ok: true, value: { name: 'notified', regime: 'gdpr-art33', reference: 'DPC ref 2026/1142', at } });
    expect(parseCommand('/ir notified gdpr-art33 --at=2026-11-22T17:00:00+01:00 DPC-1142')).toEqual({ ok: true, value: { name: 'notified', regime: 'gdpr-art33', reference: 'DPC-1142', at } });
    expect(parseCommand('/ir notified sec-8k EDGAR 0001-23 --atlas')).toEqual({ ok: true, value: { name: 'notified', regime: 'sec-8k', reference: 'EDGAR 0001-23 --atlas' } });
  });

  it('refuses --at without a time or with a rolled-over one, and a notice with no reference', () => {
    expect(parseCommand('/ir notified gdpr-art33 DPC-1 --at')).toMatchObject({ ok: false, error: { message: expect.stringContaining('--at needs the time the notice was sent') } });
    expect(parseCommand('/ir notified gdpr-art33 --at 2026-11-22T16:00:00Z')).toMatchObject({ ok: false, error: { message: expect.stringContaining("authority's reference") } });
  });
});

describe('breach --data and --subjects', () => {
  const value = (line: string) => {
    const parsed = parseCommand(line);
    if (!parsed.ok) throw new Error(parsed.error.message);
    return parsed.value;
  };
  const error = (line: string) => {
    const parsed = parseCommand(line);
    return parsed.ok ? 'accepted' : parsed.error.message;
  };

  it('takes the kinds of data and counts per jurisdiction, with their sum as the total', () => {
    expect(value('/ir breach --aware-at 2026-11-20T09:15Z --jurisdictions EU,US-CA,US-TX --subjects EU:12000,us-ca:4200,US-TX:300 --data personal,Health,card')).toMatchObject({
      subjects: 16500,
      subjectsIn: { EU: 12000, 'US-CA': 4200, 'US-TX': 300 },
      data: ['personal', 'health', 'card'],
    });
    expect(value('/ir breach --aware-at 2026-11-20T09:15Z --jurisdictions EU --subjects 1200')).toMatchObject({ subjects: 1200 });
    expect(value('/ir breach --aware-at 2026-11-20T09:15Z --jurisdictions EU --subjects 1200')).not.toHaveProperty('subjectsIn');
  });

  it.each([
    ['--subjects EU:many', /--subjects "EU:many": give a whole number/],
    ['--subjects EU:10,US-TX:5', /--subjects counts US-TX, which --jurisdictions does not name/],
    ['--data personal,dna', /--data dna: the kinds are personal, health, card, credentials/],
    ['--data', /--data/],
  ])('refuses %s, saying what to write', (flags, why) => {
    expect(error(`/ir breach --aware-at 2026-11-20T09:15Z --jurisdictions EU ${flags}`)).toMatch(why);
  });
});

describe('breach --correct-aware-at', () => {
  it('takes the corrected time and a reason of several words', () => {
    expect(parseCommand('/ir breach --correct-aware-at 2026-11-20T09:15:00Z --reason typed 19 for 09')).toEqual({ ok: true, value: { name: 'correct-awareness', awareAt: new Date('2026-11-20T09:15:00Z'), reason: 'typed 19 for 09' } });
  });

  it('refuses a correction without a reason, with a rolled-over time, or mixed with an assessment', () => {
    expect(parseCommand('/ir breach --correct-aware-at 2026-11-20T09:15:00Z')).toMatchObject({ ok: false, error: { message: expect.stringContaining('--reason is required') } });
    expect(parseCommand('/ir breach --correct-aware-at 2026-02-30T09:15:00Z --reason x')).toMatchObject({ ok: false, error: { message: expect.stringContaining('February 2026 has no day 30') } });
    expect(parseCommand('/ir breach --correct-aware-at 2026-11-20T09:15:00Z --reason x --jurisdictions EU')).toMatchObject({ ok: false, error: { message: expect.stringContaining('only --correct-aware-at and --reason') } });
  });
});
