import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every obligation carries its regime, stage and the regime version it was made under, with a copy of the stage
 * (`rule`). Rows made before are GDPR's hops at version 1 of the built-in gdpr regime (`stage` = `hop`). Another
 * regime's stage has no hop and no agreement; a duty of ours (NIS2) has no controller. A controller lists the regimes
 * it is under besides GDPR (DORA for a financial entity).
 */
export class AddObligationRegimes1796600002000 implements MigrationInterface {
  name = 'AddObligationRegimes1796600002000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "data_controller" ADD "regimes" character varying(64) array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `ALTER TABLE "obligation" ADD "regime" character varying(64) NOT NULL DEFAULT 'gdpr'`,
    );
    await queryRunner.query(`ALTER TABLE "obligation" ADD "regime_version" integer NOT NULL DEFAULT 1`);
    await queryRunner.query(`ALTER TABLE "obligation" ALTER COLUMN "regime_version" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "obligation" ADD "stage" character varying(64)`);
    await queryRunner.query(`UPDATE "obligation" SET "stage" = "hop"`);
    await queryRunner.query(`ALTER TABLE "obligation" ALTER COLUMN "stage" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "obligation" ADD "occurrence" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(`ALTER TABLE "obligation" ADD "rule" jsonb`);
    await queryRunner.query(`ALTER TABLE "obligation" ADD "anchors" jsonb NOT NULL DEFAULT '{}'`);
    for (const column of [
      'hop',
      'controller_id',
      'window_hours',
      'agreement_id',
      'agreement_version',
      'terms',
    ]) {
      await queryRunner.query(`ALTER TABLE "obligation" ALTER COLUMN "${column}" DROP NOT NULL`);
    }
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_obligation_stage_ours" ON "obligation" ("incident_id", "regime", "stage", "occurrence") WHERE "controller_id" IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_obligation_stage_controller" ON "obligation" ("incident_id", "regime", "stage", "controller_id", "occurrence") WHERE "controller_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "obligation" ADD CONSTRAINT "ck_obligation_occurrence" CHECK ("occurrence" >= 1)`,
    );
    await queryRunner.query(
      `ALTER TABLE "obligation" ADD CONSTRAINT "ck_obligation_regime_hop" CHECK ("regime" = 'gdpr' OR "hop" IS NULL)`,
    );
    await queryRunner.query(
      `ALTER TABLE "obligation" ADD CONSTRAINT "ck_obligation_gdpr_hop" CHECK ("regime" <> 'gdpr' OR ("hop" IS NOT NULL AND "stage" = "hop" AND "controller_id" IS NOT NULL AND "agreement_id" IS NOT NULL AND "agreement_version" IS NOT NULL AND "terms" IS NOT NULL AND "window_hours" IS NOT NULL))`,
    );
    await queryRunner.query(`ALTER TABLE "obligation" DROP CONSTRAINT "ck_obligation_anchor_source"`);
    await queryRunner.query(
      `ALTER TABLE "obligation" ADD CONSTRAINT "ck_obligation_anchor_source" CHECK ("anchor_source" IS NULL OR "anchor_source" IN ('processor-awareness', 'delivery', 'acknowledgement', 'manual', 'decision', 'classification', 'submission'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "obligation" WHERE "regime" <> 'gdpr'`);
    await queryRunner.query(`ALTER TABLE "obligation" DROP CONSTRAINT "ck_obligation_anchor_source"`);
    await queryRunner.query(
      `ALTER TABLE "obligation" ADD CONSTRAINT "ck_obligation_anchor_source" CHECK ("anchor_source" IS NULL OR "anchor_source" IN ('processor-awareness', 'delivery', 'acknowledgement', 'manual', 'decision'))`,
    );
    await queryRunner.query(`ALTER TABLE "obligation" DROP CONSTRAINT "ck_obligation_gdpr_hop"`);
    await queryRunner.query(`ALTER TABLE "obligation" DROP CONSTRAINT "ck_obligation_regime_hop"`);
    await queryRunner.query(`ALTER TABLE "obligation" DROP CONSTRAINT "ck_obligation_occurrence"`);
    await queryRunner.query(`DROP INDEX "public"."uq_obligation_stage_controller"`);
    await queryRunner.query(`DROP INDEX "public"."uq_obligation_stage_ours"`);
    for (const column of [
      'terms',
      'agreement_version',
      'agreement_id',
      'window_hours',
      'controller_id',
      'hop',
    ]) {
      await queryRunner.query(`ALTER TABLE "obligation" ALTER COLUMN "${column}" SET NOT NULL`);
    }
    for (const column of ['anchors', 'rule', 'occurrence', 'stage', 'regime_version', 'regime']) {
      await queryRunner.query(`ALTER TABLE "obligation" DROP COLUMN "${column}"`);
    }
    await queryRunner.query(`ALTER TABLE "data_controller" DROP COLUMN "regimes"`);
  }
}
