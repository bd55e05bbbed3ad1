import { TeamsInfo, TurnContext, type Activity, type ConversationReference, type InvokeResponse } from 'botbuilder';
import { randomBytes } from 'node:crypto';
import { isTransientError, type Inbox } from '../../src/app/inbox.ts';
import type { CommandReply, CommandsPort } from '../../src/ports/commands.port.ts';
import type { InboxEntry } from '../../src/ports/store.port.ts';
import type { Actor } from '../../src/domain/actor.ts';
import type { Logger } from '../../src/ports/logger.port.ts';
import type { View } from '../../src/views/view.types.ts';
import type { WorkTracker } from '../http/work-tracker.ts';
import type { TeamsBot, TurnLogic } from './teams.bot.ts';
import type { TeamsCards } from './teams.cards.ts';
import {
  actorOf,
  addressedToBot,
  cardActionOf,
  cardInvokeResponse,
  cardMessage,
  commandTextOf,
  errorInvokeResponse,
  isPersonal,
  mentionedPeople,
  principalOfAad,
  roomIdOf,
  TEAMS,
  tenantOf,
} from './teams.mapper.ts';
import type { TeamsRecords } from './teams.records.ts';
import { mergeViews, renderCard } from './teams.renderer.ts';
import { withTurn, type TurnInfo } from './teams.turn.ts';

export interface TeamsTurnsDeps {
  bot: TeamsBot;
  commands: CommandsPort;
  /** Every command message is kept here before its HTTP request is answered. */
  inbox: Inbox;
  records: TeamsRecords;
  cards: TeamsCards;
  work: WorkTracker;
  logger: Logger;
  /** MicrosoftAppTenantId: activities from any other tenant are ignored. */
  tenantId?: string;
  /**
   * How long a button press may take before the invoke is answered with "working on it" (Teams gives up after about
   * 10-15 s).
   */
  invokeDeadlineMs?: number;
  /**
   * The local rig without token checks (ALLOW_INSECURE_ENDPOINTS, no MicrosoftAppId): an activity's `serviceUrl` is
   * then unauthenticated, so only a loopback one is used and remembered; anything else would let whoever reaches the
   * endpoint decide where approval cards and notices go.
   */
  unauthenticated?: boolean;
  /**
   * The verified email of an Entra user (Graph), when the people directory links by email: the core then knows the
   * person behind a Teams principal as it knows one behind Slack's.
   */
  emailOf?: (aadObjectId: string) => Promise<string | undefined>;
}

const DEFAULT_INVOKE_DEADLINE_MS = 8000;

const WORKING: View = {
  summary: 'Working on it',
  blocks: [{ type: 'text', text: 'Working on it: the answer will be posted here in a moment.' }],
};

interface CommandInput {
  text: string;
  actor: Actor;
  roomId: string;
}

/** A command message as the inbox keeps it: what to run, and the conversation to answer in. */
interface TeamsMessage {
  input: CommandInput;
  reference: Partial<ConversationReference>;
  info: TurnInfo;
}

/**
 * The turn logic: Teams activities in, the core's commands and presses
 * through the core's `CommandsPort`, Adaptive Cards out. It translates; the core decides.
 */
