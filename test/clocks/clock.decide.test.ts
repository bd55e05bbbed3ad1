import { describe, expect, it } from 'vitest';
import { DECLARED, T0, alice, bob, carol, contextOf, given, past } from '../support/given.ts';
import type { DecideContext } from '../../src/decision/decision.types.ts';
import type { NewEvent } from '../../src/domain/event.types.ts';

/** The clock deciders (breach assessment, starting a clock, recording a notice), called directly. */

const AWARE = new Date('2026-12-07T08:00:00.000Z');
const breach = (over: Record<string, unknown> = {}) => ({ name: 'breach' as const, awareAt: AWARE, categories: ['contact'], jurisdictions: ['EU'], role: 'controller' as const, highRisk: false, ...over });
const WITH_LEGAL = [...DECLARED, past('RoleAssigned', { role: 'legal', principal: 'slack:U0CAROL' })];

describe('breach', () => {
  it('records the assessment and starts the clocks of the regimes it engages, from awareness', () => {
    const events = given(WITH_LEGAL).when(breach({ subjects: 12400 }), { actor: carol }).then(
      { type: 'BreachAssessed', data: { awareAt: AWARE.toISOString(), subjects: 12400, jurisdictions: ['EU'], role: 'controller' } },
      { type: 'ClockStarted', data: { regime: 'gdpr-art33', startedAt: AWARE.toISOString(), startedFrom: 'awareness', deadline: new Date(AWARE.getTime() + 72 * 3600_000).toISOString() } },
    );
    expect(events[1]?.data).toMatchObject({ reason: expect.stringContaining('breach assessed by slack:U0CAROL') });
  });

  it('adds jurisdictions on a repeated assessment with the same awareness, starting only the new clocks', () => {
    const assessed = given(WITH_LEGAL).when(breach(), { actor: carol }).then({ type: 'BreachAssessed' }, { type: 'ClockStarted' });
    const history = [...WITH_LEGAL, ...assessed.map((event) => ({ event, actor: carol }))];
    const again = given(history).when(breach({ jurisdictions: ['EU', 'UK'] }), { actor: carol }).then({ type: 'BreachAssessed' }, { type: 'ClockStarted', data: { regime: 'uk-gdpr' } });
    expect(again).toHaveLength(2);
  });

  it('refuses another awareness time once one is confirmed, and a time in the future, without recording', () => {
    const assessed = given(WITH_LEGAL).when(breach(), { actor: carol }).then({ type: 'BreachAssessed' }, { type: 'ClockStarted' });
    const history = [...WITH_LEGAL, ...assessed.map((event) => ({ event, actor: carol }))];
    given(history).when(breach({ awareAt: new Date(AWARE.getTime() - 3600_000) }), { actor: carol }).refused('clock.awareness_confirmed', { message: /Awareness was confirmed as 2026-12-07T08:00:00.000Z by slack:U0CAROL/ });
    given(WITH_LEGAL).when(breach({ awareAt: new Date(T0.getTime() + 2 * 3600_000) }), { actor: carol, now: T0 }).refused('clock.time_in_future');
  });

  it('refuses a repeated assessment with the other role: a controller would keep a processor clock, and the other way round', () => {
    const assessed = given(WITH_LEGAL).when(breach({ role: 'processor', jurisdictions: ['US-FL'] }), { actor: carol }).then({ type: 'BreachAssessed' }, { type: 'ClockStarted', data: { regime: 'us-fl-vendor' } });
    const history = [...WITH_LEGAL, ...assessed.map((event) => ({ event, actor: carol }))];
    const refused = given(history).when(breach({ role: 'controller', jurisdictions: ['US-FL', 'EU'] }), { actor: carol });
    refused.refused('clock.role_confirmed', { message: /assessed as processor by slack:U0CAROL/ });
    expect(refused.decision).toMatchObject({ ok: false, error: { hint: expect.stringContaining('as processor (--processor)') } });
  });

  it('allows a few minutes of clock skew', () => {
    given(WITH_LEGAL).when(breach({ awareAt: new Date(T0.getTime() + 2 * 60_000) }), { actor: carol, now: T0 }).then({ type: 'BreachAssessed' }, { type: 'ClockStarted' });
  });

  it('refuses, on the record, anyone but the commander or legal', () => {
    given(WITH_LEGAL).when(breach(), { actor: bob }).refused('policy.not_commander', { recorded: true, message: /or legal records breach assessments/ });
  });
});

