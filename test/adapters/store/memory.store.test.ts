import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../adapters/store/memory.store.ts';
import { createStore } from '../../../adapters/store/index.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { declaredAt, describeStoreContract } from './store.contract.ts';

describeStoreContract('MemoryStore', async () => {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  return { store, clock, cleanup: () => store.close() };
});

describe('MemoryStore', () => {
  it('hands out copies, so a caller cannot change the log it loaded', async () => {
    const store = new MemoryStore({ clock: new FakeClock() });
    const events = declaredAt('ir-20261129-k7q2x9', new FakeClock().now());
    await store.append('ir-20261129-k7q2x9', 0, events);
    const loaded = await store.load('ir-20261129-k7q2x9');
    const first = loaded[0];
    expect(first).toBeDefined();
    if (first) first.type = 'NoteAdded';
    (await store.loadRaw('ir-20261129-k7q2x9')).pop();
    expect(await store.load('ir-20261129-k7q2x9')).toEqual(events);
  });

  it('is what createStore builds for kind memory', async () => {
    const store = await createStore({ kind: 'memory' });
    expect(store).toBeInstanceOf(MemoryStore);
    await store.close();
  });
});
