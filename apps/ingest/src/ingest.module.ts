import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@sentinel/audit';
import { parseKeyRing, SecretEnvelopeCipher } from '@sentinel/crypto';
import { ServiceCoreModule } from '@sentinel/platform';
import { AttachmentFetchWorker } from './attachments/attachment-fetch.worker';
import { AttachmentFileRepository } from './attachments/attachment-file.repository';
import { AttachmentIntakeService } from './attachments/attachment-intake.service';
import { AttachmentMetrics } from './attachments/attachment.metrics';
import { ATTACHMENT_STORAGE_SETTINGS, AttachmentStorage, type AttachmentStorageSettings } from './attachments/attachment.storage';
import { AttachmentsController } from './attachments/attachments.controller';
import { AttachmentsService } from './attachments/attachments.service';
import { BotItemsController } from './bot/bot-items.controller';
import { BotItemsService } from './bot/bot-items.service';
import { BotOwnerRepository } from './bot/bot-owner.repository';
import { BotTokenGuard } from './bot/bot-token.guard';
import { BotTokenRepository } from './bot/bot-token.repository';
import { BotMetrics } from './bot/bot.metrics';
import { AdmissionStore } from './gate/admission.store';
import { ContactGateService } from './gate/contact-gate.service';
import { InboundDeletionWorker } from './gate/inbound-deletion.worker';
import { GATE_BATCH, GATE_WORKER_SETTINGS, InboundItemWorker, type GateWorkerSettings } from './gate/inbound-item.worker';
import { ParticipantResolverService } from './gate/participant-resolver.service';
import { TimelinePublisher } from './gate/timeline.publisher';
import { ATTACHMENTS_QUEUE, CONTACTS_QUEUE, INBOUND_QUEUE, LEDGER_QUEUE, LEDGER_SETTLEMENT_ATTEMPTS } from './inbound/inbound.events';
import type { IngestEnv } from './ingest.env';
import { LedgerSettlementWorker } from './ledger/ledger-settlement.worker';
import { LedgerController } from './ledger/ledger.controller';
import { LedgerService } from './ledger/ledger.service';
import { IngestMetrics } from './metrics/ingest.metrics';
import { MessagesController } from './messages/messages.controller';
import { MessagesService } from './messages/messages.service';
import { SlackChannelAccessService } from './messages/slack-channel-access.service';
import { CalendarSource } from './sources/calendar/calendar.source';
import { GmailSource } from './sources/gmail/gmail.source';
import { GoogleSourcePoller } from './sources/google-source.poller';
import { RetroactiveAdmissionWorker } from './sources/retroactive-admission.worker';
import { GOOGLE_SOURCE_SETTINGS, GoogleClientFactory, type GoogleSourceSettings } from './sources/google/google-client.factory';
import { GooglePushController } from './sources/google/google-push.controller';
import { GooglePushService } from './sources/google/google-push.service';
import { GOOGLE_PUSH_SETTINGS, GooglePushVerifier, type GooglePushSettings } from './sources/google/google-push.verifier';
import { ContactBookRepository } from './repositories/contact-book.repository';
import { GateIntegrationRepository } from './repositories/gate-integration.repository';
import { IngestLedgerRepository } from './repositories/ingest-ledger.repository';
import { MessageReadRepository } from './repositories/message-read.repository';
import { MessageRepository } from './repositories/message.repository';
import { SourceIntegrationRepository } from './repositories/source-integration.repository';
import { INTEGRATION_TOKEN_CIPHER, IntegrationTokenReader } from './slack/integration-token.reader';
import { SLACK_DIRECTORY_SETTINGS, SlackDirectoryClient, type SlackDirectorySettings } from './slack/slack-directory.client';
import { SlackEventsEndpoint } from './slack/slack-events.endpoint';
import { SLACK_SIGNATURE_VERIFIER, SlackEventsService } from './slack/slack-events.service';
import { SlackSignatureVerifier } from './slack/slack-signature.verifier';
import { SourceConnectService } from './oauth/source-connect.service';
import { SourceConnectionRepository } from './oauth/source-connection.repository';
import { SOURCE_OAUTH_SETTINGS, sourceOAuthSettingsFrom } from './oauth/source-oauth.settings';
import { SourceOAuthController } from './oauth/source-oauth.controller';

