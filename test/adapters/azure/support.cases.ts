import { beforeEach, describe, expect, it } from 'vitest';
import { authorizationFailed } from './fakes/fake-arm.ts';
import { SUB, type AzureRig } from './azure.harness.ts';

const BODY = { properties: { title: 'Security incident ir-1: exfiltration', description: 'd', severity: 'critical', problemClassificationId: '/providers/Microsoft.Support/services/s/problemClassifications/p', serviceId: '/providers/Microsoft.Support/services/s', advancedDiagnosticConsent: 'No', contactDetails: { firstName: 'Sam' } } };

/** Registers these cases against the rig the entry file (azure.executor.test.ts) starts. */
export function supportCases(use: () => AzureRig): void {
  let rig: AzureRig;
  beforeEach(() => {
    rig = use();
  });

  describe('Microsoft Support tickets through the ARM pipeline (Support API 2024-04-01)', () => {
    it('files the ticket with one PUT carrying the body, api-version 2024-04-01 and a bearer token', async () => {
      const outcome = await rig.containment.support.createTicket(`/subscriptions/${SUB}`, 'ic-act-0001', BODY);
      expect(outcome).toMatchObject({ ok: true, detail: expect.stringContaining('ic-act-0001') });
      const puts = rig.arm.calls.filter((call) => call.method === 'PUT');
      expect(puts).toHaveLength(1);
      expect(puts[0]).toMatchObject({ path: `/subscriptions/${SUB}/providers/Microsoft.Support/supportTickets/ic-act-0001`, apiVersion: '2024-04-01', body: BODY, authorization: expect.stringMatching(/^Bearer /) });
    });

    it('explains a 403 with the permission and the role that grants it', async () => {
      rig.arm.script({ method: 'PUT', path: /supportTickets/i }, authorizationFailed('Microsoft.Support/supportTickets/write', `/subscriptions/${SUB}`));
      const outcome = await rig.containment.support.createTicket(`/subscriptions/${SUB}`, 'ic-act-0002', BODY);
      expect(outcome).toMatchObject({ ok: false, failure: { status: 403, code: 'azure.forbidden', hint: expect.stringContaining('Support Request Contributor') } });
    });

    it('refuses a target that is not a subscription without any call', async () => {
      const outcome = await rig.containment.support.createTicket('/subscriptions/nope/resourceGroups/x', 'ic-act-0003', BODY);
      expect(outcome).toMatchObject({ ok: false, failure: { code: 'azure.invalid_target' } });
      expect(rig.arm.calls).toEqual([]);
    });
  });
}
