import type { CommandReply, CommandsPort } from '../../src/ports/commands.port.ts';
import type { Actor } from '../../src/domain/actor.ts';
import type { IncidentEvent, WarRoomRef } from '../../src/domain/event.types.ts';
import type { Logger } from '../../src/ports/logger.port.ts';
import type { InboxEntry, IncidentStore } from '../../src/ports/store.port.ts';
import { isTransientError, type Acceptance, type Inbox } from '../../src/app/inbox.ts';
import type { View } from '../../src/views/view.types.ts';
import type { WorkTracker } from '../http/work-tracker.ts';
import type { Answerer, FormAnswerer } from './slack.answer.ts';
import type { SlackChat } from './slack.chat.ts';
import { slackErrorCode, type SlackDirectory } from './slack.directory.ts';
import { hasForm } from './slack.form.ts';
import {
  actorFromAction,
  actorFromCommand,
  commandText,
  formValuesOf,
  inboundKey,
  mentionCommandText,
  type SlackState,
} from './slack.mapper.ts';
import { renderView } from './slack.renderer.ts';
import { correlationId as newCorrelationId } from '../log/correlation.ts';

/** The slash command fields used here (Slack sends them form-encoded). */
export interface CommandPayload {
  user_id: string;
  user_name?: string;
  channel_id: string;
  channel_name?: string;
  text: string;
}

/** The `block_actions` fields used here. */
export interface PressPayload {
  user: { id: string; username?: string; name?: string };
  channel?: { id: string; name?: string };
  container?: { channel_id?: unknown };
}

/** A form's submit press: a `block_actions` payload whose `state.values` hold the inputs of the message it sat in. */
export interface SubmitPayload extends PressPayload {
  state?: { values?: SlackState };
}

/** An Events API `app_mention` callback. */
export interface MentionPayload {
  event: { user?: string; bot_id?: string; text: string; channel: string; ts: string; thread_ts?: string };
}

export interface InboundDeps {
  commands: CommandsPort;
  store: IncidentStore;
  /** Where every delivery is kept before Slack is acknowledged. */
  inbox: Inbox;
  /** Builds the private answer to a kept delivery (its response_url, or an ephemeral message for a mention). */
  answererFor: (delivery: SlackDelivery) => Answerer | FormAnswerer;
  work: WorkTracker;
  logger: Logger;
  directory: SlackDirectory;
  /** Public answers in a war room are posted through it (cards get a ts; completed steps are settled in place). */
  chat: SlackChat;
  /** Whether the role config names people by email, so actors need theirs (one cached `users.info` per person). */
  needsEmail: boolean;
}

/** A Slack delivery as the inbox keeps it: what arrived, and for a press or a submit the action pressed. */
export type SlackDelivery =
  | { kind: 'command'; body: CommandPayload & { response_url?: string } }
  | { kind: 'press'; body: PressPayload & { response_url?: string }; action: { action_id: string } }
  | { kind: 'submit'; body: SubmitPayload & { response_url?: string }; action: { action_id: string } }
  | { kind: 'mention'; body: MentionPayload };

const CHANNEL_ID = /^[A-Z0-9]{2,}$/;

/**
 * Slack deliveries, kept before they are acknowledged and processed from the
 * inbox: turn the payload into a command for the core (its delivery id is
 * the command id, so a replay changes nothing), answer. One error boundary:
 * the unexpected is logged with a correlation id and the person sees the id,
 * never a stack trace.
 */
export class SlackInbound {
  constructor(private readonly deps: InboundDeps) {
    deps.inbox.register('slack', (entry, attempt) => this.process(entry, attempt));
  }

  /** Keeps a delivery in the inbox; the listener acknowledges Slack only when this says it was kept. */
  accept(delivery: SlackDelivery): Promise<Acceptance> {
    return this.deps.inbox.accept('slack', inboundKey(delivery.body).replace(/^inbound:/, ''), delivery);
  }

