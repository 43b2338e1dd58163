import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The connected user's own addresses on an integration (a mailbox's primary address and send-as
 * aliases, a Slack user's email), recorded by the connect flow for self-exclusion at the gate.
 */
export class IntegrationSelfAddresses1764630000000 implements MigrationInterface {
  name = 'IntegrationSelfAddresses1764630000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "integrations" ADD "self_addresses" text[] NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "integrations" DROP COLUMN "self_addresses"`);
  }
}
