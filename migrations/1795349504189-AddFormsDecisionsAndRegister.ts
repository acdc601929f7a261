import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddFormsDecisionsAndRegister1795349504189 implements MigrationInterface {
  name = 'AddFormsDecisionsAndRegister1795349504189';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "decision" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" BIGSERIAL NOT NULL, "incident_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "value" character varying(32) NOT NULL, "reasoning" text NOT NULL, "public_communication" jsonb, "enisa" jsonb, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_by_key_id" uuid, "decided_by_role" character varying(16) NOT NULL, CONSTRAINT "ck_decision_public_communication" CHECK ("value" <> 'disproportionate-effort' OR "public_communication" IS NOT NULL), CONSTRAINT "ck_decision_value" CHECK (("kind" = 'risk' AND "value" IN ('no-risk', 'risk', 'high-risk')) OR ("kind" = 'art34-exception' AND "value" IN ('unintelligible', 'subsequent-measures', 'disproportionate-effort'))), CONSTRAINT "ck_decision_kind" CHECK ("kind" IN ('risk', 'art34-exception')), CONSTRAINT "pk_decision" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_decision_incident" ON "decision" ("incident_id", "seq") `);
    await queryRunner.query(
      `CREATE TABLE "form_answer" ("incident_id" uuid NOT NULL, "key" character varying(64) NOT NULL, "state" character varying(16) NOT NULL, "value" jsonb, "reason" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_by_key_id" uuid, "updated_by_role" character varying(16) NOT NULL, CONSTRAINT "ck_form_answer_na_has_reason" CHECK ("state" <> 'not-applicable' OR "reason" IS NOT NULL), CONSTRAINT "ck_form_answer_known_has_value" CHECK ("state" <> 'known' OR "value" IS NOT NULL), CONSTRAINT "ck_form_answer_state" CHECK ("state" IN ('known', 'unknown', 'not-applicable')), CONSTRAINT "pk_form_answer" PRIMARY KEY ("incident_id", "key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "form_phase" ("incident_id" uuid NOT NULL, "phase" character varying(16) NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "completed_by_key_id" uuid, "completed_by_role" character varying(16) NOT NULL, CONSTRAINT "ck_form_phase_phase" CHECK ("phase" IN ('initial', 'scope', 'impact', 'response', 'communication')), CONSTRAINT "pk_form_phase" PRIMARY KEY ("incident_id", "phase"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "authority" ADD "form_style" character varying(16) NOT NULL DEFAULT 'generic'`,
    );
    await queryRunner.query(`ALTER TABLE "obligation" ADD "closed_by_decision_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "decision" ADD CONSTRAINT "fk_decision_incident" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "obligation" ADD CONSTRAINT "fk_obligation_closed_by_decision" FOREIGN KEY ("closed_by_decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "form_answer" ADD CONSTRAINT "fk_form_answer_incident" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "form_phase" ADD CONSTRAINT "fk_form_phase_incident" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "form_phase" DROP CONSTRAINT "fk_form_phase_incident"`);
    await queryRunner.query(`ALTER TABLE "form_answer" DROP CONSTRAINT "fk_form_answer_incident"`);
    await queryRunner.query(`ALTER TABLE "obligation" DROP CONSTRAINT "fk_obligation_closed_by_decision"`);
    await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "fk_decision_incident"`);
    await queryRunner.query(`ALTER TABLE "obligation" DROP COLUMN "closed_by_decision_id"`);
    await queryRunner.query(`ALTER TABLE "authority" DROP COLUMN "form_style"`);
    await queryRunner.query(`DROP TABLE "form_phase"`);
    await queryRunner.query(`DROP TABLE "form_answer"`);
    await queryRunner.query(`DROP INDEX "public"."ix_decision_incident"`);
    await queryRunner.query(`DROP TABLE "decision"`);
  }
}
