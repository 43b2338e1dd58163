import type { MigrationInterface } from 'typeorm';
import { CrmSyncTables1763850000000 } from './1763850000000-crm-sync-tables.migration';
import { Messages1763900000000 } from './1763900000000-messages.migration';
import { AuditAndProcessedEvents1764000000000 } from './1764000000000-audit-and-processed-events.migration';
import { DealRiskTables1764100000000 } from './1764100000000-deal-risk-tables.migration';
import { IngestLedger1764300000000 } from './1764300000000-ingest-ledger.migration';
import { DealContactsLookup1764400000000 } from './1764400000000-deal-contacts-lookup.migration';
import { MessageAttachments1764500000000 } from './1764500000000-message-attachments.migration';
import { Webhooks1764600000000 } from './1764600000000-webhooks.migration';
import { DealDocumentsTagsLinks1764610000000 } from './1764610000000-deal-documents-tags-links.migration';
import { MessageAttachmentFiles1764620000000 } from './1764620000000-message-attachment-files.migration';
import { BotTokens1764620000001 } from './1764620000001-bot-tokens.migration';
import { IntegrationSelfAddresses1764630000000 } from './1764630000000-integration-self-addresses.migration';
import { MessageContactLookup1764640000000 } from './1764640000000-message-contact-lookup.migration';

/** Every migration, oldest first. Schema changes happen only here (no `synchronize` outside tests). */
export const ALL_MIGRATIONS: Array<new () => MigrationInterface> = [CrmSyncTables1763850000000, Messages1763900000000, AuditAndProcessedEvents1764000000000, DealRiskTables1764100000000, IngestLedger1764300000000, DealContactsLookup1764400000000, MessageAttachments1764500000000, Webhooks1764600000000, DealDocumentsTagsLinks1764610000000, MessageAttachmentFiles1764620000000, BotTokens1764620000001, IntegrationSelfAddresses1764630000000, MessageContactLookup1764640000000];