@Module({})
export class IngestModule {
  static forRoot(config: IngestEnv): DynamicModule {
    const directorySettings: SlackDirectorySettings = {
      apiUrl: config.SLACK_API_URL,
      timeoutMs: config.SLACK_API_TIMEOUT_MS,
      cacheSeconds: config.SLACK_DIRECTORY_CACHE_SECONDS,
    };
    const workerSettings: GateWorkerSettings = { queryTimeoutMs: config.INGEST_QUERY_TIMEOUT_MS };
    const googleSettings: GoogleSourceSettings = {
      apiUrl: config.GOOGLE_API_URL,
      tokenUrl: config.GOOGLE_TOKEN_URL,
      clientId: config.GOOGLE_CLIENT_ID,
      clientSecret: config.GOOGLE_CLIENT_SECRET,
      fullSyncDays: config.GOOGLE_FULL_SYNC_DAYS,
      pollIntervalSeconds: config.GOOGLE_POLL_INTERVAL_SECONDS,
    };
    const pushSettings: GooglePushSettings = {
      audience: config.GOOGLE_PUSH_AUDIENCE,
      serviceAccount: config.GOOGLE_PUSH_SERVICE_ACCOUNT,
      jwksUrl: config.GOOGLE_PUSH_JWKS_URL,
    };
    const storageSettings: AttachmentStorageSettings = { storageDir: config.STORAGE_DIR, tenantId: config.TENANT_ID };
    return {
      module: IngestModule,
      imports: [
        ServiceCoreModule.forRoot({
          service: 'ingest',
          // A micro-batch can only fill with unacknowledged deliveries: room for the batches being
          // checked and one more filling behind them.
          config: { ...config, RABBITMQ_PREFETCH: Math.max(config.RABBITMQ_PREFETCH, GATE_BATCH.maxSize * (GATE_BATCH.maxConcurrent + 1)) },
          consumers: [
            {
              name: INBOUND_QUEUE,
              retry: {
                maxAttempts: config.INGEST_MAX_ATTEMPTS,
                baseDelayMs: config.INGEST_RETRY_BASE_MS,
                maxDelayMs: config.INGEST_RETRY_MAX_MS,
              },
            },
            {
              name: CONTACTS_QUEUE,
              retry: { maxAttempts: config.INGEST_MAX_ATTEMPTS, baseDelayMs: config.INGEST_RETRY_BASE_MS, maxDelayMs: config.INGEST_RETRY_MAX_MS },
            },
            {
              name: ATTACHMENTS_QUEUE,
              retry: { maxAttempts: config.INGEST_MAX_ATTEMPTS, baseDelayMs: config.INGEST_RETRY_BASE_MS, maxDelayMs: config.INGEST_RETRY_MAX_MS },
            },
            {
              name: LEDGER_QUEUE,
              retry: {
                maxAttempts: LEDGER_SETTLEMENT_ATTEMPTS,
                baseDelayMs: config.INGEST_RETRY_BASE_MS,
                maxDelayMs: config.INGEST_RETRY_MAX_MS,
              },
            },
          ],
        }),
        AuditModule,
      ],
      controllers: [MessagesController, LedgerController, GooglePushController, AttachmentsController, SourceOAuthController, BotItemsController],
      providers: [
        IngestMetrics,
        {
          provide: SLACK_SIGNATURE_VERIFIER,
          useFactory: () => new SlackSignatureVerifier([config.SLACK_SIGNING_SECRET, config.SLACK_SIGNING_SECRET_PREVIOUS]),
        },
        SlackEventsService,
        SlackEventsEndpoint,
        { provide: SLACK_DIRECTORY_SETTINGS, useValue: directorySettings },
        SlackDirectoryClient,
        {
          provide: INTEGRATION_TOKEN_CIPHER,
          useFactory: () =>
            config.INTEGRATION_ENCRYPTION_KEY ? new SecretEnvelopeCipher(parseKeyRing(config.INTEGRATION_ENCRYPTION_KEY)) : null,
        },
        IntegrationTokenReader,
        { provide: GATE_WORKER_SETTINGS, useValue: workerSettings },
        GateIntegrationRepository,
        ContactBookRepository,
        MessageRepository,
        IngestLedgerRepository,
        AdmissionStore,
        LedgerSettlementWorker,
        LedgerService,
        ContactGateService,
        ParticipantResolverService,
        TimelinePublisher,
        InboundItemWorker,
        InboundDeletionWorker,
        MessageReadRepository,
        SlackChannelAccessService,
        MessagesService,
        { provide: GOOGLE_SOURCE_SETTINGS, useValue: googleSettings },
        SourceIntegrationRepository,
        GoogleClientFactory,
        GmailSource,
        CalendarSource,
        GoogleSourcePoller,
        { provide: GOOGLE_PUSH_SETTINGS, useValue: pushSettings },
        GooglePushVerifier,
        GooglePushService,
        RetroactiveAdmissionWorker,
        { provide: SOURCE_OAUTH_SETTINGS, useValue: sourceOAuthSettingsFrom(config) },
        SourceConnectionRepository,
        SourceConnectService,
        { provide: ATTACHMENT_STORAGE_SETTINGS, useValue: storageSettings },
        AttachmentStorage,
        AttachmentFileRepository,
        AttachmentIntakeService,
        AttachmentMetrics,
        AttachmentFetchWorker,
        AttachmentsService,
        BotTokenRepository,
        BotOwnerRepository,
        BotMetrics,
        BotTokenGuard,
        BotItemsService,
      ],
    };
  }
}
