import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.ts';
import { resolvePerson, type PersonEntry } from '../../src/incident/people.ts';
import { serviceHarness } from '../support/service-harness.ts';

/** Four eyes holds per person, not per principal: one human in Slack and in Teams is one requester. */

const ACCOUNT = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Storage/storageAccounts/stprod01';
const ALICE_TEAMS_OID = '6f2d9c1e-3b4a-4c5d-8e9f-0a1b2c3d4e5f';
const aliceSlack: Actor = { platform: 'slack', id: 'U0ALICE', name: 'alice' };
const aliceTeams: Actor = { platform: 'teams', id: ALICE_TEAMS_OID, name: 'Alice Example' };
const bobTeams: Actor = { platform: 'teams', id: 'b0b0b0b0-0000-4000-8000-000000000001', name: 'Bob Example' };
const pools = { commander: ['slack:U0ALICE', `teams:${ALICE_TEAMS_OID}`, `teams:${bobTeams.id}`], responder: ['slack:U0ALICE'] };
const PEOPLE: PersonEntry[] = [
  { name: 'Alice Example', email: 'alice@contoso.example', principals: ['slack:U0ALICE', `teams:${ALICE_TEAMS_OID}`] },
  { name: 'Bob Example', email: 'bob@contoso.example', principals: [`teams:${bobTeams.id}`] },
];

async function requested(people: readonly PersonEntry[], requester: Actor = aliceSlack) {
  const h = serviceHarness(pools, undefined, [], { people });
  await h.run(requester, '/ir declare Exfiltration from stprod01 --severity High');
  const reply = await h.run(requester, `/ir request storage.deny-public-network ${ACCOUNT}`);
  const { actionId } = reply.appended[0]!.data as { actionId: string };
  return { h, actionId };
}

describe('resolvePerson', () => {
  it('links principals by config, then by a verified email; an unlinked principal is its own person', () => {
    expect(resolvePerson(PEOPLE, aliceTeams)).toEqual({ id: 'person:alice@contoso.example', linked: true });
    expect(resolvePerson(PEOPLE, { platform: 'teams', id: 'unknown', email: 'Alice@Contoso.example' })).toEqual({ id: 'person:alice@contoso.example', linked: true });
    expect(resolvePerson([], { platform: 'slack', id: 'U9', email: 'carol@contoso.example' })).toEqual({ id: 'email:carol@contoso.example', linked: true });
    expect(resolvePerson(PEOPLE, { platform: 'console', id: 'mallory' })).toEqual({ id: 'console:mallory', linked: false });
  });
});

describe('four eyes across platforms', () => {
  it('refuses Alice approving from Teams the high-risk action she requested in Slack, and records it with her person', async () => {
    const { h, actionId } = await requested(PEOPLE);
    const events = await h.store.load(h.incident()!);
    expect(events.find((event) => event.type === 'ActionRequested')?.data).toMatchObject({ person: 'person:alice@contoso.example', personLinked: true });
    const self = await h.run(aliceTeams, `/ir approve ${actionId}`);
    expect(self).toMatchObject({ ok: false, error: { code: 'policy.four_eyes' }, appended: [{ type: 'PermissionDenied', actor: { platform: 'teams' }, data: { rule: 'policy.four_eyes', actionId } }] });
    expect(h.containment.calls).toEqual([]);
    const approved = await h.run(bobTeams, `/ir approve ${actionId}`);
    expect(approved.appended).toMatchObject([{ type: 'ActionApproved', actor: { platform: 'teams', id: bobTeams.id }, data: { actionId, person: 'person:bob@contoso.example' } }]);
    expect(h.containment.calls).toHaveLength(1);
  });

  it('links the same human by a verified email alone, with no people config', async () => {
    const { h, actionId } = await requested([], { ...aliceSlack, email: 'alice@contoso.example' });
    const self = await h.run({ ...aliceTeams, email: 'alice@contoso.example' }, `/ir approve ${actionId}`);
    expect(self.error?.code).toBe('policy.four_eyes');
    expect(h.containment.calls).toEqual([]);
  });

  it('fails closed when it cannot tell: a high-risk approval from another platform by an unlinked principal is refused with the reason', async () => {
    const { h, actionId } = await requested([]);
    const unknown = await h.run(bobTeams, `/ir approve ${actionId}`);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'policy.unlinked_identity', message: expect.stringContaining('cannot tell whether you'), hint: expect.stringContaining('link your accounts') }, appended: [{ type: 'PermissionDenied', data: { rule: 'policy.unlinked_identity' } }] });
    expect(h.containment.calls).toEqual([]);
  });
});
