import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Risk's tables: deal teams, deal timelines (idempotent by (deal, source, message id)), per-deal
 * risk aggregates and deal notes. A trigger on `deals` makes the syncing user the deal's owner and
 * tracks when its stage last changed, so crm-sync's upserts keep both current without risk code.
 */
export class DealRiskTables1764100000000 implements MigrationInterface {
  name = 'DealRiskTables1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "deal_team_members" ("deal_id" uuid NOT NULL, "user_id" text NOT NULL, "role" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "deal_team_members_role_check" CHECK (role IN ('owner', 'member')),
        CONSTRAINT "PK_a5235b0845490eb6c06d38b4015" PRIMARY KEY ("deal_id", "user_id"),
        CONSTRAINT "FK_deal_team_members_deal" FOREIGN KEY ("deal_id") REFERENCES "deals"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "deal_team_members_user_idx" ON "deal_team_members" ("user_id")`);
    await queryRunner.query(
      `CREATE TABLE "deal_timeline_entries" ("deal_id" uuid NOT NULL, "source" text NOT NULL, "message_id" uuid NOT NULL, "direction" text,
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "contact_ids" uuid array NOT NULL DEFAULT '{}',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "deal_timeline_entries_direction_check" CHECK (direction IS NULL OR direction IN ('inbound', 'outbound')),
        CONSTRAINT "deal_timeline_entries_source_check" CHECK (source IN ('slack', 'gmail', 'calendar', 'meeting_bot', 'note')),
        CONSTRAINT "PK_0ec3338ebd7b511c0b5ec4732b3" PRIMARY KEY ("deal_id", "source", "message_id"),
        CONSTRAINT "FK_deal_timeline_entries_deal" FOREIGN KEY ("deal_id") REFERENCES "deals"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "deal_timeline_entries_deal_occurred_idx" ON "deal_timeline_entries" ("deal_id", "occurred_at")`);
    await queryRunner.query(
      `CREATE TABLE "deal_risk_aggregates" ("deal_id" uuid NOT NULL, "stage" text, "stage_since" TIMESTAMP WITH TIME ZONE,
        "inbound_count" integer NOT NULL DEFAULT '0', "outbound_count" integer NOT NULL DEFAULT '0',
        "first_inbound_at" TIMESTAMP WITH TIME ZONE, "last_inbound_at" TIMESTAMP WITH TIME ZONE, "previous_inbound_at" TIMESTAMP WITH TIME ZONE,
        "last_outbound_at" TIMESTAMP WITH TIME ZONE, "last_meeting_at" TIMESTAMP WITH TIME ZONE,
        "engaged_contact_ids" uuid array NOT NULL DEFAULT '{}', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_aedc52c03b3314c6bde595a82cd" PRIMARY KEY ("deal_id"),
        CONSTRAINT "FK_deal_risk_aggregates_deal" FOREIGN KEY ("deal_id") REFERENCES "deals"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE TABLE "deal_notes" ("id" uuid NOT NULL, "deal_id" uuid NOT NULL, "author_user_id" text NOT NULL, "body" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_e5599f82c340bde2fd84ddd4f53" PRIMARY KEY ("id"),
        CONSTRAINT "FK_deal_notes_deal" FOREIGN KEY ("deal_id") REFERENCES "deals"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "deal_notes_deal_created_idx" ON "deal_notes" ("deal_id", "created_at")`);

    // now() is the sync transaction's time, the clock crm-sync's synced_at uses.
    await queryRunner.query(`
      CREATE FUNCTION "deal_risk_track"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO deal_team_members (deal_id, user_id, role) VALUES (NEW.id, NEW.user_id, 'owner')
        ON CONFLICT (deal_id, user_id) DO UPDATE SET role = 'owner';
        INSERT INTO deal_risk_aggregates (deal_id, stage, stage_since) VALUES (NEW.id, NEW.stage, now())
        ON CONFLICT (deal_id) DO UPDATE SET stage = EXCLUDED.stage, stage_since = EXCLUDED.stage_since
        WHERE deal_risk_aggregates.stage IS DISTINCT FROM EXCLUDED.stage OR deal_risk_aggregates.stage_since IS NULL;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "deals_risk_track" AFTER INSERT OR UPDATE OF stage, user_id ON "deals" FOR EACH ROW EXECUTE FUNCTION "deal_risk_track"()`,
    );
    await queryRunner.query(`INSERT INTO deal_team_members (deal_id, user_id, role) SELECT id, user_id, 'owner' FROM deals ON CONFLICT DO NOTHING`);
    await queryRunner.query(`INSERT INTO deal_risk_aggregates (deal_id, stage, stage_since) SELECT id, stage, synced_at FROM deals ON CONFLICT DO NOTHING`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "deals_risk_track" ON "deals"`);
    await queryRunner.query(`DROP FUNCTION "deal_risk_track"()`);
    await queryRunner.query(`DROP TABLE "deal_notes"`);
    await queryRunner.query(`DROP TABLE "deal_risk_aggregates"`);
    await queryRunner.query(`DROP TABLE "deal_timeline_entries"`);
    await queryRunner.query(`DROP TABLE "deal_team_members"`);
  }
}