  /** Runs a kept delivery (live, or replayed after a restart). Throws to have it retried while attempts remain. */
  async process(entry: InboxEntry, attempt: { final: boolean }): Promise<void> {
    const delivery = entry.payload as SlackDelivery;
    const answer = this.deps.answererFor(delivery);
    const meta = { commandId: entry.id, receivedAt: new Date(entry.receivedAt) };
    try {
      if (delivery.kind === 'command') await this.#command(delivery.body, answer, meta);
      else if (delivery.kind === 'press') await this.#press(delivery.body, delivery.action, answer, meta);
      else if (delivery.kind === 'submit')
        await this.#submit(delivery.body, delivery.action, answer as FormAnswerer, meta);
      else await this.#mention(delivery.body, answer, meta);
    } catch (error) {
      // A store that is busy or away: the delivery stays in the inbox and is run again later, not answered with an
      // error.
      if (!attempt.final || isTransientError(error)) throw error;
      await this.#unexpected(delivery.kind, error, answer);
    }
  }

  /** `/ir <text>` from any channel; a war room's incident is the context. */
  async #command(payload: CommandPayload, answer: Answerer, meta: Meta): Promise<void> {
    const actor = await this.#withEmail(actorFromCommand(payload));
    await this.#run(commandText(payload.text), actor, room(payload.channel_id, payload.channel_name), answer, meta);
  }

  /** A button press: the opaque `action_id` goes to the core, which checks every rule again. */
  async #press(payload: PressPayload, action: { action_id: string }, answer: Answerer, meta: Meta): Promise<void> {
    const actor = await this.#withEmail(actorFromAction(payload.user));
    const { incidentId, origin } = await this.#pressContext(payload);
    const reply = await this.deps.commands.press({
      buttonId: action.action_id,
      actor,
      ...meta,
      ...(incidentId ? { incidentId } : {}),
      ...(origin ? { origin } : {}),
    });
    await this.#deliver(reply, answer, incidentId ? origin : undefined);
  }

  /**
   * A form's submit button (`action_id` is the form's opaque id): the inputs'
   * values go to the core, which builds the same command as typed and checks
   * every rule again. A refusal leaves the form in place to be corrected; on
   * success the form's message is replaced, so it is not submitted twice.
   */
  async #submit(
    payload: SubmitPayload,
    action: { action_id: string },
    answer: FormAnswerer,
    meta: Meta,
  ): Promise<void> {
    const actor = await this.#withEmail(actorFromAction(payload.user));
    const { incidentId, origin } = await this.#pressContext(payload);
    const values = formValuesOf(payload.state);
    const reply = await this.deps.commands.submitForm({
      formId: action.action_id,
      values,
      actor,
      ...meta,
      ...(incidentId ? { incidentId } : {}),
      ...(origin ? { origin } : {}),
    });
    const warRoom = incidentId ? origin : undefined;
    const [first, ...rest] = reply.views;
    if (!reply.ok || !first) return this.#deliver(reply, answer, warRoom);
    if (warRoom) {
      // The result goes to the channel; the private form becomes a receipt.
      await this.#replaceForm(answer, {
        summary: `Submitted: ${first.summary}`,
        blocks: [{ type: 'context', text: `Submitted by ${actor.name}: ${first.summary}` }],
      });
      return this.#deliver(reply, answer, warRoom);
    }
    // Outside a war room the answer is private anyway: the result takes the form's place.
    await this.#replaceForm(answer, first);
    await this.#deliver({ ...reply, views: rest }, answer, undefined);
  }

  /** Best effort: an expired `response_url` must not turn a recorded submission into an error. */
  async #replaceForm(answer: FormAnswerer, view: View): Promise<void> {
    const [message, ...more] = renderView(view, { interactive: hasForm(view) });
    try {
      if (message) await answer.replace(message);
    } catch (error) {
      this.deps.logger.warn('slack form not replaced', { error: slackErrorCode(error) ?? String(error) });
    }
    if (more.length > 0) await answer.send(more);
  }

  /** The channel a press came from and the incident whose war room it is, if any. */
  async #pressContext(payload: PressPayload): Promise<{ incidentId?: string; origin?: WarRoomRef }> {
    const channelId =
      payload.channel?.id ??
      (typeof payload.container?.channel_id === 'string' ? payload.container.channel_id : undefined);
    if (!channelId) return {};
    const incidentId = await this.deps.commands.incidentForRoom('slack', channelId);
    return { origin: room(channelId, payload.channel?.name), ...(incidentId ? { incidentId } : {}) };
  }

  /** `@Incident Commander <command>` in a channel the bot is in. */
  async #mention(payload: MentionPayload, answer: Answerer, meta: Meta): Promise<void> {
    const { event } = payload;
    if (!event.user || event.bot_id) return;
    const actor = await this.#withEmail({ platform: 'slack', id: event.user, name: event.user });
    await this.#run(mentionCommandText(event.text) || 'help', actor, room(event.channel), answer, meta);
  }

  async #run(text: string, actor: Actor, origin: WarRoomRef, answer: Answerer, meta: Meta): Promise<void> {
    const incidentId = await this.deps.commands.incidentForRoom('slack', origin.channelId);
    const reply = await this.deps.commands.handle({
      text,
      actor,
      origin,
      ...meta,
      ...(incidentId ? { incidentId } : {}),
    });
    await this.#deliver(reply, answer, incidentId ? origin : undefined);
  }

  /**
   * Refusals, errors and forms go to the asker only; in a war room everything
   * else is posted for the channel. Outside a war room the answer is private and
   * has no buttons (they act on a war room's incident); a new war room is linked.
   */
  async #deliver(reply: CommandReply, answer: Answerer, warRoom: WarRoomRef | undefined): Promise<void> {
    if (warRoom) await this.#settleSteps(warRoom.channelId, reply.appended);
    const opened = reply.appended.find(
      (event): event is IncidentEvent<'WarRoomOpened'> =>
        event.type === 'WarRoomOpened' && event.data.platform === 'slack',
    );
    const link = opened && CHANNEL_ID.test(opened.data.channelId) ? `War room: <#${opened.data.channelId}>` : undefined;
    for (const [index, view] of reply.views.entries()) {
      // A form is for the one who asked (Deny, Dismiss, /ir breach): private, with its inputs even outside a war room
      // (a deny form in a DM finds its incident by the action id).
      if (hasForm(view)) await answer.send(renderView(view));
      else if (warRoom && reply.ok && view.tone !== 'error') await this.#postPublicly(warRoom, view, answer);
      else
        await answer.send(renderView(view, { interactive: !!warRoom, ...(index === 0 && link ? { note: link } : {}) }));
    }
    await reply.followUp;
  }

  /**
   * Into the war room; if Slack refuses (the bot was removed from the channel), the asker still gets the answer
   * privately.
   */
  async #postPublicly(warRoom: WarRoomRef, view: View, answer: Answerer): Promise<void> {
    try {
      await this.deps.chat.post(warRoom, view);
    } catch (error) {
      const code = slackErrorCode(error);
      if (!code) throw error;
      this.deps.logger.warn('slack war room post refused; answering privately', {
        channel: warRoom.channelId,
        error: code,
      });
      await answer.send(renderView(view));
    }
  }

  /** Cards of the steps this reply completed or skipped show the outcome, in place. */
  async #settleSteps(channel: string, appended: readonly IncidentEvent[]): Promise<void> {
    for (const event of appended) {
      if (event.type === 'StepCompleted')
        await this.deps.chat.settleStep(channel, event.data.stepId, `Done by ${event.actor.name} at ${event.at}.`);
      if (event.type === 'StepSkipped') {
        const { stepId, reason } = event.data;
        await this.deps.chat.settleStep(channel, stepId, `Skipped by ${event.actor.name} at ${event.at}: ${reason}`);
      }
    }
  }

  async #withEmail(actor: Actor): Promise<Actor> {
    if (!this.deps.needsEmail) return actor;
    const email = await this.deps.directory.email(actor.id);
    return email ? { ...actor, email } : actor;
  }

  async #unexpected(kind: string, error: unknown, answer: Answerer): Promise<void> {
    const correlationId = newCorrelationId();
    this.deps.logger.error('slack request failed', {
      kind,
      correlationId,
      error: error instanceof Error ? error.stack : String(error),
    });
    const text =
      `Something went wrong on our side (error id ${correlationId}). Run /ir status to see what was ` +
      `recorded, and give the id to whoever runs the bot if it happens again.`;
    const view: View = { summary: text, blocks: [{ type: 'text', text }], tone: 'error' };
    await answer
      .send(renderView(view))
      .catch((failure: unknown) =>
        this.deps.logger.error('slack error answer failed', { correlationId, error: String(failure) }),
      );
  }
}

type Meta = { commandId: string; receivedAt: Date };

function room(channelId: string, name?: string): WarRoomRef {
  return { platform: 'slack', channelId, ...(name ? { name } : {}) };
}
