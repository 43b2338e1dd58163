import { Injectable } from '@nestjs/common';
import { ContactRepository, DealRepository } from '@sentinel/persistence';
import type { CrmContactRecord, CrmDealRecord } from '@sentinel/providers';
import type { EntityManager } from 'typeorm';
import { latestByExternalId, lookupAddresses, toContactRow, toDealRow, type IntegrationRef } from './crm-record.mapper';

/** Salesforce's key prefix of Lead ids (Contacts are `003`): the book tells them apart by it. */
export const SALESFORCE_LEAD_PREFIX = '00Q';

export interface ContactPageResult {
  createdIds: string[];
  updated: number;
  deleted: number;
}

/** Applies one provider page to the book inside the caller's transaction. */
@Injectable()
export class SyncPageWriter {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly deals: DealRepository,
  ) {}

  async writeContacts(manager: EntityManager, integration: IntegrationRef, records: CrmContactRecord[]): Promise<ContactPageResult> {
    const latest = latestByExternalId(records);
    const live = latest.filter((record) => !record.deleted);
    const gone = latest.filter((record) => record.deleted).map((record) => record.externalId);

    const upserted = await this.contacts.upsertLive(manager, live.map((record) => toContactRow(integration, record)));
    const idByExternalId = new Map(upserted.map((row) => [row.externalId, row.id]));
    // A fresh contact has no lookup addresses yet; only existing ones need their old set cleared.
    await this.contacts.deleteEmails(manager, upserted.filter((row) => !row.inserted).map((row) => row.id));
    await this.contacts.insertEmails(
      manager,
      integration.userId,
      live.map((record) => ({ contactId: idByExternalId.get(record.externalId) as string, addresses: lookupAddresses(record) })),
    );
    const deleted = await this.contacts.markDeleted(manager, integration.id, gone);
    const createdIds = upserted.filter((row) => row.inserted).map((row) => row.id);
    return { createdIds, updated: upserted.length - createdIds.length, deleted: deleted.length };
  }

  async writeDeals(manager: EntityManager, integration: IntegrationRef, records: CrmDealRecord[]): Promise<void> {
    const latest = latestByExternalId(records);
    const live = latest.filter((record) => !record.deleted);
    const upserted = await this.deals.upsertLive(manager, live.map((record) => toDealRow(integration, record)));
    const idByExternalId = new Map(upserted.map((row) => [row.externalId, row.id]));
    await this.deals.replaceContacts(
      manager,
      live.map((record) => ({ dealId: idByExternalId.get(record.externalId) as string, contactExternalIds: record.contactExternalIds })),
    );
    const gone = latest.filter((record) => record.deleted).map((record) => record.externalId);
    await this.deals.markDeleted(manager, integration.id, gone);
  }

  /** Ends a full contact listing: contacts not seen since the pass began were deleted at the provider. */
  async sweepContacts(manager: EntityManager, integrationId: string, passStartedAt: Date): Promise<number> {
    return (await this.contacts.markUnseenDeleted(manager, integrationId, passStartedAt)).length;
  }

  /** Ends a full Lead listing of an incremental pass: only leads (`00Q` ids) not seen since the pass began are gone. */
  async sweepLeads(manager: EntityManager, integrationId: string, passStartedAt: Date): Promise<number> {
    return (await this.contacts.markUnseenDeleted(manager, integrationId, passStartedAt, SALESFORCE_LEAD_PREFIX)).length;
  }

  async sweepDeals(manager: EntityManager, integrationId: string, passStartedAt: Date): Promise<void> {
    await this.deals.markUnseenDeleted(manager, integrationId, passStartedAt);
  }
}
