import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { jurisdictionRegimes, normaliseJurisdictions } from '../../src/clocks/applicability.ts';
import { computeDeadline } from '../../src/clocks/deadline.ts';
import { mergeRegimes, regimeOverrideSchema } from '../../src/clocks/regime.config.ts';
import { DEFAULT_REMINDER_OFFSETS } from '../../src/clocks/regime.types.ts';
import { findRegime, SHIPPED_REGIMES } from '../../src/clocks/regimes.ts';

const ids = (list: ReadonlyArray<{ id: string }>) => list.map((regime) => regime.id);

describe('shipped regimes (DESIGN.md contracts, "regime ids")', () => {
  it('ship every contracted id, unique', () => {
    const shipped = ids(SHIPPED_REGIMES);
    expect(new Set(shipped).size).toBe(shipped.length);
    expect(shipped).toEqual(expect.arrayContaining(['gdpr-art33', 'uk-gdpr', 'nis2-early-warning', 'nis2-notification', 'nis2-final', 'dora-initial', 'dora-intermediate', 'dora-final', 'sec-8k', 'pci-visa', 'hipaa']));
  });

  it('have a us-<state> clock for every state with a fixed day limit in regulatory.md section 5', () => {
    const expected: Record<string, number> = {
      'us-al': 45, 'us-az': 45, 'us-ca': 30, 'us-co': 30, 'us-ct': 60, 'us-de': 60, 'us-fl': 30, 'us-in': 45, 'us-la': 60, 'us-me': 30, 'us-md': 45,
      'us-nm': 45, 'us-ny': 30, 'us-oh': 45, 'us-or': 45, 'us-pr': 10, 'us-ri': 45, 'us-sd': 60, 'us-tn': 45, 'us-tx': 60, 'us-vt': 45, 'us-wa': 30, 'us-wi': 45,
    };
    const states = SHIPPED_REGIMES.filter((regime) => /^us-[a-z]{2}$/.test(regime.id) && regime.deadline.unit !== 'withoutUndueDelay');
    expect(Object.fromEntries(states.map((regime) => [regime.id, regime.deadline.amount]))).toEqual(expected);
    expect(states.every((regime) => regime.deadline.unit === 'calendarDays' && regime.trigger === 'discovery')).toBe(true);
  });

  it('record "without unreasonable delay" states as obligations without a deadline, reminded daily and never overdue (regulatory.md section 5)', () => {
    for (const id of ['us-dc', 'us-il', 'us-ia', 'us-ma', 'us-ok', 'us-pa', 'us-ut', 'ch-nfadp', 'ca-pipeda']) {
      expect(findRegime(SHIPPED_REGIMES, id)).toMatchObject({ deadline: { unit: 'withoutUndueDelay' }, reminderOffsets: [], overdueEvery: 'PT24H' });
    }
  });

  it('chain the Oklahoma and Iowa AG notices after the letters, with their thresholds (SB 626; Iowa Code 715C.2(8))', () => {
    expect(findRegime(SHIPPED_REGIMES, 'us-ok-ag')).toMatchObject({ trigger: { after: 'us-ok' }, deadline: { unit: 'calendarDays', amount: 60 }, appliesWhen: { minSubjects: 500 } });
    expect(findRegime(SHIPPED_REGIMES, 'us-ia-ag')).toMatchObject({ trigger: { after: 'us-ia' }, deadline: { unit: 'businessDays', amount: 5 }, appliesWhen: { minSubjects: 501 } });
  });

  it('model the rules as regulatory.md states them', () => {
    const get = (id: string) => findRegime(SHIPPED_REGIMES, id);
    expect(get('gdpr-art33')).toMatchObject({ trigger: 'awareness', deadline: { unit: 'hours', amount: 72 }, authority: 'lead supervisory authority' });
    expect(get('uk-gdpr')?.authority).toMatch(/ICO/);
    expect(get('nis2-early-warning')?.deadline).toEqual({ unit: 'hours', amount: 24 });
    expect(get('nis2-final')).toMatchObject({ trigger: { after: 'nis2-notification' }, deadline: { unit: 'months', amount: 1 } });
    expect(get('dora-initial')).toMatchObject({ trigger: 'classification', deadline: { amount: 4 }, noLaterThan: { trigger: 'awareness', deadline: { amount: 24 } } });
    expect(get('dora-intermediate')?.trigger).toEqual({ after: 'dora-initial' });
    expect(get('dora-final')?.trigger).toEqual({ after: 'dora-intermediate', fromLatestUpdate: true });
    expect(get('sec-8k')?.deadline).toEqual({ unit: 'businessDays', amount: 4, calendar: 'us-sec-edgar', timeOfDay: { hour: 17, minute: 30, timeZone: 'America/New_York' }, fromStatedDate: true });
    expect(get('pci-visa')?.deadline.unit).toBe('immediate');
    expect(get('pci-visa')?.notes.join(' ')).toMatch(/Visa within 3 calendar days/);
    expect(get('hipaa')).toMatchObject({ trigger: 'discovery', deadline: { unit: 'calendarDays', amount: 60 } });
    expect(get('gdpr-art33')?.reminderOffsets).toEqual([...DEFAULT_REMINDER_OFFSETS]);
    expect(get('gdpr-art33')?.overdueEvery).toBe('PT6H');
  });

  it('pass their own validation', () => {
    const merged = mergeRegimes(SHIPPED_REGIMES, regimeOverrideSchema.parse({}));
    expect(merged).toMatchObject({ ok: true });
  });
});

