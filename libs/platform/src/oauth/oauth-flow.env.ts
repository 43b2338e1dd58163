import { BaseServiceEnv, IsServiceUrl, ToBoolean, ToInt } from '@sentinel/config';
import { IsBoolean, IsByteLength, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** Configuration of a service that runs OAuth connect flows with the signed state cookie (crm-sync, ingest). */
export class OAuthFlowServiceEnv extends BaseServiceEnv {
  /**
   * HMAC secret of the signed OAuth state cookie, at least 32 bytes. Optional so a stack without
   * connections boots; while unset, the service's connect routes answer 503.
   */
  @IsOptional()
  @IsString()
  @IsByteLength(32, 1024, { message: 'OAUTH_STATE_SECRET must be 32 to 1024 bytes' })
  OAUTH_STATE_SECRET?: string;

  /**
   * Public origin of this service as the browser reaches it (`https://crm.example.com`): the OAuth
   * redirect_uri is `<origin>/oauth/<provider>/callback` and must be registered with the provider.
   */
  @IsOptional()
  @IsServiceUrl(['http', 'https'])
  @Matches(/^[^?#]*[^/?#]$/, { message: 'OAUTH_CALLBACK_ORIGIN must have no trailing slash, query or fragment' })
  OAUTH_CALLBACK_ORIGIN?: string;

  /** Lifetime of a connect flow (the state cookie), 60-3600 seconds. */
  @ToInt()
  @IsInt()
  @Min(60)
  @Max(3600)
  OAUTH_STATE_TTL_SECONDS = 600;

  /** `Secure` on the state cookie; turn off only for a local stack served over plain http. */
  @ToBoolean()
  @IsBoolean()
  OAUTH_COOKIE_SECURE = true;
}
