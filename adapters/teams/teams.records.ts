import { z } from 'zod';
import type { ConversationReference } from 'botbuilder';
import type { IncidentStore } from '../../src/ports/store.port.ts';
import type { View } from '../../src/views/view.types.ts';

/** Where the Bot Connector for this tenant lives, and who the bot is there: learnt from each authenticated activity. */
export interface ServiceInfo {
  serviceUrl: string;
  botId: string;
  botName?: string;
  tenantId?: string;
}

/** A Teams user as the bot last saw them: the Teams id (MRI) is what mentions and card refreshes need. */
export interface Member {
  mri: string;
  aadObjectId: string;
  name: string;
}

/** A card with restricted buttons: the view to redraw on refresh, and whose clients may see those buttons. */
export interface StoredCard {
  view: View;
  userIds: string[];
}

const referenceSchema = z.looseObject({
  serviceUrl: z.string().min(1),
  channelId: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
  bot: z.looseObject({ id: z.string() }).optional(),
});
const serviceSchema = z.object({
  serviceUrl: z.string().min(1),
  botId: z.string(),
  botName: z.string().optional(),
  tenantId: z.string().optional(),
});
const memberSchema = z.object({ mri: z.string().min(1), aadObjectId: z.string().min(1), name: z.string() });
const cardSchema = z.object({
  view: z.looseObject({ summary: z.string(), blocks: z.array(z.looseObject({ type: z.string() })) }),
  userIds: z.array(z.string()),
});

const KEY = {
  service: 'teams:service',
  user: (aadObjectId: string) => `teams:user:${aadObjectId}`,
  member: (aadObjectId: string) => `teams:member:${aadObjectId}`,
  mri: (mri: string) => `teams:mri:${mri}`,
  room: (channelId: string) => `teams:room:${channelId}`,
  card: (cardId: string) => `teams:card:${cardId}`,
};

/**
 * The small records Teams needs outside any incident, kept through the store
 * port so that every replica sees them: 1:1 conversation references (for
 * proactive DMs), war-room references, members, and restricted cards.
 * Unchanged values are not rewritten (each write is an fsync in the file store).
 */
export class TeamsRecords {
  readonly #written = new Map<string, string>();

  constructor(private readonly store: IncidentStore) {}

  /** The 1:1 conversation with a user, for proactive DMs. */
  async putUserReference(aadObjectId: string, reference: Partial<ConversationReference>): Promise<void> {
    await this.#put(KEY.user(aadObjectId), reference);
  }

  async deleteUserReference(aadObjectId: string): Promise<void> {
    this.#written.delete(KEY.user(aadObjectId));
    await this.store.putRecord(KEY.user(aadObjectId), undefined);
  }

  async userReference(aadObjectId: string): Promise<Partial<ConversationReference> | undefined> {
    return parsed(referenceSchema, await this.store.getRecord(KEY.user(aadObjectId))) as
      Partial<ConversationReference> | undefined;
  }

  async putRoom(channelId: string, reference: Partial<ConversationReference>): Promise<void> {
    await this.#put(KEY.room(channelId), reference);
  }

  async room(channelId: string): Promise<Partial<ConversationReference> | undefined> {
    return parsed(referenceSchema, await this.store.getRecord(KEY.room(channelId))) as
      Partial<ConversationReference> | undefined;
  }

  async putService(info: ServiceInfo): Promise<void> {
    await this.#put(KEY.service, info);
  }

  async service(): Promise<ServiceInfo | undefined> {
    return parsed(serviceSchema, await this.store.getRecord(KEY.service));
  }

  /** Remembers a user both ways: Entra object id -> Teams id, and Teams id -> Entra object id. */
  async putMember(member: Member): Promise<void> {
    await this.#put(KEY.member(member.aadObjectId), member);
    await this.#put(KEY.mri(member.mri), member);
  }

  async member(aadObjectId: string): Promise<Member | undefined> {
    return parsed(memberSchema, await this.store.getRecord(KEY.member(aadObjectId)));
  }

  async memberByMri(mri: string): Promise<Member | undefined> {
    return parsed(memberSchema, await this.store.getRecord(KEY.mri(mri)));
  }

  async putCard(cardId: string, card: StoredCard): Promise<void> {
    await this.#put(KEY.card(cardId), card);
  }

  async card(cardId: string): Promise<StoredCard | undefined> {
    return parsed(cardSchema, await this.store.getRecord(KEY.card(cardId))) as StoredCard | undefined;
  }

  async #put(key: string, value: unknown): Promise<void> {
    const json = JSON.stringify(value);
    if (this.#written.get(key) === json) return;
    await this.store.putRecord(key, value);
    this.#written.set(key, json);
  }
}

/** A record as its schema says, or undefined for a missing or unreadable one (a stale record must not break a turn). */
function parsed<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}
