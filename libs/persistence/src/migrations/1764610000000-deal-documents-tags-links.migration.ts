import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Risk's deal documents (folders with an explicit allow/deny ACL, documents stored under the
 * tenant-pinned prefix), tenant tags with their deal pivot, and deal timeline links whose
 * `related_type` is limited to the four linkable entity types. See docs/deal-documents.md.
 */
export class DealDocumentsTagsLinks1764610000000 implements MigrationInterface {
  name = 'DealDocumentsTagsLinks1764610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "deal_folders" ("id" uuid NOT NULL, "deal_id" uuid NOT NULL, "name" text NOT NULL, "team_access" boolean NOT NULL DEFAULT true,
        "created_by_user_id" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "deal_folders_deal_name_key" UNIQUE ("deal_id", "name"), CONSTRAINT "deal_folders_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "FK_deal_folders_deal" FOREIGN KEY ("deal_id") REFERENCES "deals"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE TABLE "deal_folder_acl_entries" ("folder_id" uuid NOT NULL, "user_id" text NOT NULL, "effect" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "deal_folder_acl_entries_effect_check" CHECK (effect IN ('allow', 'deny')),
        CONSTRAINT "deal_folder_acl_entries_pkey" PRIMARY KEY ("folder_id", "user_id"),
        CONSTRAINT "FK_deal_folder_acl_entries_folder" FOREIGN KEY ("folder_id") REFERENCES "deal_folders"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE TABLE "deal_documents" ("id" uuid NOT NULL, "deal_id" uuid NOT NULL, "folder_id" uuid NOT NULL, "storage_name" text NOT NULL,
        "file_name" text NOT NULL, "mime_type" text NOT NULL, "size_bytes" integer NOT NULL, "uploaded_by_user_id" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "deal_documents_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "FK_deal_documents_deal" FOREIGN KEY ("deal_id") REFERENCES "deals"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "FK_deal_documents_folder" FOREIGN KEY ("folder_id") REFERENCES "deal_folders"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "deal_documents_folder_created_idx" ON "deal_documents" ("folder_id", "created_at")`);
    await queryRunner.query(
      `CREATE TABLE "tags" ("id" uuid NOT NULL, "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "tags_name_key" UNIQUE ("name"), CONSTRAINT "tags_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "deal_tags" ("deal_id" uuid NOT NULL, "tag_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "deal_tags_pkey" PRIMARY KEY ("deal_id", "tag_id"),
        CONSTRAINT "FK_deal_tags_deal" FOREIGN KEY ("deal_id") REFERENCES "deals"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "FK_deal_tags_tag" FOREIGN KEY ("tag_id") REFERENCES "tags"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "deal_tags_tag_idx" ON "deal_tags" ("tag_id")`);
    await queryRunner.query(
      `CREATE TABLE "deal_timeline_links" ("id" uuid NOT NULL, "deal_id" uuid NOT NULL, "related_type" text NOT NULL, "related_id" uuid NOT NULL,
        "created_by_user_id" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "deal_timeline_links_target_key" UNIQUE ("deal_id", "related_type", "related_id"),
        CONSTRAINT "deal_timeline_links_related_type_check" CHECK (related_type IN ('deal', 'contact', 'message', 'calendar_event')),
        CONSTRAINT "deal_timeline_links_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "FK_deal_timeline_links_deal" FOREIGN KEY ("deal_id") REFERENCES "deals"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "deal_timeline_links"`);
    await queryRunner.query(`DROP TABLE "deal_tags"`);
    await queryRunner.query(`DROP TABLE "tags"`);
    await queryRunner.query(`DROP TABLE "deal_documents"`);
    await queryRunner.query(`DROP TABLE "deal_folder_acl_entries"`);
    await queryRunner.query(`DROP TABLE "deal_folders"`);
  }
}
