import { Injectable } from '@nestjs/common';
import { EventPublisher } from '@sentinel/messaging';
import type { CrmProvider, SyncRunCounts } from '@sentinel/persistence';

export const CONTACTS_ADDED_EVENT = 'contacts.added';
export const CONTACTS_SYNCED_EVENT = 'contacts.synced';

/** `contacts.added`: ids of contacts new to the book, one event per committed page. */
export interface ContactsAddedData {
  integration_id: string;
  contact_ids: string[];
}

/** `contacts.synced`: counts and duration only - never an address or a name. */
export interface ContactsSyncedData {
  integration_id: string;
  provider: CrmProvider;
  phase: 'full' | 'incremental';
  fetched: number;
  created: number;
  updated: number;
  deleted: number;
  deals_fetched: number;
  duration_ms: number;
}

/** The sync's event contracts over the stack's publisher. */
@Injectable()
export class SyncEventsPublisher {
  constructor(private readonly publisher: EventPublisher) {}

  async contactsAdded(integrationId: string, contactIds: string[]): Promise<void> {
    if (contactIds.length === 0) return;
    await this.publisher.publish<ContactsAddedData>(CONTACTS_ADDED_EVENT, { integration_id: integrationId, contact_ids: contactIds });
  }

  async contactsSynced(integrationId: string, provider: CrmProvider, phase: 'full' | 'incremental', counts: SyncRunCounts): Promise<void> {
    await this.publisher.publish<ContactsSyncedData>(CONTACTS_SYNCED_EVENT, {
      integration_id: integrationId,
      provider,
      phase,
      fetched: counts.fetched,
      created: counts.created,
      updated: counts.updated,
      deleted: counts.deleted,
      deals_fetched: counts.dealsFetched,
      duration_ms: counts.durationMs,
    });
  }
}
