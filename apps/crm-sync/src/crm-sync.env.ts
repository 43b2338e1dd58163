import { BaseServiceEnv } from '@sentinel/config';

/** Configuration of the crm-sync service, validated at boot. */
export class CrmSyncEnv extends BaseServiceEnv {}
