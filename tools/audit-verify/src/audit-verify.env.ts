import { IsServiceUrl } from '@sentinel/config';

/** The verifier reads the tenant database only. */
export class AuditVerifyEnv {
  @IsServiceUrl(['postgres', 'postgresql'])
  DATABASE_URL!: string;
}