describe('jurisdictionRegimes: which clocks a breach assessment starts', () => {
  const controller = { role: 'controller' as const };

  it('EU starts gdpr-art33 only, unless the organisation is an NIS2 or DORA entity', () => {
    expect(ids(jurisdictionRegimes(['EU'], controller))).toEqual(['gdpr-art33']);
    expect(ids(jurisdictionRegimes(['EU'], controller, { nis2Entity: true }))).toEqual(['gdpr-art33', 'nis2-early-warning', 'nis2-notification']);
    expect(ids(jurisdictionRegimes(['EU'], controller, { doraEntity: true }))).toEqual(['gdpr-art33', 'dora-initial']);
  });

  it('a member state counts as EU, GB as UK, US-CA as US', () => {
    expect(ids(jurisdictionRegimes(['de'], controller))).toEqual(['gdpr-art33']);
    expect(ids(jurisdictionRegimes(['GB'], controller))).toEqual(['uk-gdpr']);
    expect([...normaliseJurisdictions(['us-ca'])]).toEqual(['US-CA', 'US']);
  });

  it('US states by residence, SEC for registrants, card data and PHI', () => {
    expect(ids(jurisdictionRegimes(['US-CA', 'US-TX'], controller))).toEqual(['us-ca', 'us-tx', 'us-tx-ag']);
    expect(ids(jurisdictionRegimes(['US-CA'], controller, { secRegistrant: true }))).toEqual(['sec-8k', 'us-ca']);
    expect(ids(jurisdictionRegimes(['US-NY'], { ...controller, cardData: true, phi: true }))).toEqual(['pci-visa', 'hipaa', 'us-ny']);
    expect(ids(jurisdictionRegimes(['US-IL'], controller))).toEqual(['us-il']);
    expect(ids(jurisdictionRegimes(['US-NV'], controller))).toEqual([]);
  });

  it('a processor gets no GDPR clock (it tells its controller without undue delay)', () => {
    expect(ids(jurisdictionRegimes(['EU', 'UK'], { role: 'processor' }))).toEqual([]);
  });

  it('a processor in Florida or Oregon owes the data owner notice within 10 days (Fla. Stat. 501.171(6); ORS 646A.604(2))', () => {
    expect(ids(jurisdictionRegimes(['US-FL', 'US-OR', 'US-CA'], { role: 'processor' }))).toEqual(['us-fl-vendor', 'us-or-vendor']);
    expect(ids(jurisdictionRegimes(['US-FL'], controller))).toEqual(['us-fl']);
  });

  it('a regime in force only from a date starts nothing for a breach known before it (CRA Art. 71(2); DPDP Rules rule 1(3))', () => {
    const cra = { craManufacturer: true };
    expect(ids(jurisdictionRegimes(['EU'], { ...controller, awareAt: new Date('2026-09-10T23:59:59Z') }, cra))).not.toContain('cra-early-warning');
    expect(ids(jurisdictionRegimes(['EU'], { ...controller, awareAt: new Date('2026-09-11T00:00:00Z') }, cra))).toContain('cra-early-warning');
    expect(ids(jurisdictionRegimes(['IN'], { ...controller, awareAt: new Date('2026-12-07T08:00:00Z') }))).toEqual([]);
    expect(ids(jurisdictionRegimes(['IN'], { ...controller, awareAt: new Date('2027-05-13T00:00:00Z') }))).toEqual(['in-dpdp']);
  });

  it('never starts a chained regime', () => {
    const all = jurisdictionRegimes(['EU', 'US'], { ...controller, cardData: true, phi: true }, { nis2Entity: true, doraEntity: true, secRegistrant: true });
    expect(all.every((regime) => typeof regime.trigger === 'string')).toBe(true);
  });
});

