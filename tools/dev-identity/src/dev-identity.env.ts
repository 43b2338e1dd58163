import { IsPort, IsServiceUrl, LOG_LEVELS, ToInt, type LogLevel } from '@sentinel/config';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';
import { FAULT_MODES, type FaultMode } from './dev-identity.types';

/** Environment of the CLI (`main.ts`); the README's table documents each variable. */
export class DevIdentityEnv {
  @IsPort()
  DEV_IDENTITY_PORT = 4100;

  @IsString()
  DEV_IDENTITY_HOST = '0.0.0.0';

  /** `iss` of minted tokens; Sentinel's issuer setting must equal it. Default: the listening URL. */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  DEV_IDENTITY_ISSUER?: string;

  @IsString()
  @IsNotEmpty()
  DEV_IDENTITY_AUDIENCE = 'sentinel';

  /** Required: the `X-Admin-Key` that unlocks `/admin/*`. */
  @IsString()
  @MinLength(16)
  DEV_IDENTITY_ADMIN_KEY!: string;

  /** Comma-separated: one signing key per algorithm at start. */
  @Matches(/^(ES256|RS256)(,(ES256|RS256))*$/, { message: 'must be a comma-separated list of ES256, RS256' })
  DEV_IDENTITY_ALGORITHMS = 'ES256,RS256';

  @ToInt()
  @IsInt()
  @Min(1)
  DEV_IDENTITY_TOKEN_TTL_SECONDS = 900;

  @IsIn(FAULT_MODES)
  DEV_IDENTITY_FAULT_MODE: FaultMode = 'normal';

  @ToInt()
  @IsInt()
  @Min(0)
  @Max(600_000)
  DEV_IDENTITY_FAULT_DELAY_MS = 0;

  /** Without it, events are not published. */
  @IsOptional()
  @IsServiceUrl(['amqp', 'amqps'])
  RABBITMQ_URL?: string;

  @IsString()
  @IsNotEmpty()
  IDENTITY_EXCHANGE = 'identity.events';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';
}
