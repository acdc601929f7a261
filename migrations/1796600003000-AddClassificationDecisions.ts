import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Classification decisions: a decision's kind may be a regime's classification id (NIS2's significant-incident, DORA's
 * major-ict-incident, …), valued yes or no, with the criteria weighed. GDPR's kinds keep their values.
 */
export class AddClassificationDecisions1796600003000 implements MigrationInterface {
  name = 'AddClassificationDecisions1796600003000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "decision" ADD "criteria" jsonb`);
    await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "ck_decision_kind"`);
    await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "ck_decision_value"`);
    await queryRunner.query(`ALTER TABLE "decision" ALTER COLUMN "kind" TYPE character varying(64)`);
    await queryRunner.query(
      `ALTER TABLE "decision" ADD CONSTRAINT "ck_decision_kind" CHECK ("kind" ~ '^[a-z][a-z0-9-]*$')`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision" ADD CONSTRAINT "ck_decision_value" CHECK (("kind" = 'risk' AND "value" IN ('no-risk', 'risk', 'high-risk')) OR ("kind" = 'art34-exception' AND "value" IN ('unintelligible', 'subsequent-measures', 'disproportionate-effort')) OR ("kind" = 'not-a-personal-data-breach' AND "value" IN ('no-personal-data', 'no-breach-of-security', 'withdrawn')) OR ("kind" NOT IN ('risk', 'art34-exception', 'not-a-personal-data-breach') AND "value" IN ('yes', 'no')))`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision" ADD CONSTRAINT "ck_decision_criteria" CHECK ("criteria" IS NULL OR "kind" NOT IN ('risk', 'art34-exception', 'not-a-personal-data-breach'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM "decision" WHERE "kind" NOT IN ('risk', 'art34-exception', 'not-a-personal-data-breach')`,
    );
    await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "ck_decision_criteria"`);
    await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "ck_decision_value"`);
    await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "ck_decision_kind"`);
    await queryRunner.query(`ALTER TABLE "decision" ALTER COLUMN "kind" TYPE character varying(32)`);
    await queryRunner.query(
      `ALTER TABLE "decision" ADD CONSTRAINT "ck_decision_kind" CHECK ("kind" IN ('risk', 'art34-exception', 'not-a-personal-data-breach'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision" ADD CONSTRAINT "ck_decision_value" CHECK (("kind" = 'risk' AND "value" IN ('no-risk', 'risk', 'high-risk')) OR ("kind" = 'art34-exception' AND "value" IN ('unintelligible', 'subsequent-measures', 'disproportionate-effort')) OR ("kind" = 'not-a-personal-data-breach' AND "value" IN ('no-personal-data', 'no-breach-of-security', 'withdrawn')))`,
    );
    await queryRunner.query(`ALTER TABLE "decision" DROP COLUMN "criteria"`);
  }
}