describe('clock start', () => {
  it('starts a clock from the confirmed trigger time', () => {
    const at = new Date('2026-12-07T07:30:00.000Z');
    given(DECLARED).when({ name: 'clock-start', regime: 'sec-8k', at }).then({ type: 'ClockStarted', data: { regime: 'sec-8k', startedAt: at.toISOString(), startedFrom: 'materiality' } });
  });

  it('counts SEC business days from the date as typed when it is earlier than New York\'s (a Californian evening)', () => {
    const at = new Date('2026-03-05T22:00:00-08:00');
    given(DECLARED).when({ name: 'clock-start', regime: 'sec-8k', at, statedOffsetMinutes: -480 }, { now: new Date('2026-03-06T07:00:00Z') }).then({ type: 'ClockStarted', data: { regime: 'sec-8k', deadline: '2026-03-11T21:30:00.000Z', deadlineBasis: expect.stringContaining('counted from 2026-03-05 as recorded (UTC-08:00)') } });
    given(DECLARED).when({ name: 'clock-start', regime: 'sec-8k', at }, { now: new Date('2026-03-06T07:00:00Z') }).then({ type: 'ClockStarted', data: { deadline: '2026-03-12T21:30:00.000Z' } });
  });

  it('refuses an unknown regime, one that starts from another\'s notice, one running, and a future time, without recording', () => {
    given(DECLARED).when({ name: 'clock-start', regime: 'ccpa-99', at: AWARE }).refused('clock.unknown_regime');
    given(DECLARED).when({ name: 'clock-start', regime: 'nis2-final', at: AWARE }).refused('clock.starts_by_trigger', { message: /when nis2-notification is notified/ });
    const running = [...DECLARED, past('ClockStarted', { regime: 'sec-8k', startedAt: AWARE.toISOString(), startedFrom: 'materiality', deadline: '2026-12-11T08:00:00.000Z', deadlineBasis: 'b', reason: 'r' })];
    given(running).when({ name: 'clock-start', regime: 'sec-8k', at: AWARE }).refused('clock.already_running');
    given(DECLARED).when({ name: 'clock-start', regime: 'sec-8k', at: new Date(T0.getTime() + 3 * 3600_000) }, { now: T0 }).refused('clock.time_in_future');
  });

  it('refuses, on the record, anyone but the commander or legal', () => {
    given(DECLARED).when({ name: 'clock-start', regime: 'sec-8k', at: AWARE }, { actor: bob }).refused('policy.not_commander', { recorded: true });
  });
});

describe('breach facts: data kinds and counts', () => {
  it('health data starts HIPAA, with the annual log under 500; the counts per jurisdiction are recorded', () => {
    const [assessed, ...clocks] = given(DECLARED).when(breach({ jurisdictions: ['US-NY', 'EL'], data: ['personal', 'health'], subjects: 130, subjectsIn: { 'US-NY': 120, EL: 10 } })).then(
      { type: 'BreachAssessed', data: { data: ['personal', 'health'], subjects: 130, subjectsIn: { 'US-NY': 120, GR: 10 }, jurisdictions: ['US-NY', 'GR'] } },
      { type: 'ClockStarted', data: { regime: 'gdpr-art33' } },
      { type: 'ClockStarted', data: { regime: 'hipaa' } },
      { type: 'ClockStarted', data: { regime: 'us-ny' } },
      { type: 'ClockStarted', data: { regime: 'hipaa-hhs-annual' } },
    );
    expect(assessed?.type).toBe('BreachAssessed');
    expect(clocks).toHaveLength(4);
  });

  it('card data starts the card-brand clock; without it there is none', () => {
    given(DECLARED).when(breach({ jurisdictions: ['UK'], data: ['card'] })).then({ type: 'BreachAssessed' }, { type: 'ClockStarted', data: { regime: 'uk-gdpr' } }, { type: 'ClockStarted', data: { regime: 'pci-visa' } });
    given(DECLARED).when(breach({ jurisdictions: ['UK'] })).then({ type: 'BreachAssessed' }, { type: 'ClockStarted', data: { regime: 'uk-gdpr' } });
  });

  it('the California AG sample follows the letters only above 500 Californians', () => {
    const assessed = (subjectsIn: Record<string, number>) => past('BreachAssessed', { awareAt: AWARE.toISOString(), categories: [], jurisdictions: ['US-CA', 'DE'], role: 'controller', highRisk: false, subjects: Object.values(subjectsIn).reduce((a, b) => a + b, 0), subjectsIn });
    const usCa = past('ClockStarted', { regime: 'us-ca', startedAt: AWARE.toISOString(), startedFrom: 'discovery', deadline: new Date(AWARE.getTime() + 30 * 86_400_000).toISOString(), deadlineBasis: 'b', reason: 'r' });
    const now = { now: new Date(AWARE.getTime() + 86_400_000) };
    given(DECLARED, assessed({ 'US-CA': 400, DE: 90000 }), usCa).when({ name: 'notified', regime: 'us-ca', reference: 'letters' }, now).then({ type: 'AuthorityNotified' });
    given(DECLARED, assessed({ 'US-CA': 501, DE: 10 }), usCa).when({ name: 'notified', regime: 'us-ca', reference: 'letters' }, now).then({ type: 'AuthorityNotified' }, { type: 'ClockStarted', data: { regime: 'us-ca-ag' } });
  });
});

