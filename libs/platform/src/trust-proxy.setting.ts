import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

export const TRUST_PROXY_HOPS = Symbol('TRUST_PROXY_HOPS');

/**
 * Tells Express how many reverse proxies stand in front of the service (`TRUST_PROXY_HOPS`), so
 * `request.ip` (the key of per-client limits such as the bot-token limiter) is the client behind
 * an ingress rather than the ingress itself, and never an address a client wrote beyond those hops.
 */
@Injectable()
export class TrustProxySetting implements OnApplicationBootstrap {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(TRUST_PROXY_HOPS) private readonly hops: number,
  ) {}

  onApplicationBootstrap(): void {
    this.adapterHost.httpAdapter.getInstance().set('trust proxy', this.hops);
  }
}
