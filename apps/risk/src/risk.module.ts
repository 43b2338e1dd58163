import { AuditModule } from '@sentinel/audit';
import { DynamicModule, Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { ServiceCoreModule } from '@sentinel/platform';
import { CLOCK, systemClock } from './clock';
import { DealAccessService, RISK_TENANT_ID } from './deals/deal-access.service';
import { DealTeamController } from './deals/deal-team.controller';
import { DealTeamService } from './deals/deal-team.service';
import { DealsController } from './deals/deals.controller';
import { DealsService } from './deals/deals.service';
import { DealDocumentRepository } from './documents/deal-document.repository';
import { DealDocumentStorage } from './documents/deal-document.storage';
import { DealDocumentsController } from './documents/deal-documents.controller';
import { DealDocumentsService } from './documents/deal-documents.service';
import { DEAL_DOCUMENTS_SETTINGS, type DealDocumentsSettings } from './documents/deal-documents.settings';
import { DealFolderAccessService } from './documents/deal-folder-access.service';
import { DealFolderRepository } from './documents/deal-folder.repository';
import { DealFoldersController } from './documents/deal-folders.controller';
import { DealFoldersService } from './documents/deal-folders.service';
import { DealReadRepository } from './repositories/deal-read.repository';
import { DealTeamRepository } from './repositories/deal-team.repository';
import { DealTimelineRepository } from './repositories/deal-timeline.repository';
import type { RiskEnv } from './risk.env';
import { RISK_RULES, riskRulesFromEnv } from './rules/risk-rules.config';
import { DealTagsController } from './tags/deal-tags.controller';
import { TagRepository } from './tags/tag.repository';
import { TagsController } from './tags/tags.controller';
import { TagsService } from './tags/tags.service';
import { ContactsSyncedConsumer } from './timeline/contacts-synced.consumer';
import { RISK_TIMELINE_QUEUE, TimelineAppendedConsumer } from './timeline/timeline-appended.consumer';
import { TimelineRecorderService } from './timeline/timeline-recorder.service';
import { TimelineLinkRepository } from './timeline-links/timeline-link.repository';
import { TimelineLinksController } from './timeline-links/timeline-links.controller';
import { TimelineLinksService } from './timeline-links/timeline-links.service';
import { webhookProviders } from './webhooks/webhook.providers';
import { webhookQueueSpec } from './webhooks/webhook.settings';
import { WebhooksController } from './webhooks/webhooks.controller';

@Module({})
export class RiskModule {
  static forRoot(config: RiskEnv): DynamicModule {
    // Built here so that a bad rule override stops the boot with a message naming the variable.
    const rules = riskRulesFromEnv(config);
    const documents: DealDocumentsSettings = { storageDir: config.STORAGE_DIR, tenantId: config.TENANT_ID, maxUploadBytes: config.DEAL_DOCUMENT_MAX_BYTES };
    return {
      module: RiskModule,
      imports: [
        ServiceCoreModule.forRoot({ service: 'risk', config, consumers: [{ name: RISK_TIMELINE_QUEUE }, webhookQueueSpec(config)] }),
        AuditModule,
        // Multipart uploads are buffered in memory up to the cap; a larger file is a 413 before any check.
        MulterModule.register({ limits: { fileSize: documents.maxUploadBytes, files: 1 } }),
      ],
      controllers: [DealsController, DealTeamController, WebhooksController, DealFoldersController, DealDocumentsController, TagsController, DealTagsController, TimelineLinksController],
      providers: [
        { provide: CLOCK, useValue: systemClock },
        { provide: RISK_RULES, useValue: rules },
        { provide: RISK_TENANT_ID, useValue: config.TENANT_ID },
        DealReadRepository,
        DealTimelineRepository,
        DealAccessService,
        DealsService,
        DealTeamRepository,
        DealTeamService,
        TimelineRecorderService,
        TimelineAppendedConsumer,
        ContactsSyncedConsumer,
        ...webhookProviders(config),
        { provide: DEAL_DOCUMENTS_SETTINGS, useValue: documents },
        DealFolderRepository,
        DealDocumentRepository,
        DealDocumentStorage,
        DealFolderAccessService,
        DealFoldersService,
        DealDocumentsService,
        TagRepository,
        TagsService,
        TimelineLinkRepository,
        TimelineLinksService,
      ],
    };
  }
}
