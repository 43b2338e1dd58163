import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** `POST /system/policies/flush` body: no user flushes every cached policy of the tenant. */
export class PolicyFlushDto {
  @ApiPropertyOptional({ description: "Purge only this user's cached identity answers and policies." })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  user_id?: string;
}

export interface PolicyFlushResult {
  flushed: 'tenant' | 'user';
}
