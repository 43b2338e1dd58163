import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Risk maps every stored message to deals through `deal_contacts.contact_external_id`; the primary
 * key starts with `deal_id`, so without this index each timeline event scans every association.
 */
export class DealContactsLookup1764400000000 implements MigrationInterface {
  name = 'DealContactsLookup1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "deal_contacts_contact_external_idx" ON "deal_contacts" ("contact_external_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "deal_contacts_contact_external_idx"`);
  }
}
