import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each authority declares the languages of its form and of the notifications it receives. Existing rows get theirs
 * here (the built-in list sets them again at the next start); the column has no default, so a new row must say.
 * Denmark's Datatilsynet and Sweden's IMY get form styles of their own.
 */
export class AddAuthorityLanguages1796198400000 implements MigrationInterface {
  name = 'AddAuthorityLanguages1796198400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "authority" ADD "languages" character varying(8) array NOT NULL DEFAULT '{en}'`,
    );
    await queryRunner.query(
      `UPDATE "authority" SET "languages" = CASE
         WHEN "country" = 'NO' THEN '{nb,en}'
         WHEN "country" = 'DK' THEN '{da,en}'
         WHEN "country" = 'SE' THEN '{sv,en}'
         WHEN "country" IN ('DE', 'AT', 'CH') OR "form_style" = 'de-state' THEN '{de,en}'
         ELSE '{en}' END::character varying[]`,
    );
    await queryRunner.query(
      `UPDATE "authority" SET "form_style" = 'dk-datatilsynet' WHERE "id" = 'dk-datatilsynet'`,
    );
    await queryRunner.query(`UPDATE "authority" SET "form_style" = 'imy' WHERE "id" = 'se-imy'`);
    await queryRunner.query(`ALTER TABLE "authority" ALTER COLUMN "languages" DROP DEFAULT`);
    await queryRunner.query(
      `ALTER TABLE "authority" ADD CONSTRAINT "ck_authority_languages" CHECK (cardinality("languages") > 0 AND "languages" <@ ARRAY['en', 'nb', 'de', 'da', 'sv']::character varying[])`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "authority" DROP CONSTRAINT "ck_authority_languages"`);
    await queryRunner.query(
      `UPDATE "authority" SET "form_style" = 'datatilsynet' WHERE "form_style" = 'dk-datatilsynet'`,
    );
    await queryRunner.query(`UPDATE "authority" SET "form_style" = 'generic' WHERE "form_style" = 'imy'`);
    await queryRunner.query(`ALTER TABLE "authority" DROP COLUMN "languages"`);
  }
}
