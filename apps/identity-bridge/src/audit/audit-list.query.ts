import { ApiPropertyOptional } from '@nestjs/swagger';
import { SortQuery } from '@sentinel/hardening';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export const AUDIT_SORT_FIELDS = ['occurred_at'] as const;

/** `GET /audit` query: page, per_page (<= 100), sort by time, and exact-match filters. */
export class AuditListQuery extends SortQuery(AUDIT_SORT_FIELDS, '-occurred_at') {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  actor_user_id?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  subject_type?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  subject_id?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  event?: string;

  @ApiPropertyOptional({ description: 'Inclusive lower bound, ISO 8601 instant.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Exclusive upper bound, ISO 8601 instant.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

/** Names of the filters a query used (for the audit row of the read: names, never values). */
export const AUDIT_FILTERS = ['actor_user_id', 'subject_type', 'subject_id', 'event', 'from', 'to'] as const;
