import type { PlatformFactory } from './platform.ts';
import { slackPlatform } from './slack/index.ts';
import { teamsPlatform } from './teams/index.ts';

/** Every chat platform the composition root tries, in order. Each one is built only when configured. */
export const PLATFORM_FACTORIES: readonly PlatformFactory[] = [slackPlatform, teamsPlatform];