export class TeamsTurns {
  constructor(private readonly deps: TeamsTurnsDeps) {
    deps.inbox.register('teams', (entry, attempt) => this.#process(entry, attempt));
  }

  readonly logic: TurnLogic = async (context) => {
    const { activity } = context;
    // A multi-tenant bot can be installed anywhere; incidents belong to the configured tenant only.
    if (this.deps.tenantId && tenantOf(activity) !== this.deps.tenantId) {
      this.deps.logger.warn('teams activity from another tenant ignored', {
        tenantId: tenantOf(activity) ?? 'none',
        type: activity.type,
      });
      if (activity.type === 'invoke')
        await respond(context, errorInvokeResponse(400, 'This bot serves another organisation.'));
      return;
    }
    // Unauthenticated (the local rig), the activity names its own Bot Connector: only one on this machine is taken.
    if (this.deps.unauthenticated && !isLoopbackUrl(activity.serviceUrl ?? '')) {
      this.deps.logger.warn('unauthenticated teams activity with a non-loopback serviceUrl ignored', {
        type: activity.type,
      });
      return;
    }
    await this.#remember(activity);
    if (activity.type === 'message') return this.#onMessage(context);
    if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') return this.#onCardAction(context);
    // Other invokes get botbuilder's 501; conversation and installation updates only needed remembering.
  };

  /**
   * A command by mention (channel, group chat) or plain (1:1). It is kept in
   * the inbox (keyed by the activity id: Bot Framework may deliver a message
   * twice) before the HTTP request is answered; it then runs as a proactive
   * turn in the same conversation. One that cannot be kept is refused in the
   * conversation at once, so nobody waits for an answer that will not come.
   */
  async #onMessage(context: TurnContext): Promise<void> {
    const { activity } = context;
    if (!addressedToBot(activity)) return;
    const input: CommandInput = {
      text: commandTextOf(activity, await this.#mentionPrincipals(context)),
      actor: actorOf(activity),
      roomId: roomIdOf(activity),
    };
    const message: TeamsMessage = { input, reference: referenceOf(activity), info: turnInfoOf(activity, false) };
    const id = `teams:${activity.conversation?.id ?? ''}:${activity.id ?? randomBytes(9).toString('hex')}`;
    const accepted = await this.deps.inbox.accept('teams', id, message);
    if (!accepted.kept) await context.sendActivity(accepted.message);
  }

  /** Runs a kept message (live, or replayed after a restart). Throws to have it retried while attempts remain. */
  async #process(entry: InboxEntry, attempt: { final: boolean }): Promise<void> {
    const { input, reference, info } = entry.payload as TeamsMessage;
    await this.#runCommand(
      reference,
      info,
      input,
      { commandId: entry.id, receivedAt: new Date(entry.receivedAt) },
      attempt,
    );
  }

  async #runCommand(
    reference: Partial<ConversationReference>,
    info: TurnInfo,
    input: CommandInput,
    meta: { commandId: string; receivedAt: Date },
    attempt: { final: boolean },
  ): Promise<void> {
    const { commands, cards } = this.deps;
    let failure: unknown;
    await this.deps.bot.continueIn(reference, async (context) => {
      try {
        const reply = await withTurn(info, async () => {
          const incidentId = await commands.incidentForRoom(TEAMS, input.roomId);
          return commands.handle({
            text: input.text,
            actor: await this.#withEmail(input.actor),
            ...meta,
            ...(incidentId ? { incidentId } : {}),
            origin: { platform: TEAMS, channelId: input.roomId },
          });
        });
        const view = mergeViews(reply.views);
        await context.sendActivity(cardMessage(await cards.forEveryone(view), view.summary));
        // What the command set off (an approval card to the commander, an Azure call) finishes before the inbox entry
        // is done: a crash before then replays it.
        await reply.followUp;
      } catch (error) {
        // A store that is busy or away (or a Bot Connector that failed): the message stays in the inbox and runs again;
        // its appends are idempotent.
        if (!attempt.final || isTransientError(error)) failure = error;
        // The last attempt: the error boundary tells the person a correlation id and logs the stack under it.
        else throw error;
      }
    });
    // The transient error as it was thrown, so the inbox retries it.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    if (failure !== undefined) throw failure;
  }

  /** Mentions of people other than the bot, as principals, so `assign responder @Bob` works. */
  async #mentionPrincipals(context: TurnContext): Promise<Map<string, string>> {
    const principals = new Map<string, string>();
    for (const person of mentionedPeople(context.activity)) {
      let aad = (await this.deps.records.memberByMri(person.mri))?.aadObjectId;
      if (!aad) {
        aad = await TeamsInfo.getMember(context, person.mri).then(
          (member) => member.aadObjectId,
          () => undefined,
        );
        if (aad) await this.deps.records.putMember({ mri: person.mri, aadObjectId: aad, name: person.name });
      }
      if (aad) principals.set(person.mri, principalOfAad(aad));
    }
    return principals;
  }

  /** `adaptiveCard/action`: a press, a form submission, or the user-specific refresh. Answered with a card, at once. */
  async #onCardAction(context: TurnContext): Promise<void> {
    const action = cardActionOf(context.activity);
    if (!action) return respond(context, errorInvokeResponse(400, 'This card action is not one the bot issued.'));
    if (action.kind === 'refresh') {
      const card = await this.deps.cards.forRefresh(action.cardId, context.activity.from?.id);
      // An error answer leaves the card as it is (without restricted buttons).
      return respond(
        context,
        card ? cardInvokeResponse(card) : errorInvokeResponse(400, 'This card can no longer be refreshed.'),
      );
    }
    const { commands } = this.deps;
    const actor = await this.#withEmail(actorOf(context.activity));
    const origin = { platform: TEAMS, channelId: roomIdOf(context.activity) };
    if (action.kind === 'form') {
      // The card answer replaces the form, so a submitted form is not submitted twice by accident.
      // Outside a war room (a DM) no incident is given: the core finds a deny form's incident by its action id.
      return this.#answerInvoke(context, (incidentId) =>
        commands.submitForm({
          formId: action.formId,
          values: action.values,
          actor,
          ...(incidentId ? { incidentId } : {}),
          origin,
        }),
      );
    }
    // Outside a war room (an approval card in a DM) no incident is given: the core finds it by the button's action id.
    await this.#answerInvoke(context, (incidentId) =>
      commands.press({ buttonId: action.buttonId, actor, ...(incidentId ? { incidentId } : {}), origin }),
    );
  }

  /**
   * Teams shows an error when an invoke is not answered within about 10-15
   * seconds: a press or a submission is answered with the resulting card if
   * the core decides in time, else with "working on it" and the answer is
   * posted when ready. `run` gets the incident of the conversation, if any.
   */
  async #answerInvoke(
    context: TurnContext,
    run: (roomIncidentId: string | undefined) => Promise<CommandReply>,
  ): Promise<void> {
    const { activity } = context;
    const { commands, cards, work } = this.deps;
    const pressed = withTurn(turnInfoOf(activity, true), async () => {
      const reply = await run(await commands.incidentForRoom(TEAMS, roomIdOf(activity)));
      // Work the press set off (executing an approved action) runs after the answer; shutdown waits for it.
      if (reply.followUp) void work.track(reply.followUp);
      return reply;
    });
    void work.track(pressed).catch(() => undefined);
    const outcome = await within(pressed, this.deps.invokeDeadlineMs ?? DEFAULT_INVOKE_DEADLINE_MS);
    if (outcome) {
      const viewerId = activity.from?.id;
      const view = mergeViews(outcome.views);
      const card = await cards.forViewer(view, viewerId, await cards.audience(view));
      return respond(context, cardInvokeResponse(card));
    }
    await respond(context, cardInvokeResponse(renderCard(WORKING)));
    void work.track(this.#postLate(referenceOf(activity), pressed));
  }

  async #postLate(reference: Partial<ConversationReference>, pressed: Promise<CommandReply>): Promise<void> {
    try {
      const reply = await pressed;
      const view = mergeViews(reply.views);
      await this.deps.bot.send(reference, cardMessage(await this.deps.cards.forEveryone(view), view.summary));
    } catch (error) {
      this.deps.logger.error('a slow button press could not be answered', {
        error: error instanceof Error ? error.stack : String(error),
      });
    }
  }

  /** The actor with its Entra email when the people directory wants it; without it when Graph cannot say. */
  async #withEmail(actor: Actor): Promise<Actor> {
    const { emailOf, logger } = this.deps;
    if (!emailOf || actor.email) return actor;
    try {
      const email = await emailOf(actor.id);
      return email ? { ...actor, email } : actor;
    } catch (error) {
      logger.warn('teams user email lookup failed: the person is known by the principal alone', {
        error: String(error),
      });
      return actor;
    }
  }

  /** Learns, from each authenticated activity, where the Bot Connector is, who the user is, and their 1:1 chat. */
  async #remember(activity: Activity): Promise<void> {
    const { records } = this.deps;
    const info = turnInfoOf(activity, false);
    if (info.service.serviceUrl && info.service.botId) await records.putService(info.service);
    const from = activity.from;
    if (!from?.aadObjectId || from.id === activity.recipient?.id) return;
    await records.putMember({ mri: from.id, aadObjectId: from.aadObjectId, name: from.name || from.id });
    if (!isPersonal(activity)) return;
    if (removesBot(activity)) await records.deleteUserReference(from.aadObjectId);
    else await records.putUserReference(from.aadObjectId, referenceOf(activity));
  }
}

