import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The processed-events ledger: one row per (consumer, event id). */
@Injectable()
export class ProcessedEventRepository {
  /**
   * Records the event inside the caller's transaction; false when it was already processed. A
   * concurrent delivery of the same id waits on the key until the first transaction ends.
   */
  async claim(manager: EntityManager, consumer: string, eventId: string, eventType: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO processed_events (consumer, event_id, event_type) VALUES ($1, $2, $3)
       ON CONFLICT (consumer, event_id) DO NOTHING RETURNING 1`,
      [consumer, eventId, eventType],
    );
    return rows.length === 1;
  }
}
