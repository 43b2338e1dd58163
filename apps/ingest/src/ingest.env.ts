import { IsServiceUrl, ToInt } from '@sentinel/config';
import { OAuthFlowServiceEnv } from '@sentinel/platform';
import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

/** Configuration of the ingest service, validated at boot. */
export class IngestEnv extends OAuthFlowServiceEnv {
  /**
   * Slack app signing secret. Optional so a stack without Slack boots; while unset, every
   * `POST /slack/events` is refused (401 signing_not_configured) rather than accepted unverified.
   */
  @IsOptional()
  @IsString()
  @MinLength(8)
  SLACK_SIGNING_SECRET?: string;

  /** The secret being rotated out; accepted alongside the current one until removed. */
  @IsOptional()
  @IsString()
  @MinLength(8)
  SLACK_SIGNING_SECRET_PREVIOUS?: string;

  /** Slack Web API base URL (a fake in tests and the demo). */
  @IsServiceUrl(['http', 'https'])
  SLACK_API_URL = 'https://slack.com/api/';

  /** Time allowed for one Slack Web API call before it counts as unavailable. */
  @ToInt()
  @IsInt()
  @Min(100)
  @Max(30_000)
  SLACK_API_TIMEOUT_MS = 3_000;

  /** How long a resolved Slack user (id -> email) or channel member list is cached in Redis. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(3_600)
  SLACK_DIRECTORY_CACHE_SECONDS = 300;

  /**
   * Key ring that decrypts integration tokens (`<keyId>:<key>,...` or one base64/hex key). Without
   * it Slack participants cannot be resolved, so Slack items fail closed.
   */
  @IsOptional()
  @IsString()
  INTEGRATION_ENCRYPTION_KEY?: string;

  /** Deliveries of an item that could not be checked before it is dropped as `fail_closed`. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(50)
  INGEST_MAX_ATTEMPTS = 10;

  @ToInt()
  @IsInt()
  @Min(10)
  INGEST_RETRY_BASE_MS = 1_000;

  @ToInt()
  @IsInt()
  @Min(10)
  INGEST_RETRY_MAX_MS = 300_000;

  /** Client-side deadline of each gate query: a stalled connection must fail, not hang the batch. */
  @ToInt()
  @IsInt()
  @Min(100)
  @Max(60_000)
  INGEST_QUERY_TIMEOUT_MS = 5_000;

  /** Google API root for the Gmail and Calendar sources (a fake in tests and the demo). */
  @IsServiceUrl(['http', 'https'])
  GOOGLE_API_URL = 'https://www.googleapis.com/';

  /** Google's OAuth token endpoint, used to refresh access tokens. */
  @IsServiceUrl(['http', 'https'])
  GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

  /** OAuth client of the Google app. While either is unset, Gmail and Calendar are not polled. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  GOOGLE_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  GOOGLE_CLIENT_SECRET?: string;

  /** Seconds between polls of every Gmail and Calendar integration; 0 disables polling. */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(86_400)
  GOOGLE_POLL_INTERVAL_SECONDS = 60;

  /** How far back a full sync reaches when there is no usable cursor (expired history, 410 Gone). */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(365)
  GOOGLE_FULL_SYNC_DAYS = 30;

  /**
   * Audience of the Pub/Sub push subscription's OIDC token (the push endpoint URL, as configured on
   * the subscription). While unset, every `POST /google/push` is refused (401 push_not_configured).
   */
  @IsOptional()
  @IsString()
  @MinLength(1)
  GOOGLE_PUSH_AUDIENCE?: string;

  /** The service account the subscription pushes as; a token of any other account is refused. */
  @IsOptional()
  @IsString()
  @MinLength(3)
  GOOGLE_PUSH_SERVICE_ACCOUNT?: string;

  /** Google's OIDC signing keys. */
  @IsServiceUrl(['http', 'https'])
  GOOGLE_PUSH_JWKS_URL = 'https://www.googleapis.com/oauth2/v3/certs';

  /**
   * Absolute path of the storage directory; attachment contents of admitted messages go under
   * `tenants/<TENANT_ID>/attachments/`. While unset, attachments keep their metadata only: contents
   * are neither fetched nor served.
   */
  @IsOptional()
  @IsString()
  @Matches(/^\/\S*$/, { message: 'STORAGE_DIR must be an absolute path' })
  STORAGE_DIR?: string;

  /** Google's consent page, where the Gmail and Calendar connect flows send the browser. */
  @IsServiceUrl(['http', 'https'])
  GOOGLE_AUTHORIZE_URL = 'https://accounts.google.com/o/oauth2/v2/auth';

  /** Slack's OAuth v2 consent page, where the Slack connect flow sends the browser. */
  @IsServiceUrl(['http', 'https'])
  SLACK_AUTHORIZE_URL = 'https://slack.com/oauth/v2/authorize';

  /** OAuth client of the Slack app. While either is unset, connecting Slack answers 503. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  SLACK_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  SLACK_CLIENT_SECRET?: string;
}
