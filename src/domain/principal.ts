import type { Platform } from './actor.ts';

const PLATFORMS: readonly string[] = ['console', 'slack', 'teams', 'sentinel', 'system', 'cli'];
const SLACK_MENTION = /^<@([A-Z0-9]+)(?:\|[^>]*)?>$/i;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/**
 * Turns what a person typed for a user into a principal: a Slack mention
 * `<@U024BE7LH>`, a full principal `teams:<object id>`, an email, or a bare
 * name that belongs to the platform the command came from (`alice` typed in
 * the console is `console:alice`).
 */
export function normalisePrincipal(input: string, platform: Platform): string {
  const text = input.trim();
  const mention = SLACK_MENTION.exec(text);
  if (mention) return `slack:${mention[1] ?? ''}`;
  if (EMAIL.test(text)) return text.toLowerCase();
  const colon = text.indexOf(':');
  if (colon > 0 && PLATFORMS.includes(text.slice(0, colon).toLowerCase()))
    return `${text.slice(0, colon).toLowerCase()}:${text.slice(colon + 1)}`;
  if (text.startsWith('group:')) return text;
  return `${platform}:${text.replace(/^@/, '')}`;
}
