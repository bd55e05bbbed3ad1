import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.ts';
import { newEvent, type IncidentEvent, type NewEvent } from '../../../src/domain/event.types.ts';
import { GENESIS_HASH, chainEvents, serialiseEvent, verifyLines } from '../../../src/domain/hash-chain.ts';
import type { IncidentStore } from '../../../src/ports/store.port.ts';

/** The part of `FakeClock` (test/support/fake-clock.ts) the contract drives. */
export interface FakeClockLike {
  now(): Date;
  set(date: Date): void;
  advance(ms: number): void;
}

/** A fresh, empty store with the fake clock it measures claims by, and how to get rid of it. */
export interface StoreFixture {
  store: IncidentStore;
  clock: FakeClockLike;
  cleanup: () => Promise<void>;
}

const ALICE: Actor = { platform: 'console', id: 'alice', name: 'alice' };
const T0 = new Date('2026-11-29T09:00:00.000Z');
const minutes = (n: number): Date => new Date(T0.getTime() + n * 60_000);

/** The first event of an incident, declared at `at`. */
export function declaredAt(incidentId: string, at: Date): IncidentEvent[] {
  return chainEvents({ incidentId, seq: 0, hash: GENESIS_HASH }, [newEvent('IncidentDeclared', { title: `Phishing wave ${incidentId}`, severity: 'High' })], ALICE, at);
}

/** Events chained onto the end of `log`. */
export function chainedAfter(log: readonly IncidentEvent[], events: NewEvent[], at: Date): IncidentEvent[] {
  const head = log.at(-1);
  if (!head) throw new Error('chainedAfter needs a non-empty log');
  return chainEvents({ incidentId: head.incidentId, seq: head.seq, hash: head.hash }, events, ALICE, at);
}

const note = (text: string): NewEvent => newEvent('NoteAdded', { text });
const closing = (): NewEvent => newEvent('IncidentClosed', { classification: 'FalsePositive', from: 'investigating' });

/**
 * The one contract every `IncidentStore` keeps (STYLE.md, habit 9). Each
 * implementation's test file calls this with a factory for fresh stores.
 */
