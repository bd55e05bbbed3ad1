import { describe, expect, it } from 'vitest';
import type { IncidentEvent, WarRoomRef } from '../../src/domain/event.types.ts';
import type { IncidentState } from '../../src/incident/incident.state.ts';
import type { ChatPort } from '../../src/ports/chat.port.ts';
import type { View } from '../../src/views/view.types.ts';
import { person, serviceHarness } from '../support/service-harness.ts';
import { reminderClaimKey } from '../../src/clocks/reminders.ts';

const alice = person('alice');
const pools = { commander: ['console:alice'], legal: ['console:lena'] };

/** A chat platform that answers 500 while `down`: every post and DM fails, as Slack's Web API does in an outage. */
class FlakyChat implements ChatPort {
  readonly platform = 'console';
  down = false;
  readonly delivered: Array<{ to: string; summary: string }> = [];
  async openWarRoom(incident: IncidentState): Promise<WarRoomRef> {
    return { platform: 'console', channelId: `room-${incident.id}` };
  }
  async post(room: WarRoomRef, view: View): Promise<void> {
    if (this.down) throw new Error('slack: 500 internal_error');
    this.delivered.push({ to: room.channelId, summary: view.summary });
  }
  async notify(principal: string, view: View): Promise<boolean> {
    if (this.down) throw new Error('slack: 500 internal_error');
    this.delivered.push({ to: principal, summary: view.summary });
    return true;
  }
}

async function breach(chat: FlakyChat) {
  const h = serviceHarness(pools, undefined, [], { chats: [chat] });
  h.clock.set('2026-11-20T10:00:00Z');
  await h.run(alice, '/ir declare Customer data copied --severity High');
  await h.run(alice, '/ir assign legal lena');
  await h.run(alice, '/ir breach --aware-at 2026-11-20T09:15:00Z --subjects 100 --jurisdictions EU');
  return h;
}

const remindersIn = async (h: Awaited<ReturnType<typeof breach>>) => (await h.store.load(h.incident()!)).filter((event): event is IncidentEvent<'ReminderSent'> => event.type === 'ReminderSent');

describe('countdown reminders when chat fails', () => {
  it('records nothing while Slack answers 500 around the due time, then arrives exactly once after it recovers', async () => {
    const chat = new FlakyChat();
    const h = await breach(chat);
    // T-1h of the 72-hour clock: due at 2026-11-23T08:15Z.
    h.clock.set('2026-11-23T08:15:05Z');
    chat.down = true;
    expect(await h.service.tick()).toBe(0);
    h.clock.advance(15_000);
    expect(await h.service.tick()).toBe(0);
    expect(await remindersIn(h)).toEqual([]);

    chat.down = false;
    h.clock.advance(15_000);
    expect(await h.service.tick()).toBe(1);
    h.clock.advance(15_000);
    expect(await h.service.tick()).toBe(0);
    const sent = await remindersIn(h);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.data).toMatchObject({ regime: 'gdpr-art33', offset: '-PT1H', recipients: ['console:lena', `room:console:room-${h.incident()}`] });
    expect(chat.delivered.filter((message) => message.to === 'console:lena' && /gdpr-art33|GDPR/i.test(message.summary))).toHaveLength(1);
  });

  it('records the reminders that never went out while chat was down, once, beside the one that took their place', async () => {
    const chat = new FlakyChat();
    const h = await breach(chat);
    // T-48h went out; then chat fails from T-24h until after T-12h.
    h.clock.set('2026-11-21T09:15:05Z');
    expect(await h.service.tick()).toBe(1);
    chat.down = true;
    h.clock.set('2026-11-22T09:15:05Z');
    expect(await h.service.tick()).toBe(0);
    h.clock.set('2026-11-22T21:15:05Z');
    expect(await h.service.tick()).toBe(0);
    chat.down = false;
    h.clock.advance(15_000);
    expect(await h.service.tick()).toBe(1);
    h.clock.set('2026-11-23T03:15:05Z');
    expect(await h.service.tick()).toBe(1);
    const log = await h.store.load(h.incident()!);
    const superseded = log.filter((event): event is IncidentEvent<'ReminderSuperseded'> => event.type === 'ReminderSuperseded');
    expect(superseded.map((event) => event.data)).toEqual([{ regime: 'gdpr-art33', offset: '-PT24H', dueAt: '2026-11-22T09:15:00.000Z', supersededBy: '-PT12H' }]);
    // In the same append as the reminder that replaced it, and not recorded again by the next one.
    const twelve = log.find((event) => event.type === 'ReminderSent' && (event as IncidentEvent<'ReminderSent'>).data.offset === '-PT12H');
    expect(superseded[0]?.commandId).toBe(twelve?.commandId);
    expect((await remindersIn(h)).map((event) => event.data.offset)).toEqual(['-PT48H', '-PT12H', '-PT6H']);
  });

  it('sends a reminder again when the replica that held it died mid-send (its lease lapses), recorded once', async () => {
    const chat = new FlakyChat();
    const h = await breach(chat);
    h.clock.set('2026-11-23T08:15:05Z');
    // A replica that took the reminder and died before recording it: its lease is held, nothing is in the log.
    const due = `lease:${reminderClaimKey(h.incident()!, 'gdpr-art33', '-PT1H')}`;
    expect(await h.store.claim(due, 120_000)).toBe(true);
    expect(await h.service.tick()).toBe(0);
    h.clock.advance(121_000);
    expect(await h.service.tick()).toBe(1);
    expect(await remindersIn(h)).toHaveLength(1);
    h.clock.advance(15_000);
    expect(await h.service.tick()).toBe(0);
    expect(await remindersIn(h)).toHaveLength(1);
  });
});
