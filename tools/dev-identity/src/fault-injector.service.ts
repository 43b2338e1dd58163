import { EventEmitter, once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { DevIdentityError, DevIdentityErrorCode } from './dev-identity.error';
import type { FaultSettings } from './dev-identity.types';

/** Which faults apply: `/api/*` calls or the JWKS document. */
export type FaultScope = 'api' | 'jwks';

/**
 * Simulates an identity outage. `gate` runs before a contract endpoint answers: it throws
 * `unavailable` (503), waits (`slow`), or parks the call until the mode changes (`hang`).
 */
export class FaultInjector {
  private settings: FaultSettings;
  private readonly modeChanged = new EventEmitter().setMaxListeners(0);
  private readonly closing = new AbortController();

  constructor(initial: FaultSettings = { mode: 'normal' }) {
    this.settings = { ...initial };
  }

  set(settings: FaultSettings): void {
    this.settings = { ...settings };
    this.modeChanged.emit('change');
  }

  async gate(scope: FaultScope): Promise<void> {
    const { signal } = this.closing;
    for (;;) {
      const { mode, delayMs = 0 } = this.settings;
      if (scope === 'jwks') {
        if (mode === 'jwks_unavailable') throw new DevIdentityError(DevIdentityErrorCode.Unavailable);
        return;
      }
      if (mode === 'unavailable') throw new DevIdentityError(DevIdentityErrorCode.Unavailable);
      if (mode === 'slow') return sleep(delayMs, undefined, { signal });
      if (mode !== 'hang') return;
      // A parked call resumes under whatever mode is set next, like a backend that recovers.
      await once(this.modeChanged, 'change', { signal });
    }
  }

  /** Releases parked and delayed calls with an AbortError, so the server can close. */
  close(): void {
    this.closing.abort();
  }

  get closed(): boolean {
    return this.closing.signal.aborted;
  }
}