describe('notified', () => {
  const started = (regime: string, from: string) => past('ClockStarted', { regime, startedAt: AWARE.toISOString(), startedFrom: from, deadline: new Date(AWARE.getTime() + 4 * 3600_000).toISOString(), deadlineBasis: 'b', reason: 'r' });

  it('records the notice with its reference, late or on time', () => {
    given(DECLARED, started('sec-8k', 'materiality')).when({ name: 'notified', regime: 'sec-8k', reference: 'EDGAR 0001' }, { now: new Date(AWARE.getTime() + 3600_000) }).then({ type: 'AuthorityNotified', data: { regime: 'sec-8k', reference: 'EDGAR 0001', late: false } });
    given(DECLARED, started('sec-8k', 'materiality')).when({ name: 'notified', regime: 'sec-8k', reference: 'EDGAR 0001' }, { now: new Date(AWARE.getTime() + 5 * 3600_000) }).then({ type: 'AuthorityNotified', data: { late: true } });
  });

  it('starts the clock that runs from this notice', () => {
    given(DECLARED, started('dora-initial', 'classification')).when({ name: 'notified', regime: 'dora-initial', reference: 'CA-1' }, { now: new Date(AWARE.getTime() + 3600_000) }).then({ type: 'AuthorityNotified' }, { type: 'ClockStarted', data: { regime: 'dora-intermediate' } });
  });

  it('refuses a clock that does not run without recording; others on the record', () => {
    given(DECLARED).when({ name: 'notified', regime: 'sec-8k', reference: 'x' }).refused('clock.not_running', { message: /No sec-8k clock runs in ir-20261207-0001/ });
    given(DECLARED, started('sec-8k', 'materiality')).when({ name: 'notified', regime: 'sec-8k', reference: 'x' }, { actor: bob }).refused('policy.not_commander', { recorded: true });
  });
});

