import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Messages admitted by the ingest gate, with the unique keys that make redelivery harmless. */
export class Messages1763900000000 implements MigrationInterface {
  name = 'Messages1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "messages" (
        "id" uuid NOT NULL,
        "user_id" text NOT NULL,
        "integration_id" uuid NOT NULL,
        "source" text NOT NULL,
        "external_id" text NOT NULL,
        "slack_event_id" text,
        "slack_channel_id" text,
        "thread_id" text,
        "subject" text,
        "body_text" text NOT NULL,
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "direction" text NOT NULL,
        "matched_contact_ids" uuid array NOT NULL,
        "participants_count" integer NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "messages_user_source_external_key" UNIQUE ("user_id", "source", "external_id"),
        CONSTRAINT "messages_source_check" CHECK (source IN ('slack', 'gmail', 'calendar', 'meeting_bot')),
        CONSTRAINT "messages_direction_check" CHECK (direction IN ('inbound', 'outbound')),
        CONSTRAINT "PK_messages" PRIMARY KEY ("id"),
        CONSTRAINT "FK_messages_integration" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "messages_user_slack_event_key" ON "messages" ("user_id", "slack_event_id") WHERE slack_event_id IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "messages_user_occurred_idx" ON "messages" ("user_id", "occurred_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "messages"`);
  }
}
