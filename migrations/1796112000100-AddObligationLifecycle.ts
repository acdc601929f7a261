import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One obligation lifecycle: what each anchor rests on, the first time our notice reached the controller (its awareness
 * at the latest), an authority notification met before the controller's awareness is known, whether a filing meets its
 * obligation, who decided by name, and whether our awareness was defaulted.
 */
export class AddObligationLifecycle1796112000100 implements MigrationInterface {
  name = 'AddObligationLifecycle1796112000100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "obligation" ADD "anchor_source" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "obligation" ADD "notice_reached_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "obligation" ADD "notice_filing_id" uuid`);
    // What the anchors of existing rows rest on, as far as the rows say.
    await queryRunner.query(
      `UPDATE "obligation" SET "anchor_source" = CASE "hop" WHEN 'processor-to-controller' THEN 'processor-awareness' WHEN 'controller-to-data-subjects' THEN 'decision' ELSE 'manual' END WHERE "anchor_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `UPDATE "obligation" SET "anchor_source" = 'delivery' WHERE "hop" = 'controller-to-authority' AND "anchor_reason" LIKE 'Our notice delivered%'`,
    );
    await queryRunner.query(
      `UPDATE "obligation" SET "anchor_source" = 'acknowledgement' WHERE "hop" = 'controller-to-authority' AND "anchor_reason" LIKE 'Acknowledged our notice%'`,
    );
    await queryRunner.query(
      `ALTER TABLE "obligation" ADD CONSTRAINT "ck_obligation_anchor_source" CHECK ("anchor_source" IS NULL OR "anchor_source" IN ('processor-awareness', 'delivery', 'acknowledgement', 'manual', 'decision'))`,
    );
    await queryRunner.query(`ALTER TABLE "obligation" DROP CONSTRAINT "ck_obligation_running_has_anchor"`);
    await queryRunner.query(
      `ALTER TABLE "obligation" ADD CONSTRAINT "ck_obligation_open_has_anchor" CHECK ("status" <> 'open' OR "anchor_at" IS NOT NULL)`,
    );
    await queryRunner.query(
      `ALTER TABLE "obligation" ADD CONSTRAINT "ck_obligation_met_has_anchor" CHECK ("status" NOT IN ('met', 'met-late') OR "anchor_at" IS NOT NULL OR "hop" = 'controller-to-authority')`,
    );
    await queryRunner.query(
      `ALTER TABLE "incident" ADD "processor_aware_at_defaulted" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE "filing" ADD "meets_obligation" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`ALTER TABLE "filing" ADD "not_meeting_reason" text`);
    await queryRunner.query(`ALTER TABLE "decision" ADD "decided_by_label" character varying(200)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "decision" DROP COLUMN "decided_by_label"`);
    await queryRunner.query(`ALTER TABLE "filing" DROP COLUMN "not_meeting_reason"`);
    await queryRunner.query(`ALTER TABLE "filing" DROP COLUMN "meets_obligation"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP COLUMN "processor_aware_at_defaulted"`);
    await queryRunner.query(`ALTER TABLE "obligation" DROP CONSTRAINT "ck_obligation_met_has_anchor"`);
    await queryRunner.query(`ALTER TABLE "obligation" DROP CONSTRAINT "ck_obligation_open_has_anchor"`);
    await queryRunner.query(
      `ALTER TABLE "obligation" ADD CONSTRAINT "ck_obligation_running_has_anchor" CHECK ("status" NOT IN ('open', 'met', 'met-late') OR "anchor_at" IS NOT NULL)`,
    );
    await queryRunner.query(`ALTER TABLE "obligation" DROP CONSTRAINT "ck_obligation_anchor_source"`);
    await queryRunner.query(`ALTER TABLE "obligation" DROP COLUMN "notice_filing_id"`);
    await queryRunner.query(`ALTER TABLE "obligation" DROP COLUMN "notice_reached_at"`);
    await queryRunner.query(`ALTER TABLE "obligation" DROP COLUMN "anchor_source"`);
  }
}