describe('notified --at and follow-up notices', () => {
  const started = (regime: string, from: string, hours = 72) => past('ClockStarted', { regime, startedAt: AWARE.toISOString(), startedFrom: from, deadline: new Date(AWARE.getTime() + hours * 3600_000).toISOString(), deadlineBasis: 'b', reason: 'r' });
  const at = (hours: number) => new Date(AWARE.getTime() + hours * 3600_000);

  it('records when the notice was really sent, and judges lateness by it, not by when it was typed', () => {
    // Sent at +70 h, recorded at +75 h: on time (GDPR Art. 33(1): "not later than 72 hours").
    given(DECLARED, started('gdpr-art33', 'awareness')).when({ name: 'notified', regime: 'gdpr-art33', reference: 'DPC-1', at: at(70) }, { now: at(75) }).then({ type: 'AuthorityNotified', data: { late: false, sentAt: at(70).toISOString() } });
    given(DECLARED, started('gdpr-art33', 'awareness')).when({ name: 'notified', regime: 'gdpr-art33', reference: 'DPC-1', at: at(73) }, { now: at(75) }).then({ type: 'AuthorityNotified', data: { late: true } });
  });

  it('refuses a sending time in the future or before the clock started, without recording', () => {
    given(DECLARED, started('gdpr-art33', 'awareness')).when({ name: 'notified', regime: 'gdpr-art33', reference: 'x', at: at(10) }, { now: at(5) }).refused('clock.time_in_future');
    given(DECLARED, started('gdpr-art33', 'awareness')).when({ name: 'notified', regime: 'gdpr-art33', reference: 'x', at: at(-1) }, { now: at(5) }).refused('clock.notice_before_start', { message: /before the gdpr-art33 clock \(2026-12-07T08:00:00.000Z\)/ });
  });

  it('starts a chained clock from the backdated sending time (NIS2 final: one month after the notification)', () => {
    given(DECLARED, started('nis2-notification', 'awareness')).when({ name: 'notified', regime: 'nis2-notification', reference: 'BSI-7', at: at(60) }, { now: at(80) }).then({ type: 'AuthorityNotified' }, { type: 'ClockStarted', data: { regime: 'nis2-final', startedAt: at(60).toISOString() } });
  });

  it('records a second notice as an update (GDPR Art. 33(4) phases), and the clock stays notified at the first', () => {
    const first = [...DECLARED, started('gdpr-art33', 'awareness'), past('AuthorityNotified', { regime: 'gdpr-art33', reference: 'DPC-1', late: false }, alice, at(20))];
    const outcome = given(first).when({ name: 'notified', regime: 'gdpr-art33', reference: 'DPC-1 phase 2' }, { now: at(100) });
    outcome.then({ type: 'AuthorityNotified', data: { update: true, reference: 'DPC-1 phase 2' } });
    const after = given(first, past('AuthorityNotified', { regime: 'gdpr-art33', reference: 'DPC-1 phase 2', late: false, update: true }, alice, at(100))).state.breach.clocks['gdpr-art33'];
    expect(after?.notifiedAt).toEqual(at(20));
    expect(after?.updates).toMatchObject([{ reference: 'DPC-1 phase 2', at: at(100) }]);
  });

  it("restarts DORA's final report from the latest updated intermediate report (RTS 2025/301 Art. 5(1)(c))", () => {
    const history = [...DECLARED, started('dora-intermediate', 'awareness'), past('AuthorityNotified', { regime: 'dora-intermediate', reference: 'INT-1', late: false }, alice, at(48)), past('ClockStarted', { regime: 'dora-final', startedAt: at(48).toISOString(), startedFrom: 'dora-intermediate notified', deadline: '2027-01-09T08:00:00.000Z', deadlineBasis: 'b', reason: 'r' })];
    const updated = new Date('2026-12-20T10:00:00.000Z');
    given(history).when({ name: 'notified', regime: 'dora-intermediate', reference: 'INT-2', at: updated }, { now: new Date('2026-12-20T11:00:00.000Z') }).then({ type: 'AuthorityNotified', data: { update: true } }, { type: 'ClockStarted', data: { regime: 'dora-final', startedAt: updated.toISOString(), deadline: '2027-01-20T10:00:00.000Z', reason: expect.stringContaining('restarted, deadline was 2027-01-09T08:00:00.000Z') } });
  });
});

