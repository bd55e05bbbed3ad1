import { PassThrough } from 'node:stream';
import { MemoryStore } from '../../adapters/store/memory.store.ts';
import { ConsoleChat } from '../../adapters/console/console.adapter.ts';
import type { View } from '../../src/views/view.types.ts';
import { IncidentService, type IncidentServiceDeps } from '../../src/app/incident.service.ts';
import type { CommandReply } from '../../src/ports/commands.port.ts';
import type { Actor } from '../../src/domain/actor.ts';
import type { RolePools } from '../../src/incident/roles.policy.ts';
import { silentLogger } from '../../src/ports/logger.port.ts';
import type { IdSource } from '../../src/ports/ids.port.ts';
import { FakeClock } from './fake-clock.ts';
import { FakeContainment } from './fake-containment.ts';
import type { Runbook } from '../../src/runbooks/runbook.schema.ts';

/** Deterministic incident ids: ir-<day>-0001, -0002, ... */
export function sequentialIds(): IdSource {
  let n = 0;
  let a = 0;
  // The same delivery gets the same id, as with the real source: a replay names what the first run made.
  const incidents = new Map<string, string>();
  const actions = new Map<string, string>();
  const once = (seen: Map<string, string>, key: string | undefined, mint: () => string) => {
    if (key === undefined) return mint();
    const id = seen.get(key) ?? mint();
    seen.set(key, id);
    return id;
  };
  return {
    incidentId: (now, deliveryId) => once(incidents, deliveryId, () => `ir-${now.toISOString().slice(0, 10).replaceAll('-', '')}-${String(++n).padStart(4, '0')}`),
    actionId: (deliveryId) => once(actions, deliveryId, () => `act-${String(++a).padStart(4, '0')}`),
  };
}

export const person = (id: string, platform: Actor['platform'] = 'console'): Actor => ({ platform, id, name: id });

/** The core wired to an in-memory store, a fake clock and the console chat writing into a buffer. */
export function serviceHarness(pools: RolePools = {}, containment = new FakeContainment(), runbooks: readonly Runbook[] = [], extra: Partial<IncidentServiceDeps> = {}) {
  const clock = new FakeClock('2026-11-20T09:15:00Z');
  const store = new MemoryStore({ clock });
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const notices: Array<{ principal: string; view: View }> = [];
  const chat = new ConsoleChat(output);
  const notify = chat.notify.bind(chat);
  chat.notify = (principal: string, view: View) => {
    notices.push({ principal, view });
    return notify(principal, view);
  };
  const service = new IncidentService({ store, clock, ids: sequentialIds(), pools, chats: [chat], logger: silentLogger, containment, runbooks, ...extra });
  /** The last view sent privately to `actor` (a draft, an approval card, a reminder). */
  const lastNotice = (actor: Actor): View | undefined => notices.filter((notice) => notice.principal === `${actor.platform}:${actor.id}`).at(-1)?.view;
  let incidentId: string | undefined;
  const run = async (actor: Actor, text: string): Promise<CommandReply> => {
    const reply = await service.handle({ text, actor, ...(incidentId ? { incidentId } : {}) });
    await reply.followUp;
    if (reply.ok && reply.incidentId) incidentId = reply.incidentId;
    return reply;
  };
  return { clock, store, service, containment, run, printed: () => printed, incident: () => incidentId, notices, lastNotice };
}
