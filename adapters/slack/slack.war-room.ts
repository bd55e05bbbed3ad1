import type { webApi } from '@slack/bolt';
import type { WarRoomRef } from '../../src/domain/event.types.ts';
import type { IncidentState } from '../../src/incident/incident.state.ts';
import type { Logger } from '../../src/ports/logger.port.ts';
import { headerView } from '../../src/views/incident.views.ts';
import { slackErrorCode, type SlackDirectory } from './slack.directory.ts';
import { channelUrl, slackUserOf, topicOf, warRoomName } from './slack.mapper.ts';
import { renderView } from './slack.renderer.ts';

export interface WarRoomDeps {
  client: webApi.WebClient;
  directory: SlackDirectory;
  logger: Logger;
  /** Private channels (`is_private`), from SLACK_WAR_ROOM_PRIVATE. */
  private: boolean;
  /** Principals invited to every war room (SLACK_RESPONDERS and the commander/responder pools). */
  responders: readonly string[];
}

/** Numbered names tried after `name_taken` before giving up (a clash is rare: the name carries the date). */
const MAX_NAME_ATTEMPTS = 20;
/** Invite answers that leave the person in the channel, or that need nothing done. */
const HARMLESS_INVITE_ERRORS = new Set(['already_in_channel', 'cant_invite_self']);

/**
 * Opens the incident's war room: creates the channel (numbering the name on
 * a clash), invites the declarer and the configured responders, sets the
 * topic, posts and pins the incident header. Only the creation can fail the
 * whole; an invite, topic or pin that fails is logged and the room is kept.
 */
export async function openWarRoom(deps: WarRoomDeps, incident: IncidentState): Promise<WarRoomRef> {
  const { id: channelId, name } = await createChannel(deps, incident);
  const identity = await deps.directory.identity();
  await inviteAll(deps, channelId, incident, identity?.userId);
  await bestEffort(deps, 'conversations.setTopic', channelId, () =>
    deps.client.conversations.setTopic({ channel: channelId, topic: topicOf(incident) }),
  );
  await bestEffort(deps, 'header', channelId, async () => {
    const [message] = renderView(headerView(incident));
    if (!message) return;
    const posted = await deps.client.chat.postMessage({
      channel: channelId,
      text: message.text,
      blocks: message.blocks,
    });
    if (posted.ts) await deps.client.pins.add({ channel: channelId, timestamp: posted.ts });
  });
  return { platform: 'slack', channelId, name, url: channelUrl(channelId, identity?.teamId) };
}

async function createChannel(deps: WarRoomDeps, incident: IncidentState): Promise<{ id: string; name: string }> {
  for (let attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt++) {
    const name = warRoomName(incident, attempt);
    try {
      const created = await deps.client.conversations.create({ name, is_private: deps.private });
      if (!created.channel?.id) throw new Error('conversations.create answered without a channel id');
      return { id: created.channel.id, name: created.channel.name ?? name };
    } catch (error) {
      if (slackErrorCode(error) !== 'name_taken') throw error;
      deps.logger.info('slack channel name taken; numbering it', { incidentId: incident.id, name });
    }
  }
  throw new Error(`no free channel name after ${MAX_NAME_ATTEMPTS} attempts (${warRoomName(incident)}-N)`);
}

/** The declarer (when they declared in Slack) and every configured responder, each once, never the bot itself. */
async function inviteAll(
  deps: WarRoomDeps,
  channelId: string,
  incident: IncidentState,
  botUserId?: string,
): Promise<void> {
  const principals = [
    ...(incident.declaredBy?.platform === 'slack' ? [`slack:${incident.declaredBy.id}`] : []),
    ...deps.responders,
  ];
  const users = new Set<string>();
  for (const principal of principals) {
    const ref = slackUserOf(principal);
    if (!ref) continue;
    let userId: string | undefined;
    try {
      userId = await deps.directory.userId(ref);
    } catch (error) {
      deps.logger.warn('slack user lookup failed; not invited', {
        incidentId: incident.id,
        principal,
        error: slackErrorCode(error) ?? String(error),
      });
      continue;
    }
    if (!userId)
      deps.logger.warn('no Slack user for a configured responder; not invited', { incidentId: incident.id, principal });
    else if (userId !== botUserId) users.add(userId);
  }
  // One call per person: a bulk invite fails whole on one bad id.
  for (const user of users) {
    try {
      await deps.client.conversations.invite({ channel: channelId, users: user });
    } catch (error) {
      const code = slackErrorCode(error);
      if (!code || !HARMLESS_INVITE_ERRORS.has(code))
        deps.logger.warn('slack invite failed', {
          incidentId: incident.id,
          channelId,
          user,
          error: code ?? String(error),
        });
    }
  }
}

async function bestEffort(
  deps: WarRoomDeps,
  what: string,
  channelId: string,
  work: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    deps.logger.warn(`slack war room ${what} failed; the room is kept`, {
      channelId,
      error: slackErrorCode(error) ?? String(error),
    });
  }
}
