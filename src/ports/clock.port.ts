/** Time is a port (STYLE.md, habit 8): tests drive a fake clock, nothing sleeps. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
