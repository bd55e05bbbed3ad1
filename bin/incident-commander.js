#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx's loader, so the CLI works
// right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

// Every durable write ends in an fsync, which holds one of libuv's threads
// while the disk works: more than the default four keep an acknowledgement
// from queueing behind the writes of commands already acknowledged.
process.env.UV_THREADPOOL_SIZE ??= '16';
register();
const { main } = await import('../adapters/cli/cli.main.ts');
process.exitCode = await main(process.argv.slice(2));
