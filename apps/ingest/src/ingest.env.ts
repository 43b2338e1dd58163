import { BaseServiceEnv } from '@sentinel/config';

/** Configuration of the ingest service, validated at boot. */
export class IngestEnv extends BaseServiceEnv {}
