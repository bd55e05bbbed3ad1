import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const manifest = parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'deploy', 'slack', 'manifest.yaml'), 'utf8')) as {
  features: { slash_commands: Array<{ command: string; url: string; usage_hint: string; should_escape: boolean }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { request_url: string; bot_events: string[] }; interactivity: { is_enabled: boolean; request_url: string } };
};

describe('deploy/slack/manifest.yaml', () => {
  it('sends /ir, buttons and events to the one route, /slack/events', () => {
    const [command] = manifest.features.slash_commands;
    expect(command).toMatchObject({ command: '/ir', url: 'https://<your host>/slack/events', should_escape: true });
    expect(command?.usage_hint).toMatch(/^declare <title>/);
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: 'https://<your host>/slack/events' });
    expect(manifest.settings.event_subscriptions).toEqual({ request_url: 'https://<your host>/slack/events', bot_events: ['app_mention'] });
  });

  it('asks for the bot scopes of the Web API methods the adapter calls, and no others', () => {
    // conversations.create/invite/setTopic (public: channels:manage, private: groups:write), conversations.open (im:write),
    // chat.postMessage/update/postEphemeral (chat:write), pins.add (pins:write), users.info (users:read),
    // users.lookupByEmail (users:read.email), the /ir command (commands), app_mention (app_mentions:read).
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(['app_mentions:read', 'channels:manage', 'chat:write', 'commands', 'groups:write', 'im:write', 'pins:write', 'users:read', 'users:read.email']);
  });
});
