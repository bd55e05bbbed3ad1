import type { PlatformFactory } from './platform.ts';

/** Every chat platform the composition root tries, in order. Each one is built only when configured. */
export const PLATFORM_FACTORIES: readonly PlatformFactory[] = [];
