import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deadlines real agreements use (issue 15): the breach's confirmation is a fact on the incident, and a second anchor
 * for the processor → controller obligation where the agreement counts hours from it; business days are counted in
 * the controller's calendar (country and zone), kept on the obligation as they were when it was made, like its terms;
 * and which of the agreement's limits set the due time.
 */
export class AddDeadlineAnchorsAndCalendar1796700001000 implements MigrationInterface {
  name = 'AddDeadlineAnchorsAndCalendar1796700001000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "incident" ADD "breach_confirmed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "obligation" ADD "confirmed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "obligation" ADD "calendar_country" character(2)`);
    await queryRunner.query(`ALTER TABLE "obligation" ADD "calendar_zone" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "obligation" ADD "due_limit" character varying(16)`);
    await queryRunner.query(
      `ALTER TABLE "obligation" ADD CONSTRAINT "ck_obligation_calendar" CHECK (("calendar_country" IS NULL) = ("calendar_zone" IS NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "obligation" ADD CONSTRAINT "ck_obligation_due_limit" CHECK ("due_limit" IS NULL OR "due_limit" IN ('hours', 'business-days', 'backstop', 'confirmation'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "obligation" DROP CONSTRAINT "ck_obligation_due_limit"`);
    await queryRunner.query(`ALTER TABLE "obligation" DROP CONSTRAINT "ck_obligation_calendar"`);
    await queryRunner.query(`ALTER TABLE "obligation" DROP COLUMN "due_limit"`);
    await queryRunner.query(`ALTER TABLE "obligation" DROP COLUMN "calendar_zone"`);
    await queryRunner.query(`ALTER TABLE "obligation" DROP COLUMN "calendar_country"`);
    await queryRunner.query(`ALTER TABLE "obligation" DROP COLUMN "confirmed_at"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP COLUMN "breach_confirmed_at"`);
  }
}
