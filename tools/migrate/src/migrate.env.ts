import { IsOptional } from 'class-validator';
import { IsServiceUrl } from '@sentinel/config';

/** The migration job needs only the database: the direct URL when a pooler sits in front. */
export class MigrateEnv {
  @IsServiceUrl(['postgres', 'postgresql'])
  DATABASE_URL!: string;

  @IsOptional()
  @IsServiceUrl(['postgres', 'postgresql'])
  DATABASE_DIRECT_URL?: string;
}
