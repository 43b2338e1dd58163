import { BaseServiceEnv, IsServiceUrl, ToBoolean, ToInt } from '@sentinel/config';
import { IsBoolean, IsByteLength, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

/** Configuration of the crm-sync service, validated at boot. */
export class CrmSyncEnv extends BaseServiceEnv {
  /** Seconds between scheduled syncs of each CRM integration; 0 turns the scheduler off. */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(86_400)
  CRM_SYNC_INTERVAL_SECONDS = 900;

  /**
   * Key ring that encrypts and decrypts integration tokens (`<keyId>:<key>,...` or one base64/hex
   * key). Optional so a stack without CRM connections boots; while unset, every sync fails with
   * `credentials_key_missing` instead of touching a token.
   */
  @IsOptional()
  @IsString()
  INTEGRATION_ENCRYPTION_KEY?: string;

  /** HubSpot API base URL (the HubSpot fake in tests and the demo). */
  @IsServiceUrl(['http', 'https'])
  HUBSPOT_API_URL = 'https://api.hubapi.com';

  /** HubSpot app credentials; without them an expired HubSpot token cannot be refreshed. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  HUBSPOT_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  HUBSPOT_CLIENT_SECRET?: string;

  /** Salesforce login host of the token endpoint (`https://test.salesforce.com` for sandboxes). */
  @IsServiceUrl(['http', 'https'])
  SALESFORCE_LOGIN_URL = 'https://login.salesforce.com';

  /** Salesforce connected-app credentials; without them a stale session cannot be refreshed. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  SALESFORCE_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  SALESFORCE_CLIENT_SECRET?: string;

  /**
   * Salesforce syncs also read unconverted Leads as contact-book entries (converted ones leave the
   * book; their Contact arrives with the contacts). Off: Contacts only, and no Lead query is sent.
   */
  @ToBoolean()
  @IsBoolean()
  SALESFORCE_SYNC_LEADS = false;

  /** HubSpot's consent page (the fake's stand-in in tests and the demo). */
  @IsServiceUrl(['http', 'https'])
  HUBSPOT_AUTHORIZE_URL = 'https://app.hubspot.com/oauth/authorize';

  /**
   * HMAC secret of the signed OAuth state cookie, at least 32 bytes. Optional so a stack without
   * CRM connections boots; while unset, `POST /integrations/{provider}/connect` answers 503.
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
