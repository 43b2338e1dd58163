import { BaseServiceEnv } from '@sentinel/config';
import { IsString, Matches } from 'class-validator';

/** Configuration of the identity-bridge service, validated at boot. */
export class IdentityBridgeEnv extends BaseServiceEnv {
  /** Identity's topic exchange; this stack's queue is bound to it with `tenant.<TENANT_ID>.#` only. */
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{1,255}$/, { message: 'must be an exchange name (letters, digits, . _ : -)' })
  IDENTITY_EXCHANGE = 'identity.events';
}
