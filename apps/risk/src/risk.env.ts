import { BaseServiceEnv } from '@sentinel/config';

/** Configuration of the risk service, validated at boot. */
export class RiskEnv extends BaseServiceEnv {}
