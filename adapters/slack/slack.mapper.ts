import { createHash } from 'node:crypto';
import type { Actor } from '../../src/domain/actor.ts';
import type { IncidentState } from '../../src/incident/incident.state.ts';
import type { View } from '../../src/views/view.types.ts';
import { FLAG_VALUE } from './slack.form.ts';
import { LIMITS } from './slack.limits.ts';
import { fitEscaped, unescapeSlack } from './slack.mrkdwn.ts';
import { parseButtonId } from '../../src/views/interaction-ids.ts';

/** A Slack user as the config or a role assignment names them. */
export type SlackUserRef = { kind: 'id'; id: string } | { kind: 'email'; email: string };

const SLACK_PRINCIPAL = /^slack:([UW][A-Z0-9]{2,})$/;
const EMAIL = /^[^\s@:<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** The acting person of a slash command. Email is added later, and only when the role config needs it. */
export function actorFromCommand(command: { user_id: string; user_name?: string }): Actor {
  return { platform: 'slack', id: command.user_id, name: command.user_name || command.user_id };
}

/** The acting person of a `block_actions` payload (`name` is only set from the Home tab). */
export function actorFromAction(user: { id: string; username?: string; name?: string }): Actor {
  return { platform: 'slack', id: user.id, name: user.username || user.name || user.id };
}

/**
 * The command text Slack sent, as the person typed it. Slack escapes `&`,
 * `<`, `>` (and, with "escape channels, users and links" on, turns @name into
 * `<@U…|name>`, which the core reads as a mention): the core keeps plain text
 * and every renderer escapes again.
 */
export function commandText(text: string): string {
  return unescapeSlack(text).trim();
}

/** An app mention's text without the leading `<@bot>` mention(s). */
export function mentionCommandText(text: string): string {
  return commandText(text.replace(/^(\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>\s*)+/, ''));
}

/**
 * A stable key for one delivery, the same on Slack's retries (`X-Slack-Retry-Num`)
 * and duplicate deliveries: the trigger id of a command or an interaction, the
 * event id of an Events API callback, else a hash of the payload.
 */
export function inboundKey(payload: object): string {
  const body = payload as Record<string, unknown>;
  if (typeof body.trigger_id === 'string' && body.trigger_id) return `inbound:slack:trigger:${body.trigger_id}`;
  if (typeof body.event_id === 'string' && body.event_id) return `inbound:slack:event:${body.event_id}`;
  return `inbound:slack:body:${createHash('sha256').update(JSON.stringify(body)).digest('hex')}`;
}

/** A principal (`slack:U…` or an email) as a Slack user to resolve; undefined for other platforms. */
export function slackUserOf(principal: string): SlackUserRef | undefined {
  const id = SLACK_PRINCIPAL.exec(principal.trim());
  if (id) return { kind: 'id', id: id[1] ?? '' };
  if (EMAIL.test(principal.trim())) return { kind: 'email', email: principal.trim().toLowerCase() };
  return undefined;
}

/**
 * The war room's channel name: `ir-<yyyymmdd>[-sentinel-<n>]-<slug of the title>`,
 * with `-<attempt>` after a `name_taken`. Slack allows lower-case letters,
 * digits, `-` and `_`, at most 80 characters.
 */
export function warRoomName(
  incident: Pick<IncidentState, 'id' | 'title' | 'declaredAt' | 'sentinel'>,
  attempt = 1,
): string {
  const day = (incident.declaredAt ?? '').slice(0, 10).replace(/-/g, '') || /\d{8}/.exec(incident.id)?.[0] || 'undated';
  const sentinel = incident.sentinel?.number ? `-sentinel-${slug(incident.sentinel.number)}` : '';
  const suffix = attempt > 1 ? `-${attempt}` : '';
  const base = `ir-${day}${sentinel}`;
  const room = LIMITS.channelName - base.length - suffix.length - 1;
  const title = slug(incident.title).slice(0, Math.max(room, 0)).replace(/-+$/, '');
  return `${base}${title ? `-${title}` : ''}${suffix}`.slice(0, LIMITS.channelName);
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The channel topic: severity, status, id and title, escaped and within 250 characters. */
export function topicOf(incident: Pick<IncidentState, 'id' | 'title' | 'severity' | 'status'>): string {
  return fitEscaped(`${incident.severity} | ${incident.status} | ${incident.id}: ${incident.title}`, LIMITS.topic);
}

/** A link people can open (Slack's redirect works for any workspace the reader belongs to). */
export function channelUrl(channelId: string, teamId?: string): string {
  return (
    `https://slack.com/app_redirect?channel=${encodeURIComponent(channelId)}` +
    `${teamId ? `&team=${encodeURIComponent(teamId)}` : ''}`
  );
}

/**
 * The card a view is, if any: a runbook step card (its Done and Skip buttons
 * carry the step id), one living message per war room and step, settled in
 * place with `chat.update` when the step is completed or skipped.
 */
export function cardKeyOf(view: View): string | undefined {
  for (const block of view.blocks) {
    if (block.type !== 'actions') continue;
    for (const button of block.buttons) {
      const ref = parseButtonId(button.id);
      if (ref?.kind === 'step' && ref.verb !== 'act') return `step:${ref.stepId}`;
    }
  }
  return undefined;
}

/** One element's current value in a `block_actions` payload's `state.values` (the fields this adapter reads). */
export interface SlackStateValue {
  type: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: ReadonlyArray<{ value: string }>;
  selected_date_time?: number | null;
}

/** `state.values` of a message: block id -> action id -> value. */
export type SlackState = Readonly<Record<string, Readonly<Record<string, SlackStateValue>>>>;

/**
 * A form's values by field name, from the `state.values` Slack sends with the
 * submit press: each input's `block_id` and `action_id` are the field name
 * (see slack.form.ts). Text and number inputs give their text, a select its
 * option's value, the one-box checkbox of a flag `true` or `false`. Anything
 * else is dropped; the core reads only the fields of the form it issued.
 */
export function formValuesOf(state: { values?: SlackState } | undefined): Record<string, string | boolean | undefined> {
  const values: Array<[string, string | boolean | undefined]> = [];
  for (const [blockId, actions] of Object.entries(state?.values ?? {})) {
    const element = Object.hasOwn(actions, blockId) ? actions[blockId] : undefined;
    if (element?.type === 'checkboxes')
      values.push([blockId, (element.selected_options ?? []).some((option) => option.value === FLAG_VALUE)]);
    else if (element?.type === 'static_select') values.push([blockId, element.selected_option?.value ?? undefined]);
    else if (element?.type === 'plain_text_input' || element?.type === 'number_input')
      values.push([blockId, element.value ?? undefined]);
  }
  // fromEntries defines own properties: a block id such as `__proto__` cannot reach a prototype.
  return Object.fromEntries(values);
}
