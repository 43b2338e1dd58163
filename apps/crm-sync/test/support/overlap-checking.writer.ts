import { ContactRepository, DealRepository } from '@sentinel/persistence';
import type { CrmContactRecord } from '@sentinel/providers';
import { waitFor } from '@sentinel/testing';
import type { EntityManager } from 'typeorm';
import type { IntegrationRef } from '../../src/sync/crm-record.mapper';
import { SyncPageWriter, type ContactPageResult } from '../../src/sync/sync-page.writer';

/**
 * Holds each contact page's transaction open until the engine has asked the provider for the page
 * after it: a run that fetched only after committing would never get there, and fails.
 */
export class OverlapCheckingWriter extends SyncPageWriter {
  pagesWritten = 0;

  constructor(
    private readonly pagesRequested: () => number,
    private readonly pagesInListing: number,
  ) {
    super(new ContactRepository(), new DealRepository());
  }

  override async writeContacts(manager: EntityManager, integration: IntegrationRef, records: CrmContactRecord[]): Promise<ContactPageResult> {
    this.pagesWritten += 1;
    const page = this.pagesWritten;
    if (page < this.pagesInListing) {
      await waitFor(`page ${page + 1} to be requested while page ${page} is being written`, async () => this.pagesRequested() > page, 5_000, 5);
    }
    return super.writeContacts(manager, integration, records);
  }
}
