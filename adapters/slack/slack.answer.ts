import type { RespondFn, webApi } from '@slack/bolt';
import type { SlackMessage } from './slack.renderer.ts';

/**
 * Where the private answer to one request goes (refusals, errors, anything
 * asked outside a war room). Public answers are posted to the war room
 * through the chat port instead, so the bot knows each message's ts.
 */
export interface Answerer {
  send(messages: readonly SlackMessage[]): Promise<void>;
}

/** The answer to a form's submit press, which can also replace the form's own message. */
export interface FormAnswerer extends Answerer {
  /** Replaces the message the form sat in, ephemeral or not, so it cannot be submitted again by accident. */
  replace(message: SlackMessage): Promise<void>;
}

/**
 * Answers through the request's `response_url` (slash commands and buttons),
 * visible only to the asker; it works in channels the bot is not in.
 * `replace_original: false` keeps the card a button sat on.
 */
export function responseUrlAnswerer(respond: RespondFn): Answerer {
  return {
    async send(messages) {
      for (const message of messages) {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: message.text,
          blocks: message.blocks,
        });
      }
    },
  };
}

/**
 * A response-url answerer that can also replace the pressed message:
 * `replace_original: true` is the only way to change an ephemeral message
 * (`chat.update` cannot reach one), and it works for ordinary messages too.
 */
export function formAnswerer(respond: RespondFn): FormAnswerer {
  return {
    ...responseUrlAnswerer(respond),
    async replace(message) {
      await respond({ replace_original: true, text: message.text, blocks: message.blocks });
    },
  };
}

/** Answers with `chat.postEphemeral` (app mentions have no `response_url`). */
export function ephemeralAnswerer(
  client: webApi.WebClient,
  to: { channel: string; user: string; threadTs?: string },
): Answerer {
  return {
    async send(messages) {
      for (const message of messages) {
        await client.chat.postEphemeral({
          channel: to.channel,
          user: to.user,
          text: message.text,
          blocks: message.blocks,
          ...(to.threadTs ? { thread_ts: to.threadTs } : {}),
        });
      }
    },
  };
}

/** How long one post to a response_url may take (Slack's hooks answer in well under a second). */
const RESPONSE_URL_TIMEOUT_MS = 10_000;

/**
 * Answers a kept delivery through its `response_url`, as Bolt's `respond`
 * does (a JSON POST), so a delivery replayed from the inbox after a restart
 * is answered the same way as a live one. The URL came in a signed body.
 */
export function urlAnswerer(responseUrl: string | undefined): FormAnswerer {
  const post = async (body: Record<string, unknown>) => {
    if (!responseUrl) return;
    const response = await fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(RESPONSE_URL_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`slack response_url answered ${response.status}`);
  };
  return {
    async send(messages) {
      for (const message of messages)
        await post({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
    },
    async replace(message) {
      await post({ replace_original: true, text: message.text, blocks: message.blocks });
    },
  };
}
