import type { Clock } from '../../src/ports/clock.port.ts';

/** A clock that moves only when a test moves it (STYLE.md, habit 8: nothing sleeps). */
export class FakeClock implements Clock {
  private current: number;

  /** Starts at `start`, by default 2026-11-29 09:00 UTC. */
  constructor(start: Date | string = '2026-11-29T09:00:00.000Z') {
    this.current = new Date(start).getTime();
  }

  /** The current fake time, as a fresh Date. */
  now(): Date {
    return new Date(this.current);
  }

  /** Jumps to `date`, forwards or backwards. */
  set(date: Date | string): void {
    this.current = new Date(date).getTime();
  }

  /** Moves forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.current += ms;
  }
}