describe('DORA initial notification: 4 hours from classification, no later than 24 hours from awareness (RTS 2025/301 Art. 5(1)(a))', () => {
  const context = (over: Partial<DecideContext> = {}): Partial<DecideContext> => ({ actor: carol, ...over });
  /** A DORA entity: a breach engages dora-initial. */
  const withOrganisation = (ctx: Partial<DecideContext>): Partial<DecideContext> => ({ ...ctx, clocks: { ...contextOf().clocks, organisation: { doraEntity: true } } });
  const chained = (events: NewEvent[]) => events.map((event) => ({ event, actor: carol }));

  it('recomputes the clock breach started on the 24-hour bound when the classification is recorded: 4 hours from it, if earlier', () => {
    const assessed = given(WITH_LEGAL).when(breach(), withOrganisation(context())).then({ type: 'BreachAssessed' }, { type: 'ClockStarted', data: { regime: 'gdpr-art33' } }, { type: 'ClockStarted', data: { regime: 'dora-initial', startedFrom: 'awareness', deadline: '2026-12-08T08:00:00.000Z' } });
    const history = [...WITH_LEGAL, ...chained(assessed)];
    const classifiedAt = new Date('2026-12-07T08:30:00.000Z');
    given(history).when({ name: 'clock-start', regime: 'dora-initial', at: classifiedAt }, withOrganisation(context())).then({ type: 'ClockStarted', data: { regime: 'dora-initial', startedFrom: 'classification', deadline: '2026-12-07T12:30:00.000Z', triggers: { awareness: AWARE.toISOString(), classification: classifiedAt.toISOString() }, reason: expect.stringContaining('deadline recomputed (was 2026-12-08T08:00:00.000Z)') } });
  });

  it('keeps the 24-hour bound when it comes first: classified 22 hours after awareness, due 24 hours after awareness', () => {
    const assessed = given(WITH_LEGAL).when(breach(), withOrganisation(context())).then({ type: 'BreachAssessed' }, { type: 'ClockStarted' }, { type: 'ClockStarted' });
    const history = [...WITH_LEGAL, ...chained(assessed)];
    const late = new Date('2026-12-08T06:00:00.000Z');
    given(history).when({ name: 'clock-start', regime: 'dora-initial', at: late }, withOrganisation(context({ now: new Date('2026-12-08T06:10:00.000Z') }))).then({ type: 'ClockStarted', data: { regime: 'dora-initial', deadline: '2026-12-08T08:00:00.000Z', startedFrom: 'awareness' } });
  });

  it('applies the 24-hour bound when the classification was recorded first and the breach after it', () => {
    const classifiedAt = new Date('2026-12-07T08:30:00.000Z');
    const started = given(WITH_LEGAL).when({ name: 'clock-start', regime: 'dora-initial', at: classifiedAt }, context()).then({ type: 'ClockStarted', data: { regime: 'dora-initial', deadline: '2026-12-07T12:30:00.000Z' } });
    const history = [...WITH_LEGAL, ...chained(started)];
    // Aware since the day before: the bound (24 h from awareness) ends before the 4 hours from classification do.
    const awareEarlier = new Date('2026-12-06T10:00:00.000Z');
    const events = given(history).when(breach({ awareAt: awareEarlier }), withOrganisation(context())).then({ type: 'BreachAssessed' }, { type: 'ClockStarted', data: { regime: 'gdpr-art33' } }, { type: 'ClockStarted', data: { regime: 'dora-initial', deadline: '2026-12-07T10:00:00.000Z', startedFrom: 'awareness' } });
    expect(events).toHaveLength(3);
  });

  it('refuses a second classification once it is counted, and recomputes nothing already notified', () => {
    const classifiedAt = new Date('2026-12-07T08:30:00.000Z');
    const started = given(WITH_LEGAL).when({ name: 'clock-start', regime: 'dora-initial', at: classifiedAt }, context()).then({ type: 'ClockStarted' });
    const history = [...WITH_LEGAL, ...chained(started)];
    given(history).when({ name: 'clock-start', regime: 'dora-initial', at: classifiedAt }, context()).refused('clock.already_running');
    const notified = [...history, past('AuthorityNotified', { regime: 'dora-initial', reference: 'CA-1', late: false }, carol)];
    given(notified).when(breach(), withOrganisation(context())).then({ type: 'BreachAssessed' }, { type: 'ClockStarted', data: { regime: 'gdpr-art33' } });
  });
});

