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

/**
 * Answers through the request's `response_url` (slash commands and buttons),
 * visible only to the asker; it works in channels the bot is not in.
 * `replace_original: false` keeps the card a button sat on.
 */
export function responseUrlAnswerer(respond: RespondFn): Answerer {
  return {
    async send(messages) {
      for (const message of messages) {
        await respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
      }
    },
  };
}

/** Answers with `chat.postEphemeral` (app mentions have no `response_url`). */
export function ephemeralAnswerer(client: webApi.WebClient, to: { channel: string; user: string; threadTs?: string }): Answerer {
  return {
    async send(messages) {
      for (const message of messages) {
        await client.chat.postEphemeral({ channel: to.channel, user: to.user, text: message.text, blocks: message.blocks, ...(to.threadTs ? { thread_ts: to.threadTs } : {}) });
      }
    },
  };
}
