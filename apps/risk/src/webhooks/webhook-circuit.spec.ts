import { circuitState } from './webhook-circuit';

describe('circuitState', () => {
  const settings = { threshold: 3, cooldownMs: 60_000 };
  const openedAt = new Date('2026-01-01T00:00:00Z');
  const at = (ms: number) => new Date(openedAt.getTime() + ms);

  it('stays closed below the threshold, whatever the time', () => {
    expect(circuitState({ consecutiveFailures: 2, circuitOpenedAt: null }, at(0), settings)).toBe('closed');
    expect(circuitState({ consecutiveFailures: 0, circuitOpenedAt: null }, at(10 ** 9), settings)).toBe('closed');
  });

  it('is open from the threshold until the cool-down has passed, then half-open', () => {
    const fields = { consecutiveFailures: 3, circuitOpenedAt: openedAt };
    expect(circuitState(fields, at(0), settings)).toBe('open');
    expect(circuitState(fields, at(59_999), settings)).toBe('open');
    expect(circuitState(fields, at(60_000), settings)).toBe('half_open');
    expect(circuitState({ ...fields, consecutiveFailures: 9 }, at(120_000), settings)).toBe('half_open');
  });
});
