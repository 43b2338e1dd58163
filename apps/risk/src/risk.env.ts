import { BaseServiceEnv, ToInt } from '@sentinel/config';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsString, Max, Min } from 'class-validator';

/**
 * Configuration of the risk service, validated at boot. The rule variables are optional
 * overrides of DEFAULT_RISK_RULES (docs/risk-rules.md); riskRulesFromEnv checks the merged result.
 */
export class RiskEnv extends BaseServiceEnv {
  /** A partial RiskRulesConfig as JSON, e.g. `{"buyerSilent":{"days":10}}`. */
  @IsOptional()
  @IsString()
  RISK_RULES_JSON?: string;

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
}
