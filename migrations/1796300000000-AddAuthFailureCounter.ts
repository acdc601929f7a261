import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The failed-authentication count per client address moves from each instance's memory to the database, so that all
 * instances share one limit. UNLOGGED: a counter of the last minute need not survive a crash, and skips the WAL.
 */
export class AddAuthFailureCounter1796300000000 implements MigrationInterface {
  name = 'AddAuthFailureCounter1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNLOGGED TABLE "auth_failure" ("address" character varying(100) NOT NULL, "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "failures" integer NOT NULL, "blocked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_auth_failure_failures" CHECK ("failures" >= 1), CONSTRAINT "pk_auth_failure" PRIMARY KEY ("address"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "auth_failure"`);
  }
}
