import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileStore } from '../../../adapters/store/file.store.ts';
import { createStore } from '../../../adapters/store/index.ts';
import { newEvent } from '../../../src/domain/event.types.ts';
import { GENESIS_HASH, chainEvents, serialiseEvent } from '../../../src/domain/hash-chain.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { chainedAfter, declaredAt, describeStoreContract } from './store.contract.ts';

const T0 = new Date('2026-11-29T09:00:00.000Z');
const ID = 'ir-20261129-k7q2x9';

async function tempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'ic-file-store-'));
}

describeStoreContract('FileStore', async () => {
  const dir = await tempDir();
  const clock = new FakeClock();
  const store = await FileStore.open(dir, { clock, onWarning: () => undefined });
  return {
    store,
    clock,
    cleanup: async () => {
      await store.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
});

describe('FileStore on disk', () => {
  let dir: string;
  let clock: FakeClock;
  let warnings: string[];
  const open = (): Promise<FileStore> => FileStore.open(dir, { clock, onWarning: (message) => warnings.push(message) });

  beforeEach(async () => {
    dir = await tempDir();
    clock = new FakeClock(T0);
    warnings = [];
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** Appends a declaration and a note; returns the events. */
  async function twoEvents(store: FileStore, incidentId = ID, at = T0) {
    const first = declaredAt(incidentId, at);
    await store.append(incidentId, 0, first);
    const second = chainedAfter(first, [newEvent('NoteAdded', { text: 'VPN logs pulled' })], at);
    await store.append(incidentId, 1, second);
    return [...first, ...second];
  }

  it('knows its war rooms and due times again after a restart, and ignores a due time saved for an older seq', async () => {
    const store = await open();
    const first = declaredAt(ID, T0);
    await store.append(ID, 0, first, null);
    await store.append(ID, 1, chainedAfter(first, [newEvent('WarRoomOpened', { platform: 'slack', channelId: 'C0ROOM' })], T0), null);
    expect(await store.dueIncidents(T0.getTime())).toEqual([]);
    await store.close();
    const reopened = await open();
    expect(await reopened.incidentOfRoom('slack', 'C0ROOM')).toBe(ID);
    // Saved at the clean stop, for the seq the log still ends at.
    expect(await reopened.dueIncidents(T0.getTime())).toEqual([]);
    await reopened.close();
    // As after a kill -9 between a save and a later append: the saved time belongs to an older seq.
    await fs.writeFile(path.join(dir, '.due.json'), JSON.stringify([[ID, { seq: 1, dueAt: null }]]));
    const afterCrash = await open();
    expect(await afterCrash.dueIncidents(T0.getTime())).toEqual([ID]);
    await afterCrash.setDue(ID, 2, null);
    expect(await afterCrash.dueIncidents(T0.getTime())).toEqual([]);
    await afterCrash.close();
  });

  it('reads only the tail for a reader a few events behind, by the byte offsets of its own appends and of start-up', async () => {
    let store = await open();
    const events = await twoEvents(store);
    const third = chainedAfter(events, [newEvent('NoteAdded', { text: 'Überprüfung: Zugriff von 203.0.113.7 🔒' })], T0);
    await store.append(ID, 2, third);
    const fourth = chainedAfter([...events, ...third], [newEvent('NoteAdded', { text: 'résumé' })], T0);
    await store.append(ID, 3, fourth);
    // Damage the first line behind the store's back, without changing its length: a whole read now fails, a tail
    // read after a seq this store wrote does not touch it (and multi-byte text before the offset is counted in bytes).
    const file = path.join(dir, `${ID}.jsonl`);
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, `#${text.slice(1)}`);
    expect(await store.loadAfter(ID, 2)).toEqual([...third, ...fourth]);
    expect(await store.loadAfter(ID, 3)).toEqual(fourth);
    await expect(store.loadAfter(ID, 0)).rejects.toThrow(/line 1 is not valid JSON/);
    await store.close();
    await fs.writeFile(file, text);
    store = await open();
    const fifth = chainedAfter([...events, ...third, ...fourth], [newEvent('NoteAdded', { text: 'après' })], T0);
    await store.append(ID, 4, fifth);
    await fs.writeFile(file, `#${(await fs.readFile(file, 'utf8')).slice(1)}`);
    // The size read at start-up is an offset too; a seq before it is read whole.
    expect(await store.loadAfter(ID, 4)).toEqual(fifth);
    await expect(store.loadAfter(ID, 2)).rejects.toThrow(/line 1 is not valid JSON/);
    await store.close();
  });

  it('keeps one .jsonl file per incident with one canonical line per event', async () => {
    const store = await open();
    const a = await twoEvents(store, 'ir-20261129-aaaa');
    const b = await twoEvents(store, 'ir-20261129-bbbb');
    await store.close();
    const names = (await fs.readdir(dir)).filter((name) => !name.startsWith('.')).sort();
    expect(names).toEqual(['ir-20261129-aaaa.jsonl', 'ir-20261129-bbbb.jsonl']);
    expect(await fs.readFile(path.join(dir, 'ir-20261129-aaaa.jsonl'), 'utf8')).toBe(a.map((event) => `${serialiseEvent(event)}\n`).join(''));
    expect(await fs.readFile(path.join(dir, 'ir-20261129-bbbb.jsonl'), 'utf8')).toBe(b.map((event) => `${serialiseEvent(event)}\n`).join(''));
  });

  it('keeps the inbox across a restart: pending entries come back, done ids stay duplicates', async () => {
    const first = await open();
    const entry = (id: string) => ({ id, source: 'slack', receivedAt: T0.toISOString(), payload: { id } });
    await first.inboxPut(entry('a'), 'o1');
    await first.inboxPut(entry('b'), 'o1');
    await first.inboxDone('a');
    await first.close();
    const second = await open();
    expect(await second.inboxPending()).toEqual([entry('b')]);
    expect(await second.inboxPut(entry('a'), 'o2')).toBe('duplicate');
    expect(await second.inboxPut(entry('b'), 'o2')).toBe('duplicate');
    await second.close();
    // An hour later the done id is forgotten; the pending one is kept until it is done.
    clock.advance(61 * 60_000);
    const third = await open();
    expect(await third.inboxPending()).toEqual([entry('b')]);
    expect(await third.inboxPut(entry('a'), 'o3')).toBe('kept');
    await third.close();
  });

  it('still knows the commands it appended after a restart: a replayed command is a duplicate', async () => {
    const first = await open();
    const declared = chainEvents({ incidentId: ID, seq: 0, hash: GENESIS_HASH }, [newEvent('IncidentDeclared', { title: 'x', severity: 'High' })], { platform: 'console', id: 'a', name: 'a' }, T0, 'slack:3fa1');
    expect(await first.append(ID, 0, declared)).toEqual({ ok: true, seq: 1 });
    await first.close();
    const second = await open();
    expect(await second.append(ID, 0, declared)).toEqual({ ok: true, seq: 1, duplicate: true });
    expect(await second.load(ID)).toEqual(declared);
    await second.close();
  });

  it('sees the same events, open incidents and unexpired claims after a restart', async () => {
    const first = await open();
    const events = await twoEvents(first, 'ir-open', new Date(T0.getTime() + 60_000));
    const gone = await twoEvents(first, 'ir-closed', T0);
    await first.append('ir-closed', 2, chainedAfter(gone, [newEvent('IncidentClosed', { classification: 'BenignPositive', from: 'investigating' })], T0));
    await twoEvents(first, 'ir-older', new Date(T0.getTime() - 60_000));
    expect(await first.claim('action:act-7', 60_000)).toBe(true);
    expect(await first.claim('inbound:short', 1_000)).toBe(true);
    await first.putRecord('sentinel:checkpoint', { after: '2026-11-29T09:00:00Z' });
    await first.close();

    clock.advance(30_000);
    const second = await open();
    expect(await second.load('ir-open')).toEqual(events);
    expect(await second.listOpen()).toEqual(['ir-older', 'ir-open']);
    expect(await second.claim('action:act-7', 60_000)).toBe(false);
    expect(await second.claim('inbound:short', 1_000)).toBe(true);
    expect(await second.getRecord('sentinel:checkpoint')).toEqual({ after: '2026-11-29T09:00:00Z' });
    // The index of last seqs was rebuilt: a stale append conflicts, a current one continues.
    const stale = chainedAfter(events.slice(0, 1), [newEvent('NoteAdded', { text: 'late' })], T0);
    expect(await second.append('ir-open', 1, stale)).toEqual({ ok: false, code: 'store.conflict', actualSeq: 2 });
    expect(await second.append('ir-open', 2, chainedAfter(events, [newEvent('NoteAdded', { text: 'on time' })], T0))).toEqual({ ok: true, seq: 3 });
    await second.close();
    expect(warnings).toEqual([]);
  });

  it('persists a claim as {key, expiresAt} under .claims and sweeps expired ones at start-up', async () => {
    const store = await open();
    await store.claim('reminder:ir-a:gdpr:-PT1H', 1_000);
    await store.close();
    const [name, ...others] = await fs.readdir(path.join(dir, '.claims'));
    expect(others).toEqual([]);
    expect(name).toMatch(/^[0-9a-f]{64}$/);
    const record: unknown = JSON.parse(await fs.readFile(path.join(dir, '.claims', name ?? ''), 'utf8'));
    expect(record).toEqual({ key: 'reminder:ir-a:gdpr:-PT1H', expiresAt: '2026-11-29T09:00:01.000Z' });
    clock.advance(1_000);
    await (await open()).close();
    expect(await fs.readdir(path.join(dir, '.claims'))).toEqual([]);
  });

  it('reports a damaged line with its file and line number, at start-up and on load', async () => {
    const store = await open();
    const events = await twoEvents(store);
    await store.close();
    const file = path.join(dir, `${ID}.jsonl`);
    const [line1, line2] = (await fs.readFile(file, 'utf8')).split('\n');
    await fs.writeFile(file, `${line1}\n${line2?.slice(0, 40)}\n`);

    const reopened = await open();
    const expected = `store.corrupt: ${file} line 2 is not valid JSON`;
    expect(warnings).toEqual([expect.stringContaining(expected)]);
    await expect(reopened.load(ID)).rejects.toThrow(expected);
    await expect(reopened.append(ID, 2, chainedAfter(events, [newEvent('NoteAdded', { text: 'x' })], T0))).rejects.toThrow(expected);
    expect(await reopened.loadRaw(ID)).toEqual([line1, line2?.slice(0, 40)]);
    await reopened.close();
  });

  it('reports a last line cut short by a crash, and takes appends again once it is removed', async () => {
    const store = await open();
    const events = await twoEvents(store);
    const file = path.join(dir, `${ID}.jsonl`);
    const intact = await fs.readFile(file, 'utf8');
    await fs.appendFile(file, '{"actor":{"id":"ali');
    await expect(store.load(ID)).rejects.toThrow(`store.corrupt: ${file} line 3 has no line break at its end`);
    await store.close();

    const reopened = await open();
    expect(warnings).toEqual([expect.stringContaining(`${file} line 3`)]);
    expect(await reopened.listOpen()).toEqual([ID]);
    const next = chainedAfter(events, [newEvent('NoteAdded', { text: 'after repair' })], T0);
    await expect(reopened.append(ID, 2, next)).rejects.toThrow('line 3');
    await fs.writeFile(file, intact);
    expect(await reopened.append(ID, 2, next)).toEqual({ ok: true, seq: 3 });
    expect(await reopened.load(ID)).toEqual([...events, ...next]);
    await reopened.close();
  });

  it('writes nothing outside DATA_DIR for an id that tries to leave it', async () => {
    const store = await open();
    await expect(store.append('../escape', 0, declaredAt('../escape', T0))).rejects.toThrow('refusing incident id "../escape"');
    await expect(fs.access(path.join(dir, '..', 'escape.jsonl'))).rejects.toThrow();
    await store.close();
  });

  it('finishes queued appends before close resolves, then refuses new ones', async () => {
    const store = await open();
    const pending = Array.from({ length: 5 }, (_, index) => store.append(`ir-${index}`, 0, declaredAt(`ir-${index}`, T0)));
    await store.close();
    expect(await Promise.all(pending)).toEqual(Array.from({ length: 5 }, () => ({ ok: true, seq: 1 })));
    await expect(store.append('ir-9', 0, declaredAt('ir-9', T0))).rejects.toThrow(/store.closed/);
    const reopened = await open();
    expect(await reopened.listOpen()).toEqual(['ir-0', 'ir-1', 'ir-2', 'ir-3', 'ir-4']);
    await reopened.close();
  });

  it('creates a missing DATA_DIR, and is what createStore builds for kind file', async () => {
    const nested = path.join(dir, 'not', 'yet', 'there');
    const store = await createStore({ kind: 'file', dataDir: nested }, { clock });
    expect(store).toBeInstanceOf(FileStore);
    await expect(store.ping()).resolves.toBeUndefined();
    expect((await fs.stat(path.join(nested, '.lock'))).isFile()).toBe(true);
    await store.close();
  });

  it('fails ping once the folder is gone', async () => {
    const store = await open();
    await fs.rm(dir, { recursive: true, force: true });
    await expect(store.ping()).rejects.toThrow();
    await store.close();
  });
});
