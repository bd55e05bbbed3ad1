import { describe, expect, it } from 'vitest';
import { WorkTracker } from '../../adapters/http/work-tracker.ts';
import { Scheduler } from '../../adapters/scheduler/scheduler.ts';
import { silentLogger } from '../../src/ports/logger.port.ts';

describe('Scheduler', () => {
  it('runs each task when its interval has passed on the clock, and survives a failing task', async () => {
    let now = 0;
    const runs: string[] = [];
    const scheduler = new Scheduler(
      [
        { name: 'reminders', everyMs: 15_000, run: async () => runs.push('reminders') },
        { name: 'poller', everyMs: 60_000, run: async () => runs.push('poller') },
        { name: 'broken', everyMs: 15_000, run: async () => Promise.reject(new Error('boom')) },
      ],
      15_000,
      silentLogger,
      new WorkTracker(),
      () => now,
    );
    await scheduler.tick();
    now = 15_000;
    await scheduler.tick();
    now = 60_000;
    await scheduler.tick();
    expect(runs).toEqual(['reminders', 'poller', 'reminders', 'reminders', 'poller']);
  });

  it('never runs a tick twice at once', async () => {
    let release: () => void = () => {};
    let started = 0;
    const scheduler = new Scheduler([{ name: 'slow', everyMs: 0, run: () => new Promise<void>((resolve) => ((started += 1), (release = resolve))) }], 1000, silentLogger, new WorkTracker());
    const first = scheduler.tick();
    const second = scheduler.tick();
    expect(first).toBe(second);
    release();
    await first;
    expect(started).toBe(1);
  });
});