async function respond(context: TurnContext, response: InvokeResponse): Promise<void> {
  await context.sendActivity({ type: 'invokeResponse', value: response });
}

/** The conversation to answer in, without the message id (proactive sends are not replies to an old message). */
function referenceOf(activity: Activity): Partial<ConversationReference> {
  const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(activity);
  return reference;
}

/** True for an http(s) URL on this machine: the only Bot Connector an unauthenticated activity may name. */
export function isLoopbackUrl(value: string): boolean {
  try {
    const { hostname } = new URL(value);
    return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
  } catch {
    return false;
  }
}

function turnInfoOf(activity: Activity, deferPosts: boolean): TurnInfo {
  const tenantId = tenantOf(activity);
  return {
    service: {
      serviceUrl: activity.serviceUrl ?? '',
      botId: activity.recipient?.id ?? '',
      ...(activity.recipient?.name ? { botName: activity.recipient.name } : {}),
      ...(tenantId ? { tenantId } : {}),
    },
    ...(activity.from?.aadObjectId ? { requesterAadObjectId: activity.from.aadObjectId } : {}),
    deferPosts,
  };
}

/** The user removed the app from their 1:1 chat: the reference is of no use any more. */
function removesBot(activity: Activity): boolean {
  if (activity.type === 'installationUpdate')
    return typeof activity.action === 'string' && activity.action.startsWith('remove');
  return (
    activity.type === 'conversationUpdate' &&
    (activity.membersRemoved ?? []).some((member) => member.id === activity.recipient?.id)
  );
}

/** The value if `work` settles within `ms`, else undefined (the work goes on). */
async function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
