import { IsServiceUrl, IsTenantId } from '@sentinel/config';
import { IsNotEmpty, IsString, MinLength } from 'class-validator';

/** What `npm start` hands the demo (tools/scripts/start.js); all development values. */
export class DemoEnv {
  @IsTenantId()
  TENANT_ID!: string;

  @IsServiceUrl(['http', 'https'])
  IDENTITY_URL!: string;

  @IsString()
  @MinLength(16)
  DEV_IDENTITY_ADMIN_KEY!: string;

  @IsServiceUrl(['http', 'https'])
  FAKES_URL!: string;

  @IsServiceUrl(['http', 'https'])
  INGEST_URL!: string;

  @IsServiceUrl(['http', 'https'])
  CRM_SYNC_URL!: string;

  @IsServiceUrl(['http', 'https'])
  IDENTITY_BRIDGE_URL!: string;

  @IsServiceUrl(['http', 'https'])
  RISK_URL!: string;

  @IsString()
  @IsNotEmpty()
  DATABASE_URL!: string;

  @IsString()
  @MinLength(8)
  SLACK_SIGNING_SECRET!: string;
}
