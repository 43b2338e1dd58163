import { BaseServiceEnv } from '@sentinel/config';

/** Configuration of the identity-bridge service, validated at boot. */
export class IdentityBridgeEnv extends BaseServiceEnv {}
