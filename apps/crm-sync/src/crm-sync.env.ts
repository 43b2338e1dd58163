import { IsServiceUrl, ToBoolean, ToInt } from '@sentinel/config';
import { OAuthFlowServiceEnv } from '@sentinel/platform';
import { IsBoolean, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';

/** Configuration of the crm-sync service, validated at boot. */
export class CrmSyncEnv extends OAuthFlowServiceEnv {
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
}
