import type { Classification } from '../../src/domain/incident.types.ts';
import type { SentinelIncident, SentinelLocator, SiemPort } from '../../src/ports/siem.port.ts';

/** An in-memory Sentinel for core tests: records write-backs, can be told to fail. */
export class FakeSiem implements SiemPort {
  readonly calls: Array<{ kind: string; number: string; detail: unknown }> = [];
  failures = 0;

  #maybeFail(): void {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('ARM answered 503');
    }
  }

  async comment(incident: SentinelLocator, message: string): Promise<void> {
    this.#maybeFail();
    this.calls.push({ kind: 'comment', number: incident.number, detail: message });
  }

  async assignOwner(incident: SentinelLocator, owner: { email?: string; objectId?: string; name: string }): Promise<void> {
    this.#maybeFail();
    this.calls.push({ kind: 'owner', number: incident.number, detail: owner });
  }

  async close(incident: SentinelLocator, classification: Classification, comment: string): Promise<void> {
    this.#maybeFail();
    this.calls.push({ kind: 'close', number: incident.number, detail: { classification, comment } });
  }

  async entities(): Promise<Array<{ kind: string; value: string }>> {
    return [];
  }
}

/** A Sentinel incident as the adapters hand it to the core. */
export function sentinelIncident(overrides: Partial<SentinelIncident> = {}): SentinelIncident {
  const name = overrides.name ?? '73e01a99-5cd7-4139-a149-9f2736ff2ab5';
  return {
    armId: `/subscriptions/d0cfe6b2-9ac0-4464-9919-dccaee2e48c0/resourceGroups/myRg/providers/Microsoft.OperationalInsights/workspaces/myWorkspace/providers/Microsoft.SecurityInsights/incidents/${name}`,
    name,
    number: '3177',
    title: 'Unusual amount of data extracted from a storage account',
    severity: 'High',
    status: 'New',
    labels: [],
    analyticRuleIds: ['fab3d2d4-747f-46a7-8ef0-9c0be8112bf7'],
    analyticRuleNames: [],
    tactics: ['Exfiltration'],
    url: 'https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident/x',
    entities: [
      { kind: 'AzureResource', value: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Storage/storageAccounts/stprod01' },
      { kind: 'Ip', value: '203.0.113.7' },
    ],
    alertCount: 1,
    ...overrides,
  };
}
