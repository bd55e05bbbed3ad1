import { fixture } from './card-schema.ts';

/** Values in the Teams formats of the captured fixtures (test/fixtures/teams). */
export const TENANT_ID = '50612dbb-0237-4969-b378-8d42590f9c00';
export const TEAM_GROUP_ID = '57fb72d0-d811-46f4-8947-305e6072eaa5';
export const TEAM_THREAD_ID = '19:66P469zibfbsGI-_a0aN_toLTZpyzS6u7CT3TsXdgPw1@thread.tacv2';
export const GENERAL_CHANNEL = '19:6848757105754c8981c67612732d9aa7@thread.tacv2';
export const BOT = { id: '28:0b6fe6d1-fece-44f7-9a48-56465e2d5ab8', name: 'Incident Commander' };

export interface TeamsUser {
  id: string;
  aadObjectId: string;
  name: string;
}

export const ALICE: TeamsUser = { id: '29:17bUvCasIPKfQIXHvNzcPjD86fwm6GkWc1PvCGP2-NSkNb7AyGYpjQ7Xw-XgTwaHW5JxZ4KMNDxn1kcL8fwX1Nw', aadObjectId: 'b15a9416-0ad3-4172-9210-7beb711d3f70', name: 'Alice Commander' };
export const BOB: TeamsUser = { id: '29:1uMVvhoAyfTqdMsyvHL0qlJTTfQF9MOUSI8_cQts2kdSWEZVDyJO2jz-CsNOhQcdYq1Bw4cHT0__O6XDj4AZ-Jw', aadObjectId: 'c5e99701-2a32-49c1-a660-4629ceeb8c61', name: 'Bob Responder' };
export const LENA: TeamsUser = { id: '29:1I9Is_Sx0OIy2rQ7Xz1lcaPKlO9eqmBRTBuW6XzkFtcjqxTjPaCMij8BVMdBcL9L_RwWNJyAHFQb0TRzXgyQvA', aadObjectId: '0d7f3c3e-9d7a-4e55-9d0f-6b1c2a3e4f5a', name: 'Lena Legal' };

export const principal = (user: TeamsUser) => `teams:${user.aadObjectId}`;

type Activity = Record<string, unknown>;
let sequence = 1700000000000;
const nextId = () => String(sequence++);

/** A channel message mentioning the bot, shaped like message.channel-with-mention.json (a real tenant capture). */
export function channelMessage(options: { serviceUrl: string; from: TeamsUser; text: string; channelId?: string; mentions?: TeamsUser[] }): Activity {
  const base = fixture<Activity>('message.channel-with-mention.json');
  const channelId = options.channelId ?? GENERAL_CHANNEL;
  const id = nextId();
  const botMention = `<at>${BOT.name}</at>`;
  return {
    ...base,
    id,
    serviceUrl: options.serviceUrl,
    text: `${botMention} ${options.text}`,
    from: options.from,
    recipient: BOT,
    conversation: { id: `${channelId};messageid=${id}`, isGroup: true, conversationType: 'channel', tenantId: TENANT_ID },
    channelData: { teamsChannelId: channelId, teamsTeamId: TEAM_THREAD_ID, channel: { id: channelId }, team: { id: TEAM_THREAD_ID }, tenant: { id: TENANT_ID } },
    entities: [
      { mentioned: BOT, text: botMention, type: 'mention' },
      ...(options.mentions ?? []).map((user) => ({ mentioned: { id: user.id, name: user.name }, text: `<at>${user.name}</at>`, type: 'mention' })),
      { locale: 'en-US', country: 'US', platform: 'Web', timezone: 'America/Los_Angeles', type: 'clientInfo' },
    ],
    attachments: [],
    timestamp: new Date().toISOString(),
  };
}

/** A 1:1 (personal) chat message: no mention needed. */
export function personalMessage(options: { serviceUrl: string; from: TeamsUser; text: string }): Activity {
  return {
    type: 'message',
    channelId: 'msteams',
    id: nextId(),
    serviceUrl: options.serviceUrl,
    text: options.text,
    textFormat: 'plain',
    from: options.from,
    recipient: BOT,
    conversation: { id: personalConversation(options.from), conversationType: 'personal', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID } },
    locale: 'en-US',
  };
}

export function personalConversation(user: TeamsUser): string {
  return `a:1${user.aadObjectId.replaceAll('-', '')}`;
}

/** The bot added to a user's 1:1 chat (conversationUpdate.membersAdded.personal.json, placeholders filled). */
export function installedInPersonalChat(options: { serviceUrl: string; user: TeamsUser }): Activity {
  const base = fixture<Activity>('conversationUpdate.membersAdded.personal.json');
  return {
    ...base,
    serviceUrl: options.serviceUrl,
    membersAdded: [{ id: BOT.id }, { id: options.user.id, aadObjectId: options.user.aadObjectId }],
    from: { id: options.user.id, aadObjectId: options.user.aadObjectId, name: options.user.name },
    recipient: BOT,
    conversation: { conversationType: 'personal', id: personalConversation(options.user), tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID } },
  };
}

/** An `adaptiveCard/action` invoke (invoke.adaptiveCard-action.json, a real tenant capture), from a channel or a 1:1 chat. */
export function cardAction(options: { serviceUrl: string; from: TeamsUser; verb: string; data: Record<string, unknown>; channelId?: string; trigger?: 'manual' | 'automatic' }): Activity {
  const base = fixture<Activity>('invoke.adaptiveCard-action.json');
  const conversation = options.channelId
    ? { id: `${options.channelId};messageid=1767765488332`, isGroup: true, conversationType: 'channel', tenantId: TENANT_ID }
    : { id: personalConversation(options.from), conversationType: 'personal', tenantId: TENANT_ID };
  return {
    ...base,
    id: `f:${nextId()}`,
    serviceUrl: options.serviceUrl,
    from: options.from,
    recipient: BOT,
    conversation,
    channelData: { tenant: { id: TENANT_ID }, source: { name: 'message' }, ...(options.channelId ? { channel: { id: options.channelId }, team: { id: TEAM_THREAD_ID } } : {}) },
    value: { action: { type: 'Action.Execute', title: 'x', verb: options.verb, data: options.data }, trigger: options.trigger ?? 'manual' },
  };
}
