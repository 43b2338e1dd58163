import { CRM_PROVIDERS, type CrmProvider } from '@sentinel/persistence';
import { IsIn } from 'class-validator';

/** `{provider}` of the connect and callback routes: a CRM crm-sync can connect. */
export class ProviderParam {
  @IsIn(CRM_PROVIDERS, { message: `provider must be one of ${CRM_PROVIDERS.join(', ')}` })
  provider!: CrmProvider;
}
