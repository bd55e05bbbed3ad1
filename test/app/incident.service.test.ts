import { describe, expect, it } from 'vitest';
import { verifyLines } from '../../src/domain/hash-chain.ts';
import { FakeContainment } from '../support/fake-containment.ts';
import { person, serviceHarness } from '../support/service-harness.ts';

const alice = person('alice');
const bob = person('bob');

describe('IncidentService in open mode (no roles configured)', () => {
  it('declares an incident with the declarer as commander and records the war room', async () => {
    const h = serviceHarness();
    const reply = await h.run(alice, '/ir declare Exfiltration from stprod01 --severity High');
    expect(reply.ok).toBe(true);
    expect(reply.incidentId).toBe('ir-20261120-0001');
    expect(reply.appended.map((event) => event.type)).toEqual(['IncidentDeclared', 'WarRoomOpened']);
    expect(reply.appended[0]).toMatchObject({ seq: 1, actor: alice, at: '2026-11-20T09:15:00.000Z', data: { title: 'Exfiltration from stprod01', severity: 'High', commander: 'console:alice' } });
    const { state } = await h.service.load(reply.incidentId!);
    expect(state.roles.commander).toEqual(['console:alice']);
    expect(state.warRooms).toHaveLength(1);
    expect(verifyLines(state.id, await h.store.loadRaw(state.id)).intact).toBe(true);
  });

  it('posts the header into a war room that is not where the command came from', async () => {
    const h = serviceHarness();
    await h.run(alice, '/ir declare Leaked SAS token');
    expect(h.printed()).toContain('== Incident ir-20261120-0001: Leaked SAS token ==');
  });

  it('adds notes from any participant and keeps the chain intact', async () => {
    const h = serviceHarness();
    await h.run(alice, '/ir declare Leaked SAS token');
    h.clock.advance(60_000);
    const reply = await h.run(bob, '/ir note first look at StorageBlobLogs');
    expect(reply.ok).toBe(true);
    expect(reply.appended).toMatchObject([{ type: 'NoteAdded', seq: 3, actor: bob, at: '2026-11-20T09:16:00.000Z', data: { text: 'first look at StorageBlobLogs' } }]);
  });

  it('lets only the commander change the status, and records the refusal', async () => {
    const h = serviceHarness();
    await h.run(alice, '/ir declare Leaked SAS token');
    const refused = await h.run(bob, '/ir status contained');
    expect(refused.ok).toBe(false);
    expect(refused.error?.code).toBe('policy.not_commander');
    expect(refused.appended).toMatchObject([{ type: 'PermissionDenied', actor: bob, data: { command: 'status', rule: 'policy.not_commander' } }]);
    const accepted = await h.run(alice, '/ir status contained');
    expect(accepted.appended).toMatchObject([{ type: 'StatusChanged', data: { from: 'declared', to: 'contained' } }]);
  });

  it('asks for a reason to move the status backwards, and records nothing without one', async () => {
    const h = serviceHarness();
    await h.run(alice, '/ir declare Leaked SAS token');
    await h.run(alice, '/ir status contained');
    const before = (await h.store.load(h.incident()!)).length;
    const refused = await h.run(alice, '/ir status investigating');
    expect(refused).toMatchObject({ ok: false, error: { code: 'incident.illegal_transition' }, appended: [] });
    expect(await h.store.load(h.incident()!)).toHaveLength(before);
    expect((await h.run(alice, '/ir status investigating --reason "attacker back via a second key"')).ok).toBe(true);
  });

  it('assigns roles, replacing the commander', async () => {
    const h = serviceHarness();
    await h.run(alice, '/ir declare Leaked SAS token');
    expect((await h.run(alice, '/ir assign legal carol')).appended).toMatchObject([{ type: 'RoleAssigned', data: { role: 'legal', principal: 'console:carol' } }]);
    expect((await h.run(alice, '/ir assign commander bob')).appended).toMatchObject([{ type: 'RoleAssigned', data: { role: 'commander', principal: 'console:bob', replaced: 'console:alice' } }]);
    const refused = await h.run(alice, '/ir assign responder dave');
    expect(refused.error?.code).toBe('policy.not_commander');
  });

  it('closes with a classification, after which nothing changes', async () => {
    const h = serviceHarness();
    await h.run(alice, '/ir declare Leaked SAS token');
    const closed = await h.run(alice, '/ir close BenignPositive pen test by the red team');
    expect(closed.appended).toMatchObject([{ type: 'IncidentClosed', data: { classification: 'BenignPositive', comment: 'pen test by the red team', from: 'declared' } }]);
    expect(await h.store.listOpen()).toEqual([]);
    const after = await h.run(alice, '/ir note too late');
    expect(after).toMatchObject({ ok: false, error: { code: 'incident.closed' }, appended: [] });
  });

  it('answers malformed input with usage and adds no event', async () => {
    const h = serviceHarness();
    await h.run(alice, '/ir declare Leaked SAS token');
    const count = (await h.store.load(h.incident()!)).length;
    for (const text of ['/ir frobnicate', '/ir declare --severity Apocalyptic', '/ir assign', '/ir close']) {
      const reply = await h.run(alice, text);
      expect(reply.ok).toBe(false);
      expect(reply.error?.usage).toBeTruthy();
      expect(reply.appended).toEqual([]);
    }
    expect(await h.store.load(h.incident()!)).toHaveLength(count);
    expect(await h.store.listOpen()).toHaveLength(1);
  });

  it('shows the status and the timeline without changing anything', async () => {
    const h = serviceHarness();
    await h.run(alice, '/ir declare Leaked SAS token --severity Low');
    await h.run(alice, '/ir note rotated key1');
    const status = await h.run(bob, '/ir status');
    expect(status.views[0]!.summary).toContain('Low, declared');
    const timeline = await h.run(bob, '/ir timeline');
    const list = timeline.views[0]!.blocks.find((block) => block.type === 'list');
    expect(list).toMatchObject({ items: [{ text: expect.stringContaining('declared') }, { text: expect.stringContaining('war room') }, { text: expect.stringContaining('noted: rotated key1') }] });
    expect(await h.store.load(h.incident()!)).toHaveLength(3);
  });

  it('says so when a command needs an incident and the conversation has none', async () => {
    const h = serviceHarness();
    expect(await h.run(alice, '/ir status')).toMatchObject({ ok: false, error: { code: 'incident.no_context' }, appended: [] });
  });
});

