import { startClock } from '../../src/clocks/clocks.ts';
import { findRegime, SHIPPED_REGIMES } from '../../src/clocks/regimes.ts';
import type { ClockState } from '../../src/clocks/clock.types.ts';
import type { DraftInput } from '../../src/drafts/draft.types.ts';

/** Awareness in the acceptance example: 2026-11-20T09:15Z, so the GDPR deadline is 2026-11-23T09:15Z. */
export const AWARE = new Date('2026-11-20T09:15:00Z');
export const hoursAfterAwareness = (hours: number) => new Date(AWARE.getTime() + hours * 3_600_000);

export const RESOURCE = '/subscriptions/132d901f-189d-4381-9214-fe68e27e05a1/resourceGroups/prod/providers/Microsoft.Storage/storageAccounts/stprod01';

/** A started clock of a shipped regime. */
export function clockOf(id: string, starts: Parameters<typeof startClock>[1] = { awareness: AWARE }): ClockState {
  const regime = findRegime(SHIPPED_REGIMES, id);
  const clock = regime && startClock(regime, starts, { by: 'slack:ULEGAL', reason: 'breach assessed' }, AWARE);
  if (!clock) throw new Error(`cannot start ${id}`);
  return clock;
}

/** A High incident with a full EU breach assessment, one executed action and the GDPR clock running. */
export function fullInput(overrides: Partial<DraftInput> = {}): DraftInput {
  return {
    incident: { id: 'INC-2026-0042', title: 'Exfiltration from stprod01', severity: 'High', status: 'contained', declaredAt: new Date('2026-11-20T08:40:00Z') },
    timeline: [
      { at: new Date('2026-11-20T09:00:00Z'), text: 'Sentinel alert: mass blob download from 203.0.113.7', actor: 'console:alice' },
      { at: new Date('2026-11-20T08:40:00Z'), text: 'Incident declared', actor: 'console:alice' },
    ],
    breach: { awareAt: AWARE, subjects: 12400, records: 58000, categories: ['email address', 'postal address'], jurisdictions: ['EU', 'US-CA'], role: 'controller', highRisk: true, setBy: 'slack:ULEGAL' },
    contacts: {
      company: 'Contoso Retail GmbH',
      dpo: { name: 'Dana Privacy', email: 'dpo@contoso.example', phone: '+49 30 1234567' },
      supportContact: { firstName: 'Sam', lastName: 'Ops', email: 'sam@contoso.example', phone: '+1 425 555 0100', country: 'usa', timeZone: 'Pacific Standard Time', language: 'en-US' },
    },
    actions: [{ type: 'storage.rotate-key', target: RESOURCE, at: new Date('2026-11-20T10:05:00Z') }],
    resources: [RESOURCE],
    clocks: [clockOf('gdpr-art33')],
    ...overrides,
  };
}

/** The bare minimum: an incident with nothing assessed. */
export function emptyInput(): DraftInput {
  return {
    incident: { id: 'INC-1', title: 'Suspicious sign-ins', severity: 'Medium', status: 'investigating', declaredAt: new Date('2026-11-20T08:40:00Z') },
    timeline: [],
    contacts: {},
    actions: [],
    resources: [],
    clocks: [],
  };
}
