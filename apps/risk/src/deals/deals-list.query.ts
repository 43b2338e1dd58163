import { SortQuery } from '@sentinel/hardening';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { RISK_LEVELS, type RiskLevel } from '../rules/risk-assessment';

export const DEAL_SORT_FIELDS = ['risk_score', 'name', 'amount', 'close_date'] as const;
export type DealSortField = (typeof DEAL_SORT_FIELDS)[number];

/** `GET /deals`: page, per_page (<= 100), a whitelisted sort, and stage / risk-level filters. */
export class DealsListQuery extends SortQuery(DEAL_SORT_FIELDS, '-risk_score') {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  stage?: string;

  @IsOptional()
  @IsIn(RISK_LEVELS)
  risk_level?: RiskLevel;
}

/** `GET /deals/:id/timeline`: paged, by occurrence time only. */
export class TimelineQuery extends SortQuery(['occurred_at'], '-occurred_at') {}
