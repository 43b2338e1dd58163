import { BaseServiceEnv, ConfigError, ToBoolean, ToInt } from '@sentinel/config';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { riskRulesFromEnv, type RiskRulesEnv } from './rules/risk-rules.config';

/** The merged risk rules must be valid: a bad override stops the boot (exit 78) like any variable. */
@ValidatorConstraint({ name: 'riskRules' })
class RiskRulesCheck implements ValidatorConstraintInterface {
  validate(_value: unknown, args: ValidationArguments): boolean {
    return problemOf(args.object as RiskRulesEnv) === null;
  }

  defaultMessage(args: ValidationArguments): string {
    const problem = problemOf(args.object as RiskRulesEnv);
    if (problem === null) return 'is invalid';
    return problem.variable === 'RISK_RULES_JSON' ? problem.reason : `with the RISK_* variables gives invalid rules: ${problem.variable} ${problem.reason}`;
  }
}

function problemOf(env: RiskRulesEnv): ConfigError | null {
  try {
    riskRulesFromEnv(env);
    return null;
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
}

/**
 * Configuration of the risk service, validated at boot. The rule variables are optional
 * overrides of DEFAULT_RISK_RULES (docs/risk-rules.md); riskRulesFromEnv checks the merged result.
 */
export class RiskEnv extends BaseServiceEnv {
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(365)
  RISK_BUYER_SILENT_DAYS?: number;

  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(365)
  RISK_MEETING_GAP_DAYS?: number;

  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(730)
  RISK_STAGE_STALLED_DAYS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(1)
  @Max(100)
  RISK_REPLY_SLOWDOWN_FACTOR?: number;

  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(100)
  RISK_LEVEL_MEDIUM?: number;

  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(100)
  RISK_LEVEL_HIGH?: number;

  /** Root of stored files; deal documents go under `<STORAGE_DIR>/tenants/<TENANT_ID>/deal-documents/<deal id>/`. */
  @Matches(/^\/./, { message: 'STORAGE_DIR must be an absolute path' })
  STORAGE_DIR = '/var/lib/sentinel/storage';

  /** Largest deal document upload in bytes (413 above; at most 100 MiB). */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(100 * 1024 * 1024)
  DEAL_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

  /**
   * Key ring sealing webhook secrets (the token envelopes' ring: `<keyId>:<key>,...` or one key).
   * Unset: creating a webhook answers 503 `webhook_key_missing` and deliveries fail closed.
   */
  @IsOptional()
  @IsString()
  INTEGRATION_ENCRYPTION_KEY?: string;

  /** Lets webhook targets resolve to private, loopback or link-local addresses (tests, on-premises receivers). */
  @ToBoolean()
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_TARGETS = false;

  /** Lets webhook targets use plain `http:` (tests); `https:` is required otherwise. */
  @ToBoolean()
  @IsBoolean()
  WEBHOOK_ALLOW_HTTP = false;

  /** Deadline of one webhook request, connect to last byte. */
  @ToInt()
  @IsInt()
  @Min(100)
  @Max(30_000)
  WEBHOOK_TIMEOUT_MS = 5_000;

  /** Attempts of one delivery (the first included) before it is `failed`. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(25)
  WEBHOOK_MAX_ATTEMPTS = 8;

  /** Exponential backoff with full jitter between attempts: base and cap. */
  @ToInt()
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  WEBHOOK_RETRY_BASE_MS = 1_000;

  @ToInt()
  @IsInt()
  @Min(10)
  @Max(86_400_000)
  WEBHOOK_RETRY_MAX_MS = 300_000;

  /** Failed deliveries in a row that open an endpoint's circuit. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(1_000)
  WEBHOOK_BREAKER_THRESHOLD = 5;

  /** Time an open circuit waits before one trial delivery (half-open). */
  @ToInt()
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  WEBHOOK_BREAKER_COOLDOWN_MS = 60_000;

  /**
   * A partial RiskRulesConfig as JSON, e.g. `{"buyerSilent":{"days":10}}`. Declared last: its check
   * merges every rule variable, so each variable's own error is reported first.
   */
  @Validate(RiskRulesCheck)
  RISK_RULES_JSON?: string;
}
