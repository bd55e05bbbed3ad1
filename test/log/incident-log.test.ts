import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../adapters/store/memory.store.ts';
import { SHIPPED_REGIMES } from '../../src/clocks/regimes.ts';
import { SYSTEM_ACTOR } from '../../src/domain/actor.ts';
import { newEvent } from '../../src/domain/event.types.ts';
import { GENESIS_HASH, chainEvents } from '../../src/domain/hash-chain.ts';
import { IncidentLog } from '../../src/log/incident-log.ts';
import type { IncidentStore } from '../../src/ports/store.port.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { person, serviceHarness } from '../support/service-harness.ts';

const ID = 'ir-20261120-0001';
const declare = () => ({ ok: true as const, events: [newEvent('IncidentDeclared', { title: 'Mailbox rule', severity: 'High' as const })] });
const note = (text: string) => () => ({ ok: true as const, events: [newEvent('NoteAdded', { text })] });

/** The store, with every `loadAfter` and `load` call written down. */
function counting(store: IncidentStore): { store: IncidentStore; reads: string[] } {
  const reads: string[] = [];
  const wrapped = Object.create(store) as IncidentStore;
  wrapped.loadAfter = (id, seq) => (reads.push(`after ${seq}`), store.loadAfter(id, seq));
  wrapped.load = (id) => (reads.push('all'), store.load(id));
  return { store: wrapped, reads };
}

/** A store that forwards every call to whatever `current()` is now: a store swapped under a running log. */
function forwardingTo(current: () => IncidentStore): IncidentStore {
  return new Proxy({} as IncidentStore, {
    get: (_target, name) => {
      const store = current();
      const value = store[name as keyof IncidentStore] as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(store) : value;
    },
  });
}

