import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Meeting-bot credentials: SHA-256 of each token and its lookup prefix, never the token. */
export class BotTokens1764620000001 implements MigrationInterface {
  name = 'BotTokens1764620000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "bot_tokens" (
        "id" uuid NOT NULL,
        "name" text NOT NULL,
        "token_prefix" text NOT NULL,
        "token_sha256" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        "last_used_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_bot_tokens" PRIMARY KEY ("id"),
        CONSTRAINT "bot_tokens_prefix_key" UNIQUE ("token_prefix")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "bot_tokens_live_name_key" ON "bot_tokens" ("name") WHERE revoked_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "bot_tokens"`);
  }
}
