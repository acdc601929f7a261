import { MigrationInterface, QueryRunner } from 'typeorm';

/** A decision that the incident is not a personal data breach at all, and its withdrawal. */
export class AddNotAPersonalDataBreachDecision1796112000000 implements MigrationInterface {
  name = 'AddNotAPersonalDataBreachDecision1796112000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "ck_decision_value"`);
    await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "ck_decision_kind"`);
    await queryRunner.query(`ALTER TABLE "decision" ALTER COLUMN "kind" TYPE character varying(32)`);
    await queryRunner.query(
      `ALTER TABLE "decision" ADD CONSTRAINT "ck_decision_kind" CHECK ("kind" IN ('risk', 'art34-exception', 'not-a-personal-data-breach'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision" ADD CONSTRAINT "ck_decision_value" CHECK (("kind" = 'risk' AND "value" IN ('no-risk', 'risk', 'high-risk')) OR ("kind" = 'art34-exception' AND "value" IN ('unintelligible', 'subsequent-measures', 'disproportionate-effort')) OR ("kind" = 'not-a-personal-data-breach' AND "value" IN ('no-personal-data', 'no-breach-of-security', 'withdrawn')))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "ck_decision_value"`);
    await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "ck_decision_kind"`);
    await queryRunner.query(`ALTER TABLE "decision" ALTER COLUMN "kind" TYPE character varying(16)`);
    await queryRunner.query(
      `ALTER TABLE "decision" ADD CONSTRAINT "ck_decision_kind" CHECK ("kind" IN ('risk', 'art34-exception'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision" ADD CONSTRAINT "ck_decision_value" CHECK (("kind" = 'risk' AND "value" IN ('no-risk', 'risk', 'high-risk')) OR ("kind" = 'art34-exception' AND "value" IN ('unintelligible', 'subsequent-measures', 'disproportionate-effort')))`,
    );
  }
}
