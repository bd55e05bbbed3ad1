import { TurnContext, type Activity, type Entity, type InvokeResponse } from 'botbuilder';
import type { Actor } from '../../src/domain/actor.ts';
import type { IncidentState } from '../../src/incident/incident.state.ts';
import type { View } from '../../src/views/view.types.ts';
import {
  FLAG_OFF,
  FLAG_ON,
  FORM_FLAGS_KEY,
  FORM_VERB,
  PRESS_VERB,
  REFRESH_VERB,
  type AdaptiveCard,
} from './teams.renderer.ts';

/** The platform name in actors, principals and war-room refs. */
export const TEAMS = 'teams';

/** A person mentioned in a message, other than the bot. */
export interface Mentioned {
  /** Teams user id (`29:…`). */
  mri: string;
  name: string;
  /** The mention's markup in the text, e.g. `<at>Alice</at>`. */
  text: string;
}

/** Form values by field name, as the core's `submitForm` takes them. */
export type FormValues = Record<string, string | boolean | undefined>;

/**
 * What a press, a refresh or a form submission names; nothing else from the card is trusted (the core checks every
 * value).
 */
export type CardAction =
  | { kind: 'press'; buttonId: string }
  | { kind: 'refresh'; cardId: string }
  | { kind: 'form'; formId: string; values: FormValues };

