import { describe, expect, it } from 'vitest';
import { exportIncident, exportMarkdown } from '../../src/app/evidence.ts';
import { DEFAULT_CALENDARS } from '../../src/clocks/holidays.ts';
import { SHIPPED_REGIMES } from '../../src/clocks/regimes.ts';
import type { Actor } from '../../src/domain/actor.ts';
import { person, serviceHarness } from '../support/service-harness.ts';

const alice = person('alice');
const bob = person('bob');
const lena = person('lena');
const pools = { commander: ['console:alice'], responder: ['console:bob'], legal: ['console:lena'] };

async function breachIncident(now = '2026-11-20T10:00:00Z') {
  const h = serviceHarness(pools);
  h.clock.set(now);
  await h.run(alice, '/ir declare Customer database copied from stprod01 --severity High');
  await h.run(alice, '/ir assign legal lena');
  return h;
}

/** The markdown of the draft `actor` asked for: it arrives privately, never in the reply posted in the room. */
const draftOf = async (h: ReturnType<typeof serviceHarness>, actor: Actor, text: string) => {
  await h.run(actor, text);
  const block = h.lastNotice(actor)?.blocks.find((candidate) => candidate.type === 'markdown');
  return block && 'text' in block ? block.text : '';
};

describe('breach assessment and clocks', () => {
  it('starts gdpr-art33 from the confirmed awareness: deadline 72 hours later, in the export', async () => {
    const h = await breachIncident();
    const reply = await h.run(lena, '/ir breach --aware-at 2026-11-20T09:15:00Z --subjects 12400 --records 58000 --categories contact,payment --jurisdictions EU');
    expect(reply.appended).toMatchObject([
      { type: 'BreachAssessed', actor: lena, data: { awareAt: '2026-11-20T09:15:00.000Z', subjects: 12400, records: 58000, jurisdictions: ['EU'], role: 'controller' } },
      { type: 'ClockStarted', data: { regime: 'gdpr-art33', deadline: '2026-11-23T09:15:00.000Z' } },
    ]);
    const doc = await exportIncident(h.store, h.incident()!, h.clock.now());
    expect(doc?.clocks).toEqual([expect.objectContaining({ regime: 'gdpr-art33', startedAt: '2026-11-20T09:15:00.000Z', deadline: '2026-11-23T09:15:00.000Z', notifiedAt: null, state: 'running', startedBy: 'console:lena' })]);
  });

  it('never defaults the awareness time, and refuses one in the future; neither records anything', async () => {
    const h = await breachIncident();
    const before = (await h.store.load(h.incident()!)).length;
    expect((await h.run(lena, '/ir breach --jurisdictions EU')).error?.message).toMatch(/--aware-at is required/);
    expect((await h.run(lena, '/ir breach --aware-at yesterday --jurisdictions EU')).error?.message).toMatch(/not a time/);
    expect((await h.run(lena, '/ir breach --aware-at 2026-11-21T09:15:00Z --jurisdictions EU')).error?.message).toMatch(/in the future/);
    expect(await h.store.load(h.incident()!)).toHaveLength(before);
  });

  it('starts the clocks each jurisdiction calls for', async () => {
    const h = await breachIncident();
    const reply = await h.run(lena, '/ir breach --aware-at 2026-11-20T09:15:00Z --jurisdictions EU,UK,US-CA');
    const regimes = reply.appended.filter((event) => event.type === 'ClockStarted').map((event) => (event.data as { regime: string }).regime);
    expect(regimes).toEqual(expect.arrayContaining(['gdpr-art33', 'uk-gdpr', 'us-ca']));
    // The reply lists every clock with its deadline, not only the last event.
    const shown = JSON.stringify(reply.views);
    for (const regime of ['gdpr-art33', 'uk-gdpr', 'us-ca']) expect(shown).toContain(`${regime}: deadline 2026-`);
    expect(reply.views[0]?.summary).toContain('3 clocks started');
  });

  it('corrects a mistyped awareness time, saying which deadlines moved, and keeps the old time in the log', async () => {
    const h = await breachIncident();
    await h.run(lena, '/ir breach --aware-at 2026-11-19T09:15:00Z --jurisdictions EU');
    const reply = await h.run(lena, '/ir breach --correct-aware-at 2026-11-20T09:15:00Z --reason typed 19 for 20');
    expect(reply.appended.map((event) => event.type)).toEqual(['AwarenessCorrected', 'ClockStarted']);
    expect(reply.views[0]?.summary).toContain('from 2026-11-19T09:15:00.000Z to 2026-11-20T09:15:00.000Z: 1 deadline moved');
    expect(JSON.stringify(reply.views)).toContain('gdpr-art33: deadline 2026-11-23T09:15:00.000Z');
    const status = await h.run(lena, '/ir status');
    expect(JSON.stringify(status.views)).toContain('deadline 2026-11-23T09:15:00.000Z');
  });

  it('refuses an unknown jurisdiction code in the console and says why a known one starts no clock', async () => {
    const h = await breachIncident();
    const refused = await h.run(lena, '/ir breach --aware-at 2026-11-20T09:15:00Z --jurisdictions EU,XX');
    expect(refused.error).toMatchObject({ code: 'clock.unknown_jurisdiction' });
    expect(refused.appended).toEqual([]);
    const reply = await h.run(lena, '/ir breach --aware-at 2026-11-20T09:15:00Z --jurisdictions EU,NZ');
    expect(JSON.stringify(reply.views)).toContain('NZ: no fixed deadline: notify without undue delay');
  });

  it('lets only the commander or legal record it, and records the refusal', async () => {
    const h = await breachIncident();
    expect((await h.run(bob, '/ir breach --aware-at 2026-11-20T09:15:00Z --jurisdictions EU')).appended).toMatchObject([{ type: 'PermissionDenied', data: { command: 'breach' } }]);
  });

  it('starts sec-8k by hand: four business days past Thanksgiving, due 2026-12-02 in New York', async () => {
    const h = await breachIncident('2026-11-25T21:00:00Z');
    const reply = await h.run(alice, '/ir clock start sec-8k --at 2026-11-25T15:00:00-05:00');
    expect(reply.appended).toMatchObject([{ type: 'ClockStarted', data: { regime: 'sec-8k', startedAt: '2026-11-25T20:00:00.000Z' } }]);
    const deadline = new Date((reply.appended[0]!.data as { deadline: string }).deadline);
    expect(new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' }).format(deadline)).toBe('2026-12-02');
  });

  it('shows each clock in status with time left, the deadline in UTC and in the legal contact\'s zone', async () => {
    const h = serviceHarness(pools, undefined, [], { contacts: { legalTimeZone: 'Europe/Berlin' } });
    h.clock.set('2026-11-20T10:00:00Z');
    await h.run(alice, '/ir declare Customer database copied --severity High');
    await h.run(alice, '/ir breach --aware-at 2026-11-20T09:15:00Z --jurisdictions EU');
    const status = JSON.stringify((await h.run(bob, '/ir status')).views);
    expect(status).toContain('2d 23h left: deadline 2026-11-23T09:15:00.000Z UTC = 2026-11-23 10:15 Europe/Berlin');
    expect(status).toContain('computed, not legal advice');
  });

  it('stops a clock on notified', async () => {
    const h = await breachIncident();
    await h.run(lena, '/ir breach --aware-at 2026-11-20T09:15:00Z --jurisdictions EU');
    const notified = await h.run(lena, '/ir notified gdpr-art33 CNIL-2026-000123');
    expect(notified.appended).toMatchObject([{ type: 'AuthorityNotified', data: { regime: 'gdpr-art33', reference: 'CNIL-2026-000123', late: false } }]);
    expect((await exportIncident(h.store, h.incident()!, h.clock.now()))?.clocks[0]).toMatchObject({ notifiedAt: '2026-11-20T10:00:00.000Z', reference: 'CNIL-2026-000123', state: 'notified' });
    const update = await h.run(lena, '/ir notified gdpr-art33 again');
    expect(update.appended).toMatchObject([{ type: 'AuthorityNotified', data: { update: true, reference: 'again' } }]);
  });

  it('starts the chained NIS2 final report one month after the notification is recorded', async () => {
    const h = serviceHarness(pools);
    h.clock.set('2026-11-20T10:00:00Z');
    await h.run(alice, '/ir declare Ransomware on file shares --severity High');
    await h.run(alice, '/ir clock start nis2-notification --at 2026-11-20T09:00:00Z');
    const notified = await h.run(alice, '/ir notified nis2-notification CSIRT-77');
    expect(notified.appended.map((event) => event.type)).toEqual(['AuthorityNotified', 'ClockStarted']);
    expect(notified.appended[1]!.data).toMatchObject({ regime: 'nis2-final', startedAt: '2026-11-20T10:00:00.000Z' });
  });
});

describe('drafts', () => {
  it('drafts the GDPR notice with the four Art. 33(3) parts and the assessed numbers, and the reasons for delay once late', async () => {
    const h = await breachIncident();
    await h.run(lena, '/ir breach --aware-at 2026-11-20T09:15:00Z --subjects 12400 --records 58000 --categories contact,payment --jurisdictions EU');
    const onTime = await draftOf(h, lena, '/ir draft regulator gdpr-art33');
    for (const part of ['(a)', '(b)', '(c)', '(d)']) expect(onTime).toContain(part);
    expect(onTime).toMatch(/12,400/);
    expect(onTime).toMatch(/58,000/);
    expect(onTime).not.toMatch(/Reasons for the delay/i);
    h.clock.set('2026-11-23T10:15:00Z');
    const late = await draftOf(h, lena, '/ir draft regulator gdpr-art33');
    expect(late).toMatch(/Reasons for the delay/i);
    const events = await h.store.load(h.incident()!);
    expect(events.at(-1)).toMatchObject({ type: 'DraftGenerated', data: { kind: 'regulator', regime: 'gdpr-art33', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
  });

  it('drafts the Microsoft Support escalation for a High incident at severity A with the ticket body', async () => {
    const h = await breachIncident();
    const text = await draftOf(h, alice, '/ir draft support');
    expect(text).toMatch(/severity A/i);
    const json = /```json\n([\s\S]*?)\n```/.exec(text)?.[1];
    const body = JSON.parse(json ?? '{}');
    expect(body.properties).toMatchObject({ severity: 'critical', title: expect.any(String), description: expect.any(String), problemClassificationId: expect.any(String), contactDetails: expect.any(Object) });
  });
});

describe('forms', () => {
  it('answers /ir breach alone with the form, and a submission records the same as the typed command', async () => {
    const h = await breachIncident();
    const form = await h.run(lena, '/ir breach');
    expect(form).toMatchObject({ ok: true, appended: [] });
    expect(form.views[0]!.blocks[0]).toMatchObject({ type: 'form', form: { id: 'form:breach', fields: expect.arrayContaining([expect.objectContaining({ name: 'aware-at', required: true })]) } });
    const submitted = await h.service.submitForm({ formId: 'form:breach', values: { 'aware-at': '2026-11-20T09:15:00Z', jurisdictions: 'EU', subjects: '12400', categories: 'contact --processor', role: 'controller', 'high-risk': true }, actor: lena, incidentId: h.incident()! });
    expect(submitted.appended).toMatchObject([{ type: 'BreachAssessed', data: { subjects: 12400, categories: ['contact --processor'], role: 'controller', highRisk: true } }, { type: 'ClockStarted', data: { regime: 'gdpr-art33' } }]);
    const refused = await h.service.submitForm({ formId: 'form:breach', values: { jurisdictions: 'EU,UK' }, actor: lena, incidentId: h.incident()! });
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/--aware-at is required/) }, appended: [] });
    const again = refused.views.at(-1)!.blocks[0] as { type: 'form'; form: { fields: Array<{ name: string; initial?: string }> } };
    expect(again.form.fields.find((field) => field.name === 'jurisdictions')?.initial).toBe('EU,UK');
    expect(await h.service.submitForm({ formId: 'form:nuke', values: {}, actor: lena, incidentId: h.incident()! })).toMatchObject({ ok: false, error: { code: 'parse.unknown_command' } });
  });
});