describe('IncidentService with configured role pools', () => {
  const pools = { commander: ['console:alice'], responder: ['console:bob'], legal: ['console:lena'] };

  it('refuses a declaration from someone in no pool, recording nothing', async () => {
    const h = serviceHarness(pools);
    const reply = await h.run(person('mallory'), '/ir declare fake incident');
    expect(reply).toMatchObject({ ok: false, error: { code: 'policy.cannot_declare' }, appended: [] });
    expect(await h.store.listOpen()).toEqual([]);
  });

  it('makes a responder declarer wait for a commander from the pool', async () => {
    const h = serviceHarness(pools);
    const declared = await h.run(bob, '/ir declare Entra sign-ins from TOR');
    expect(declared.appended[0]?.data).not.toHaveProperty('commander');
    expect((await h.run(bob, '/ir assign commander alice')).error?.code).toBe('policy.not_commander');
    expect((await h.run(alice, '/ir assign commander alice')).ok).toBe(true);
    const notEligible = await h.run(alice, '/ir assign legal bob');
    expect(notEligible).toMatchObject({ ok: false, error: { code: 'policy.not_eligible' }, appended: [{ type: 'PermissionDenied' }] });
    expect((await h.run(alice, '/ir assign legal lena')).ok).toBe(true);
  });

  it('lets only participants add notes', async () => {
    const h = serviceHarness(pools);
    await h.run(alice, '/ir declare Entra sign-ins from TOR');
    expect((await h.run(person('mallory'), '/ir note hello')).appended).toMatchObject([{ type: 'PermissionDenied', data: { rule: 'policy.not_participant' } }]);
    expect((await h.run(bob, '/ir note hello')).ok).toBe(true);
  });
});

