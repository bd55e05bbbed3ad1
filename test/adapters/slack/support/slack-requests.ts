import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'slack');

export const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

/** Signs as Slack does: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret. */
export function slackSignature(secret: string, timestamp: string | number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** A slash command body: bolt-python's `/hello-world` form with our fields set. */
export function slashCommandBody(fields: { text: string; user_id?: string; user_name?: string; channel_id?: string; channel_name?: string; response_url?: string; trigger_id?: string }): string {
  const form = new URLSearchParams(fixture('slash_command.form.txt').trim());
  form.set('command', '/ir');
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) form.set(key, value);
  return form.toString();
}

/** A `block_actions` body: bolt-python's button press with our user, channel and action id, as `payload=<json>`; `state` as Slack sends the message's inputs. */
export function blockActionsBody(fields: { actionId: string; userId: string; userName?: string; channelId: string; responseUrl: string; triggerId: string; state?: SlackState; ephemeral?: boolean }): string {
  const payload = JSON.parse(fixture('block_actions.button.json')) as Record<string, unknown> & { actions: Array<Record<string, unknown>> };
  payload.user = { id: fields.userId, username: fields.userName ?? fields.userId, name: fields.userName ?? fields.userId, team_id: 'T111' };
  payload.container = { type: 'message', message_ts: '1764406800.000001', channel_id: fields.channelId, is_ephemeral: fields.ephemeral ?? false };
  payload.channel = { id: fields.channelId, name: 'war-room' };
  payload.response_url = fields.responseUrl;
  payload.trigger_id = fields.triggerId;
  payload.actions = [{ ...payload.actions[0], action_id: fields.actionId, block_id: 'b1', value: fields.actionId }];
  if (fields.state) payload.state = { values: fields.state };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

type Json = Record<string, unknown>;
/** `state.values`: block id -> action id -> the element's current value. */
export type SlackState = Record<string, Record<string, Json & { type: string }>>;

/**
 * What Slack puts in `state.values` when a button is pressed in a message
 * with input blocks: every input of the message as it was rendered, filled
 * with `answers` by block id, untouched ones with their initial value (as
 * Slack does), empty ones as `null`. Option objects are copied from the
 * message, so a test can only select what the message offered.
 */
export function stateFor(blocks: unknown, answers: Record<string, string | boolean | null>): SlackState {
  const state: SlackState = {};
  for (const block of (Array.isArray(blocks) ? blocks : []) as Json[]) {
    if (block.type !== 'input') continue;
    const element = block.element as Json & { options?: Json[] };
    const answer = answers[String(block.block_id)];
    const option = (value: unknown) => element.options?.find((candidate) => candidate.value === value) ?? null;
    let value: Json;
    if (element.type === 'static_select') value = { selected_option: answer === undefined ? (element.initial_option ?? null) : option(answer) };
    else if (element.type === 'checkboxes') value = { selected_options: answer === undefined ? (element.initial_options ?? []) : answer === true ? [element.options?.[0]] : [] };
    else value = { value: answer === undefined ? (element.initial_value ?? null) : answer };
    state[String(block.block_id)] = { [String(element.action_id)]: { type: String(element.type), ...value } };
  }
  return state;
}

/** An Events API `app_mention` callback (bolt-python's) in a channel. */
export function appMentionBody(fields: { text: string; userId: string; channelId: string; eventId: string }): string {
  const body = JSON.parse(fixture('event_callback.app_mention.json')) as { event: Record<string, unknown>; event_id: string };
  body.event = { ...body.event, text: fields.text, user: fields.userId, channel: fields.channelId };
  body.event_id = fields.eventId;
  return JSON.stringify(body);
}

export interface SlackPost {
  status: number;
  text: string;
  /** Wall-clock time until the whole response arrived. */
  ms: number;
}

/** POSTs a body to `/slack/events` signed at `timestamp` (seconds), as Slack would. */
export async function postToSlackEvents(
  baseUrl: string,
  body: string,
  options: { secret: string; timestamp: number; contentType?: string; retryNum?: number; signature?: string },
): Promise<SlackPost> {
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(options.timestamp),
    'x-slack-signature': options.signature ?? slackSignature(options.secret, options.timestamp, body),
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  const started = performance.now();
  const response = await fetch(`${baseUrl}/slack/events`, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started };
}
