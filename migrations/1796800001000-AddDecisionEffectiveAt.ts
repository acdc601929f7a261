import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A classification decision's `effective_at`: when the classification really took effect (on-call staff classify first
 * and record later). The stages it governs run from it; null means from when it was recorded. Only a regime's
 * classification takes it.
 */
export class AddDecisionEffectiveAt1796800001000 implements MigrationInterface {
  name = 'AddDecisionEffectiveAt1796800001000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "decision" ADD "effective_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "decision" ADD CONSTRAINT "ck_decision_effective_at" CHECK ("effective_at" IS NULL OR ("kind" NOT IN ('risk', 'art34-exception', 'not-a-personal-data-breach') AND "effective_at" <= "decided_at"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "ck_decision_effective_at"`);
    await queryRunner.query(`ALTER TABLE "decision" DROP COLUMN "effective_at"`);
  }
}
