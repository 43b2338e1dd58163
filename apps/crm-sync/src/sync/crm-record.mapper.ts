import { randomUUID } from 'node:crypto';
import type { ContactUpsertRow, CrmProvider, DealUpsertRow } from '@sentinel/persistence';
import type { CrmContactRecord, CrmDealRecord } from '@sentinel/providers';

export interface IntegrationRef {
  id: string;
  userId: string;
  provider: CrmProvider;
}

/** The last occurrence of each external id wins: one multi-row upsert may not touch a row twice. */
export function latestByExternalId<T extends { externalId: string }>(records: T[]): T[] {
  return [...new Map(records.map((record) => [record.externalId, record])).values()];
}

export function toContactRow(integration: IntegrationRef, record: CrmContactRecord): ContactUpsertRow {
  return {
    id: randomUUID(),
    integrationId: integration.id,
    userId: integration.userId,
    provider: integration.provider,
    externalId: record.externalId,
    email: record.email,
    additionalEmails: record.additionalEmails,
    firstName: record.firstName,
    lastName: record.lastName,
    company: record.company,
    externalUpdatedAt: record.updatedAt,
  };
}

export function toDealRow(integration: IntegrationRef, record: CrmDealRecord): DealUpsertRow {
  return {
    id: randomUUID(),
    integrationId: integration.id,
    userId: integration.userId,
    provider: integration.provider,
    externalId: record.externalId,
    name: record.name,
    stage: record.stage,
    amount: record.amount,
    closeDate: record.closeDate,
    ownerExternalId: record.ownerExternalId,
    externalUpdatedAt: record.updatedAt,
  };
}

/** Every lookup address of a contact: its primary email and its additional ones. */
export function lookupAddresses(record: CrmContactRecord): string[] {
  return [...new Set([record.email, ...record.additionalEmails].filter((email): email is string => email !== null))];
}