export function describeStoreContract(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(`${name} keeps the IncidentStore contract`, () => {
    let fixture: StoreFixture;
    let store: IncidentStore;
    beforeEach(async () => {
      fixture = await makeStore();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    /** Declares an incident and adds two notes; returns the three events. */
    async function threeEvents(incidentId: string): Promise<IncidentEvent[]> {
      const first = declaredAt(incidentId, T0);
      expect(await store.append(incidentId, 0, first)).toEqual({ ok: true, seq: 1 });
      const more = chainedAfter(first, [note('mailbox rule found'), note('token revoked')], minutes(5));
      expect(await store.append(incidentId, 1, more)).toEqual({ ok: true, seq: 3 });
      return [...first, ...more];
    }

    it('loads back exactly the events it appended', async () => {
      const events = await threeEvents('ir-20261129-k7q2x9');
      expect(await store.load('ir-20261129-k7q2x9')).toEqual(events);
    });

    it('loads only the events after a seq, and nothing when the caller is up to date', async () => {
      const events = await threeEvents('ir-20261129-k7q2x9');
      expect(await store.loadAfter('ir-20261129-k7q2x9', 1)).toEqual(events.slice(1));
      expect(await store.loadAfter('ir-20261129-k7q2x9', 0)).toEqual(events);
      expect(await store.loadAfter('ir-20261129-k7q2x9', 3)).toEqual([]);
      expect(await store.loadAfter('ir-20261129-unknwn', 0)).toEqual([]);
    });

    it('keeps canonical lines that pass verifyLines', async () => {
      const events = await threeEvents('ir-20261129-k7q2x9');
      const lines = await store.loadRaw('ir-20261129-k7q2x9');
      expect(lines).toEqual(events.map(serialiseEvent));
      expect(verifyLines('ir-20261129-k7q2x9', lines)).toEqual({ intact: true, count: 3, headHash: events[2]?.hash });
    });

    it('keeps incidents apart', async () => {
      const a = await threeEvents('ir-20261129-aaaa');
      const b = declaredAt('ir-20261129-bbbb', T0);
      await store.append('ir-20261129-bbbb', 0, b);
      expect(await store.load('ir-20261129-aaaa')).toEqual(a);
      expect(await store.load('ir-20261129-bbbb')).toEqual(b);
    });

    it('answers an unknown incident with an empty log', async () => {
      expect(await store.load('ir-20261129-nothere')).toEqual([]);
      expect(await store.loadRaw('ir-20261129-nothere')).toEqual([]);
    });

    it('reports a stale expectedSeq as a conflict and writes nothing', async () => {
      const events = await threeEvents('ir-20261129-k7q2x9');
      const stale = chainedAfter(events.slice(0, 1), [note('written from an old view')], minutes(9));
      expect(await store.append('ir-20261129-k7q2x9', 1, stale)).toEqual({ ok: false, code: 'store.conflict', actualSeq: 3 });
      expect(await store.load('ir-20261129-k7q2x9')).toEqual(events);
    });

    it('reports a conflict when the incident is newer than the caller thinks, or does not exist yet', async () => {
      const ahead = chainEvents({ incidentId: 'ir-20261129-k7q2x9', seq: 4, hash: GENESIS_HASH }, [note('from the future')], ALICE, T0);
      expect(await store.append('ir-20261129-k7q2x9', 4, ahead)).toEqual({ ok: false, code: 'store.conflict', actualSeq: 0 });
      expect(await store.load('ir-20261129-k7q2x9')).toEqual([]);
      expect(await store.listOpen()).toEqual([]);
    });

    it('lets exactly one of two concurrent appends with the same expectedSeq win', async () => {
      const first = declaredAt('ir-20261129-k7q2x9', T0);
      await store.append('ir-20261129-k7q2x9', 0, first);
      const mine = chainedAfter(first, [note('alice: contain')], minutes(1));
      const theirs = chainedAfter(first, [note('bob: wait'), note('bob: really wait')], minutes(1));
      const results = await Promise.all([store.append('ir-20261129-k7q2x9', 1, mine), store.append('ir-20261129-k7q2x9', 1, theirs)]);
      const winners = results.filter((result) => result.ok);
      expect(winners).toHaveLength(1);
      const loserResult = results.find((result) => !result.ok);
      const winner = results[0]?.ok ? mine : theirs;
      expect(loserResult).toEqual({ ok: false, code: 'store.conflict', actualSeq: 1 + winner.length });
      expect(await store.load('ir-20261129-k7q2x9')).toEqual([...first, ...winner]);
    });

    it('appends a command once: the same command id again is a duplicate, whatever seq it expects', async () => {
      const id = 'ir-20261129-k7q2x9';
      const first = chainEvents({ incidentId: id, seq: 0, hash: GENESIS_HASH }, [newEvent('IncidentDeclared', { title: 'Replayed', severity: 'High' })], ALICE, T0, 'slack:cmd-1');
      expect(await store.append(id, 0, first)).toEqual({ ok: true, seq: 1 });
      // A client that re-sends after a reconnect: the same batch, the same expected seq.
      expect(await store.append(id, 0, first)).toEqual({ ok: true, seq: 1, duplicate: true });
      const notes = chainEvents({ incidentId: id, seq: 1, hash: first[0]!.hash }, [note('a'), note('b')], ALICE, minutes(1), 'slack:cmd-2');
      expect(await store.append(id, 1, notes)).toEqual({ ok: true, seq: 3 });
      // A replay decided on a newer state: still the first result, nothing written.
      const replay = chainEvents({ incidentId: id, seq: 3, hash: notes[1]!.hash }, [note('a')], ALICE, minutes(2), 'slack:cmd-2');
      expect(await store.append(id, 3, replay)).toEqual({ ok: true, seq: 3, duplicate: true });
      expect(await store.load(id)).toEqual([...first, ...notes]);
      expect(verifyLines(id, await store.loadRaw(id))).toMatchObject({ intact: true, count: 3 });
    });

    it('refuses a batch whose events carry different command ids: a programming error', async () => {
      const id = 'ir-20261129-k7q2x9';
      const a = chainEvents({ incidentId: id, seq: 0, hash: GENESIS_HASH }, [newEvent('IncidentDeclared', { title: 'x', severity: 'High' })], ALICE, T0, 'cmd-a');
      const b = chainEvents({ incidentId: id, seq: 1, hash: a[0]!.hash }, [note('b')], ALICE, T0, 'cmd-b');
      await expect(store.append(id, 0, [...a, ...b])).rejects.toThrow(/same commandId/);
    });

    it('keeps an inbox entry once per delivery id, recognises its owner, and lists what is not done', async () => {
      const entry = (id: string, text: string) => ({ id, source: 'slack', receivedAt: T0.toISOString(), payload: { text } });
      expect(await store.inboxPut(entry('d-1', 'note one'), 'owner-a')).toBe('kept');
      expect(await store.inboxPut(entry('d-2', 'note two'), 'owner-a')).toBe('kept');
      // Slack's retry of the same delivery, received by another replica: a duplicate.
      expect(await store.inboxPut(entry('d-1', 'note one'), 'owner-b')).toBe('duplicate');
      // The same owner re-sending after a lost reply: its own entry, kept.
      expect(await store.inboxPut(entry('d-1', 'note one'), 'owner-a')).toBe('kept');
      expect(await store.inboxPending()).toEqual([entry('d-1', 'note one'), entry('d-2', 'note two')]);
      await store.inboxDone('d-1');
      await store.inboxDone('d-1');
      expect(await store.inboxPending()).toEqual([entry('d-2', 'note two')]);
      // Done, but still remembered: a late retry is still a duplicate.
      expect(await store.inboxPut(entry('d-1', 'note one'), 'owner-b')).toBe('duplicate');
      expect(await store.inboxPending()).toEqual([entry('d-2', 'note two')]);
    });

    it('keeps many inbox entries written at once, each exactly once', async () => {
      const ids = Array.from({ length: 200 }, (_, index) => `burst-${index}`);
      const results = await Promise.all(ids.map((id) => store.inboxPut({ id, source: 'slack', receivedAt: T0.toISOString(), payload: { id } }, 'owner-a')));
      expect(results.every((result) => result === 'kept')).toBe(true);
      expect((await store.inboxPending()).map((entry) => entry.id).sort()).toEqual([...ids].sort());
    });

    it('throws on events that do not continue the log: a programming error, not a conflict', async () => {
      const first = declaredAt('ir-20261129-k7q2x9', T0);
      await expect(store.append('ir-20261129-k7q2x9', 0, [])).rejects.toThrow(/nothing to append/);
      await expect(store.append('ir-20261129-other', 0, first)).rejects.toThrow(/belongs to incident/);
      await expect(store.append('ir-20261129-k7q2x9', 3, first)).rejects.toThrow(/carries seq 1, expected 4/);
      await expect(store.append('ir-20261129-k7q2x9', -1, first)).rejects.toThrow(/expectedSeq/);
      expect(await store.load('ir-20261129-k7q2x9')).toEqual([]);
    });

    it('accepts any id of the allowed shape and refuses the rest, naming the bad id', async () => {
      await store.append('Case_7.b-2', 0, declaredAt('Case_7.b-2', T0));
      expect(await store.load('Case_7.b-2')).toHaveLength(1);
      for (const bad of ['../escape', 'a/b', '.hidden', '', 'a b', 'x'.repeat(129), 'ir\u0000null', '..']) {
        await expect(store.load(bad)).rejects.toThrow(JSON.stringify(bad));
        await expect(store.loadRaw(bad)).rejects.toThrow(JSON.stringify(bad));
      }
      await expect(store.append('../escape', 0, declaredAt('../escape', T0))).rejects.toThrow('"../escape"');
    });

    it('lists as due what is due and what is not known, keeps the newest seq\'s time, and drops closed incidents', async () => {
      const a = declaredAt('ir-due-a', T0);
      const b = declaredAt('ir-due-b', T0);
      const c = declaredAt('ir-due-c', T0);
      await store.append('ir-due-a', 0, a, minutes(30).getTime());
      await store.append('ir-due-b', 0, b, null);
      // No due time given: not known, so it counts as due until someone sets one.
      await store.append('ir-due-c', 0, c);
      expect((await store.dueIncidents(minutes(29).getTime())).sort()).toEqual(['ir-due-c']);
      expect((await store.dueIncidents(minutes(30).getTime())).sort()).toEqual(['ir-due-a', 'ir-due-c']);
      await store.setDue('ir-due-c', 1, null);
      expect(await store.dueIncidents(minutes(30).getTime())).toEqual(['ir-due-a']);
      // A later seq's answer wins over a slow replica's answer for an older seq.
      const more = chainedAfter(a, [note('clock started')], minutes(1));
      await store.append('ir-due-a', 1, more, minutes(90).getTime());
      await store.setDue('ir-due-a', 1, minutes(2).getTime());
      expect(await store.dueIncidents(minutes(60).getTime())).toEqual([]);
      expect(await store.dueIncidents(minutes(90).getTime())).toEqual(['ir-due-a']);
      await store.append('ir-due-a', 2, chainedAfter([...a, ...more], [closing()], minutes(2)), null);
      expect(await store.dueIncidents(minutes(900).getTime())).toEqual([]);
    });

    it('keeps an incident closed with notification obligations open listed and due until ObligationsMet', async () => {
      const first = declaredAt('ir-owed', T0);
      await store.append('ir-owed', 0, first, null);
      const closed = chainedAfter(first, [newEvent('IncidentClosed', { classification: 'TruePositive', from: 'recovered', openObligations: ['us-ca'] })], minutes(1));
      await store.append('ir-owed', 1, closed, minutes(60).getTime());
      expect(await store.listOpen()).toEqual(['ir-owed']);
      expect(await store.dueIncidents(minutes(60).getTime())).toEqual(['ir-owed']);
      const met = chainedAfter([...first, ...closed], [newEvent('ObligationsMet', { last: 'us-ca' })], minutes(2));
      await store.append('ir-owed', 2, met, null);
      expect(await store.listOpen()).toEqual([]);
      expect(await store.dueIncidents(minutes(900).getTime())).toEqual([]);
    });

    it('finds the incident of a war room from its WarRoomOpened event', async () => {
      const first = declaredAt('ir-room', T0);
      await store.append('ir-room', 0, first);
      expect(await store.incidentOfRoom('slack', 'C0WAR')).toBeUndefined();
      await store.append('ir-room', 1, chainedAfter(first, [newEvent('WarRoomOpened', { platform: 'slack', channelId: 'C0WAR', name: 'ir-room' })], minutes(1)));
      expect(await store.incidentOfRoom('slack', 'C0WAR')).toBe('ir-room');
      expect(await store.incidentOfRoom('teams', 'C0WAR')).toBeUndefined();
    });

    it('finds the incident of a containment request from its ActionRequested event', async () => {
      const first = declaredAt('ir-act', T0);
      await store.append('ir-act', 0, first);
      expect(await store.incidentOfAction('act-k7q2')).toBeUndefined();
      const requested = newEvent('ActionRequested', { actionId: 'act-k7q2', type: 'storage.rotate-key', target: '/subscriptions/x', params: {}, paramsHash: 'h', risk: 'high', change: 'rotate', simulated: true, expiresAt: minutes(15).toISOString() } as never);
      await store.append('ir-act', 1, chainedAfter(first, [requested], minutes(1)));
      expect(await store.incidentOfAction('act-k7q2')).toBe('ir-act');
    });

    it('lists open incidents by the time of their first event and leaves out closed ones', async () => {
      expect(await store.listOpen()).toEqual([]);
      // Appended in a different order from the one in which they were declared.
      await store.append('ir-b', 0, declaredAt('ir-b', minutes(20)));
      await store.append('ir-a', 0, declaredAt('ir-a', minutes(10)));
      const c = declaredAt('ir-c', minutes(0));
      await store.append('ir-c', 0, c);
      const d = declaredAt('ir-d', minutes(5));
      await store.append('ir-d', 0, d);
      expect(await store.listOpen()).toEqual(['ir-c', 'ir-d', 'ir-a', 'ir-b']);
      await store.append('ir-d', 1, chainedAfter(d, [closing()], minutes(30)));
      await store.append('ir-c', 1, chainedAfter(c, [note('still looking')], minutes(31)));
      expect(await store.listOpen()).toEqual(['ir-c', 'ir-a', 'ir-b']);
    });

    it('gives a claim to one caller until its TTL runs out on the clock', async () => {
      expect(await store.claim('reminder:ir-a:gdpr:-PT1H', 60_000)).toBe(true);
      expect(await store.claim('reminder:ir-a:gdpr:-PT1H', 60_000)).toBe(false);
      expect(await store.claim('reminder:ir-a:gdpr:-PT2H', 60_000)).toBe(true);
      fixture.clock.advance(59_999);
      expect(await store.claim('reminder:ir-a:gdpr:-PT1H', 60_000)).toBe(false);
      fixture.clock.advance(1);
      expect(await store.claim('reminder:ir-a:gdpr:-PT1H', 1_000)).toBe(true);
      expect(await store.claim('reminder:ir-a:gdpr:-PT1H', 1_000)).toBe(false);
    });

    it('frees a released claim at once, and releasing a free key is harmless', async () => {
      expect(await store.claim('action:act-1', 600_000)).toBe(true);
      await store.release('action:act-1');
      expect(await store.claim('action:act-1', 600_000)).toBe(true);
      await expect(store.release('never-claimed')).resolves.toBeUndefined();
    });

    it('gives a contested claim to exactly one of many concurrent callers, fresh or expired', async () => {
      const contest = async (): Promise<boolean[]> => Promise.all(Array.from({ length: 8 }, () => store.claim('inbound:msg-42', 5_000)));
      expect((await contest()).filter(Boolean)).toHaveLength(1);
      fixture.clock.advance(5_000);
      expect((await contest()).filter(Boolean)).toHaveLength(1);
    });

    it('refuses claims it could not honour', async () => {
      await expect(store.claim('', 1_000)).rejects.toThrow(/claim key/);
      await expect(store.claim('k', 0)).rejects.toThrow(/ttlMs/);
      await expect(store.claim('k', 1.5)).rejects.toThrow(/ttlMs/);
    });

    it('keeps records outside incidents: absent, written, replaced, deleted, copied', async () => {
      expect(await store.getRecord('sentinel:checkpoint')).toBeUndefined();
      const value = { after: '2026-11-29T09:00:00Z', seen: ['a', 'b'] };
      await store.putRecord('sentinel:checkpoint', value);
      value.seen.push('mutated after the write');
      expect(await store.getRecord('sentinel:checkpoint')).toEqual({ after: '2026-11-29T09:00:00Z', seen: ['a', 'b'] });
      await store.putRecord('sentinel:checkpoint', { after: 'later' });
      expect(await store.getRecord('sentinel:checkpoint')).toEqual({ after: 'later' });
      await store.putRecord('teams:user:29:1', { serviceUrl: 'https://smba.example/' });
      await store.putRecord('sentinel:checkpoint', undefined);
      expect(await store.getRecord('sentinel:checkpoint')).toBeUndefined();
      expect(await store.getRecord('teams:user:29:1')).toEqual({ serviceUrl: 'https://smba.example/' });
      expect(await store.listOpen()).toEqual([]);
    });

    it('answers ping while open, and refuses work once closed', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
      await expect(store.ping()).rejects.toThrow();
      await expect(store.load('ir-a')).rejects.toThrow();
      await expect(store.close()).resolves.toBeUndefined();
    });
  });
}