describe('filing the Microsoft Support escalation', () => {
  const contacts = {
    supportContact: { firstName: 'Sam', lastName: 'Lee', email: 'secops@example.com', country: 'deu', timeZone: 'W. Europe Standard Time', language: 'en-US' },
    supportRequest: { serviceId: '/providers/Microsoft.Support/services/aaaa', problemClassificationId: '/providers/Microsoft.Support/services/aaaa/problemClassifications/bbbb', ask: 'Confirm platform-side access logs for the storage account.' },
  };
  const ACCOUNT = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stprod01';

  async function withExecutedAction(extra = {}) {
    const h = serviceHarness(pools, undefined, [], extra);
    await h.run(alice, '/ir declare Customer database copied --severity High');
    const requested = await h.run(bob, `/ir request storage.deny-public-network ${ACCOUNT}`);
    await h.run(alice, `/ir approve ${(requested.appended[0]!.data as { actionId: string }).actionId}`);
    return h;
  }

  it('files exactly the drafted ticket, bound by hash, after the commander approves', async () => {
    const h = await withExecutedAction({ contacts });
    const pressed = await h.service.press({ buttonId: 'support:file', actor: bob, incidentId: h.incident()! });
    expect(pressed.appended).toMatchObject([{ type: 'ActionRequested', data: { type: 'support.create-ticket', target: '/subscriptions/00000000-0000-0000-0000-000000000001' } }]);
    const { actionId, params } = pressed.appended[0]!.data as { actionId: string; params: { ticket: string } };
    expect(JSON.parse(params.ticket).properties).toMatchObject({ severity: 'critical', contactDetails: { firstName: 'Sam' }, problemClassificationId: contacts.supportRequest.problemClassificationId });
    await (await h.service.handle({ text: `/ir approve ${actionId}`, actor: alice, incidentId: h.incident()! })).followUp;
    expect(h.containment.calls.at(-1)).toEqual({ port: 'support', method: 'createTicket', args: ['/subscriptions/00000000-0000-0000-0000-000000000001', `ic-${actionId}`, JSON.parse(params.ticket)] });
  });

  it('refuses to request an incomplete ticket, naming what is missing', async () => {
    const h = await withExecutedAction();
    const reply = await h.run(bob, '/ir request support.create-ticket /subscriptions/00000000-0000-0000-0000-000000000001');
    expect(reply).toMatchObject({ ok: false, error: { code: 'action.invalid_params', message: expect.stringMatching(/not complete/) }, appended: [] });
  });
});

