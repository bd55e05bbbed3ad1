import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_TYPES } from '../../../src/actions/catalog.ts';
import { allArmOperations, allGraphPermissions, AZURE_ACTION_TYPES, hasGraphPermission, isAllowed, operationMatches } from '../../../adapters/azure/azure.permissions.ts';
import { parseArmId, parseUserId } from '../../../adapters/azure/azure.ids.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');

describe('ARM permission evaluation', () => {
  it.each([
    ['*', 'Microsoft.Storage/storageAccounts/write', true],
    ['Microsoft.Storage/*', 'Microsoft.Storage/storageAccounts/regenerateKey/action', true],
    ['microsoft.storage/storageaccounts/*', 'Microsoft.Storage/storageAccounts/write', true],
    ['*/read', 'Microsoft.Network/networkSecurityGroups/securityRules/read', true],
    ['*/read', 'Microsoft.Network/networkSecurityGroups/securityRules/write', false],
    ['Microsoft.Storage/storageAccounts/*/action', 'Microsoft.Storage/storageAccounts/revokeUserDelegationKeys/action', true],
    ['Microsoft.Storage/storageAccounts/read', 'Microsoft.Storage/storageAccounts/readX', false],
    ['Microsoft.Storage/storageAccounts/regenerateKey/action', 'Microsoft.Storage/storageAccountsXregenerateKey/action', false],
    ['Microsoft.Network/*', 'Microsoft.NetworkX/anything', false],
  ])('%s matches %s: %s', (pattern, operation, expected) => {
    expect(operationMatches(pattern, operation)).toBe(expected);
  });

  it('notActions subtract within their own role only; another role can still grant the operation', () => {
    const contributorWithoutKeys = { actions: ['Microsoft.Storage/*'], notActions: ['Microsoft.Storage/storageAccounts/regenerateKey/action'] };
    const keyOperator = { actions: ['Microsoft.Storage/storageAccounts/regenerateKey/action'], notActions: [] };
    expect(isAllowed([contributorWithoutKeys], 'Microsoft.Storage/storageAccounts/regenerateKey/action')).toBe(false);
    expect(isAllowed([contributorWithoutKeys], 'Microsoft.Storage/storageAccounts/write')).toBe(true);
    expect(isAllowed([contributorWithoutKeys, keyOperator], 'Microsoft.Storage/storageAccounts/regenerateKey/action')).toBe(true);
    expect(isAllowed([{ actions: ['*'], notActions: ['Microsoft.Storage/*/write'] }], 'Microsoft.Storage/storageAccounts/write')).toBe(false);
    expect(isAllowed([], 'Microsoft.Storage/storageAccounts/read')).toBe(false);
  });

  it('accepts broader Graph permissions, and nothing narrower', () => {
    expect(hasGraphPermission(['user.revokesessions.all'], 'User.RevokeSessions.All')).toBe(true);
    expect(hasGraphPermission(['User.ReadWrite.All'], 'User.EnableDisableAccount.All')).toBe(true);
    expect(hasGraphPermission(['Directory.Read.All'], 'User.Read.All')).toBe(true);
    expect(hasGraphPermission(['User.Read.All'], 'User.EnableDisableAccount.All')).toBe(false);
  });
});

describe('the catalog and what ships in deploy/azure', () => {
  it('covers exactly the core\'s containment action types', () => {
    expect([...AZURE_ACTION_TYPES].sort()).toEqual([...ACTION_TYPES].sort());
  });

  it('the custom role grants exactly the operations the actions need, no more, at a placeholder scope', () => {
    const role = JSON.parse(readFileSync(join(ROOT, 'deploy', 'azure', 'incident-commander-role.json'), 'utf8')) as Record<string, unknown>;
    expect(role).toMatchObject({ IsCustom: true, Name: expect.any(String), Description: expect.any(String), NotActions: [], DataActions: [], NotDataActions: [] });
    expect([...(role.Actions as string[])].sort()).toEqual(allArmOperations().sort());
    expect(role.AssignableScopes).toEqual(['/subscriptions/00000000-0000-0000-0000-000000000000']);
  });

  it('the README names every Graph application permission and how to create and assign the role', () => {
    const readme = readFileSync(join(ROOT, 'deploy', 'azure', 'README.md'), 'utf8');
    for (const permission of allGraphPermissions()) expect(readme).toContain(permission);
    expect(readme).toContain('az role definition create --role-definition @deploy/azure/incident-commander-role.json');
    expect(readme).toContain('az role assignment create');
  });
});

describe('target parsing', () => {
  it('gives back the canonical id whatever the case of the fixed segments', () => {
    const parsed = parseArmId('networkSecurityGroup', '/SUBSCRIPTIONS/0B1F6471-1BF0-4DDA-AEC3-111122223333/RESOURCEGROUPS/Rg-Prod/PROVIDERS/microsoft.network/NETWORKSECURITYGROUPS/nsg-web');
    expect(parsed).toEqual({ ok: true, resource: { kind: 'networkSecurityGroup', subscriptionId: '0b1f6471-1bf0-4dda-aec3-111122223333', resourceGroup: 'Rg-Prod', name: 'nsg-web', id: '/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/resourceGroups/Rg-Prod/providers/Microsoft.Network/networkSecurityGroups/nsg-web' } });
  });

  it.each(['6E7B768E-07E2-4810-8459-485F84F8F204', 'alice@contoso.com', "o'brien@contoso.co.uk", 'bob_fabrikam.com#EXT#@contoso.onmicrosoft.com'])('accepts the user %s', (user) => {
    expect(parseUserId(user).ok).toBe(true);
  });

  it.each(['', 'alice', 'alice@', '@contoso.com', 'alice@contoso.com/../x', 'alice@contoso.com?$select=*', '6e7b768e-07e2-4810-8459'])('refuses the user %j', (user) => {
    expect(parseUserId(user)).toMatchObject({ ok: false, failure: { code: 'azure.invalid_target', hint: expect.stringContaining('object id') } });
  });

  it('echoes a huge hostile id back shortened', () => {
    const parsed = parseArmId('storageAccount', `/x${'a'.repeat(5000)}`);
    expect(!parsed.ok && parsed.failure.message.length).toBeLessThan(300);
  });
});
