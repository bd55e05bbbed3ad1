import type { CommandsPort } from '../src/ports/commands.port.ts';
import type { ChatPort } from '../src/ports/chat.port.ts';
import type { Clock } from '../src/ports/clock.port.ts';
import type { Logger } from '../src/ports/logger.port.ts';
import type { IncidentStore } from '../src/ports/store.port.ts';
import type { Inbox } from '../src/app/inbox.ts';
import type { AppConfig } from './config/app.config.ts';
import type { Route } from './http/http.server.ts';
import type { WorkTracker } from './http/work-tracker.ts';

/** What the composition root hands each chat platform. */
export interface PlatformContext {
  config: Readonly<AppConfig>;
  /** The raw environment: each platform validates its own variables (its `*.config.ts`). */
  env: NodeJS.ProcessEnv;
  /**
   * What the outbound side may read before the core exists: a war room's incident, an incident's state (Teams cards).
   */
  incidents: IncidentQueries;
  store: IncidentStore;
  /** Every delivery is kept here before its platform is acknowledged. */
  inbox: Inbox;
  logger: Logger;
  /** Work that continues after an early acknowledgement is tracked here, so shutdown waits for it. */
  work: WorkTracker;
  clock: Clock;
}

/** The reads a platform's outbound side needs, served by the incident log. */
export type IncidentQueries = Pick<CommandsPort, 'incidentForRoom' | 'load'>;

/**
 * One chat platform, built when its configuration is present, in two steps:
 * its chat (outbound) first, which the core is built with; then `connect`
 * hands it the core's driving port for its inbound side. No late binding.
 */
export interface PlatformAdapter {
  readonly name: string;
  readonly chat: ChatPort;
  /** The inbound side, wired to the core. */
  connect(commands: CommandsPort): PlatformConnection;
}

/** A platform's inbound side once connected. */
export interface PlatformConnection {
  /** HTTP routes mounted on the project's one server. */
  readonly routes: readonly Route[];
  /** Starts connections that are not HTTP (Slack Socket Mode). */
  start?(): Promise<void>;
  /** Closes them on shutdown. */
  stop?(): Promise<void>;
}

/** A platform as the built app holds it. */
export type ConnectedPlatform = Pick<PlatformAdapter, 'name' | 'chat'> & PlatformConnection;

/**
 * Builds a platform from the environment: undefined when the platform is not
 * configured at all; throws `ConfigError` when it is configured badly.
 */
export type PlatformFactory = (context: PlatformContext) => PlatformAdapter | undefined;
