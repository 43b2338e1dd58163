import { IsPort, LOG_LEVELS, type LogLevel } from '@sentinel/config';
import { IsIn } from 'class-validator';

/** Ports of the provider fakes when run as one process (`main.ts`, used by `npm start`). */
export class FakesEnv {
  /** Seeding and the HubSpot consent stand-in (`fake-control.server.ts`). */
  @IsPort()
  FAKES_CONTROL_PORT = 4200;

  @IsPort()
  FAKE_HUBSPOT_PORT = 4201;

  @IsPort()
  FAKE_SALESFORCE_PORT = 4202;

  @IsPort()
  FAKE_SLACK_PORT = 4203;

  @IsPort()
  FAKE_GOOGLE_PORT = 4204;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';
}
