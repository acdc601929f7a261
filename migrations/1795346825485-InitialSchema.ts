import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795346825485 implements MigrationInterface {
  name = 'InitialSchema1795346825485';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "agreement" ("id" character varying(64) NOT NULL, "current_version" integer NOT NULL, "builtin" boolean NOT NULL DEFAULT false, "builtin_hash" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_agreement_current_version" CHECK ("current_version" >= 1), CONSTRAINT "pk_agreement" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "agreement_version" ("agreement_id" character varying(64) NOT NULL, "version" integer NOT NULL, "profile" jsonb NOT NULL, "source" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_agreement_version_source" CHECK ("source" IN ('builtin', 'api')), CONSTRAINT "ck_agreement_version_version" CHECK ("version" >= 1), CONSTRAINT "pk_agreement_version" PRIMARY KEY ("agreement_id", "version"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "authority" ("id" character varying(64) NOT NULL, "name" character varying(300) NOT NULL, "country" character(2) NOT NULL, "website" character varying(300) NOT NULL, "notification_channel" jsonb NOT NULL, "time_zone" character varying(64) NOT NULL, "builtin" boolean NOT NULL DEFAULT true, CONSTRAINT "pk_authority" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "data_controller" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(300) NOT NULL, "organisation_number" character varying(64), "country" character(2) NOT NULL, "authority_id" character varying(64) NOT NULL, "time_zone" character varying(64) NOT NULL, "agreement_id" character varying(64) NOT NULL, "language" character varying(8) NOT NULL, "breach_contact" jsonb NOT NULL, "dpo" jsonb NOT NULL, "webhook_url" character varying(2000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_data_controller_language" CHECK ("language" IN ('en', 'nb', 'de')), CONSTRAINT "pk_data_controller" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_version" ADD CONSTRAINT "fk_agreement_version_agreement" FOREIGN KEY ("agreement_id") REFERENCES "agreement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "data_controller" ADD CONSTRAINT "fk_data_controller_authority" FOREIGN KEY ("authority_id") REFERENCES "authority"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "data_controller" ADD CONSTRAINT "fk_data_controller_agreement" FOREIGN KEY ("agreement_id") REFERENCES "agreement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "data_controller" DROP CONSTRAINT "fk_data_controller_agreement"`);
    await queryRunner.query(`ALTER TABLE "data_controller" DROP CONSTRAINT "fk_data_controller_authority"`);
    await queryRunner.query(
      `ALTER TABLE "agreement_version" DROP CONSTRAINT "fk_agreement_version_agreement"`,
    );
    await queryRunner.query(`DROP TABLE "data_controller"`);
    await queryRunner.query(`DROP TABLE "authority"`);
    await queryRunner.query(`DROP TABLE "agreement_version"`);
    await queryRunner.query(`DROP TABLE "agreement"`);
  }
}
