import { IsIn } from 'class-validator';

/** The sources ingest connects itself (CRMs are connected by crm-sync). */
export const SOURCE_PROVIDERS = ['gmail', 'calendar', 'slack'] as const;
export type SourceProvider = (typeof SOURCE_PROVIDERS)[number];

/** `{provider}` of the connect and callback routes. */
export class SourceProviderParam {
  @IsIn(SOURCE_PROVIDERS, { message: `provider must be one of ${SOURCE_PROVIDERS.join(', ')}` })
  provider!: SourceProvider;
}
