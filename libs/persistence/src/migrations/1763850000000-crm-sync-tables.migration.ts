import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Integrations, the contact book (with its per-address lookup table) and deals. */
export class CrmSyncTables1763850000000 implements MigrationInterface {
  name = 'CrmSyncTables1763850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "integrations" (
        "id" uuid NOT NULL,
        "user_id" text NOT NULL,
        "provider" text NOT NULL,
        "status" text NOT NULL,
        "access_token" text,
        "refresh_token" text,
        "token_expires_at" TIMESTAMP WITH TIME ZONE,
        "token_issued_at" TIMESTAMP WITH TIME ZONE,
        "instance_url" text,
        "external_account_id" text NOT NULL,
        "sync_stage" text NOT NULL,
        "sync_cursor" jsonb,
        "last_synced_at" TIMESTAMP WITH TIME ZONE,
        "last_error_code" text,
        "last_run_counts" jsonb,
        "sync_lease_token" uuid,
        "sync_lease_expires_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "integrations_user_provider_account_key" UNIQUE ("user_id", "provider", "external_account_id"),
        CONSTRAINT "integrations_provider_check" CHECK (provider IN ('hubspot', 'salesforce', 'slack', 'gmail', 'calendar')),
        CONSTRAINT "integrations_status_check" CHECK (status IN ('connected', 'reauth_required', 'revoked', 'disconnected')),
        CONSTRAINT "integrations_sync_stage_check" CHECK (sync_stage IN ('full_pending', 'full_running', 'incremental_pending', 'incremental_running', 'failed')),
        CONSTRAINT "PK_integrations" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "contacts" (
        "id" uuid NOT NULL,
        "integration_id" uuid NOT NULL,
        "user_id" text NOT NULL,
        "provider" text NOT NULL,
        "external_id" text NOT NULL,
        "email" text,
        "additional_emails" text array NOT NULL DEFAULT '{}',
        "first_name" text,
        "last_name" text,
        "company" text,
        "deleted_at" TIMESTAMP WITH TIME ZONE,
        "external_updated_at" TIMESTAMP WITH TIME ZONE,
        "synced_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "contacts_integration_external_key" UNIQUE ("integration_id", "external_id"),
        CONSTRAINT "PK_contacts" PRIMARY KEY ("id"),
        CONSTRAINT "FK_contacts_integration" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "contacts_user_email_live_idx" ON "contacts" ("user_id", "email") WHERE deleted_at IS NULL AND email IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "contact_emails" (
        "contact_id" uuid NOT NULL,
        "email" text NOT NULL,
        "user_id" text NOT NULL,
        CONSTRAINT "PK_contact_emails" PRIMARY KEY ("contact_id", "email"),
        CONSTRAINT "FK_contact_emails_contact" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "contact_emails_user_email_idx" ON "contact_emails" ("user_id", "email")`);
    await queryRunner.query(`
      CREATE TABLE "deals" (
        "id" uuid NOT NULL,
        "integration_id" uuid NOT NULL,
        "user_id" text NOT NULL,
        "provider" text NOT NULL,
        "external_id" text NOT NULL,
        "name" text,
        "stage" text,
        "amount" numeric,
        "close_date" date,
        "owner_external_id" text,
        "deleted_at" TIMESTAMP WITH TIME ZONE,
        "external_updated_at" TIMESTAMP WITH TIME ZONE,
        "synced_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "deals_integration_external_key" UNIQUE ("integration_id", "external_id"),
        CONSTRAINT "PK_deals" PRIMARY KEY ("id"),
        CONSTRAINT "FK_deals_integration" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE "deal_contacts" (
        "deal_id" uuid NOT NULL,
        "contact_external_id" text NOT NULL,
        CONSTRAINT "PK_deal_contacts" PRIMARY KEY ("deal_id", "contact_external_id"),
        CONSTRAINT "FK_deal_contacts_deal" FOREIGN KEY ("deal_id") REFERENCES "deals"("id") ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "deal_contacts"`);
    await queryRunner.query(`DROP TABLE "deals"`);
    await queryRunner.query(`DROP TABLE "contact_emails"`);
    await queryRunner.query(`DROP TABLE "contacts"`);
    await queryRunner.query(`DROP TABLE "integrations"`);
  }
}
