import { DataSource } from 'typeorm';
import { ActivityLogRepository } from './activity-log.repository';
import { chainHash, GENESIS_HASH } from './audit-chain';

/**
 * Why the chain breaks at a row:
 * - `row_missing`: positions skip before this row (a row was deleted);
 * - `chain_broken`: its previous_hash is not its predecessor's hash (rows removed, replaced or reordered);
 * - `content_edited`: its content no longer hashes to its stored hash.
 */
export type AuditChainBreak = 'row_missing' | 'chain_broken' | 'content_edited';

export type AuditChainVerdict =
  | { ok: true; rows: number; headSeq: number; headHash: string }
  | { ok: false; rows: number; brokenAtSeq: number; reason: AuditChainBreak };

const BATCH = 1_000;

/**
 * Walks activity_log in chain order and names the first broken row. `headSeq`/`headHash` of a
 * good verdict are worth keeping outside the database: a chain cut at its end (the newest rows
 * deleted) is still a valid chain, and only a recorded head shows it.
 */
export async function verifyAuditChain(dataSource: DataSource): Promise<AuditChainVerdict> {
  const log = new ActivityLogRepository(dataSource);
  let previous = { seq: 0, hash: GENESIS_HASH };
  let rows = 0;
  for (;;) {
    const batch = await log.batchAfter(previous.seq, BATCH);
    for (const row of batch) {
      const broken = (reason: AuditChainBreak): AuditChainVerdict => ({ ok: false, rows, brokenAtSeq: row.seq, reason });
      if (row.seq !== previous.seq + 1) return broken('row_missing');
      if (row.previousHash !== previous.hash) return broken('chain_broken');
      if (chainHash(row, row.previousHash) !== row.hash) return broken('content_edited');
      previous = { seq: row.seq, hash: row.hash };
      rows += 1;
    }
    if (batch.length < BATCH) return { ok: true, rows, headSeq: previous.seq, headHash: previous.hash };
  }
}
