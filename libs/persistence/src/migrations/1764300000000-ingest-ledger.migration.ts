import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ingestion ledger: one row per inbound delivery and integration, counted once however often the
 * broker redelivers it. `outcome` starts as `in_flight` and is set to a final token exactly once.
 * Counts only: no address, subject or body is ever stored here.
 */
export class IngestLedger1764300000000 implements MigrationInterface {
  name = 'IngestLedger1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "ingest_ledger_items" (
        "event_id" text NOT NULL,
        "integration_id" uuid NOT NULL,
        "source" text NOT NULL,
        "day" date NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')::date,
        "outcome" text NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "settled_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_ingest_ledger_items" PRIMARY KEY ("event_id", "integration_id"),
        CONSTRAINT "ingest_ledger_items_outcome_check" CHECK (outcome IN
          ('in_flight', 'passed', 'dropped_no_crm_match', 'dropped_self_user', 'fail_closed', 'duplicate_event'))
      )`);
    await queryRunner.query(`CREATE INDEX "ingest_ledger_items_integration_day_idx" ON "ingest_ledger_items" ("integration_id", "day")`);
    await queryRunner.query(`
      CREATE VIEW "ingest_ledger_daily" AS
      SELECT integration_id, day,
             count(*)::int AS received,
             count(*) FILTER (WHERE outcome = 'passed')::int AS passed,
             count(*) FILTER (WHERE outcome = 'dropped_no_crm_match')::int AS dropped_no_crm_match,
             count(*) FILTER (WHERE outcome = 'dropped_self_user')::int AS dropped_self_user,
             count(*) FILTER (WHERE outcome = 'fail_closed')::int AS fail_closed,
             count(*) FILTER (WHERE outcome = 'duplicate_event')::int AS duplicate_event,
             count(*) FILTER (WHERE outcome = 'in_flight')::int AS in_flight
        FROM ingest_ledger_items
       GROUP BY integration_id, day`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW "ingest_ledger_daily"`);
    await queryRunner.query(`DROP TABLE "ingest_ledger_items"`);
  }
}
