/**
 * The fake Slack Web API for the acknowledgement benchmark, in its own
 * process: the client that times the acknowledgements must not also serve
 * the bot's Web API calls.
 */
import { FakeSlackApi } from '../test/adapters/slack/support/fake-slack-api.ts';

const fake = await FakeSlackApi.start(process.env.SLACK_BOT_TOKEN ?? '');
const port = new URL(fake.apiUrl).port;
process.stderr.write(`${JSON.stringify({ msg: 'listening', port: Number(port) })}\n`);
process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
