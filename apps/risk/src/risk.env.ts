import { BaseServiceEnv, ConfigError, ToInt } from '@sentinel/config';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsNumber,
  IsOptional,
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
   * A partial RiskRulesConfig as JSON, e.g. `{"buyerSilent":{"days":10}}`. Declared last: its check
   * merges every rule variable, so each variable's own error is reported first.
   */
  @Validate(RiskRulesCheck)
  RISK_RULES_JSON?: string;
}
