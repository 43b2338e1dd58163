import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Attachment metadata of stored messages (name, type, size, provider id); never the content. */
export class MessageAttachments1764500000000 implements MigrationInterface {
  name = 'MessageAttachments1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "messages" ADD "attachments" jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "attachments"`);
  }
}
