/**
 * The floor for the acknowledgement benchmark: a bare Bolt app on its own
 * HTTP receiver that acknowledges every slash command and does nothing else.
 * Started as a child process by bench/kernel.ts, beside the real bot.
 */
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const receiver = new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET ?? '', endpoints: '/slack/events', logLevel: LogLevel.ERROR });
const app = new App({ receiver, authorize: async () => ({ botToken: process.env.SLACK_BOT_TOKEN ?? '', botId: 'B0', botUserId: 'U0BOT' }), tokenVerificationEnabled: false, logLevel: LogLevel.ERROR });
app.command(/^\/.+/, async ({ ack }) => {
  await ack();
});
const server = (await receiver.start(0)) as unknown as { address(): AddressInfo };
process.stderr.write(`${JSON.stringify({ msg: 'listening', port: server.address().port })}\n`);
process.on('SIGTERM', () => void receiver.stop().then(() => process.exit(0)));
