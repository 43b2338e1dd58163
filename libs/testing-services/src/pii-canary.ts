import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { METRICS_REGISTRY, redirectServiceLogs } from '@sentinel/observability';
import type { Registry } from 'prom-client';

/** A marker found where personal data must never go. */
export interface CanaryLeak {
  marker: string;
  /** `log` or `metrics of <service>`. */
  where: string;
  /** The offending log line or metrics line, shortened. */
  excerpt: string;
}

export interface WatchedService {
  service: string;
  registry: Registry;
  /** The registry's text taken when the service closed; read live until then. */
  closedText?: string;
}

/** Only while a canary watches: every service `startTestService` boots logs into it at trace level. */
const current: { canary?: PiiCanary } = {};

export function activePiiCanary(): PiiCanary | undefined {
  return current.canary;
}

/**
 * A PII canary for a test file: unique marker values for the personal data the test sends
 * (addresses, names, subjects, bodies; or the test's own values via `track`), and a sink for what
 * every service booted meanwhile writes: each pino line of every in-process service (all levels,
 * `startTestService` boots them at `trace`) and each service's `/metrics` text (its prom-client
 * registry, read live and once more when it closes). `leaks()` lists every marker found there,
 * case-insensitively. Start it before the first service boots (nestjs-pino binds a process's
 * out-of-request logger to the first app), stop it after the last one closes.
 */
export class PiiCanary {
  readonly run = randomBytes(4).toString('hex');
  private readonly markers = new Set<string>();
  private readonly lines: string[] = [];
  private readonly services: WatchedService[] = [];
  private counter = 0;

  static start(): PiiCanary {
    return new PiiCanary().start();
  }

  start(): this {
    if (current.canary) throw new Error('a PII canary is already watching this process');
    redirectServiceLogs({ write: (line: string) => void this.lines.push(line) });
    current.canary = this;
    return this;
  }

  stop(): void {
    if (current.canary !== this) return;
    redirectServiceLogs(undefined);
    current.canary = undefined;
  }

  /** A unique token, e.g. `canary-1a2b3c4d-subject-3`: the part any leak of the value would contain. */
  marker(kind: string): string {
    return this.track(`canary-${this.run}-${kind}-${++this.counter}`);
  }

  email(kind: string): string {
    return `${this.marker(kind)}@pii-canary.example`;
  }

  /** A person's name part: letters and digits only, as CRMs accept them. */
  name(kind: string): string {
    return this.track(`Canary${this.run}${kind.replace(/[^A-Za-z]/g, '')}${++this.counter}`);
  }

  /** Free text (subject, body, deal name) that contains a marker. */
  text(kind: string): string {
    return `Note about ${this.marker(kind)} for the team`;
  }

  /** Watches for values the test already uses (e.g. a fixed scenario's addresses and names). */
  track<T extends string>(value: T): T {
    this.markers.add(value);
    return value;
  }

  /** `startTestService` calls this for every service it boots while the canary watches. */
  watch(service: string, app: INestApplication): WatchedService {
    const watched: WatchedService = { service, registry: app.get<Registry>(METRICS_REGISTRY) };
    this.services.push(watched);
    return watched;
  }

  async snapshotOnClose(watched: WatchedService): Promise<void> {
    watched.closedText = await watched.registry.metrics();
  }

  get capturedLines(): readonly string[] {
    return this.lines;
  }

  get watchedServices(): string[] {
    return this.services.map((watched) => watched.service);
  }

  async leaks(): Promise<CanaryLeak[]> {
    const needles = [...this.markers].map((marker) => ({ marker, lower: marker.toLowerCase() }));
    const leaks: CanaryLeak[] = [];
    const scan = (where: string, lines: Iterable<string>) => {
      for (const line of lines) {
        const lower = line.toLowerCase();
        for (const needle of needles) {
          if (lower.includes(needle.lower)) leaks.push({ marker: needle.marker, where, excerpt: line.trim().slice(0, 300) });
        }
      }
    };
    scan('log', this.lines);
    for (const watched of this.services) {
      const text = watched.closedText ?? (await watched.registry.metrics());
      scan(`metrics of ${watched.service}`, text.split('\n'));
    }
    return leaks;
  }

  /** Throws with every leak listed; also when nothing was captured (a canary that saw nothing proves nothing). */
  async expectNoLeaks(): Promise<void> {
    if (this.lines.length === 0 || this.services.length === 0) {
      throw new Error(`the PII canary captured ${this.lines.length} log lines from ${this.services.length} services: is it started before the services boot?`);
    }
    const leaks = await this.leaks();
    if (leaks.length > 0) {
      throw new Error(`personal data reached logs or metrics:\n${leaks.map((leak) => `  ${leak.marker} in ${leak.where}: ${leak.excerpt}`).join('\n')}`);
    }
  }
}

/**
 * A canary for the enclosing `describe`: watching from its first `beforeAll` (declare it before the
 * hooks that boot services) until its `afterAll`. Markers can be made at once, for test data built at
 * declaration time. End the block with a test that calls `canary.expectNoLeaks()`.
 */
export function usePiiCanary(): PiiCanary {
  const canary = new PiiCanary();
  beforeAll(() => void canary.start());
  afterAll(() => canary.stop());
  return canary;
}