describe('obligations outlive the technical closure', () => {
  const running = (regime: string) => past('ClockStarted', { regime, startedAt: AWARE.toISOString(), startedFrom: 'awareness', deadline: new Date(AWARE.getTime() + 72 * 3600_000).toISOString(), deadlineBasis: 'b', reason: 'r' });
  const closedWith = (...open: string[]) => past('IncidentClosed', { classification: 'TruePositive', from: 'recovered', ...(open.length ? { openObligations: open } : {}) });

  it('closes with the running clocks named as open obligations, and without them when none runs', () => {
    given(DECLARED, running('gdpr-art33'), running('us-ca')).when({ name: 'close', classification: 'TruePositive' }).then({ type: 'IncidentClosed', data: { openObligations: ['gdpr-art33', 'us-ca'] } });
    const [closed] = given(DECLARED).when({ name: 'close', classification: 'FalsePositive' }).then({ type: 'IncidentClosed' });
    expect(closed?.data).not.toHaveProperty('openObligations');
  });

  it('takes a notice after closure, and the last one finishes the incident', () => {
    const history = [...DECLARED, running('gdpr-art33'), running('us-ny'), closedWith('gdpr-art33', 'us-ny')];
    const [only] = given(history).when({ name: 'notified', regime: 'gdpr-art33', reference: 'DPC-1' }).then({ type: 'AuthorityNotified' });
    expect(only?.type).toBe('AuthorityNotified');
    const oneLeft = [...history, past('AuthorityNotified', { regime: 'gdpr-art33', reference: 'DPC-1', late: false })];
    given(oneLeft).when({ name: 'notified', regime: 'us-ny', reference: 'letters mailed' }).then({ type: 'AuthorityNotified', data: { regime: 'us-ny' } }, { type: 'ObligationsMet', data: { last: 'us-ny' } });
  });

  it('a notice that starts a chained clock (the California AG sample after the letters) leaves the incident open', () => {
    const history = [...DECLARED, running('us-ca'), closedWith('us-ca')];
    given(history).when({ name: 'notified', regime: 'us-ca', reference: 'letters mailed' }).then({ type: 'AuthorityNotified', data: { regime: 'us-ca' } }, { type: 'ClockStarted', data: { regime: 'us-ca-ag', startedFrom: 'us-ca notified' } });
  });

  it('starts a clock after closure, and refuses everything else with the obligations in the hint', () => {
    const history = [...DECLARED, running('gdpr-art33'), closedWith('gdpr-art33')];
    given(history).when({ name: 'clock-start', regime: 'us-tx', at: AWARE }).then({ type: 'ClockStarted', data: { regime: 'us-tx' } });
    const refusal = given(history).when({ name: 'note', text: 'late thought' }).refused('incident.closed');
    expect(refusal.hint).toContain('gdpr-art33');
  });
});

describe('jurisdictions: known codes only, and every one that starts no clock says why', () => {
  it('refuses unknown codes, naming the valid ones, and records nothing', () => {
    const refusal = given(WITH_LEGAL).when(breach({ jurisdictions: ['EU', 'XX', 'US-ZZ'] }), { actor: carol }).refused('clock.unknown_jurisdiction', { message: /^XX, US-ZZ: no such jurisdiction/ });
    expect(refusal.hint).toContain('EL or GR for Greece');
    expect(refusal.hint).toContain('US-CA');
  });

  it("accepts EEA and EL (the EU's code for Greece) as GDPR jurisdictions, recorded as EEA and GR", () => {
    given(WITH_LEGAL).when(breach({ jurisdictions: ['EL', 'EEA'] }), { actor: carol }).then({ type: 'BreachAssessed', data: { jurisdictions: ['GR', 'EEA'] } }, { type: 'ClockStarted', data: { regime: 'gdpr-art33' } });
  });

  it('records a known jurisdiction no regime covers as such (New Zealand, Nevada)', () => {
    const [assessed] = given(WITH_LEGAL).when(breach({ jurisdictions: ['NZ', 'US-NV'] }), { actor: carol }).then({ type: 'BreachAssessed' });
    expect(assessed?.data).toMatchObject({ withoutClock: [{ jurisdiction: 'NZ', reason: expect.stringContaining('no fixed deadline') }, { jurisdiction: 'US-NV', reason: expect.stringContaining('no clock started') }] });
  });

  it('records an obligation without a fixed deadline instead of inventing one (Switzerland: as soon as possible; Illinois: without unreasonable delay)', () => {
    const [, il, ch] = given(WITH_LEGAL).when(breach({ jurisdictions: ['CH', 'US-IL'] }), { actor: carol }).then(
      { type: 'BreachAssessed' },
      { type: 'ClockStarted', data: { regime: 'us-il', noFixedDeadline: true } },
      { type: 'ClockStarted', data: { regime: 'ch-nfadp', noFixedDeadline: true, deadline: AWARE.toISOString(), deadlineBasis: expect.stringContaining('no fixed deadline') } },
    );
    expect(ch?.data).toBeDefined();
    expect(il?.data).toBeDefined();
  });

  it('says when a regime is not yet in force for the breach (India: rule 7 from 13 May 2027)', () => {
    const [assessed] = given(WITH_LEGAL).when(breach({ jurisdictions: ['IN'] }), { actor: carol }).then({ type: 'BreachAssessed' });
    expect(assessed?.data).toMatchObject({ withoutClock: [{ jurisdiction: 'IN', reason: 'in-dpdp applies only to breaches known from 2027-05-13 on; no clock started' }] });
  });

  it("gives a processor no authority's or residents' clock: it tells its controller (GDPR Art. 33(2))", () => {
    const [assessed] = given(WITH_LEGAL).when(breach({ jurisdictions: ['EU', 'US-CA'], role: 'processor' }), { actor: carol }).then({ type: 'BreachAssessed' });
    expect(assessed?.data).toMatchObject({ withoutClock: [{ jurisdiction: 'EU', reason: expect.stringContaining('as processor: tell the controller') }, { jurisdiction: 'US-CA', reason: expect.stringContaining('as processor') }] });
  });
});