describe('concurrent commands', () => {
  it('reloads and decides again when another append got there first', async () => {
    const h = serviceHarness();
    await h.run(alice, '/ir declare Leaked SAS token');
    const id = h.incident()!;
    const replies = await Promise.all(Array.from({ length: 8 }, (_, n) => h.service.handle({ text: `/ir note n${n}`, actor: bob, incidentId: id })));
    expect(replies.every((reply) => reply.ok)).toBe(true);
    const events = await h.store.load(id);
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 10 }, (_, n) => n + 1));
    expect(verifyLines(id, await h.store.loadRaw(id)).intact).toBe(true);
  });
});

describe('two replicas on one store', () => {
  it('never loses or forks an append: the loser of a race reloads and decides again', async () => {
    const { MemoryStore } = await import('../../adapters/store/memory.store.ts');
    const { IncidentService } = await import('../../src/app/incident.service.ts');
    const { silentLogger } = await import('../../src/ports/logger.port.ts');
    const { FakeClock } = await import('../support/fake-clock.ts');
    const clock = new FakeClock();
    const store = new MemoryStore({ clock });
    const make = () => new IncidentService({ store, clock, ids: { incidentId: () => 'ir-20261129-race01', actionId: () => 'act-unused' }, pools: {}, chats: [], logger: silentLogger, containment: new FakeContainment(), runbooks: [] });
    const [one, two] = [make(), make()];
    await one.handle({ text: '/ir declare race', actor: alice });
    const id = 'ir-20261129-race01';
    const replies = await Promise.all([one, two, one, two].map((service, n) => service.handle({ text: `/ir note from replica ${n}`, actor: bob, incidentId: id })));
    expect(replies.every((reply) => reply.ok)).toBe(true);
    const notes = (await store.load(id)).filter((event) => event.type === 'NoteAdded');
    expect(notes).toHaveLength(4);
    expect(verifyLines(id, await store.loadRaw(id)).intact).toBe(true);
  });
});

describe('buttons and war rooms', () => {
  it('runs a button press as the command it stands for, and refuses ids it never issued', async () => {
    const h = serviceHarness();
    await h.run(alice, '/ir declare Leaked SAS token');
    const status = await h.service.press({ buttonId: 'cmd:status', actor: bob, incidentId: h.incident()! });
    expect(status.views[0]!.summary).toContain('Leaked SAS token');
    const forged = await h.service.press({ buttonId: 'cmd:close TruePositive', actor: bob, incidentId: h.incident()! });
    expect(forged).toMatchObject({ ok: false, error: { code: 'parse.unknown_command' }, appended: [] });
  });

  it('finds the incident of a war room, also from a fresh service over the same store', async () => {
    const h = serviceHarness();
    await h.run(alice, '/ir declare Leaked SAS token');
    expect(await h.service.incidentForRoom('console', 'console')).toBe(h.incident());
    expect(await h.service.incidentForRoom('slack', 'C0NOTAROOM')).toBeUndefined();
    const { IncidentService } = await import('../../src/app/incident.service.ts');
    const { silentLogger } = await import('../../src/ports/logger.port.ts');
    const fresh = new IncidentService({ store: h.store, clock: h.clock, ids: { incidentId: () => 'unused', actionId: () => 'act-unused' }, pools: {}, chats: [], logger: silentLogger, containment: new FakeContainment(), runbooks: [] });
    expect(await fresh.incidentForRoom('console', 'console')).toBe(h.incident());
  });
});
