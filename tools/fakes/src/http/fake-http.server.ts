import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackListener } from './loopback-listener';
import { FaultInjector, type FaultSpec } from './fault-injector';

export interface FakeRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  rawBody: string;
  params: string[];
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeRoute {
  name: string;
  method: 'GET' | 'POST';
  path: RegExp;
  handle(request: FakeRequest): FakeResponse;
}

/** Renders a fault in the provider's own error format. */
export type FaultRenderer = (fault: FaultSpec) => FakeResponse;

/**
 * The node:http shell shared by the provider fakes: exact routes, per-route request counts,
 * injected faults, JSON in the provider's content type. Starts on port 0 by default.
 */
export class FakeHttpServer {
  readonly faults = new FaultInjector();
  private readonly counts = new Map<string, number>();
  private readonly listener = new LoopbackListener('fake server', (request, response) => this.serve(request, response));

  constructor(
    private readonly routes: FakeRoute[],
    private readonly renderFault: FaultRenderer,
    private readonly contentType: string,
  ) {}

  get url(): string {
    return this.listener.url;
  }

  start(port = 0): Promise<void> {
    return this.listener.start(port);
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }

  /** Requests served or refused on a route since start (or resetCounts). */
  requestCount(route?: string): number {
    if (route !== undefined) return this.counts.get(route) ?? 0;
    return [...this.counts.values()].reduce((sum, count) => sum + count, 0);
  }

  resetCounts(): void {
    this.counts.clear();
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawBody = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://fake.invalid');
    for (const route of this.routes) {
      const match = route.method === request.method ? route.path.exec(url.pathname) : null;
      if (!match) continue;
      this.counts.set(route.name, (this.counts.get(route.name) ?? 0) + 1);
      const fault = this.faults.take(route.name);
      if (fault) return this.send(response, this.renderFault(fault));
      let result: FakeResponse;
      try {
        result = route.handle({ method: route.method, url, headers: request.headers, rawBody, params: match.slice(1) });
      } catch (error) {
        result = { status: 500, body: { message: error instanceof Error ? error.message : 'fake failure' } };
      }
      return this.send(response, result);
    }
    this.send(response, { status: 404, body: { message: 'not found' } });
  }

  private send(response: ServerResponse, result: FakeResponse): void {
    const body = result.body === undefined ? '' : JSON.stringify(result.body);
    response.writeHead(result.status, { 'content-type': this.contentType, ...result.headers });
    response.end(body);
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
