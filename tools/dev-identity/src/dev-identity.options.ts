import type { Logger } from 'pino';
import type { FaultSettings, SigningAlgorithm } from './dev-identity.types';

export const DEFAULT_AUDIENCE = 'sentinel';
export const DEFAULT_EXCHANGE = 'identity.events';
export const DEFAULT_TOKEN_TTL_SECONDS = 900;

export interface DevIdentityOptions {
  /** Default 0: any free port, as tests want. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** `iss` of minted tokens; default the service's own URL. */
  issuer?: string;
  /** Default `sentinel`. */
  audience?: string;
  /** Default: a random key, readable from the handle. */
  adminKey?: string;
  /** Without it, events are not published. */
  rabbitmqUrl?: string;
  /** Default `identity.events`. */
  exchange?: string;
  /** Keys generated at start, one per algorithm. Default `['ES256']`; RS256 keys are slow to generate. */
  algorithms?: SigningAlgorithm[];
  /** Default 900. */
  tokenTtlSeconds?: number;
  fault?: FaultSettings;
  /** How long `close()` lets in-flight calls finish. Default 5000. */
  shutdownGraceMs?: number;
  /** Default: pino at `warn`. */
  logger?: Logger;
}