describe('who sees drafts', () => {
  it('refuses drafts to someone with no role in the incident, and records the refusal', async () => {
    const h = await breachIncident();
    await h.run(lena, '/ir breach --aware-at 2026-11-20T09:15:00Z --subjects 12400 --jurisdictions EU');
    const refused = await h.run(person('mallory'), '/ir draft regulator gdpr-art33');
    expect(refused).toMatchObject({ ok: false, error: { code: 'policy.not_participant' }, appended: [{ type: 'PermissionDenied', data: { command: 'draft' } }] });
    expect(JSON.stringify(refused.views)).not.toContain('12,400');
  });

  it('shows the breach assessment in the timeline without its figures, to everyone in the room; the export keeps them', async () => {
    const h = await breachIncident();
    await h.run(lena, '/ir breach --aware-at 2026-11-20T09:15:00Z --subjects 12400 --records 58000 --jurisdictions EU');
    for (const viewer of [alice, lena, bob]) {
      const timeline = JSON.stringify((await h.run(viewer, '/ir timeline')).views);
      expect(timeline).toContain('assessed a personal-data breach: aware at 2026-11-20T09:15:00.000Z, jurisdictions EU');
      expect(timeline).not.toMatch(/12400|12,400|58000|58,000/);
    }
    const doc = await exportIncident(h.store, h.incident()!, h.clock.now());
    expect(exportMarkdown(doc!)).toContain('12400 subjects, 58000 records');
  });

  it("sends legal's draft to legal alone; the room hears only that a draft was made, and by whom", async () => {
    const h = await breachIncident();
    await h.run(lena, '/ir breach --aware-at 2026-11-20T09:15:00Z --subjects 12400 --records 58000 --jurisdictions EU');
    const reply = await h.run(lena, '/ir draft regulator gdpr-art33');
    expect(reply.ok).toBe(true);
    expect(JSON.stringify(reply.views)).not.toMatch(/12,400|58,000/);
    expect(reply.views[0]!.summary).toMatch(/^lena made a draft: Draft regulator notice \(gdpr-art33\) \(sha256 [0-9a-f]{16}…\), sent to them privately\.$/);
    const sent = h.notices.filter((notice) => notice.view.summary.startsWith('Draft regulator notice'));
    expect(sent.map((notice) => notice.principal)).toEqual(['console:lena']);
    expect(JSON.stringify(sent[0]!.view)).toContain('12,400');
  });
});

