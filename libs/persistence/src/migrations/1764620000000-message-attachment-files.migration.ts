import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Attachment content of admitted messages: stored (pinned path, detected type) or refused with a reason. */
export class MessageAttachmentFiles1764620000000 implements MigrationInterface {
  name = 'MessageAttachmentFiles1764620000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "message_attachment_files" (
        "id" uuid NOT NULL,
        "message_id" uuid NOT NULL,
        "provider_id" text NOT NULL,
        "status" text NOT NULL,
        "refusal_reason" text,
        "content_type" text,
        "size_bytes" integer,
        "storage_name" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_message_attachment_files" PRIMARY KEY ("id"),
        CONSTRAINT "message_attachment_files_message_provider_key" UNIQUE ("message_id", "provider_id"),
        CONSTRAINT "message_attachment_files_status_check" CHECK (status IN ('stored', 'refused')),
        CONSTRAINT "FK_message_attachment_files_message" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "message_attachment_files"`);
  }
}
