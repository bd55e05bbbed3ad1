import type { Clock } from '../../src/ports/clock.port.ts';
import type { PlatformFactory } from '../platform.ts';
import { TeamsBot } from './teams.bot.ts';
import { TeamsCards } from './teams.cards.ts';
import { TeamsChat } from './teams.chat.ts';
import { loadTeamsConfig } from './teams.config.ts';
import { TeamsChannels } from './teams.graph.ts';
import { TeamsRecords } from './teams.records.ts';
import { TeamsTurns } from './teams.turns.ts';

/** Knobs for tests; production uses the defaults. */
export interface TeamsPlatformOptions {
  /** How long a button press may take before its invoke is answered with "working on it" (default 8 s). */
  invokeDeadlineMs?: number;
  /** Where inbound tokens' signing keys are published (default: the Bot Framework's OpenID document). */
  openIdMetadataUrl?: string;
}

/**
 * Microsoft Teams: `POST /api/messages` on the one server, war rooms as Graph
 * channels, Adaptive Cards. Built only when configured (see teams.config.ts);
 * a bad configuration throws ConfigError.
 */
export function createTeamsPlatform(options: TeamsPlatformOptions = {}): PlatformFactory {
  return (context) => {
    const config = loadTeamsConfig(context.env, context.config);
    if (!config) return undefined;
    const { store, logger, work, inbox } = context;
    if (!config.appId)
      logger.warn(
        'Teams runs WITHOUT inbound token checks (ALLOW_INSECURE_ENDPOINTS=true and no MicrosoftAppId): anyone who ' +
          'can reach /api/messages can act as anyone. Local test rigs only.',
      );
    const bot = new TeamsBot(
      config,
      logger,
      options.openIdMetadataUrl ? { openIdMetadataUrl: options.openIdMetadataUrl } : {},
    );
    const records = new TeamsRecords(store);
    const cards = new TeamsCards(records);
    const channels = new TeamsChannels(config);
    const chat = new TeamsChat({ config, bot, channels, records, cards, work, logger });
    return {
      name: 'teams',
      chat,
      connect: (commands) => {
        const turns = new TeamsTurns({
          bot,
          commands,
          inbox,
          records,
          cards,
          work,
          logger,
          unauthenticated: !config.appId,
          ...(context.config.incident.people.some((person) => person.email !== undefined)
            ? { emailOf: cachedLookup((aad) => channels.userEmail(aad), context.clock) }
            : {}),
          ...(config.tenantId ? { tenantId: config.tenantId } : {}),
          ...(options.invokeDeadlineMs !== undefined ? { invokeDeadlineMs: options.invokeDeadlineMs } : {}),
        });
        return { routes: [bot.route(turns.logic)] };
      },
    };
  };
}

/** The Teams platform as the composition root lists it. */
export const teamsPlatform: PlatformFactory = createTeamsPlatform();

/** People change rarely: one Graph lookup per user per 10 minutes. */
function cachedLookup(
  lookup: (key: string) => Promise<string | undefined>,
  clock: Clock,
): (key: string) => Promise<string | undefined> {
  const cache = new Map<string, { value: string | undefined; at: number }>();
  return async (key) => {
    const now = clock.now().getTime();
    const hit = cache.get(key);
    if (hit && now - hit.at < 10 * 60 * 1000) return hit.value;
    const value = await lookup(key);
    cache.set(key, { value, at: now });
    return value;
  };
}