describe('DORA initial notification, typed as a DORA entity would (RTS 2025/301 Art. 5(1)(a))', () => {
  it('counts min(classification + 4 h, awareness + 24 h) whichever is recorded first, and says the deadline moved', async () => {
    const { SHIPPED_REGIMES } = await import('../../src/clocks/regimes.ts');
    const { DEFAULT_CALENDARS } = await import('../../src/clocks/holidays.ts');
    const clocks = { regimes: SHIPPED_REGIMES, calendars: DEFAULT_CALENDARS, organisation: { doraEntity: true } };
    const deadlineOf = async (h: ReturnType<typeof serviceHarness>) => (await exportIncident(h.store, h.incident()!, h.clock.now()))?.clocks.find((clock) => clock.regime === 'dora-initial')?.deadline;

    // Awareness first: the 24-hour bound, then 4 hours from the classification.
    const first = serviceHarness(pools, undefined, [], { clocks });
    first.clock.set('2026-11-20T10:00:00Z');
    await first.run(alice, '/ir declare Payments ledger exposed --severity High');
    await first.run(alice, '/ir assign legal lena');
    await first.run(lena, '/ir breach --aware-at 2026-11-20T09:15:00Z --jurisdictions EU');
    expect(await deadlineOf(first)).toBe('2026-11-21T09:15:00.000Z');
    const classified = await first.run(lena, '/ir clock start dora-initial --at 2026-11-20T09:45:00Z');
    expect(classified).toMatchObject({ ok: true, appended: [{ type: 'ClockStarted', data: { regime: 'dora-initial', deadline: '2026-11-20T13:45:00.000Z' } }] });
    expect(await deadlineOf(first)).toBe('2026-11-20T13:45:00.000Z');

    // Classification first, awareness the day before: the bound ends earlier and wins.
    const second = serviceHarness(pools, undefined, [], { clocks });
    second.clock.set('2026-11-20T10:00:00Z');
    await second.run(alice, '/ir declare Payments ledger exposed --severity High');
    await second.run(alice, '/ir assign legal lena');
    await second.run(lena, '/ir clock start dora-initial --at 2026-11-20T08:00:00Z');
    expect(await deadlineOf(second)).toBe('2026-11-20T12:00:00.000Z');
    await second.run(lena, '/ir breach --aware-at 2026-11-19T11:00:00Z --jurisdictions EU');
    expect(await deadlineOf(second)).toBe('2026-11-20T11:00:00.000Z');
  });
});

