export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitFields {
  consecutiveFailures: number;
  circuitOpenedAt: Date | null;
}

export interface CircuitSettings {
  threshold: number;
  cooldownMs: number;
}

/**
 * An endpoint's circuit: open once `threshold` deliveries in a row failed, half-open (one trial
 * may go) once `cooldownMs` has passed since it opened, closed again after a success.
 */
export function circuitState(fields: CircuitFields, now: Date, settings: CircuitSettings): CircuitState {
  if (fields.consecutiveFailures < settings.threshold || fields.circuitOpenedAt === null) return 'closed';
  return now.getTime() - fields.circuitOpenedAt.getTime() < settings.cooldownMs ? 'open' : 'half_open';
}

/** Gauge value of a state: 0 closed, 1 half-open, 2 open. */
export const CIRCUIT_GAUGE_VALUE: Record<CircuitState, number> = { closed: 0, half_open: 1, open: 2 };
