import { expect } from 'vitest';
import { blockActionsBody, slashCommandBody, type SlackState } from './slack-requests.ts';
import type { SlackRig } from './slack-rig.ts';

let triggers = 0;

/** What one request led to: private answers on its response_url, and messages the bot posted in channels meanwhile. */
export interface Outcome {
  privately: Array<Record<string, unknown>>;
  publicly: Array<Record<string, unknown>>;
}

/** Posts a signed body, expects Slack's 200, and waits for everything it set off. */
export async function deliver(r: SlackRig, body: string, trigger: string): Promise<Outcome> {
  const postsBefore = r.fake.callsTo('chat.postMessage').length;
  const response = await r.post(body);
  expect(response.status).toBe(200);
  await r.app.work.drain(5000);
  return {
    privately: r.fake.responsePosts.filter((post) => post.path === `/response/${trigger}`).map((post) => post.body),
    publicly: r.fake.callsTo('chat.postMessage').slice(postsBefore).map((call) => call.args),
  };
}

/** Runs a slash command as `user` in `channel` and waits for everything it set off. */
export function slash(r: SlackRig, user: string, channel: string, text: string): Promise<Outcome> {
  const trigger = `t${++triggers}`;
  return deliver(r, slashCommandBody({ text, user_id: user, user_name: user.toLowerCase(), channel_id: channel, response_url: r.fake.responseUrl(trigger), trigger_id: `${trigger}.1.1` }), trigger);
}

/** Presses a button as `user` in `channel`; `state` is what Slack sends of the message's inputs (a form's submit). */
export function press(r: SlackRig, user: string, channel: string, actionId: string, state?: SlackState): Promise<Outcome> {
  const trigger = `p${++triggers}`;
  return deliver(r, blockActionsBody({ actionId, userId: user, channelId: channel, responseUrl: r.fake.responseUrl(trigger), triggerId: `${trigger}.2.2`, ...(state ? { state, ephemeral: true } : {}) }), trigger);
}
