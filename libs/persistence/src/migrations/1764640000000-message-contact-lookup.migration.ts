import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Messages of this contact" (`GET /messages?contact_id=`, ledger counts, the risk timeline backfill)
 * filter on `matched_contact_ids @> ARRAY[id]`. Without a GIN index each of those scans every
 * message of the user.
 */
export class MessageContactLookup1764640000000 implements MigrationInterface {
  name = 'MessageContactLookup1764640000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "messages_matched_contact_ids_gin" ON "messages" USING gin ("matched_contact_ids")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "messages_matched_contact_ids_gin"`);
  }
}
