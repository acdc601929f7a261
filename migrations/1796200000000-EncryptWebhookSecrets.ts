import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook secrets are kept encrypted (AES-256-GCM under SECRETS_KEY): the column is widened for the sealed form, and
 * the database refuses a plain one from now on. The migration cannot encrypt the rows already there: the key lives
 * outside the database, and migrations never see it. The service seals them at its next start
 * (DataControllersService.sealPlainWebhookSecrets), in the same start-up that applies this migration; hence
 * NOT VALID: the check holds for every row written from now on, without failing on the old rows it is about to seal.
 */
export class EncryptWebhookSecrets1796200000000 implements MigrationInterface {
  name = 'EncryptWebhookSecrets1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "data_controller" ALTER COLUMN "webhook_secret" TYPE character varying(400)`,
    );
    await queryRunner.query(
      `ALTER TABLE "data_controller" ADD CONSTRAINT "ck_data_controller_webhook_secret_sealed" CHECK ("webhook_secret" IS NULL OR "webhook_secret" LIKE 'aes-256-gcm:v1:%') NOT VALID`,
    );
  }

  /** The sealed secrets cannot be decrypted here (no key), nor fit the old column: they are dropped; make new ones. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "data_controller" DROP CONSTRAINT "ck_data_controller_webhook_secret_sealed"`,
    );
    await queryRunner.query(
      `UPDATE "data_controller" SET "webhook_secret" = NULL WHERE "webhook_secret" LIKE 'aes-256-gcm:v1:%'`,
    );
    await queryRunner.query(
      `ALTER TABLE "data_controller" ALTER COLUMN "webhook_secret" TYPE character varying(100)`,
    );
  }
}
