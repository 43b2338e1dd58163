/** The time risk is judged at; injected so rules and tests agree on "now". */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('risk.clock');

export const systemClock: Clock = { now: () => new Date() };