const AT_TAG = /<at>[^<]*<\/at>/gi;
const CARD_ID = /^[A-Za-z0-9_-]{8,64}$/;
const MAX_BUTTON_ID = 200;
const MAX_FORM_ID = 200;
/** Teams refuses channel names with these characters, longer than 50, or starting with `_`/`.` or ending with `.`. */
const CHANNEL_FORBIDDEN = /[~#%&*{}+/\\:<>?|'",\p{Cc}]/gu;
const MAX_CHANNEL_NAME = 50;
const HTML_ENTITIES: Record<string, string> = {
  '&nbsp;': ' ',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&amp;': '&',
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** `{platform: 'teams', id: <Entra object id, else the Teams user id>, name}`. */
export function actorOf(activity: Activity): Actor {
  const from = activity.from ?? { id: 'unknown', name: 'unknown' };
  const id = from.aadObjectId || from.id;
  return { platform: TEAMS, id, name: from.name || id };
}

export const principalOfAad = (aadObjectId: string): string => `${TEAMS}:${aadObjectId}`;

/** The Entra object id inside a `teams:` principal, if it is one. */
export function aadOfPrincipal(principal: string): string | undefined {
  return principal.startsWith(`${TEAMS}:`) && principal.length > TEAMS.length + 1
    ? principal.slice(TEAMS.length + 1)
    : undefined;
}

/** The room a message belongs to: the channel (not the thread inside it), or the chat. */
export function roomIdOf(activity: Activity): string {
  const channelData: unknown = activity.channelData;
  const channel = isRecord(channelData) && isRecord(channelData.channel) ? text(channelData.channel.id) : undefined;
  return channel ?? (activity.conversation?.id ?? '').split(';')[0] ?? '';
}

/** The Entra tenant an activity comes from (`conversation.tenantId`, else `channelData.tenant.id`). */
export function tenantOf(activity: Activity): string | undefined {
  const channelData: unknown = activity.channelData;
  const tenant = isRecord(channelData) && isRecord(channelData.tenant) ? text(channelData.tenant.id) : undefined;
  return activity.conversation?.tenantId || tenant;
}

export function isPersonal(activity: Activity): boolean {
  const type = activity.conversation?.conversationType;
  return type ? type === 'personal' : activity.conversation?.isGroup !== true;
}

/** Mention entities well formed enough to use (botbuilder's helpers throw on malformed ones). */
function mentionEntities(activity: Activity): Array<{ id: string; name: string; text: string }> {
  return (activity.entities ?? []).flatMap((entity: Entity) => {
    if (!isRecord(entity) || text(entity.type)?.toLowerCase() !== 'mention' || !isRecord(entity.mentioned)) return [];
    const id = text(entity.mentioned.id);
    const markup = text(entity.text);
    return id && markup ? [{ id, name: text(entity.mentioned.name) ?? id, text: markup }] : [];
  });
}

/** In a channel or group chat, Teams delivers only messages that mention the bot; a 1:1 chat needs none. */
export function addressedToBot(activity: Activity): boolean {
  if (isPersonal(activity)) return true;
  const botId = activity.recipient?.id;
  return mentionEntities(activity).some((mention) => mention.id === botId) || /^\s*<at>/i.test(activity.text ?? '');
}

/** The people a message mentions, the bot excluded. */
export function mentionedPeople(activity: Activity): Mentioned[] {
  const botId = activity.recipient?.id;
  return mentionEntities(activity)
    .filter((mention) => mention.id !== botId)
    .map((mention) => ({ mri: mention.id, name: mention.name, text: mention.text }));
}

/**
 * The command typed: the bot's mention removed (`TurnContext.removeRecipientMention`),
 * other people's mentions replaced by their principal when known, any `<at>…</at>`
 * left over dropped, and the few HTML entities Teams sends decoded.
 */
export function commandTextOf(activity: Activity, principals: ReadonlyMap<string, string> = new Map()): string {
  const entities = mentionEntities(activity).map((mention) => ({
    type: 'mention',
    mentioned: { id: mention.id, name: mention.name },
    text: mention.text,
  }));
  const copy = {
    text: activity.text ?? '',
    entities,
    recipient: { id: activity.recipient?.id ?? '', name: activity.recipient?.name ?? '' },
  };
  let result = TurnContext.removeRecipientMention(copy) ?? '';
  for (const person of mentionedPeople(activity)) {
    const principal = principals.get(person.mri);
    if (principal) result = result.split(person.text).join(` ${principal} `);
  }
  result = result.replace(AT_TAG, ' ');
  result = result.replace(/&(nbsp|lt|gt|quot|#39|amp);/g, (entity) => HTML_ENTITIES[entity] ?? entity);
  return result.replace(/[ \t\u00a0]+/g, ' ').trim();
}

/** The action of an `adaptiveCard/action` invoke: a press carries only `{buttonId}`, a refresh only `{cardId}`. */
export function cardActionOf(activity: Activity): CardAction | undefined {
  const value: unknown = activity.value;
  const action = isRecord(value) && isRecord(value.action) ? value.action : undefined;
  const data = action && isRecord(action.data) ? action.data : undefined;
  if (!action || !data) return undefined;
  const buttonId = text(data.buttonId);
  if (action.verb === PRESS_VERB && buttonId && buttonId.length <= MAX_BUTTON_ID) return { kind: 'press', buttonId };
  const cardId = text(data.cardId);
  if (action.verb === REFRESH_VERB && cardId && CARD_ID.test(cardId)) return { kind: 'refresh', cardId };
  const formId = text(data.formId);
  if (action.verb === FORM_VERB && formId && formId.length <= MAX_FORM_ID)
    return { kind: 'form', formId, values: formValuesOf(data) };
  return undefined;
}

/**
 * The inputs Teams merged into the submit action's data, by field name:
 * strings as typed (numbers as their text), and the Toggles the card lists
 * under `formFlags` as booleans. Anything else (objects, arrays) is dropped.
 */
export function formValuesOf(data: Readonly<Record<string, unknown>>): FormValues {
  const listed = data[FORM_FLAGS_KEY];
  const flags = new Set(Array.isArray(listed) ? listed.filter((name): name is string => typeof name === 'string') : []);
  const entries = Object.entries(data).flatMap(([name, value]): Array<[string, string | boolean]> => {
    if (name === 'formId' || (name === FORM_FLAGS_KEY && Array.isArray(value))) return [];
    if (typeof value === 'boolean') return [[name, value]];
    if (typeof value === 'number' && Number.isFinite(value)) return [[name, String(value)]];
    if (typeof value !== 'string') return [];
    if (flags.has(name) && (value === FLAG_ON || value === FLAG_OFF)) return [[name, value === FLAG_ON]];
    return [[name, value]];
  });
  // fromEntries defines own properties: a field named `__proto__` stays a plain key.
  return Object.fromEntries(entries);
}

/** The Universal Actions answer that replaces the card: HTTP 200 carrying `{statusCode, type, value}`. */
export function cardInvokeResponse(card: AdaptiveCard): InvokeResponse {
  return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } };
}

/** A Universal Actions error answer (Teams shows `message`). */
export function errorInvokeResponse(statusCode: 400 | 500, message: string): InvokeResponse {
  return {
    status: 200,
    body: {
      statusCode,
      type: 'application/vnd.microsoft.error',
      value: { code: statusCode === 400 ? 'BadRequest' : 'InternalServerError', message },
    },
  };
}

/** A message activity carrying one Adaptive Card, with the summary as the notification text. */
export function cardMessage(card: AdaptiveCard, summary: string): Partial<Activity> {
  return {
    type: 'message',
    summary,
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
  };
}

/**
 * The war-room channel's name: date, Sentinel number and a short title, in
 * what Teams accepts; `attempt` > 1 adds a suffix after a name clash.
 */
export function warRoomName(state: IncidentState, attempt = 1): string {
  const date = (state.declaredAt ?? new Date(0).toISOString()).slice(0, 10);
  const sentinel = state.sentinel?.number ? ` S${state.sentinel.number}` : '';
  const title = state.title
    .replace(CHANNEL_FORBIDDEN, ' ')
    .replace(/\.{2,}/g, '.')
    .replace(/\s+/g, ' ')
    .trim();
  const suffix = attempt > 1 ? ` ${attempt}` : '';
  const base = `IR ${date}${sentinel} ${title}`
    .slice(0, MAX_CHANNEL_NAME - suffix.length)
    .trimEnd()
    .replace(/\.+$/, '');
  return `${base}${suffix}`;
}

/** The channel description Graph stores (plain text, up to 1024 characters). */
export function warRoomDescription(state: IncidentState): string {
  return `Incident ${state.id} (${state.severity}): ${state.title}`.slice(0, 1024);
}

/** The first post in a new war-room channel; the incident header follows it from the core. */
export function warRoomOpenedView(state: IncidentState): View {
  return {
    summary: `War room for incident ${state.id}`,
    blocks: [
      { type: 'header', text: `War room for incident ${state.id}` },
      { type: 'text', text: state.title },
      {
        type: 'context',
        text:
          'Mention @Incident Commander here with a command (status, note <text>, timeline, help): it applies to ' +
          'this incident.',
      },
    ],
  };
}
