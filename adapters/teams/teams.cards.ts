import { randomBytes } from 'node:crypto';
import type { View } from '../../src/views/view.types.ts';
import { aadOfPrincipal } from './teams.mapper.ts';
import type { TeamsRecords } from './teams.records.ts';
import { hasRestrictedButtons, renderCard, type AdaptiveCard } from './teams.renderer.ts';

const MAX_REFRESH_USERS = 60;

/**
 * Cards for the places Teams shows them. Approve and Deny buttons are drawn
 * only for those who may press them: a card posted for everyone carries a
 * user-specific `refresh` listing their Teams ids, and the refresh answer
 * draws the buttons for them alone. Hiding a button is a courtesy: the core
 * checks every press again.
 *
 * Who may press a button is the core's to say (`Button.audience`); this draws
 * it for those of them the bot knows in Teams. An email or group entry names
 * nobody here (members carry no email): fail closed, the typed command works.
 */
export class TeamsCards {
  constructor(private readonly records: TeamsRecords) {}

  /** A card for a channel or chat that everyone in it sees. */
  async forEveryone(view: View): Promise<AdaptiveCard> {
    if (!hasRestrictedButtons(view)) return renderCard(view);
    return this.#refreshable(view, await this.audience(view));
  }

  /** A card seen by one person only (a DM, an invoke answer): restricted buttons appear if they are in `allowed`. */
  forViewer(view: View, viewerId: string | undefined, allowed: readonly string[]): Promise<AdaptiveCard> {
    if (!hasRestrictedButtons(view)) return Promise.resolve(renderCard(view));
    if (viewerId && allowed.includes(viewerId)) return this.#refreshable(view, [...allowed], true);
    return this.#refreshable(view, [...allowed]);
  }

  /** The answer to a refresh: the stored card, with its restricted buttons for listed users only. */
  async forRefresh(cardId: string, viewerId: string | undefined): Promise<AdaptiveCard | undefined> {
    const stored = await this.records.card(cardId);
    if (!stored) return undefined;
    const showRestricted = !!viewerId && stored.userIds.includes(viewerId);
    return renderCard(stored.view, { cardId, userIds: stored.userIds, showRestricted });
  }

  /**
   * Teams ids (MRIs) of the people the view's restricted buttons are for, among those the bot has seen; refresh
   * `userIds` must be MRIs.
   */
  async audience(view: View): Promise<string[]> {
    const entries = new Set(
      view.blocks.flatMap((block) => (block.type === 'actions' ? block.buttons.flatMap((b) => b.audience ?? []) : [])),
    );
    const ids: string[] = [];
    for (const entry of entries) {
      const aad = aadOfPrincipal(entry);
      const member = aad ? await this.records.member(aad) : undefined;
      if (member && !ids.includes(member.mri)) ids.push(member.mri);
    }
    // Teams draws a user-specific view for at most 60 users per card.
    return ids.slice(0, MAX_REFRESH_USERS);
  }

  async #refreshable(view: View, userIds: string[], showRestricted = false): Promise<AdaptiveCard> {
    const cardId = randomBytes(12).toString('base64url');
    await this.records.putCard(cardId, { view, userIds });
    return renderCard(view, { cardId, userIds, showRestricted });
  }
}
