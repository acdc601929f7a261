import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Regimes as data (GDPR, NIS2, DORA, …): each regime and its immutable versions, like agreements and theirs.
 */
export class AddRegimes1796600001000 implements MigrationInterface {
  name = 'AddRegimes1796600001000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "regime" ("id" character varying(64) NOT NULL, "current_version" integer NOT NULL, "builtin" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_regime_current_version" CHECK ("current_version" >= 1), CONSTRAINT "pk_regime" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "regime_version" ("regime_id" character varying(64) NOT NULL, "version" integer NOT NULL, "definition" jsonb NOT NULL, "source" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_regime_version_source" CHECK ("source" IN ('builtin', 'api')), CONSTRAINT "ck_regime_version_version" CHECK ("version" >= 1), CONSTRAINT "pk_regime_version" PRIMARY KEY ("regime_id", "version"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "regime_version" ADD CONSTRAINT "fk_regime_version_regime" FOREIGN KEY ("regime_id") REFERENCES "regime"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "regime_version" DROP CONSTRAINT "fk_regime_version_regime"`);
    await queryRunner.query(`DROP TABLE "regime_version"`);
    await queryRunner.query(`DROP TABLE "regime"`);
  }
}