describe('the incident log', () => {
  it('keeps the folded state and reads only the events after the seq it holds', async () => {
    const clock = new FakeClock('2026-11-20T09:00:00Z');
    const { store, reads } = counting(new MemoryStore({ clock }));
    const log = new IncidentLog({ store, clock, regimes: SHIPPED_REGIMES });
    await log.decideAndAppend(ID, declare, SYSTEM_ACTOR);
    for (let n = 0; n < 5; n++) await log.decideAndAppend(ID, note(`n${n}`), SYSTEM_ACTOR);
    const { state, events } = await log.load(ID);
    expect(state.seq).toBe(6);
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    // The first read of an unknown incident starts at 0; every later one from the seq already held.
    expect(reads).toEqual(['after 0', 'after 1', 'after 2', 'after 3', 'after 4', 'after 5', 'after 6']);
  });

  it('keeps one copy of each event when reads and appends run at once', async () => {
    const clock = new FakeClock('2026-11-20T09:00:00Z');
    const store = new MemoryStore({ clock });
    const writer = new IncidentLog({ store, clock, regimes: SHIPPED_REGIMES });
    const other = new IncidentLog({ store, clock, regimes: SHIPPED_REGIMES });
    await writer.decideAndAppend(ID, declare, SYSTEM_ACTOR);
    await writer.load(ID);
    for (let n = 0; n < 30; n++) {
      await Promise.all([writer.load(ID), writer.decideAndAppend(ID, note(`a${n}`), SYSTEM_ACTOR), writer.load(ID), other.decideAndAppend(ID, note(`b${n}`), SYSTEM_ACTOR), writer.load(ID)]);
    }
    const { state, events } = await writer.load(ID);
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 61 }, (_, n) => n + 1));
    expect(state.seq).toBe(61);
    expect(events).toEqual(await store.load(ID));
  });

  it('sees what another replica appended, and decides against it', async () => {
    const clock = new FakeClock('2026-11-20T09:00:00Z');
    const shared = new MemoryStore({ clock });
    const one = new IncidentLog({ store: shared, clock, regimes: SHIPPED_REGIMES });
    const two = new IncidentLog({ store: shared, clock, regimes: SHIPPED_REGIMES });
    await one.decideAndAppend(ID, declare, SYSTEM_ACTOR);
    expect((await one.load(ID)).state.seq).toBe(1);
    await two.decideAndAppend(ID, note('from the other replica'), SYSTEM_ACTOR);
    const outcome = await one.decideAndAppend(ID, note('after it'), SYSTEM_ACTOR);
    expect(outcome.ok && outcome.appended[0]?.seq).toBe(3);
    expect((await one.load(ID)).events.map((event) => event.type)).toEqual(['IncidentDeclared', 'NoteAdded', 'NoteAdded']);
    expect(await shared.loadRaw(ID)).toHaveLength(3);
  });

  it('reads the whole log again when newer events do not continue the chain it holds (a store restored from elsewhere)', async () => {
    const clock = new FakeClock('2026-11-20T09:00:00Z');
    let store = new MemoryStore({ clock });
    const switching = forwardingTo(() => store);
    const log = new IncidentLog({ store: switching, clock, regimes: SHIPPED_REGIMES });
    await log.decideAndAppend(ID, declare, SYSTEM_ACTOR);
    // Another history of the same id: its second event does not follow the first one the log holds.
    store = new MemoryStore({ clock });
    clock.advance(1000);
    const other = new IncidentLog({ store, clock, regimes: SHIPPED_REGIMES });
    await other.decideAndAppend(ID, declare, person('bob'));
    await other.decideAndAppend(ID, note('other history'), person('bob'));
    const { state, events } = await log.load(ID);
    expect(events).toEqual(await store.load(ID));
    expect(state.headHash).toBe(events.at(-1)?.hash);
  });

  it('reads the log whole again when the store holds fewer events than it cached, instead of conflicting forever', async () => {
    const clock = new FakeClock('2026-11-20T09:00:00Z');
    let store = new MemoryStore({ clock });
    const switching = forwardingTo(() => store);
    const log = new IncidentLog({ store: switching, clock, regimes: SHIPPED_REGIMES });
    await log.decideAndAppend(ID, declare, SYSTEM_ACTOR);
    await log.decideAndAppend(ID, note('lost with the backup'), SYSTEM_ACTOR);
    // Restored from a backup taken after the declaration only.
    const restored = new MemoryStore({ clock });
    await restored.append(ID, 0, (await store.load(ID)).slice(0, 1));
    store = restored;
    const outcome = await log.decideAndAppend(ID, note('after the restore'), SYSTEM_ACTOR);
    expect(outcome.ok && outcome.appended[0]?.seq).toBe(2);
    expect((await store.load(ID)).map((event) => event.type)).toEqual(['IncidentDeclared', 'NoteAdded']);
  });

  it('tells the store when an incident is next due, so a tick reads only what is due', async () => {
    const h = serviceHarness({ commander: ['console:alice'], legal: ['console:lena'] });
    const alice = person('alice');
    h.clock.set('2026-11-20T10:00:00Z');
    await h.run(alice, '/ir declare Quiet incident --severity Low');
    const quiet = h.incident() ?? '';
    expect(await h.store.dueIncidents(h.clock.now().getTime() + 365 * 24 * 3600 * 1000)).toEqual([]);
    const busy = serviceHarness({ commander: ['console:alice'], legal: ['console:lena'] });
    busy.clock.set('2026-11-20T10:00:00Z');
    await busy.run(alice, '/ir declare Customer data copied --severity High');
    await busy.run(alice, '/ir breach --aware-at 2026-11-20T09:15:00Z --subjects 100 --jurisdictions EU');
    const id = busy.incident() ?? '';
    // GDPR's 72 hours from 09:15 with the first reminder at -48h: 2026-11-21T09:15Z.
    expect(await busy.store.dueIncidents(Date.parse('2026-11-21T09:14:59Z'))).toEqual([]);
    expect(await busy.store.dueIncidents(Date.parse('2026-11-21T09:15:00Z'))).toEqual([id]);
    busy.clock.set('2026-11-21T09:16:00Z');
    expect(await busy.service.tick()).toBe(1);
    // Sent and recorded: the next due time is the next offset, not now.
    expect(await busy.store.dueIncidents(busy.clock.now().getTime())).toEqual([]);
    expect(quiet).not.toBe('');
    expect((await h.service.load(quiet)).state.exists).toBe(true);
  });

  it('counts an incident whose due time is unknown (after a restart) as due once, then learns it', async () => {
    const clock = new FakeClock('2026-11-20T09:00:00Z');
    const store = new MemoryStore({ clock });
    // Appended without a due time, as by a store that lost its index.
    const log = new IncidentLog({ store, clock, regimes: SHIPPED_REGIMES });
    await store.append(ID, 0, chainEvents({ incidentId: ID, seq: 0, hash: GENESIS_HASH }, declare().events, SYSTEM_ACTOR, clock.now()));
    expect(await store.dueIncidents(clock.now().getTime())).toEqual([ID]);
    expect(await log.due()).toEqual([]);
    expect(await store.dueIncidents(clock.now().getTime())).toEqual([]);
  });

  it('computes every due time again when the configured reminder offsets changed since they were kept', async () => {
    const h = serviceHarness({ commander: ['console:alice'] });
    const alice = person('alice');
    h.clock.set('2026-11-20T10:00:00Z');
    await h.run(alice, '/ir declare Customer data copied --severity High');
    await h.run(alice, '/ir breach --aware-at 2026-11-20T09:15:00Z --subjects 100 --jurisdictions EU');
    const id = h.incident() ?? '';
    await h.service.tick();
    const { state } = await h.service.load(id);
    // A kept time that says nothing is due: trusted while the offsets are the same ones.
    await h.store.setDue(id, state.seq, null);
    h.clock.set('2026-11-20T12:00:00Z');
    expect(await new IncidentLog({ store: h.store, clock: h.clock, regimes: SHIPPED_REGIMES }).due()).toEqual([]);
    // GDPR now reminds 70 hours before its deadline (2026-11-20T11:15Z): read again, it is due.
    const changed = SHIPPED_REGIMES.map((regime) => (regime.id === 'gdpr-art33' ? { ...regime, reminderOffsets: ['-PT70H'] } : regime));
    expect(await new IncidentLog({ store: h.store, clock: h.clock, regimes: changed }).due()).toEqual([id]);
  });

  it('finds a war room\'s incident from the room index while it is open, and not after it is closed', async () => {
    const h = serviceHarness({ commander: ['console:alice'] });
    const alice = person('alice');
    await h.run(alice, '/ir declare Token theft --severity High');
    const id = h.incident() ?? '';
    const room = (await h.service.load(id)).state.warRooms[0];
    expect(room).toBeDefined();
    expect(await h.service.incidentForRoom('console', room?.channelId ?? '')).toBe(id);
    expect(await h.service.incidentForRoom('console', 'elsewhere')).toBeUndefined();
    const closed = await h.run(alice, '/ir close FalsePositive');
    expect(closed.ok).toBe(true);
    expect(await h.service.incidentForRoom('console', room?.channelId ?? '')).toBeUndefined();
  });
});
