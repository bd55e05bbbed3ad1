import type { WarRoomRef } from '../../src/domain/event.types.ts';
import type { IncidentState } from '../../src/incident/incident.state.ts';
import type { ChatPort } from '../../src/ports/chat.port.ts';
import type { IncidentStore } from '../../src/ports/store.port.ts';
import type { View } from '../../src/views/view.types.ts';
import { slackErrorCode } from './slack.directory.ts';
import { cardKeyOf, slackUserOf } from './slack.mapper.ts';
import { escapeMrkdwn } from './slack.mrkdwn.ts';
import { renderView, type SlackMessage } from './slack.renderer.ts';
import { openWarRoom, type WarRoomDeps } from './slack.war-room.ts';

export interface SlackChatDeps extends WarRoomDeps {
  store: IncidentStore;
  /** SLACK_TRIAGE_CHANNEL, if set. */
  triageChannel?: string;
}

/** What the store keeps per living card: the message to `chat.update`, and what it shows. */
interface CardRecord {
  channel: string;
  ts: string;
  view: View;
}

/**
 * Slack as the core's chat port: war rooms are channels, posts are
 * `chat.postMessage` (step cards are settled in place with `chat.update`),
 * notices to people are DMs opened with `conversations.open`.
 */
export class SlackChat implements ChatPort {
  readonly platform = 'slack';

  constructor(private readonly deps: SlackChatDeps) {}

  /** A new channel per incident (see slack.war-room.ts). */
  openWarRoom(incident: IncidentState): Promise<WarRoomRef> {
    return openWarRoom(this.deps, incident);
  }

  /**
   * Posts into a Slack war room. A runbook step card is remembered (its ts),
   * so it can be settled in place later; posting the same step again retires
   * the older card (its buttons go) so only one live card per step remains.
   */
  async post(room: WarRoomRef, view: View): Promise<void> {
    if (room.platform !== this.platform) return;
    const cardKey = cardKeyOf(view);
    if (cardKey) await this.#rewriteCard(room.channelId, cardKey, 'Shown again below.');
    const ts = await this.postMessages(room.channelId, renderView(view));
    if (cardKey && ts)
      await this.deps.store.putRecord(cardRecordKey(room.channelId, cardKey), {
        channel: room.channelId,
        ts,
        view,
      } satisfies CardRecord);
  }

  /**
   * A step was completed or skipped: its card in `channel` is updated in place (`chat.update`) to show the outcome,
   * without buttons.
   */
  async settleStep(channel: string, stepId: string, outcome: string): Promise<void> {
    if (await this.#rewriteCard(channel, `step:${stepId}`, outcome))
      await this.deps.store.putRecord(cardRecordKey(channel, `step:${stepId}`), undefined);
  }

  /**
   * A direct message: `slack:U…` directly, an email after `users.lookupByEmail`.
   * False for other platforms' principals and for people Slack cannot reach.
   */
  async notify(principal: string, view: View): Promise<boolean> {
    const ref = slackUserOf(principal);
    if (!ref) return false;
    try {
      const user = await this.deps.directory.userId(ref);
      if (!user) return false;
      const opened = await this.deps.client.conversations.open({ users: user });
      const channel = opened.channel?.id;
      if (!channel) return false;
      await this.postMessages(channel, renderView(view));
      return true;
    } catch (error) {
      const code = slackErrorCode(error);
      if (!code) throw error;
      this.deps.logger.warn('slack direct message failed', { principal, error: code });
      return false;
    }
  }

  /**
   * Posts a "Declare?" card into SLACK_TRIAGE_CHANNEL; false when none is set or Slack refuses (e.g. the bot is not in
   * it).
   */
  async postToTriage(view: View): Promise<boolean> {
    if (!this.deps.triageChannel) return false;
    try {
      await this.postMessages(this.deps.triageChannel, renderView(view));
      return true;
    } catch (error) {
      const code = slackErrorCode(error);
      if (!code) throw error;
      this.deps.logger.warn('slack triage post failed: invite the bot to SLACK_TRIAGE_CHANNEL', {
        channel: this.deps.triageChannel,
        error: code,
      });
      return false;
    }
  }

  /** Posts messages in order; resolves with the first one's ts. */
  async postMessages(channel: string, messages: readonly SlackMessage[]): Promise<string | undefined> {
    let first: string | undefined;
    for (const message of messages) {
      const posted = await this.deps.client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
      first ??= posted.ts;
    }
    return first;
  }

  /**
   * Re-renders a remembered card without buttons and with `note` (plain text); best effort, true when Slack took it.
   */
  async #rewriteCard(channel: string, cardKey: string, note: string): Promise<boolean> {
    const record = (await this.deps.store.getRecord(cardRecordKey(channel, cardKey))) as CardRecord | undefined;
    const [message] = record?.view ? renderView(record.view, { interactive: false, note: escapeMrkdwn(note) }) : [];
    if (!record || !message) return false;
    try {
      await this.deps.client.chat.update({
        channel: record.channel,
        ts: record.ts,
        text: message.text,
        blocks: message.blocks,
      });
      return true;
    } catch (error) {
      this.deps.logger.warn('slack card update failed', {
        channel,
        cardKey,
        error: slackErrorCode(error) ?? String(error),
      });
      return false;
    }
  }
}

function cardRecordKey(channel: string, cardKey: string): string {
  return `slack:card:${channel}:${cardKey}`;
}
