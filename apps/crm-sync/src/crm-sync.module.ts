import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@sentinel/audit';
import { ServiceCoreModule } from '@sentinel/platform';
import { ContactReadRepository } from './contacts/contact-read.repository';
import { ContactsController } from './contacts/contacts.controller';
import { ContactsService } from './contacts/contacts.service';
import type { CrmSyncEnv } from './crm-sync.env';
import { IntegrationAdminRepository } from './integrations/integration-admin.repository';
import { IntegrationsController } from './integrations/integrations.controller';
import { IntegrationsService } from './integrations/integrations.service';
import { OAuthCallbackController } from './oauth/oauth-callback.controller';
import { OAuthCodeExchange } from './oauth/oauth-code-exchange';
import { OAuthConnectService } from './oauth/oauth-connect.service';
import { OAUTH_SETTINGS, oauthSettingsFrom } from './oauth/oauth.settings';
import { SyncModule } from './sync/sync.module';

@Module({})
export class CrmSyncModule {
  static forRoot(config: CrmSyncEnv): DynamicModule {
    return {
      module: CrmSyncModule,
      imports: [ServiceCoreModule.forRoot({ service: 'crm-sync', config }), SyncModule.forRoot(config), AuditModule],
      controllers: [IntegrationsController, OAuthCallbackController, ContactsController],
      providers: [
        { provide: OAUTH_SETTINGS, useValue: oauthSettingsFrom(config) },
        OAuthCodeExchange,
        OAuthConnectService,
        IntegrationAdminRepository,
        IntegrationsService,
        ContactReadRepository,
        ContactsService,
      ],
    };
  }
}
