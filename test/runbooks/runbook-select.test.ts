import { describe, expect, it } from 'vitest';
import { RunbookSchema, type Runbook } from '../../src/runbooks/runbook.schema.ts';
import { rankRunbooks, selectRunbook, type IncidentFacts } from '../../src/runbooks/runbook-select.ts';
import { rawRunbook } from './runbook.fixtures.ts';

function runbook(id: string, matches: Record<string, string[]>): Runbook {
  return RunbookSchema.parse({ ...rawRunbook(), id, matches });
}

const byRule = runbook('key-vault-secrets', { analyticRules: ['Mass secret retrieval from Azure Key Vault'] });
const byTitle = runbook('storage-exfiltration', { titlePatterns: ['exfiltrat', 'storage.*(download|egress)'] });
const byTactic = runbook('credential-compromise', { tactics: ['CredentialAccess', 'InitialAccess'] });
const byEntity = runbook('managed-identity-abuse', { entityKinds: ['CloudApplication'] });
const all = [byTactic, byEntity, byTitle, byRule];

const facts = (extra: Partial<IncidentFacts>): IncidentFacts => ({ title: 'Something odd', severity: 'High', ...extra });

describe('selectRunbook', () => {
  it('returns undefined when nothing matches', () => {
    expect(selectRunbook(all, facts({ tactics: ['Impact'], entityKinds: ['Host'] }))).toBeUndefined();
    expect(selectRunbook([], facts({}))).toBeUndefined();
  });

  it('prefers an analytic rule match over title, tactic and entity matches', () => {
    const chosen = selectRunbook(all, facts({
      title: 'Storage egress spike',
      analyticRules: ['mass secret retrieval from azure key vault'],
      tactics: ['CredentialAccess', 'InitialAccess'],
      entityKinds: ['CloudApplication'],
    }));
    expect(chosen?.id).toBe('key-vault-secrets');
  });

  it('prefers a title pattern over tactics, and tactics over entity kinds', () => {
    expect(selectRunbook(all, facts({ title: 'Possible EXFILTRATION', tactics: ['CredentialAccess'], entityKinds: ['CloudApplication'] }))?.id).toBe('storage-exfiltration');
    expect(selectRunbook(all, facts({ tactics: ['CredentialAccess'], entityKinds: ['CloudApplication'] }))?.id).toBe('credential-compromise');
    expect(selectRunbook(all, facts({ entityKinds: ['CloudApplication'] }))?.id).toBe('managed-identity-abuse');
  });

  it('counts matches within a kind, and breaks ties by id', () => {
    const twoTactics = runbook('b-two-tactics', { tactics: ['CredentialAccess', 'Persistence'] });
    const oneTactic = runbook('a-one-tactic', { tactics: ['CredentialAccess'] });
    expect(selectRunbook([oneTactic, twoTactics], facts({ tactics: ['CredentialAccess', 'Persistence'] }))?.id).toBe('b-two-tactics');
    const twin = runbook('a-twin', { tactics: ['CredentialAccess'] });
    expect(selectRunbook([oneTactic, twin], facts({ tactics: ['CredentialAccess'] }))?.id).toBe('a-one-tactic');
  });

  it('explains each candidate, best first', () => {
    const ranked = rankRunbooks(all, facts({ title: 'storage download burst', tactics: ['InitialAccess'] }));
    expect(ranked.map((match) => match.runbook.id)).toEqual(['storage-exfiltration', 'credential-compromise']);
    expect(ranked[0]?.reasons).toEqual(['title matches /storage.*(download|egress)/i']);
    expect(ranked[1]?.reasons).toEqual(['tactics InitialAccess']);
  });
});
