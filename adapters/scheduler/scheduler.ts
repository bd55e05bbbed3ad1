import type { Logger } from '../../src/ports/logger.port.ts';
import type { WorkTracker } from '../http/work-tracker.ts';

/** One periodic job: reminders, write-back retries, the Sentinel poller. */
export interface ScheduledTask {
  name: string;
  /** Run every this many milliseconds (rounded to whole ticks). */
  everyMs: number;
  run(): Promise<unknown>;
}

/**
 * The process's one timer. Each tick runs the tasks that are due, one at a
 * time, never overlapping itself; the work is tracked so shutdown waits for
 * it. Tests call `tick()` directly: no timers, no sleeping.
 */
export class Scheduler {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  readonly #lastRun = new Map<string, number>();

  constructor(
    private readonly tasks: readonly ScheduledTask[],
    private readonly tickMs: number,
    private readonly logger: Logger,
    private readonly work: WorkTracker,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs every due task once; a tick already running is not started twice. */
  tick(): Promise<void> {
    this.#running ??= this.work.track(this.#runDue()).finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #runDue(): Promise<void> {
    const now = this.now();
    for (const task of this.tasks) {
      const last = this.#lastRun.get(task.name);
      if (last !== undefined && now - last < task.everyMs) continue;
      this.#lastRun.set(task.name, now);
      try {
        await task.run();
      } catch (error) {
        this.logger.error('scheduled task failed', {
          task: task.name,
          error: error instanceof Error ? error.stack : String(error),
        });
      }
    }
  }

  start(): void {
    if (this.#timer || this.tasks.length === 0) return;
    this.#timer = setInterval(() => void this.tick(), this.tickMs);
    this.#timer.unref();
  }

  /** Stops the timer and waits for a tick in progress. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}
