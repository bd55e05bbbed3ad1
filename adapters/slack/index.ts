import type { PlatformFactory } from '../platform.ts';
import { SlackAdapter } from './slack.adapter.ts';
import { loadSlackConfig } from './slack.config.ts';

/**
 * The Slack platform, built when `SLACK_SIGNING_SECRET` or `SLACK_BOT_TOKEN`
 * is set (a `ConfigError` names whichever is missing or bad).
 */
export const slackPlatform: PlatformFactory = (context) => {
  const config = loadSlackConfig(context.env, context.config);
  return config ? new SlackAdapter(context, config) : undefined;
};