describe('not-required decisions (GDPR Art. 33(5))', () => {
  it('legal decides with the reasons, the clock runs on until the commander confirms, then stops as not required, in the export', async () => {
    const h = await breachIncident();
    await h.run(lena, '/ir breach --aware-at 2026-11-20T09:15:00Z --jurisdictions EU');
    const decided = await h.run(lena, '/ir not-required gdpr-art33 --reason encrypted laptop, key not exposed; no risk to data subjects');
    expect(decided.appended).toMatchObject([{ type: 'NotRequiredDecided', actor: lena, data: { regime: 'gdpr-art33', reason: 'encrypted laptop, key not exposed; no risk to data subjects', confirmationNeeded: true } }]);
    expect(JSON.stringify((await h.run(bob, '/ir status')).views)).toContain('not required once confirmed (decided by console:lena)');

    const before = (await h.store.load(h.incident()!)).length;
    const own = await h.run(lena, '/ir not-required gdpr-art33 --confirm');
    expect(own.error?.code).toBe('policy.four_eyes');
    expect(own.appended).toMatchObject([{ type: 'PermissionDenied', data: { rule: 'policy.four_eyes' } }]);
    expect((await h.run(bob, '/ir not-required gdpr-art33 --confirm')).appended).toMatchObject([{ type: 'PermissionDenied', data: { rule: 'policy.not_commander' } }]);
    expect((await h.store.load(h.incident()!)).length).toBe(before + 2); // the two recorded refusals, nothing else

    const confirmed = await h.run(alice, '/ir not-required gdpr-art33 --confirm');
    expect(confirmed.appended).toMatchObject([{ type: 'NotRequiredConfirmed', actor: alice, data: { regime: 'gdpr-art33', decidedBy: 'console:lena' } }]);
    const doc = await exportIncident(h.store, h.incident()!, h.clock.now());
    expect(doc?.clocks[0]).toMatchObject({ regime: 'gdpr-art33', state: 'not-required', notifiedAt: null, notRequired: { reason: 'encrypted laptop, key not exposed; no risk to data subjects', decidedBy: 'console:lena', confirmedBy: 'console:alice' } });
    expect((await h.run(lena, '/ir not-required gdpr-art33 --reason again')).error?.code).toBe('clock.stopped');
    expect((await h.run(lena, '/ir notified gdpr-art33 DPC-1')).error).toBeUndefined(); // a notice after all still stands
  });

  it('refuses a decision without reasons, for a clock that does not run, or a second one while the first waits', async () => {
    const h = await breachIncident();
    await h.run(lena, '/ir breach --aware-at 2026-11-20T09:15:00Z --jurisdictions EU');
    expect((await h.run(lena, '/ir not-required gdpr-art33')).error?.message).toMatch(/--reason is required/);
    expect((await h.run(lena, '/ir not-required us-ca --reason no Californians')).error?.code).toBe('clock.not_running');
    expect((await h.run(alice, '/ir not-required gdpr-art33 --confirm')).error?.code).toBe('clock.no_decision');
    await h.run(lena, '/ir not-required gdpr-art33 --reason no risk');
    expect((await h.run(alice, '/ir not-required gdpr-art33 --reason other')).error?.code).toBe('clock.decision_pending');
  });

  it('a regime configured without a second person stops at the decision; the last open obligation of a closed incident finishes it', async () => {
    const regimes = SHIPPED_REGIMES.map((regime) => (regime.id === 'gdpr-art33' ? { ...regime, notRequiredConfirmation: false } : regime));
    const h = serviceHarness(pools, undefined, [], { clocks: { regimes, calendars: DEFAULT_CALENDARS, organisation: {} } });
    h.clock.set('2026-11-20T10:00:00Z');
    await h.run(alice, '/ir declare Laptop stolen --severity High');
    await h.run(alice, '/ir assign legal lena');
    await h.run(lena, '/ir breach --aware-at 2026-11-20T09:15:00Z --jurisdictions EU');
    expect((await h.run(alice, '/ir close TruePositive laptop recovered')).error).toBeUndefined();
    const decided = await h.run(lena, '/ir not-required gdpr-art33 --reason full-disk encryption, key safe');
    expect(decided.appended?.map((event) => event.type)).toEqual(['NotRequiredDecided', 'ObligationsMet']);
  });
});