describe('regime overrides from IC_CONFIG', () => {
  const yaml = `
override:
  uk-gdpr: { deadline: { amount: 24 } }
  gdpr-art33: { reminderOffsets: [-P1D, -PT1H, PT0S], overdueEvery: PT2H }
calendars:
  - { id: acme, basedOn: us-federal, holidays: [2026-11-27] }
add:
  - id: acme-contract
    name: Customer contract notice
    authority: the customer's security contact
    jurisdiction: US-NY
    trigger: discovery
    deadline: { unit: businessDays, amount: 3, calendar: acme }
    appliesWhen: { jurisdictions: [US-NY] }
    contents: [the notice the contract requires]
disable: [us-wi]
`;

  it('change amounts and offsets, add a regime and a calendar, disable one', () => {
    const merged = mergeRegimes(SHIPPED_REGIMES, regimeOverrideSchema.parse(parse(yaml)));
    if (!merged.ok) throw new Error(merged.problems.join('\n'));
    const get = (id: string) => findRegime(merged.regimes, id);
    expect(get('uk-gdpr')?.deadline).toEqual({ unit: 'hours', amount: 24 });
    expect(get('gdpr-art33')).toMatchObject({ reminderOffsets: ['-P1D', '-PT1H', 'PT0S'], overdueEvery: 'PT2H', deadline: { amount: 72 } });
    expect(get('us-wi')).toBeUndefined();
    const added = get('acme-contract');
    expect(added).toMatchObject({ draft: 'generic', reminderOffsets: [...DEFAULT_REMINDER_OFFSETS], source: 'configured in IC_CONFIG' });
    // Wed 25 Nov 2026: Thanksgiving (federal) and 27 Nov (config) skipped.
    expect(added && computeDeadline(added, new Date('2026-11-25T12:00:00Z'), merged.calendars).toISOString()).toBe('2026-12-02T12:00:00.000Z');
    expect(ids(jurisdictionRegimes(['US-NY'], { role: 'controller' }, {}, merged.regimes))).toContain('acme-contract');
    expect(SHIPPED_REGIMES.find((regime) => regime.id === 'uk-gdpr')?.deadline.amount).toBe(72); // shipped data untouched
  });

  it('names every mistake with its path and the fix', () => {
    const bad = regimeOverrideSchema.parse({
      override: { 'gdpr-art99': { notes: [] } },
      add: [
        { id: 'gdpr-art33', name: 'x', authority: 'x', jurisdiction: 'EU', trigger: 'awareness', deadline: { unit: 'hours', amount: 1 }, contents: ['x'] },
        { id: 'loop-a', name: 'x', authority: 'x', jurisdiction: 'EU', trigger: { after: 'loop-b' }, deadline: { unit: 'hours', amount: 1 }, contents: ['x'] },
        { id: 'loop-b', name: 'x', authority: 'x', jurisdiction: 'EU', trigger: { after: 'loop-a' }, deadline: { unit: 'hours', amount: 1 }, contents: ['x'] },
        { id: 'orphan', name: 'x', authority: 'x', jurisdiction: 'EU', trigger: { after: 'nope' }, deadline: { unit: 'calendarDays', amount: 1.5, calendar: 'mars' }, contents: ['x'] },
      ],
      disable: ['nis2-notification'],
      calendars: [{ id: 'x', basedOn: 'missing' }],
    });
    const merged = mergeRegimes(SHIPPED_REGIMES, bad);
    expect(merged.ok).toBe(false);
    const problems = merged.ok ? [] : merged.problems.join('\n');
    expect(problems).toMatch(/regimes\.override\.gdpr-art99: no shipped regime has this id/);
    expect(problems).toMatch(/regimes\.add\[0\]\.id: "gdpr-art33" already exists/);
    expect(problems).toMatch(/loop-a: trigger\.after forms a cycle/);
    expect(problems).toMatch(/orphan: trigger\.after "nope" is not a regime/);
    expect(problems).toMatch(/orphan: deadline\.calendar "mars" is not defined/);
    expect(problems).toMatch(/orphan: deadline\.amount must be a whole number/);
    expect(problems).toMatch(/nis2-final: trigger\.after "nis2-notification" is not a regime \(or is disabled\)/);
    expect(problems).toMatch(/regimes\.calendars\[0\]\.basedOn: no calendar "missing"/);
  });

  it('rejects bad offsets, zones, dates and unknown keys at parse time', () => {
    const result = regimeOverrideSchema.safeParse({
      override: { 'gdpr-art33': { reminderOffsets: ['-1h'], deadline: { timeOfDay: { hour: 17, minute: 30, timeZone: 'Eastern' } }, colour: 'red' } },
      calendars: [{ id: 'c', holidays: ['2026-02-30'] }],
    });
    expect(result.success).toBe(false);
    const messages = result.success ? '' : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n');
    expect(messages).toMatch(/reminderOffsets\.0: must be a signed ISO-8601 duration/);
    expect(messages).toMatch(/timeZone: must be an IANA time zone/);
    expect(messages).toMatch(/holidays\.0: must be a real date/);
    expect(messages).toMatch(/colour/);
  });
});
