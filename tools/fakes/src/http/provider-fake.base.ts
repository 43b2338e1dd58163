import type { FakeHttpServer } from './fake-http.server';
import type { FaultSpec } from './fault-injector';

/**
 * What every provider fake offers a test besides its wire format: lifecycle, fault injection
 * and request counts per route. Subclasses build their routes and assign `http`.
 */
export abstract class ProviderFake<TRoute extends string> {
  protected abstract readonly http: FakeHttpServer;

  get url(): string {
    return this.http.url;
  }

  start(port = 0): Promise<void> {
    return this.http.start(port);
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  injectFault(fault: FaultSpec & { route?: TRoute }): void {
    this.http.faults.inject(fault);
  }

  clearFaults(): void {
    this.http.faults.clear();
  }

  requestCount(route?: TRoute): number {
    return this.http.requestCount(route);
  }
}