describe('breach --correct-aware-at: one typo does not distort every clock forever', () => {
  const assessedAt = (aware: Date, jurisdictions: string[]) => {
    const events = given(WITH_LEGAL).when(breach({ awareAt: aware, jurisdictions }), { actor: carol }).decision;
    if (!events.ok) throw new Error('assessment refused');
    return [...WITH_LEGAL, ...events.events.map((event) => ({ event, actor: carol }))];
  };

  it('records the correction with the old time and recomputes every clock counted from awareness or the discovery recorded with it', () => {
    const typo = new Date('2026-12-07T06:00:00.000Z');
    const history = assessedAt(typo, ['EU', 'US-TX']);
    const events = given(history).when({ name: 'correct-awareness', awareAt: AWARE, reason: 'typed 06 for 08' }, { actor: carol }).then(
      { type: 'AwarenessCorrected', data: { from: typo.toISOString(), to: AWARE.toISOString(), reason: 'typed 06 for 08' } },
      { type: 'ClockStarted', data: { regime: 'gdpr-art33', startedAt: AWARE.toISOString(), deadline: '2026-12-10T08:00:00.000Z', reason: expect.stringContaining('deadline moved from 2026-12-10T06:00:00.000Z') } },
      { type: 'ClockStarted', data: { regime: 'us-tx', startedAt: AWARE.toISOString() } },
      { type: 'ClockStarted', data: { regime: 'us-tx-ag', startedAt: AWARE.toISOString() } },
    );
    const after = given(history, ...events.map((event) => ({ event, actor: carol }))).state;
    expect(after.breach.breach?.awareAt).toBe(AWARE.toISOString());
  });

  it('leaves notified clocks alone, and refuses with no assessment, the same time, a future time, or a responder', () => {
    const typo = new Date('2026-12-07T06:00:00.000Z');
    const notified = [...assessedAt(typo, ['EU']), past('AuthorityNotified', { regime: 'gdpr-art33', reference: 'DPC-1', late: false }, carol)];
    given(notified).when({ name: 'correct-awareness', awareAt: AWARE, reason: 'r' }, { actor: carol }).then({ type: 'AwarenessCorrected' });
    given(WITH_LEGAL).when({ name: 'correct-awareness', awareAt: AWARE, reason: 'r' }, { actor: carol }).refused('clock.no_breach');
    given(assessedAt(typo, ['EU'])).when({ name: 'correct-awareness', awareAt: typo, reason: 'r' }, { actor: carol }).refused('clock.awareness_confirmed');
    given(assessedAt(typo, ['EU'])).when({ name: 'correct-awareness', awareAt: new Date(T0.getTime() + 3600_000), reason: 'r' }, { actor: carol, now: T0 }).refused('clock.time_in_future');
    given(assessedAt(typo, ['EU'])).when({ name: 'correct-awareness', awareAt: AWARE, reason: 'r' }, { actor: bob }).refused('policy.not_commander', { recorded: true });
  });
});
