import { AsyncLocalStorage } from 'node:async_hooks';
import type { ServiceInfo } from './teams.records.ts';

/**
 * What the core's callbacks into the chat port (openWarRoom, post) need to
 * know about the Teams activity that caused them, without the core knowing
 * Teams: the Bot Connector that asked, who asked, and whether the answer is
 * an invoke that must not wait for slow posts.
 */
export interface TurnInfo {
  service: ServiceInfo;
  /** Entra object id of the person who asked (owner of a private war room). */
  requesterAadObjectId?: string;
  /** True inside an `adaptiveCard/action` invoke: posts are sent after the invoke is answered. */
  deferPosts: boolean;
}

const storage = new AsyncLocalStorage<TurnInfo>();

/** Runs `work` with `info` visible to every chat-port call it makes, however deep. */
export function withTurn<T>(info: TurnInfo, work: () => Promise<T>): Promise<T> {
  return storage.run(info, work);
}

/** The Teams activity being handled, if the current call came from one. */
export function currentTurn(): TurnInfo | undefined {
  return storage.getStore();
}
