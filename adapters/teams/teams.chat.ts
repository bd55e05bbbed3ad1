import type { Activity, ConversationReference } from 'botbuilder';
import type { WarRoomRef } from '../../src/domain/event.types.ts';
import type { IncidentState } from '../../src/incident/incident.state.ts';
import type { ChatPort } from '../../src/ports/chat.port.ts';
import type { Logger } from '../../src/ports/logger.port.ts';
import type { View } from '../../src/views/view.types.ts';
import type { WorkTracker } from '../http/work-tracker.ts';
import type { TeamsBot } from './teams.bot.ts';
import type { TeamsCards } from './teams.cards.ts';
import type { TeamsConfig } from './teams.config.ts';
import type { TeamsChannels } from './teams.graph.ts';
import { aadOfPrincipal, cardMessage, TEAMS, warRoomOpenedView } from './teams.mapper.ts';
import type { ServiceInfo, TeamsRecords } from './teams.records.ts';
import { renderCard } from './teams.renderer.ts';
import { currentTurn } from './teams.turn.ts';

export interface TeamsChatDeps {
  config: Readonly<TeamsConfig>;
  bot: TeamsBot;
  channels: TeamsChannels;
  records: TeamsRecords;
  cards: TeamsCards;
  work: WorkTracker;
  logger: Logger;
}

/**
 * Teams as the core's chat port: a war room is a channel created through
 * Graph in the configured team, opened with a proactive message; posts and
 * notices go through stored conversation references.
 */
export class TeamsChat implements ChatPort {
  readonly platform = TEAMS;

  constructor(private readonly deps: TeamsChatDeps) {}

  async openWarRoom(incident: IncidentState): Promise<WarRoomRef> {
    const { bot, channels, records } = this.deps;
    const turn = currentTurn();
    const service = turn?.service.serviceUrl ? turn.service : await records.service();
    if (!service)
      throw new Error(
        'no Teams activity has reached the bot yet, so its Bot Connector is unknown: install the app in the team or ' +
          'mention the bot once',
      );
    const channel = await channels.create(incident, turn?.requesterAadObjectId ?? firstTeamsCommander(incident));
    const opened = warRoomOpenedView(incident);
    const reference = await bot.startInChannel(
      service.serviceUrl,
      botOf(service),
      service.tenantId,
      channel.id,
      cardMessage(renderCard(opened), opened.summary),
    );
    await records.putRoom(channel.id, reference);
    return {
      platform: TEAMS,
      channelId: channel.id,
      name: channel.displayName,
      ...(channel.webUrl ? { url: channel.webUrl } : {}),
    };
  }

  /**
   * Inside a button press the post is sent after the invoke is answered (Teams' invoke timeout), tracked for shutdown.
   */
  async post(room: WarRoomRef, view: View): Promise<void> {
    const { records, cards, bot } = this.deps;
    const reference = await records.room(room.channelId);
    if (!reference) throw new Error(`no Teams conversation is stored for war room ${room.channelId}`);
    const sending = cards.forEveryone(view).then((card) => bot.send(reference, cardMessage(card, view.summary)));
    if (!currentTurn()?.deferPosts) return sending;
    void this.deps.work.track(
      sending.catch((error: unknown) =>
        this.deps.logger.error('teams war-room post failed', { channelId: room.channelId, error: String(error) }),
      ),
    );
  }

  /**
   * A DM through the user's stored 1:1 conversation; else, when configured,
   * a post in the legal channel mentioning them; else false.
   */
  async notify(principal: string, view: View): Promise<boolean> {
    const aad = aadOfPrincipal(principal);
    if (!aad) return false;
    try {
      const reference = await this.deps.records.userReference(aad);
      if (reference) {
        const userId = reference.user?.id;
        const card = await this.deps.cards.forViewer(view, userId, userId ? [userId] : []);
        await this.deps.bot.send(reference, cardMessage(card, view.summary));
        return true;
      }
      if (this.deps.config.legalChannelId)
        return await this.#inLegalChannel(aad, principal, view, this.deps.config.legalChannelId);
    } catch (error) {
      this.deps.logger.warn('teams notice could not be delivered', { principal, error: String(error) });
    }
    return false;
  }

  /**
   * A "Declare?" card into the configured triage channel; false when none is configured or the bot has not met Teams
   * yet.
   */
  async postToTriage(view: View): Promise<boolean> {
    const channelId = this.deps.config.triageChannelId;
    if (!channelId) return false;
    try {
      const card = await this.deps.cards.forEveryone(view);
      return await this.#inChannel(channelId, cardMessage(card, view.summary));
    } catch (error) {
      this.deps.logger.warn('teams triage post failed', { error: String(error) });
      return false;
    }
  }

  async #inLegalChannel(aad: string, principal: string, view: View, channelId: string): Promise<boolean> {
    const member = await this.deps.records.member(aad);
    const card = await this.deps.cards.forEveryone(view);
    return this.#inChannel(channelId, { ...cardMessage(card, view.summary), ...mentionOf(member, principal) });
  }

  async #inChannel(channelId: string, activity: Partial<Activity>): Promise<boolean> {
    const { records, bot } = this.deps;
    const service = await records.service();
    if (!service) return false;
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: service.serviceUrl,
      bot: botOf(service),
      conversation: {
        id: channelId,
        isGroup: true,
        conversationType: 'channel',
        name: '',
        ...(service.tenantId ? { tenantId: service.tenantId } : {}),
      },
    };
    await bot.send(reference, activity);
    return true;
  }
}

function botOf(service: ServiceInfo): { id: string; name: string } {
  return { id: service.botId, name: service.botName ?? '' };
}

/** The first commander who is a Teams user: the owner of a private war room declared from elsewhere. */
function firstTeamsCommander(incident: IncidentState): string | undefined {
  return incident.roles.commander.map(aadOfPrincipal).find((aad): aad is string => !!aad);
}

/** A real @mention when the bot knows the person's Teams id; their name (or principal) in plain text otherwise. */
function mentionOf(member: { mri: string; name: string } | undefined, principal: string): Partial<Activity> {
  if (!member) return { text: `For ${escapeXml(principal)}: a notice below.` };
  const markup = `<at>${escapeXml(member.name)}</at>`;
  return {
    text: `${markup}: a notice for you below.`,
    entities: [{ type: 'mention', mentioned: { id: member.mri, name: member.name }, text: markup }],
  };
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] ?? char);
}
