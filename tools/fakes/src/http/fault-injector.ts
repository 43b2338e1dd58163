/** A planned failure: answer `status` instead of serving the route. */
export interface FaultSpec {
  /** Route name (see each fake's ROUTES); every route when absent. */
  route?: string;
  status: number;
  /** Sent as a Retry-After header (delta-seconds). */
  retryAfterSeconds?: number;
  /** How many matching requests fail; unlimited when absent (until clearFaults). */
  times?: number;
  /** Matching requests served normally before the fault starts (e.g. fail after page 2). */
  afterRequests?: number;
}

interface ActiveFault extends FaultSpec {
  remaining: number;
  toSkip: number;
}

/** Injectable 429 / 5xx storms, consulted before a route's handler runs. */
export class FaultInjector {
  private faults: ActiveFault[] = [];

  inject(spec: FaultSpec): void {
    this.faults.push({ ...spec, remaining: spec.times ?? Infinity, toSkip: spec.afterRequests ?? 0 });
  }

  clear(): void {
    this.faults = [];
  }

  /** The fault this request must answer with, if any; counts the request against it. */
  take(route: string): FaultSpec | undefined {
    for (const fault of this.faults) {
      if (fault.route !== undefined && fault.route !== route) continue;
      if (fault.toSkip > 0) {
        fault.toSkip -= 1;
        continue;
      }
      if (fault.remaining <= 0) continue;
      fault.remaining -= 1;
      return fault;
    }
    return undefined;
  }
}
