import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddFilingsAndAssistance1795350271032 implements MigrationInterface {
  name = 'AddFilingsAndAssistance1795350271032';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "assistance_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "incident_id" uuid NOT NULL, "controller_id" uuid NOT NULL, "minutes" integer NOT NULL, "description" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "by_key_id" uuid, "by_role" character varying(16) NOT NULL, CONSTRAINT "ck_assistance_entry_minutes" CHECK ("minutes" > 0), CONSTRAINT "pk_assistance_entry" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assistance_entry_controller" ON "assistance_entry" ("controller_id", "at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "controller_instruction" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "controller_id" uuid NOT NULL, "scope" character varying(32) NOT NULL, "given_by" character varying(200) NOT NULL, "given_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reference" character varying(500) NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by_key_id" uuid, CONSTRAINT "ck_controller_instruction_scope" CHECK ("scope" IN ('authority-notification', 'data-subject-notice')), CONSTRAINT "pk_controller_instruction" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_controller_instruction_controller" ON "controller_instruction" ("controller_id", "scope") `,
    );
    await queryRunner.query(
      `CREATE TABLE "filing" ("id" uuid NOT NULL, "incident_id" uuid NOT NULL, "obligation_id" uuid NOT NULL, "controller_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "phase" character varying(16) NOT NULL, "language" character varying(8) NOT NULL, "channel" character varying(16) NOT NULL, "recipient" character varying(2000) NOT NULL, "sent_by" character varying(200), "via" character varying(200), "reasons_for_delay" text, "status" character varying(16) NOT NULL, "delivered_at" TIMESTAMP WITH TIME ZONE, "lease_until" TIMESTAMP WITH TIME ZONE, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledged_by_key_id" uuid, "field_texts" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_by_key_id" uuid, "created_by_role" character varying(16) NOT NULL, CONSTRAINT "ck_filing_delivered_at" CHECK (("status" = 'delivered') = ("delivered_at" IS NOT NULL)), CONSTRAINT "ck_filing_manual_named" CHECK ("channel" <> 'manual' OR ("sent_by" IS NOT NULL AND "via" IS NOT NULL)), CONSTRAINT "ck_filing_phase" CHECK ("phase" IN ('initial', 'follow-up', 'final')), CONSTRAINT "ck_filing_status" CHECK ("status" IN ('pending', 'delivered', 'failed')), CONSTRAINT "ck_filing_channel" CHECK ("channel" IN ('email', 'webhook', 'manual')), CONSTRAINT "pk_filing" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_filing_pending" ON "filing" ("lease_until") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_filing_obligation" ON "filing" ("obligation_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "filing_attempt" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "filing_id" uuid NOT NULL, "attempt" integer NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "ok" boolean NOT NULL, "detail" text NOT NULL, CONSTRAINT "pk_filing_attempt" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_filing_attempt_filing" ON "filing_attempt" ("filing_id", "attempt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "filing_document" ("filing_id" uuid NOT NULL, "format" character varying(8) NOT NULL, "content_type" character varying(100) NOT NULL, "content" bytea NOT NULL, "sha256" character(64) NOT NULL, CONSTRAINT "ck_filing_document_format" CHECK ("format" IN ('html', 'txt', 'pdf', 'json')), CONSTRAINT "pk_filing_document" PRIMARY KEY ("filing_id", "format"))`,
    );
    await queryRunner.query(`ALTER TABLE "data_controller" ADD "webhook_secret" character varying(100)`);
    await queryRunner.query(
      `ALTER TABLE "assistance_entry" ADD CONSTRAINT "fk_assistance_entry_incident" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assistance_entry" ADD CONSTRAINT "fk_assistance_entry_controller" FOREIGN KEY ("controller_id") REFERENCES "data_controller"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "controller_instruction" ADD CONSTRAINT "fk_controller_instruction_controller" FOREIGN KEY ("controller_id") REFERENCES "data_controller"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "filing" ADD CONSTRAINT "fk_filing_obligation" FOREIGN KEY ("obligation_id") REFERENCES "obligation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "filing_attempt" ADD CONSTRAINT "fk_filing_attempt_filing" FOREIGN KEY ("filing_id") REFERENCES "filing"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "filing_document" ADD CONSTRAINT "fk_filing_document_filing" FOREIGN KEY ("filing_id") REFERENCES "filing"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Documents are kept exactly as sent: the database refuses to change or remove one.
    await queryRunner.query(
      `CREATE FUNCTION "filing_document_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'filing_document is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
       END
       $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "tr_filing_document_append_only" BEFORE UPDATE OR DELETE ON "filing_document"
       FOR EACH ROW EXECUTE FUNCTION "filing_document_append_only"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_filing_document_append_only" ON "filing_document"`);
    await queryRunner.query(`DROP FUNCTION "filing_document_append_only"()`);
    await queryRunner.query(`ALTER TABLE "filing_document" DROP CONSTRAINT "fk_filing_document_filing"`);
    await queryRunner.query(`ALTER TABLE "filing_attempt" DROP CONSTRAINT "fk_filing_attempt_filing"`);
    await queryRunner.query(`ALTER TABLE "filing" DROP CONSTRAINT "fk_filing_obligation"`);
    await queryRunner.query(
      `ALTER TABLE "controller_instruction" DROP CONSTRAINT "fk_controller_instruction_controller"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assistance_entry" DROP CONSTRAINT "fk_assistance_entry_controller"`,
    );
    await queryRunner.query(`ALTER TABLE "assistance_entry" DROP CONSTRAINT "fk_assistance_entry_incident"`);
    await queryRunner.query(`ALTER TABLE "data_controller" DROP COLUMN "webhook_secret"`);
    await queryRunner.query(`DROP TABLE "filing_document"`);
    await queryRunner.query(`DROP INDEX "public"."ix_filing_attempt_filing"`);
    await queryRunner.query(`DROP TABLE "filing_attempt"`);
    await queryRunner.query(`DROP INDEX "public"."ix_filing_obligation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_filing_pending"`);
    await queryRunner.query(`DROP TABLE "filing"`);
    await queryRunner.query(`DROP INDEX "public"."ix_controller_instruction_controller"`);
    await queryRunner.query(`DROP TABLE "controller_instruction"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assistance_entry_controller"`);
    await queryRunner.query(`DROP TABLE "assistance_entry"`);
  }
}
