import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The append-only, hash-chained activity log and the consumers' processed-event ledger. */
export class AuditAndProcessedEvents1764000000000 implements MigrationInterface {
  name = 'AuditAndProcessedEvents1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "activity_log" (
        "seq" bigint NOT NULL,
        "event" text NOT NULL,
        "actor_user_id" text NOT NULL,
        "impersonator_id" text,
        "subject_type" text NOT NULL,
        "subject_id" text NOT NULL,
        "properties" jsonb NOT NULL,
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "previous_hash" character(64) NOT NULL,
        "hash" character(64) NOT NULL,
        CONSTRAINT "PK_activity_log" PRIMARY KEY ("seq")
      )`);
    await queryRunner.query(`CREATE INDEX "activity_log_actor_idx" ON "activity_log" ("actor_user_id", "seq")`);
    await queryRunner.query(`CREATE INDEX "activity_log_subject_idx" ON "activity_log" ("subject_type", "subject_id", "seq")`);
    await queryRunner.query(`CREATE INDEX "activity_log_event_idx" ON "activity_log" ("event", "seq")`);
    await queryRunner.query(`CREATE INDEX "activity_log_occurred_idx" ON "activity_log" ("occurred_at")`);
    // Append-only for every role the application uses; only a superuser disabling the trigger can
    // rewrite history, and the hash chain then shows where.
    await queryRunner.query(`
      CREATE FUNCTION "activity_log_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'activity_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER "activity_log_append_only" BEFORE UPDATE OR DELETE ON "activity_log"
      FOR EACH ROW EXECUTE FUNCTION "activity_log_refuse_change"()`);
    await queryRunner.query(`
      CREATE TRIGGER "activity_log_no_truncate" BEFORE TRUNCATE ON "activity_log"
      FOR EACH STATEMENT EXECUTE FUNCTION "activity_log_refuse_change"()`);
    await queryRunner.query(`
      CREATE TABLE "processed_events" (
        "consumer" text NOT NULL,
        "event_id" text NOT NULL,
        "event_type" text NOT NULL,
        "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_processed_events" PRIMARY KEY ("consumer", "event_id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "processed_events"`);
    await queryRunner.query(`DROP TABLE "activity_log"`);
    await queryRunner.query(`DROP FUNCTION "activity_log_refuse_change"()`);
  }
}
