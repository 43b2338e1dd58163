import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IngestLedgerRepository } from '../repositories/ingest-ledger.repository';
import { MessageRepository, type NewMessageRow } from '../repositories/message.repository';

export interface AdmittedRow {
  /** The inbound envelope id the row came from (its ledger key with the integration). */
  eventId: string;
  row: NewMessageRow;
}

/** Stores admitted messages together with their ledger outcome. */
@Injectable()
export class AdmissionStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly messages: MessageRepository,
    private readonly ledger: IngestLedgerRepository,
  ) {}

  /**
   * Inserts the rows and marks those actually inserted `passed` in ONE transaction. Were the mark
   * written later, a crash or a lost timeline confirm in between would bring the item back, find the
   * stored row and settle the ledger as `duplicate_event` for an item that in fact passed.
   *
   * Once `deadline` has fired the caller has given up and will retry the batch: the transaction then
   * rolls back instead of committing, so the retry finds nothing of it (only a COMMIT already on its
   * way when the deadline fires can still land, and the retry then settles those rows as duplicates).
   */
  async insert(rows: readonly AdmittedRow[], deadline?: AbortSignal): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    return this.dataSource.transaction(async (manager) => {
      const inserted = await this.messages.insertNew(rows.map(({ row }) => row), manager);
      deadline?.throwIfAborted();
      await this.ledger.record(
        rows
          .filter(({ row }) => inserted.has(row.id))
          .map(({ eventId, row }) => ({ eventId, integrationId: row.integrationId, source: row.source, mark: 'passed' as const })),
        manager,
      );
      deadline?.throwIfAborted();
      return inserted;
    });
  }
}
