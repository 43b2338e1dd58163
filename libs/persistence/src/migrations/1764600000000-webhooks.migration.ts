import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbound webhooks (apps/risk): subscriptions with their sealed secret and per-endpoint circuit,
 * the delivery outbox (one row per subscription and event, unique so a re-emitted event is not
 * queued twice) and the delivery log (one row per attempt, no body).
 */
export class Webhooks1764600000000 implements MigrationInterface {
  name = 'Webhooks1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "webhook_subscriptions" ("id" uuid NOT NULL, "target_url" text NOT NULL, "events" text array NOT NULL, "secret" text NOT NULL,
        "active" boolean NOT NULL DEFAULT true, "created_by" text NOT NULL, "consecutive_failures" integer NOT NULL DEFAULT '0',
        "circuit_opened_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_bf631ae77d39849d599817fb6f4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL, "subscription_id" uuid NOT NULL, "event_id" uuid NOT NULL, "event_type" text NOT NULL,
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "payload" jsonb NOT NULL, "status" text NOT NULL DEFAULT 'pending',
        "attempts" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "webhook_deliveries_subscription_event_key" UNIQUE ("subscription_id", "event_id"),
        CONSTRAINT "webhook_deliveries_status_check" CHECK (status IN ('pending', 'queued', 'delivered', 'failed')),
        CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "webhook_deliveries_status_created_idx" ON "webhook_deliveries" ("status", "created_at")`);
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery_attempts" ("id" uuid NOT NULL, "delivery_id" uuid NOT NULL, "subscription_id" uuid NOT NULL,
        "attempt" integer NOT NULL, "outcome" text NOT NULL, "status_code" integer, "duration_ms" integer NOT NULL,
        "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_59ef9124585b56c18b98548a0c6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "webhook_delivery_attempts_subscription_idx" ON "webhook_delivery_attempts" ("subscription_id", "attempted_at")`);
    await queryRunner.query(
      `ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_webhook_deliveries_subscription" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscriptions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery_attempts" ADD CONSTRAINT "FK_webhook_delivery_attempts_delivery" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "webhook_delivery_attempts"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP TABLE "webhook_subscriptions"`);
  }
}
